// Русские сообщения: secretariat.
import type { secretariat as en } from "../en/secretariat";

export const secretariat: Record<keyof typeof en, string> = {
};
