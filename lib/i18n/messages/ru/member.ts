// Русские сообщения: member.
import type { member as en } from "../en/member";

export const member: Record<keyof typeof en, string> = {
};
