// The column helpers every table module shares.
import { integer } from "drizzle-orm/sqlite-core";

export const instant = (name: string) => integer(name); // UTC epoch ms; converted to Geneva time only at the edges
