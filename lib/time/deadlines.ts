// Pure deadline policy: when a meeting's window closes, whether a receipt is late, and who an extension admits.

import { addDays, startOfGenevaDay } from "@/lib/time/geneva";

/** `deadlineAt` is the first instant that is late: the window's exclusive end. */
export type DeadlineMeeting = { deadlineAt: number };

export type ExtensionGrant = {
  id?: number;
  organisationId: number | null;
  userId: number | null;
  untilAt: number;
  revokedAt: number | null;
};

export type Submitter = { userId: number; organisationId: number };

/** Collective letters give the deadline date as the first meeting day minus this many days. */
export const CONTRIBUTION_DAYS_BEFORE = 13;

const MS_PER_SECOND = 1_000;
const MS_PER_MINUTE = 60 * MS_PER_SECOND;
const MS_PER_HOUR = 60 * MS_PER_MINUTE;
const MS_PER_DAY = 24 * MS_PER_HOUR;

/** How long before the cutoff the window is shown as closing. */
const CLOSING_WINDOW_MS = MS_PER_DAY;

/**
 * The default deadline for a meeting starting on `firstDay` (a Geneva date): the end of the day
 * 13 days earlier in Geneva. The letters give a date, not an hour, so the whole of that day counts.
 */
export function defaultDeadline(firstDay: string): number {
  // The end of day D is the start of day D + 1, which is also correct on 23- and 25-hour days.
  return startOfGenevaDay(addDays(firstDay, -(CONTRIBUTION_DAYS_BEFORE - 1)));
}

/** The one lateness test; the submission gate and the late-submission report must both use it. */
export function isLate(receivedAt: number, meeting: DeadlineMeeting): boolean {
  return receivedAt >= meeting.deadlineAt;
}

function grantedTo(extension: ExtensionGrant, submitter: Submitter): boolean {
  return (
    (extension.userId !== null && extension.userId === submitter.userId) ||
    (extension.organisationId !== null && extension.organisationId === submitter.organisationId)
  );
}

/**
 * The extension that lets this submitter in at `at`, if any: unrevoked, granted to them or to
 * their organisation, and not yet over (`untilAt` is exclusive, like the deadline). When several
 * apply, the one lasting longest, so the submitter is told the most generous cutoff they have.
 */
export function coveringExtension(
  at: number,
  submitter: Submitter,
  extensions: ExtensionGrant[],
): ExtensionGrant | null {
  let best: ExtensionGrant | null = null;
  for (const extension of extensions) {
    if (extension.revokedAt !== null || !grantedTo(extension, submitter) || at >= extension.untilAt) continue;
    if (best === null || extension.untilAt > best.untilAt) best = extension;
  }
  return best;
}

/**
 * What happens to a submission at `at`. An extension admits at once but does not make the
 * document on time: it still carries the LATE mark (`isLate` stays true).
 */
export type Admission = { kind: "on_time" } | { kind: "extension"; extension: ExtensionGrant } | { kind: "closed" };

export function admission(
  at: number,
  meeting: DeadlineMeeting,
  submitter: Submitter,
  extensions: ExtensionGrant[],
): Admission {
  if (!isLate(at, meeting)) return { kind: "on_time" };
  const extension = coveringExtension(at, submitter, extensions);
  return extension ? { kind: "extension", extension } : { kind: "closed" };
}

export type WindowState = { state: "open" | "closing" | "closed"; msLeft: number; msLate: number };

/** "closing" during the last 24 hours, so the UI can warn before it is too late. */
export function windowState(now: number, meeting: DeadlineMeeting): WindowState {
  if (isLate(now, meeting)) return { state: "closed", msLeft: 0, msLate: now - meeting.deadlineAt };
  const msLeft = meeting.deadlineAt - now;
  return { state: msLeft <= CLOSING_WINDOW_MS ? "closing" : "open", msLeft, msLate: 0 };
}

/**
 * A duration in words, always truncated: "3 min" must never be shown when only 2 min 59 s are left.
 * Under a minute "N s"; under an hour "N min"; under a day "N h M min"; otherwise "N d M h".
 */
export function formatDuration(ms: number): string {
  if (!Number.isFinite(ms) || ms < 0) throw new RangeError(`Expected a non-negative duration, got ${ms}`);
  if (ms < MS_PER_MINUTE) return `${Math.floor(ms / MS_PER_SECOND)} s`;
  if (ms < MS_PER_HOUR) return `${Math.floor(ms / MS_PER_MINUTE)} min`;
  if (ms < MS_PER_DAY) return `${Math.floor(ms / MS_PER_HOUR)} h ${Math.floor((ms % MS_PER_HOUR) / MS_PER_MINUTE)} min`;
  return `${Math.floor(ms / MS_PER_DAY)} d ${Math.floor((ms % MS_PER_DAY) / MS_PER_HOUR)} h`;
}

/** "on time, 3 h 2 min before the cutoff" or "2 h 14 min after the cutoff". */
export function describeLateness(receivedAt: number, meeting: DeadlineMeeting): string {
  return isLate(receivedAt, meeting)
    ? `${formatDuration(receivedAt - meeting.deadlineAt)} after the cutoff`
    : `on time, ${formatDuration(meeting.deadlineAt - receivedAt)} before the cutoff`;
}
