// Русские сообщения: review.
import type { review as en } from "../en/review";

export const review: Record<keyof typeof en, string> = {
};
