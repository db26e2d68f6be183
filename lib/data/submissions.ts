// The save pipeline of contributions: submit, revise, file a late request, withdraw. One path for forms and API.
import "server-only";
import { rm } from "node:fs/promises";
import { and, eq, isNull, max, sql } from "drizzle-orm";
import { getDb, type DB } from "@/db/client";
import {
  contributionContacts,
  contributionQuestions,
  contributions,
  contributionVersions,
  extensions,
  lateRequests,
  meetings,
  questions,
  refusedAttempts,
  storedFiles,
  studyGroups,
  studyPeriods,
  type Contribution,
  type Meeting,
} from "@/db/schema";
import { now } from "@/lib/time/clock";
import { recordAudit } from "@/lib/data/audit";
import { commitTogether } from "@/lib/data/group-commit";
import { queueReceiptMail } from "@/lib/data/notifications";
import { prepared, type PreparableConn } from "@/lib/data/prepared";
import { admission, isLate, type Admission, type ExtensionGrant } from "@/lib/time/deadlines";
import { failT, ok, type Failure, type Result } from "@/lib/domain/failures";
import { checkUploadedFile, fileRefusal, type FileKind } from "@/lib/files/file-type";
import { formatGeneva } from "@/lib/present/time";
import { cutName } from "@/lib/domain/numbering";
import { whyNotChangeContribution, whyNotSubmitContribution, type Actor } from "@/lib/auth/permissions";
import { discardTemp, moveIntoPlace, storedPath, type ReceivedFile } from "@/lib/files/storage";
import type { RevisionMetadata, SubmissionMetadata } from "@/lib/validation/contribution";
import { failFields } from "@/lib/validation/messages";
import { receiptFor, type Receipt } from "@/lib/data/receipts";

export { receiptFor, receiptToJson, type Receipt } from "@/lib/data/receipts";

export type Upload = {
  file: ReceivedFile;
  originalName: string;
  requestStartedAt: number;
  receivedAt: number;
  /** the client's Idempotency-Key, if it sent one */
  idempotencyKey?: string | null;
};

export type Tx = Parameters<Parameters<DB["transaction"]>[0]>[0];
export type Conn = DB | Tx;

type MeetingContext = Meeting & { studyGroupNumber: number; studyGroupCode: string; periodCode: string };

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

function loadMeeting(db: DB, by: { code: string } | { id: number }): MeetingContext | undefined {
  const row = "code" in by ? meetingContextByCode(db).get({ code: by.code }) : meetingContextById(db).get({ id: by.id });
  return row && { ...row.meeting, studyGroupNumber: row.sgNumber, studyGroupCode: row.sgCode, periodCode: row.periodCode };
}

const meetingById = prepared((db) => db.select().from(meetings).where(eq(meetings.id, sql.placeholder("id"))).prepare());

const activeExtensionsOf = prepared((db) =>
  db
    .select({ id: extensions.id, organisationId: extensions.organisationId, userId: extensions.userId, untilAt: extensions.untilAt, revokedAt: extensions.revokedAt })
    .from(extensions)
    .where(and(eq(extensions.meetingId, sql.placeholder("meetingId")), isNull(extensions.revokedAt)))
    .prepare(),
);

function activeExtensions(db: DB, meetingId: number): ExtensionGrant[] {
  return activeExtensionsOf(db).all({ meetingId });
}

