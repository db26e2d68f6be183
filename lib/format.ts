// Plain-English labels shared by pages and client forms: file sizes, hashes, statuses. Pure, no I/O.
import type { ContributionStatus, LateRequestStatus } from "@/db/schema";

const MB = 1024 * 1024;
const KB = 1024;
const count = new Intl.NumberFormat("en-GB");
const oneDecimal = new Intl.NumberFormat("en-GB", { maximumFractionDigits: 1 });

/** "1.2 MB (1,234,567 bytes)"; "12.1 KB (12,345 bytes)"; "512 bytes". Megabytes of 1024 × 1024 bytes, as the upload limit. */
export function formatBytes(n: number): string {
  const bytes = `${count.format(n)} ${n === 1 ? "byte" : "bytes"}`;
  if (n >= MB) return `${oneDecimal.format(n / MB)} MB (${bytes})`;
  if (n >= KB) return `${oneDecimal.format(n / KB)} KB (${bytes})`;
  return bytes;
}

/** The upload limit as people say it: "50 MB". */
export function formatLimit(n: number): string {
  return n >= MB ? `${oneDecimal.format(n / MB)} MB` : `${oneDecimal.format(n / KB)} KB`;
}

/** The first characters of a SHA-256, enough to tell versions apart on screen. */
export function shortHash(sha256: string): string {
  return `${sha256.slice(0, 12)}…`;
}

export const CONTRIBUTION_STATUS_LABEL: Record<ContributionStatus, string> = {
  active: "In the meeting",
  withdrawn: "Withdrawn",
  late_request: "Late request — awaiting decision",
  deferred: "Deferred to the next meeting",
  reissued_td: "Reissued as a TD",
  declined: "Declined",
};

export const LATE_REQUEST_STATUS_LABEL: Record<LateRequestStatus, string> = {
  awaiting_decision: "Awaiting the secretariat's decision",
  admitted: "Admitted to the meeting",
  deferred: "Deferred to the next meeting",
  reissued_td: "Reissued as a TD",
  declined: "Declined",
};

/** The late request's status in words; an unknown status is shown as stored rather than hidden. */
export function lateRequestStatusLabel(status: string): string {
  return (LATE_REQUEST_STATUS_LABEL as Record<string, string>)[status] ?? status;
}

export const VERSION_STATE_LABEL = {
  accepted: "Accepted",
  pending: "Pending: awaiting the secretariat's decision",
  refused: "Refused",
} as const;
