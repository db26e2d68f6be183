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

const MS_PER_DAY = 86_400_000;

/** How long before the cutoff the window is shown as closing, and pages say so loudly. */
const CLOSING_WINDOW_MS = MS_PER_DAY;

/** How long before the cutoff every page of a member who may contribute reminds them of it. */
const REMINDER_WINDOW_MS = 21 * MS_PER_DAY;

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

/**
 * Where `now` stands against the cutoff. `closing` during the last 24 hours, so the UI can warn before it
 * is too late; `remind` from 21 days before the cutoff until it, while pages remind members of it.
 */
export type WindowState = { state: "open" | "closing" | "closed"; msLeft: number; msLate: number; remind: boolean };

export function windowState(now: number, meeting: DeadlineMeeting): WindowState {
  if (isLate(now, meeting)) return { state: "closed", msLeft: 0, msLate: now - meeting.deadlineAt, remind: false };
  const msLeft = meeting.deadlineAt - now;
  return { state: msLeft <= CLOSING_WINDOW_MS ? "closing" : "open", msLeft, msLate: 0, remind: msLeft <= REMINDER_WINDOW_MS };
}