function logRefusal(
  actor: Actor,
  meetingId: number | null,
  contributionId: number | null,
  action: "submit" | "revise" | "late_request",
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
        deadline: new Date(meeting.deadlineAt).toISOString(),
        deadlineGeneva: formatGeneva(meeting.deadlineAt),
        receivedAt: new Date(receivedAt).toISOString(),
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

function resolveQuestions(db: DB, meeting: Meeting, codes: string[]): Result<number[]> {
  const unique = [...new Set(codes)];
  const ofGroup = questionsOfGroup(db).all({ studyGroupId: meeting.studyGroupId, studyPeriodId: meeting.studyPeriodId });
  const rows = unique.flatMap((code) => ofGroup.filter((q) => q.code === code));
  const missing = unique.filter((c) => !rows.some((r) => r.code === c));
  if (missing.length > 0) {
    return failFields("invalid", "api.submit.questionsNotInGroup", undefined, { questions: ["api.submit.notAQuestion", { list: missing.join(", ") }] });
  }
  return ok(rows.map((r) => r.id));
}

async function checkFile(actor: Actor, meetingId: number, contributionId: number | null, action: "submit" | "revise" | "late_request", upload: Upload): Promise<Result<{ kind: FileKind; mediaType: string }>> {
  const check = await checkUploadedFile(upload.file.tempPath, upload.originalName);
  if (check.ok) return ok({ kind: check.kind, mediaType: check.mediaType });
  logRefusal(actor, meetingId, contributionId, action, check.code, { originalName: upload.originalName, size: upload.file.size });
  return fileRefusal(check);
}

const storedFileByHash = prepared((db) => db.select({ id: storedFiles.id }).from(storedFiles).where(eq(storedFiles.sha256, sql.placeholder("sha256"))).prepare());

const insertStoredFileRow = prepared((db) =>
  db
    .insert(storedFiles)
    .values({ sha256: sql.placeholder("sha256"), size: sql.placeholder("size"), mediaType: sql.placeholder("mediaType"), kind: sql.placeholder("kind"), createdAt: sql.placeholder("createdAt") })
    .returning({ id: storedFiles.id })
    .prepare(),
);

function insertStoredFile(tx: Conn, upload: Upload, file: { kind: FileKind; mediaType: string }, at: number): number {
  const existing = storedFileByHash(tx).get({ sha256: upload.file.sha256 });
  if (existing) return existing.id;
  return insertStoredFileRow(tx).get({ sha256: upload.file.sha256, size: upload.file.size, mediaType: file.mediaType, kind: file.kind, createdAt: at })!.id;
}

/**
 * Uploads of this process whose file is in place but whose row is not committed yet, by content hash:
 * a refused upload must not delete a file that a concurrent upload of the same bytes is about to use.
 */
const inFlight = new Map<string, number>();

async function placeFile(upload: Upload): Promise<void> {
  inFlight.set(upload.file.sha256, (inFlight.get(upload.file.sha256) ?? 0) + 1);
  await moveIntoPlace(upload.file);
}

/** After the transaction: a refused upload's file goes unless a row or another in-flight upload needs it. */
async function releaseFile(sha256: string, committed: boolean): Promise<void> {
  const left = (inFlight.get(sha256) ?? 1) - 1;
  if (left > 0) inFlight.set(sha256, left);
  else inFlight.delete(sha256);
  if (committed || left > 0) return;
  const row = storedFileByHash(getDb()).get({ sha256 });
  if (!row) await rm(storedPath(sha256), { force: true });
}

/** The version this user already stored under this Idempotency-Key, if any. */
const versionByIdempotencyKey = prepared((db) =>
  db
    .select({ id: contributionVersions.id })
    .from(contributionVersions)
    .where(and(eq(contributionVersions.submittedByUserId, sql.placeholder("userId")), eq(contributionVersions.idempotencyKey, sql.placeholder("key"))))
    .prepare(),
);

function replayOf(actor: Actor, key: string | null | undefined): Receipt | null {
  if (!key) return null;
  const row = versionByIdempotencyKey(getDb()).get({ userId: actor.userId, key });
  const receipt = row ? receiptFor(row.id) : null;
  return receipt && { ...receipt, replayed: true };
}

/** SQLite's unique-constraint error, whether better-sqlite3 threw it or Drizzle wrapped it (as `cause`). */
function isUniqueViolation(error: unknown): boolean {
  for (let e = error, depth = 0; e instanceof Error && depth < 3; e = e.cause, depth++) {
    if ((e as { code?: string }).code === "SQLITE_CONSTRAINT_UNIQUE") return true;
  }
  return false;
}

class Refused extends Error {
  constructor(readonly failure: Failure) {
    super(failure.key);
  }
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

const p = sql.placeholder;

/** The columns of a new version (original or revision) that come from the upload and its verdict. */
function versionColumns(upload: Upload, actor: Actor, fileId: number, admitted: boolean) {
  return {
    fileId,
    originalName: upload.originalName,
    submittedByUserId: actor.userId,
    requestStartedAt: upload.requestStartedAt,
    receivedAt: upload.receivedAt,
    idempotencyKey: upload.idempotencyKey ?? null,
    state: admitted ? ("accepted" as const) : ("pending" as const),
  };
}

const insertContribution = prepared((db) =>
  db
    .insert(contributions)
    .values({
      meetingId: p("meetingId"),
      studyGroupId: p("studyGroupId"),
      studyPeriodId: p("studyPeriodId"),
      number: p("number"),
      organisationId: p("organisationId"),
      submitterUserId: p("submitterUserId"),
      title: p("title"),
      purpose: p("purpose"),
      abstract: p("abstract"),
      keywords: p("keywords"),
      status: p("status"),
      createdAt: p("createdAt"),
      updatedAt: p("updatedAt"),
    })
    .returning({ id: contributions.id, number: contributions.number })
    .prepare(),
);

const insertContributionQuestion = prepared((db) => db.insert(contributionQuestions).values({ contributionId: p("contributionId"), questionId: p("questionId") }).prepare());

const insertContact = prepared((db) =>
  db
    .insert(contributionContacts)
    .values({ contributionId: p("contributionId"), position: p("position"), name: p("name"), organization: p("organization"), country: p("country"), phone: p("phone"), email: p("email") })
    .prepare(),
);

const insertOriginalVersion = prepared((db) =>
  db
    .insert(contributionVersions)
    .values({
      contributionId: p("contributionId"),
      kind: "original",
      ordinal: 0,
      fileId: p("fileId"),
      originalName: p("originalName"),
      submittedByUserId: p("submittedByUserId"),
      requestStartedAt: p("requestStartedAt"),
      receivedAt: p("receivedAt"),
      idempotencyKey: p("idempotencyKey"),
      state: p("state"),
    })
    .returning({ id: contributionVersions.id })
    .prepare(),
);

/**
 * Submits a new contribution, or with `asLateRequest` files it as a late submission request.
 * The deadline is judged on the instant the whole file was stored, inside the transaction that
 * writes the rows, so a corrigendum moving the deadline cannot slip between check and write. That
 * transaction is shared with the uploads finishing at the same moment (lib/data/group-commit.ts).
 */
export async function submitContribution(
  actor: Actor,
  meetingCode: string,
  metadata: SubmissionMetadata,
  upload: Upload,
  opts: { asLateRequest?: boolean; explanation?: string } = {},
): Promise<Result<Receipt>> {
  const action = opts.asLateRequest ? "late_request" : "submit";
  const prepared = prepareSubmission(actor, meetingCode);
  if (!prepared.ok) {
    await discardTemp(upload.file);
    return prepared;
  }
  const meeting = prepared.value;
  const replay = replayOf(actor, upload.idempotencyKey);
  if (replay) {
    await discardTemp(upload.file);
    return ok(replay);
  }
  const db = getDb();
  const questionIds = resolveQuestions(db, meeting, metadata.questions);
  if (!questionIds.ok) {
    await discardTemp(upload.file);
    return questionIds;
  }
  const file = await checkFile(actor, meeting.id, null, action, upload);
  if (!file.ok) {
    await discardTemp(upload.file);
    return file;
  }
  const org = actor.organisation!;
  const submitter = { userId: actor.userId, organisationId: org.id };
  const judge = (m: Meeting): Admission => admission(upload.receivedAt, m, submitter, activeExtensions(db, m.id));
  const refusal = (m: Meeting, a: Admission): Failure | null => {
    if (!opts.asLateRequest && a.kind === "closed") return deadlinePassedFailure(m, upload.receivedAt);
    if (opts.asLateRequest && a.kind !== "closed") {
      return failT("conflict", "api.submit.notLate");
    }
    return null;
  };
  const early = refusal(meeting, judge(meeting));
  if (early) {
    logRefusal(actor, meeting.id, null, action, early.code, { originalName: upload.originalName, size: upload.file.size });
    await discardTemp(upload.file);
    return early;
  }

  await placeFile(upload);
  const at = now();
  let ids: { contributionId: number; versionId: number; lateRequestId: number | null };
  try {
    ids = await commitTogether(db, (tx) => {
      const current = meetingById(tx).get({ id: meeting.id })!;
      const verdict = judge(current);
      const refused = refusal(current, verdict);
      if (refused) throw new Refused(refused);
      const admitted = verdict.kind !== "closed";
      const fileId = insertStoredFile(tx, upload, file.value, at);
      const contribution = insertContribution(tx).get({
        meetingId: current.id,
        studyGroupId: current.studyGroupId,
        studyPeriodId: current.studyPeriodId,
        number: admitted ? nextNumber(tx, current) : null,
        organisationId: org.id,
        submitterUserId: actor.userId,
        title: metadata.title,
        purpose: metadata.purpose,
        abstract: metadata.abstract,
        keywords: metadata.keywords,
        status: admitted ? "active" : "late_request",
        createdAt: at,
        updatedAt: at,
      })!;
      for (const questionId of questionIds.value) insertContributionQuestion(tx).run({ contributionId: contribution.id, questionId });
      metadata.contacts.forEach((c, position) => insertContact(tx).run({ contributionId: contribution.id, position, ...c }));
      const version = insertOriginalVersion(tx).get({ contributionId: contribution.id, ...versionColumns(upload, actor, fileId, admitted) })!;
      let lateRequestId: number | null = null;
      if (!admitted) {
        lateRequestId = tx
          .insert(lateRequests)
          .values({
            meetingId: current.id,
            contributionId: contribution.id,
            versionId: version.id,
            kind: "new",
            requestedByUserId: actor.userId,
            organisationId: org.id,
            requestedAt: upload.receivedAt,
            explanation: opts.explanation ?? "",
            status: "awaiting_decision",
          })
          .returning({ id: lateRequests.id })
          .get().id;
      }
      recordAudit(tx, {
        at,
        actorUserId: actor.userId,
        action: admitted ? "contribution.submit" : "late_request.file",
        entityType: "contribution",
        entityId: contribution.id,
        meetingId: current.id,
        details: {
          number: contribution.number,
          sha256: upload.file.sha256,
          size: upload.file.size,
          receivedAt: upload.receivedAt,
          late: isLate(upload.receivedAt, current),
          admittedBy: verdict.kind,
          extensionId: verdict.kind === "extension" ? (verdict.extension.id ?? null) : null,
        },
      });
      queueReceiptMail(tx, {
        versionId: version.id,
        contributionId: contribution.id,
        organisationId: org.id,
        studyGroupId: current.studyGroupId,
        submitterEmail: actor.email,
        at,
      });
      return { contributionId: contribution.id, versionId: version.id, lateRequestId };
    });
  } catch (error) {
    await releaseFile(upload.file.sha256, false);
    // A concurrent retry with the same Idempotency-Key won the race: answer with its receipt.
    const raced = isUniqueViolation(error) ? replayOf(actor, upload.idempotencyKey) : null;
    if (raced) return ok(raced);
    if (error instanceof Refused) {
      logRefusal(actor, meeting.id, null, action, error.failure.code, { originalName: upload.originalName, size: upload.file.size });
      return error.failure;
    }
    throw error;
  }
  await releaseFile(upload.file.sha256, true);
  // Its e-mail is queued in the same commit; the worker sends it (lib/mail/worker.ts).
  return ok(receiptFor(ids.versionId)!);
}

/** Revises (Rev., Add., Corr.) a contribution of the actor's organisation; after the cutoff only as a late request. */
export async function reviseContribution(
  actor: Actor,
  contributionId: number,
  metadata: RevisionMetadata,
  upload: Upload,
  opts: { asLateRequest?: boolean; explanation?: string } = {},
): Promise<Result<Receipt>> {
  const action = opts.asLateRequest ? "late_request" : "revise";
  const db = getDb();
  const contribution = db.select().from(contributions).where(eq(contributions.id, contributionId)).get();
  const denied = contribution ? whyNotChangeContribution(actor, contribution) : failT("not_found", "api.notFound.document");
  if (!contribution || denied) {
    await discardTemp(upload.file);
    return denied!;
  }
  const replay = replayOf(actor, upload.idempotencyKey);
  if (replay && replay.contributionId === contribution.id) {
    await discardTemp(upload.file);
    return ok(replay);
  }
  const stateProblem = whyNotRevisable(contribution);
  if (stateProblem) {
    await discardTemp(upload.file);
    logRefusal(actor, contribution.meetingId, contribution.id, action, stateProblem.code, { originalName: upload.originalName, size: upload.file.size });
    return stateProblem;
  }
  const meeting = loadMeeting(db, { id: contribution.meetingId })!;
  let questionIds: number[] | null = null;
  if (metadata.questions) {
    const resolved = resolveQuestions(db, meeting, metadata.questions);
    if (!resolved.ok) {
      await discardTemp(upload.file);
      return resolved;
    }
    questionIds = resolved.value;
  }
  const file = await checkFile(actor, meeting.id, contribution.id, action, upload);
  if (!file.ok) {
    await discardTemp(upload.file);
    return file;
  }
  const submitter = { userId: actor.userId, organisationId: contribution.organisationId };
  const judge = (m: Meeting) => admission(upload.receivedAt, m, submitter, activeExtensions(db, m.id));
  const refusal = (m: Meeting, a: Admission): Failure | null => {
    if (!opts.asLateRequest && a.kind === "closed") return deadlinePassedFailure(m, upload.receivedAt, "revision");
    if (opts.asLateRequest && a.kind !== "closed") return failT("conflict", "api.revise.notLate");
    return null;
  };
  const early = refusal(meeting, judge(meeting));
  if (early) {
    logRefusal(actor, meeting.id, contribution.id, action, early.code, { originalName: upload.originalName, size: upload.file.size });
    await discardTemp(upload.file);
    return early;
  }

  await placeFile(upload);
  const at = now();
  let versionId: number;
  try {
    versionId = await commitTogether(db, (tx) => {
      const current = meetingById(tx).get({ id: meeting.id })!;
      const fresh = tx.select().from(contributions).where(eq(contributions.id, contribution.id)).get()!;
      const problem = whyNotRevisable(fresh);
      if (problem) throw new Refused(problem);
      const verdict = judge(current);
      const refused = refusal(current, verdict);
      if (refused) throw new Refused(refused);
      const admitted = verdict.kind !== "closed";
      const fileId = insertStoredFile(tx, upload, file.value, at);
      const last = tx
        .select({ n: max(contributionVersions.ordinal) })
        .from(contributionVersions)
        .where(and(eq(contributionVersions.contributionId, fresh.id), eq(contributionVersions.kind, metadata.kind)))
        .get();
      const version = tx
        .insert(contributionVersions)
        .values({
          contributionId: fresh.id,
          kind: metadata.kind,
          ordinal: (last?.n ?? 0) + 1,
          ...versionColumns(upload, actor, fileId, admitted),
          note: metadata.note ?? null,
        })
        .returning({ id: contributionVersions.id })
        .get();
      const changes: Partial<Contribution> = { updatedAt: at };
      if (admitted) {
        if (metadata.title !== undefined) changes.title = metadata.title;
        if (metadata.purpose !== undefined) changes.purpose = metadata.purpose;
        if (metadata.abstract !== undefined) changes.abstract = metadata.abstract;
        if (metadata.keywords !== undefined) changes.keywords = metadata.keywords;
        if (questionIds) {
          tx.delete(contributionQuestions).where(eq(contributionQuestions.contributionId, fresh.id)).run();
          for (const questionId of questionIds) tx.insert(contributionQuestions).values({ contributionId: fresh.id, questionId }).run();
        }
        if (metadata.contacts) {
          tx.delete(contributionContacts).where(eq(contributionContacts.contributionId, fresh.id)).run();
          metadata.contacts.forEach((c, position) => tx.insert(contributionContacts).values({ contributionId: fresh.id, position, ...c }).run());
        }
      }
      tx.update(contributions).set(changes).where(eq(contributions.id, fresh.id)).run();
      if (!admitted) {
        tx.insert(lateRequests)
          .values({
            meetingId: current.id,
            contributionId: fresh.id,
            versionId: version.id,
            kind: "revision",
            requestedByUserId: actor.userId,
            organisationId: fresh.organisationId,
            requestedAt: upload.receivedAt,
            explanation: opts.explanation ?? "",
            status: "awaiting_decision",
          })
          .run();
      }
      recordAudit(tx, {
        at,
        actorUserId: actor.userId,
        action: admitted ? "contribution.revise" : "late_request.file",
        entityType: "contribution",
        entityId: fresh.id,
        meetingId: current.id,
        details: { versionId: version.id, kind: metadata.kind, sha256: upload.file.sha256, receivedAt: upload.receivedAt, late: isLate(upload.receivedAt, current) },
      });
      queueReceiptMail(tx, {
        versionId: version.id,
        contributionId: fresh.id,
        organisationId: fresh.organisationId,
        studyGroupId: current.studyGroupId,
        submitterEmail: actor.email,
        at,
      });
      return version.id;
    });
  } catch (error) {
    await releaseFile(upload.file.sha256, false);
    // A concurrent retry with the same Idempotency-Key won the race: answer with its receipt.
    const raced = isUniqueViolation(error) ? replayOf(actor, upload.idempotencyKey) : null;
    if (raced) return ok(raced);
    if (error instanceof Refused) {
      logRefusal(actor, meeting.id, contribution.id, action, error.failure.code, { originalName: upload.originalName, size: upload.file.size });
      return error.failure;
    }
    throw error;
  }
  await releaseFile(upload.file.sha256, true);
  return ok(receiptFor(versionId)!);
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

function whyNotRevisable(c: Contribution): Failure | null {
  if (c.status === "withdrawn") return failT("conflict", "api.revise.withdrawn");
  if (c.status === "late_request") return failT("conflict", "api.revise.awaitingDecision");
  if (c.status !== "active") return failT("conflict", "api.revise.notInMeeting");
  return null;
}

/** Withdrawal keeps the number and the history; the document leaves the meeting's list. */
export function withdrawContribution(actor: Actor, contributionId: number, reason: string): Result<{ id: number; withdrawnAt: number }> {
  const db = getDb();
  const contribution = db.select().from(contributions).where(eq(contributions.id, contributionId)).get();
  const denied = contribution ? whyNotChangeContribution(actor, contribution) : failT("not_found", "api.notFound.document");
  if (!contribution || denied) return denied!;
  if (contribution.status === "withdrawn") return failT("conflict", "api.withdraw.already");
  if (contribution.status !== "active" && contribution.status !== "late_request") {
    return failT("conflict", "api.withdraw.notInMeeting");
  }
  const at = now();
  db.transaction((tx) => {
    tx.update(contributions)
      .set({ status: "withdrawn", withdrawnAt: at, withdrawnReason: reason, withdrawnByUserId: actor.userId, updatedAt: at })
      .where(eq(contributions.id, contribution.id))
      .run();
    if (contribution.status === "late_request") {
      tx.update(lateRequests)
        .set({ status: "declined", decidedAt: at, decidedByUserId: actor.userId, decisionReason: `Withdrawn by the submitter: ${reason}` })
        .where(and(eq(lateRequests.contributionId, contribution.id), eq(lateRequests.status, "awaiting_decision")))
        .run();
    }
    recordAudit(tx, {
      at,
      actorUserId: actor.userId,
      action: "contribution.withdraw",
      entityType: "contribution",
      entityId: contribution.id,
      meetingId: contribution.meetingId,
      details: { reason, number: contribution.number },
    });
  });
  return ok({ id: contribution.id, withdrawnAt: at });
}
