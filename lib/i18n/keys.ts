// The catalog's keys as a type only, for the layers below the presentation layer: they name a message, they never render one.
import type { en } from "./messages/en";

export type MessageKey = keyof typeof en;
