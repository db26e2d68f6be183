// English messages: review.
export const review = {
} as const;
