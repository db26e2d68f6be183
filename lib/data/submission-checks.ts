// The checks of the save pipeline before anything is written: the meeting and who may submit to it, the Questions,
// whether a contribution may be revised, the refusal after the cutoff, the refusal log, and the next number.
import "server-only";
import { and, eq, isNull, max, sql } from "drizzle-orm";
import { getDb, type DB } from "@/db/client";
import { contributions, extensions, meetings, questions, refusedAttempts, studyGroups, studyPeriods, type Contribution, type Meeting } from "@/db/schema";
import { now } from "@/lib/time/clock";
import { recordAudit } from "@/lib/data/audit";
import { prepared, type PreparableConn } from "@/lib/data/prepared";
import type { ExtensionGrant } from "@/lib/time/deadlines";
import { failT, ok, type Failure, type Result } from "@/lib/domain/failures";
import { cutName } from "@/lib/domain/numbering";
import { whyNotChangeContribution, whyNotSubmitContribution, type Actor } from "@/lib/auth/permissions";
import { failFields } from "@/lib/validation/messages";

export type RefusalAction = "submit" | "revise" | "late_request";

export type Tx = Parameters<Parameters<DB["transaction"]>[0]>[0];
export type Conn = DB | Tx;

export type MeetingContext = Meeting & { studyGroupNumber: number; studyGroupCode: string; periodCode: string };

function meetingContextWhere(db: PreparableConn, where: ReturnType<typeof eq>) {
  return db
    .select({ meeting: meetings, sgNumber: studyGroups.number, sgCode: studyGroups.code, periodCode: studyPeriods.code })
    .from(meetings)
    .innerJoin(studyGroups, eq(studyGroups.id, meetings.studyGroupId))
    .innerJoin(studyPeriods, eq(studyPeriods.id, meetings.studyPeriodId))
    .where(where)
    .prepare();
}
const meetingContextByCode = prepared((db) => meetingContextWhere(db, eq(meetings.code, sql.placeholder("code"))));
const meetingContextById = prepared((db) => meetingContextWhere(db, eq(meetings.id, sql.placeholder("id"))));

export function loadMeeting(db: DB, by: { code: string } | { id: number }): MeetingContext | undefined {
  const row = "code" in by ? meetingContextByCode(db).get({ code: by.code }) : meetingContextById(db).get({ id: by.id });
  return row && { ...row.meeting, studyGroupNumber: row.sgNumber, studyGroupCode: row.sgCode, periodCode: row.periodCode };
}

export const meetingById = prepared((db) => db.select().from(meetings).where(eq(meetings.id, sql.placeholder("id"))).prepare());

const activeExtensionsOf = prepared((db) =>
  db
    .select({ id: extensions.id, organisationId: extensions.organisationId, userId: extensions.userId, untilAt: extensions.untilAt, revokedAt: extensions.revokedAt })
    .from(extensions)
    .where(and(eq(extensions.meetingId, sql.placeholder("meetingId")), isNull(extensions.revokedAt)))
    .prepare(),
);

export function activeExtensions(db: DB, meetingId: number): ExtensionGrant[] {
  return activeExtensionsOf(db).all({ meetingId });
}

export function logRefusal(
  actor: Actor,
  meetingId: number | null,
  contributionId: number | null,
  action: RefusalAction,
  code: string,
  upload: { originalName: string; size: number } | null,
): void {
  const db = getDb();
  const at = now();
  db.insert(refusedAttempts)
    .values({
      meetingId,
      contributionId,
      userId: actor.userId,
      organisationId: actor.organisation?.id ?? null,
      at,
      action,
      code,
      fileName: upload ? cutName(upload.originalName, 300) : null,
      size: upload?.size ?? null,
    })
    .run();
  recordAudit(db, { at, actorUserId: actor.userId, action: `${action}.refused`, entityType: "meeting", entityId: meetingId, meetingId, details: { code, contributionId } });
}

