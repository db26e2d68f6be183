// English messages: api.
export const api = {
} as const;
