// English messages: report.
export const report = {
} as const;
