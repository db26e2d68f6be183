// English messages: member.
export const member = {
} as const;