/** The refusal after the cutoff: the deadline in Geneva time, how late, and the way forward. */
export function deadlinePassedFailure(meeting: Pick<Meeting, "deadlineAt" | "code">, receivedAt: number, what: "contribution" | "revision" = "contribution"): Failure {
  return failT(
    "deadline_passed",
    what === "revision" ? "api.deadline.passedRevision" : "api.deadline.passed",
    {
      code: meeting.code,
      deadline: { instant: meeting.deadlineAt },
      deadlineUtc: { utcInstant: meeting.deadlineAt },
      late: { durationMs: receivedAt - meeting.deadlineAt },
    },
    {
      details: {
        deadline: { iso: meeting.deadlineAt },
        deadlineGeneva: { geneva: meeting.deadlineAt },
        receivedAt: { iso: receivedAt },
        lateByMs: receivedAt - meeting.deadlineAt,
        lateRequestAllowed: true,
      },
    },
  );
}

/** Checked before the body is read: who may submit to this meeting at all. */
export function prepareSubmission(actor: Actor, meetingCode: string): Result<MeetingContext> {
  const meeting = loadMeeting(getDb(), { code: meetingCode });
  if (!meeting) return failT("not_found", "api.notFound.meeting", { code: meetingCode });
  const why = whyNotSubmitContribution(actor, { studyGroupId: meeting.studyGroupId, studyGroupCode: meeting.studyGroupCode });
  if (why) {
    logRefusal(actor, meeting.id, null, "submit", "forbidden", null);
    return why;
  }
  return ok(meeting);
}

const questionsOfGroup = prepared((db) =>
  db
    .select({ id: questions.id, code: questions.code })
    .from(questions)
    .where(and(eq(questions.studyGroupId, sql.placeholder("studyGroupId")), eq(questions.studyPeriodId, sql.placeholder("studyPeriodId"))))
    .prepare(),
);

export function resolveQuestions(db: DB, meeting: Meeting, codes: string[]): Result<number[]> {
  const unique = [...new Set(codes)];
  const ofGroup = questionsOfGroup(db).all({ studyGroupId: meeting.studyGroupId, studyPeriodId: meeting.studyPeriodId });
  const rows = unique.flatMap((code) => ofGroup.filter((q) => q.code === code));
  const missing = unique.filter((c) => !rows.some((r) => r.code === c));
  if (missing.length > 0) {
    return failFields("invalid", "api.submit.questionsNotInGroup", undefined, { questions: ["api.submit.notAQuestion", { list: missing.join(", ") }] });
  }
  return ok(rows.map((r) => r.id));
}

const highestNumber = prepared((db) =>
  db
    .select({ n: max(contributions.number) })
    .from(contributions)
    .where(and(eq(contributions.studyGroupId, sql.placeholder("studyGroupId")), eq(contributions.studyPeriodId, sql.placeholder("studyPeriodId"))))
    .prepare(),
);

/** The next number of the group's study period (numbers run across the period's meetings), called inside the writing transaction. */
export function nextNumber(tx: Conn, meeting: Pick<Meeting, "studyGroupId" | "studyPeriodId">): number {
  const row = highestNumber(tx).get({ studyGroupId: meeting.studyGroupId, studyPeriodId: meeting.studyPeriodId });
  return (row?.n ?? 0) + 1;
}

/** Checked before the body is read: the contribution exists for this actor, and may be revised. */
export function prepareRevision(actor: Actor, contributionId: number): Result<Contribution> {
  const contribution = getDb().select().from(contributions).where(eq(contributions.id, contributionId)).get();
  if (!contribution) return failT("not_found", "api.notFound.document");
  const denied = whyNotChangeContribution(actor, contribution);
  if (denied) return denied;
  const problem = whyNotRevisable(contribution);
  if (problem) {
    logRefusal(actor, contribution.meetingId, contribution.id, "revise", problem.code, null);
    return problem;
  }
  return ok(contribution);
}

export function whyNotRevisable(c: Contribution): Failure | null {
  if (c.status === "withdrawn") return failT("conflict", "api.revise.withdrawn");
  if (c.status === "late_request") return failT("conflict", "api.revise.awaitingDecision");
  if (c.status !== "active") return failT("conflict", "api.revise.notInMeeting");
  return null;
}
