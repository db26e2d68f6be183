// English messages: secretariat.
export const secretariat = {
} as const;
