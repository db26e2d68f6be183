// The save pipeline of contributions: submit, revise, file a late request, withdraw. One path for forms and API,
// and one pipeline for a new contribution and a new version of one: the differences are passed in.
import "server-only";
import { and, eq, max, sql } from "drizzle-orm";
import { getDb } from "@/db/client";
import { contributionContacts, contributionQuestions, contributions, contributionVersions, lateRequests, type Contribution, type Meeting } from "@/db/schema";
import { now } from "@/lib/time/clock";
import { recordAudit } from "@/lib/data/audit";
import { commitTogether } from "@/lib/data/group-commit";
import { queueReceiptMail } from "@/lib/data/notifications";
import { prepared } from "@/lib/data/prepared";
import { admission, isLate, type Admission } from "@/lib/time/deadlines";
import { failT, ok, type Failure, type Result } from "@/lib/domain/failures";
import { whyNotChangeContribution, type Actor } from "@/lib/auth/permissions";
import { discardTemp } from "@/lib/files/storage";
import type { RevisionMetadata, SubmissionMetadata } from "@/lib/validation/contribution";
import { receiptFor, type Receipt } from "@/lib/data/receipts";
import {
  activeExtensions,
  deadlinePassedFailure,
  loadMeeting,
  logRefusal,
  meetingById,
  nextNumber,
  prepareSubmission,
  resolveQuestions,
  whyNotRevisable,
  type MeetingContext,
  type RefusalAction,
  type Tx,
} from "@/lib/data/submission-checks";
import { checkFile, insertStoredFile, isUniqueViolation, placeFile, releaseFile, replayOf, type Upload } from "@/lib/data/upload-store";

class Refused extends Error {
  constructor(readonly failure: Failure) {
    super(failure.key);
  }
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

/** What the pipeline knows once the actor may write here: the meeting, and the contribution when revising. */
type Target = {
  meeting: MeetingContext;
  /** the revised contribution; null for a new one */
  contributionId: number | null;
  /** the organisation the file is submitted for (its extensions count) */
  organisationId: number;
};

/** The inside of the transaction, once the deadline admitted the upload or let it through as a late request. */
type Writing = { meeting: Meeting; verdict: Admission; admitted: boolean; fileId: number; at: number };

/** How a new contribution and a new version differ; everything else is the pipeline's. */
type Save<T> = {
  action: RefusalAction;
  /** the audit entry's action when the deadline admits the version (past it, the entry is a late request's) */
  auditAction: "contribution.submit" | "contribution.revise";
  /** the late request a version past the cutoff waits in: for a new contribution or a revision, and the member's explanation */
  lateRequest: { kind: "new" | "revision"; explanation?: string };
  /** permission, in order before the replay check: the target, or the failure to answer */
  target: Result<Target>;
  /** the checks after the replay and before the file (state, Questions); a failure is answered as it is */
  check(target: Target): Result<T>;
  /** the refusal for this verdict: after the cutoff unless a late request, a late request only after it */
  refusal(meeting: Meeting, verdict: Admission): Failure | null;
  /** re-checked inside the transaction before the deadline is judged again (a revision: still revisable) */
  recheck?(tx: Tx, target: Target): Failure | null;
  /** the rows of the new version (and contribution): the version's and the contribution's ids, and what the audit entry details */
  write(tx: Tx, w: Writing, checked: T): { contributionId: number; versionId: number; details: Record<string, unknown> };
};

/**
 * The steps every upload of a version goes through: permission, replay, checks, the file's type, the
 * deadline (judged early, then again inside the transaction on the instant the whole file was stored, so a
 * corrigendum moving the deadline cannot slip between check and write), the file placed, the rows (with the late
 * request a version past the cutoff waits in, and the audit entry) and the receipt's e-mail in one commit shared with
 * the uploads finishing at the same moment (lib/data/group-commit.ts),
 * and one catch: a refused upload's file released, a concurrent replay answered with its receipt.
 */
async function saveVersion<T>(actor: Actor, upload: Upload, save: Save<T>): Promise<Result<Receipt>> {
  const answer = async <R>(result: R): Promise<R> => {
    await discardTemp(upload.file);
    return result;
  };
  const refusedUpload = (failure: Failure, meetingId: number, contributionId: number | null) =>
    logRefusal(actor, meetingId, contributionId, save.action, failure.code, { originalName: upload.originalName, size: upload.file.size });
  if (!save.target.ok) return answer(save.target);
  const target = save.target.value;
  const { meeting, contributionId } = target;
  const replay = replayOf(actor, upload.idempotencyKey);
  if (replay && (contributionId === null || replay.contributionId === contributionId)) return answer(ok(replay));
  const checked = save.check(target);
  if (!checked.ok) return answer(checked);
  const file = await checkFile(actor, meeting.id, contributionId, save.action, upload);
  if (!file.ok) return answer(file);
  const db = getDb();
  const submitter = { userId: actor.userId, organisationId: target.organisationId };
  const judge = (m: Meeting): Admission => admission(upload.receivedAt, m, submitter, activeExtensions(db, m.id));
  const early = save.refusal(meeting, judge(meeting));
  if (early) {
    refusedUpload(early, meeting.id, contributionId);
    return answer(early);
  }

  await placeFile(upload);
  const at = now();
  let versionId: number;
  try {
    versionId = await commitTogether(db, (tx) => {
      const current = meetingById(tx).get({ id: meeting.id })!;
      const problem = save.recheck?.(tx, target);
      if (problem) throw new Refused(problem);
      const verdict = judge(current);
      const refused = save.refusal(current, verdict);
      if (refused) throw new Refused(refused);
      const admitted = verdict.kind !== "closed";
      const fileId = insertStoredFile(tx, upload, file.value, at);
      const written = save.write(tx, { meeting: current, verdict, admitted, fileId, at }, checked.value);
      if (!admitted) {
        const { contributionId, versionId } = written;
        const late = { meetingId: current.id, contributionId, versionId, kind: save.lateRequest.kind, organisationId: target.organisationId };
        insertLateRequest(tx, { ...late, actor, requestedAt: upload.receivedAt, explanation: save.lateRequest.explanation });
      }
      recordAudit(tx, {
        at,
        actorUserId: actor.userId,
        action: admitted ? save.auditAction : "late_request.file",
        entityType: "contribution",
        entityId: written.contributionId,
        meetingId: current.id,
        details: written.details,
      });
      queueReceiptMail(tx, {
        versionId: written.versionId,
        contributionId: written.contributionId,
        organisationId: target.organisationId,
        studyGroupId: current.studyGroupId,
        submitterEmail: actor.email,
        at,
      });
      return written.versionId;
    });
  } catch (error) {
    await releaseFile(upload.file.sha256, false);
    // A concurrent retry with the same Idempotency-Key won the race: answer with its receipt.
    const raced = isUniqueViolation(error) ? replayOf(actor, upload.idempotencyKey) : null;
    if (raced) return ok(raced);
    if (error instanceof Refused) {
      refusedUpload(error.failure, meeting.id, contributionId);
      return error.failure;
    }
    throw error;
  }
  await releaseFile(upload.file.sha256, true);
  // Its e-mail is queued in the same commit; the worker sends it (lib/mail/worker.ts).
  return ok(receiptFor(versionId)!);
}

/** The refusal of a verdict: after the cutoff only a late request, and a late request only after it. */
function deadlineRefusal(asLateRequest: boolean | undefined, what: "contribution" | "revision", receivedAt: number) {
  return (m: Meeting, a: Admission): Failure | null => {
    if (!asLateRequest && a.kind === "closed") return deadlinePassedFailure(m, receivedAt, what);
    if (asLateRequest && a.kind !== "closed") return failT("conflict", what === "revision" ? "api.revise.notLate" : "api.submit.notLate");
    return null;
  };
}

/** The late request that a version past the cutoff waits in, for the secretariat's decision. */
function insertLateRequest(tx: Tx, row: { meetingId: number; contributionId: number; versionId: number; kind: "new" | "revision"; actor: Actor; organisationId: number; requestedAt: number; explanation?: string }): number {
  return tx
    .insert(lateRequests)
    .values({
      meetingId: row.meetingId,
      contributionId: row.contributionId,
      versionId: row.versionId,
      kind: row.kind,
      requestedByUserId: row.actor.userId,
      organisationId: row.organisationId,
      requestedAt: row.requestedAt,
      explanation: row.explanation ?? "",
      status: "awaiting_decision",
    })
    .returning({ id: lateRequests.id })
    .get().id;
}

/**
 * Submits a new contribution, or with `asLateRequest` files it as a late submission request.
 * The deadline is judged on the instant the whole file was stored, inside the transaction that writes the rows.
 */
export async function submitContribution(
  actor: Actor,
  meetingCode: string,
  metadata: SubmissionMetadata,
  upload: Upload,
  opts: { asLateRequest?: boolean; explanation?: string } = {},
): Promise<Result<Receipt>> {
  const meeting = prepareSubmission(actor, meetingCode);
  const org = actor.organisation;
  return saveVersion(actor, upload, {
    action: opts.asLateRequest ? "late_request" : "submit",
    auditAction: "contribution.submit",
    lateRequest: { kind: "new", explanation: opts.explanation },
    target: meeting.ok ? ok({ meeting: meeting.value, contributionId: null, organisationId: org!.id }) : meeting,
    check: (t) => resolveQuestions(getDb(), t.meeting, metadata.questions),
    refusal: deadlineRefusal(opts.asLateRequest, "contribution", upload.receivedAt),
    write: (tx, { meeting: current, verdict, admitted, fileId, at }, questionIds) => {
      const contribution = insertContribution(tx).get({
        meetingId: current.id,
        studyGroupId: current.studyGroupId,
        studyPeriodId: current.studyPeriodId,
        number: admitted ? nextNumber(tx, current) : null,
        organisationId: org!.id,
        submitterUserId: actor.userId,
        title: metadata.title,
        purpose: metadata.purpose,
        abstract: metadata.abstract,
        keywords: metadata.keywords,
        status: admitted ? "active" : "late_request",
        createdAt: at,
        updatedAt: at,
      })!;
      for (const questionId of questionIds) insertContributionQuestion(tx).run({ contributionId: contribution.id, questionId });
      metadata.contacts.forEach((c, position) => insertContact(tx).run({ contributionId: contribution.id, position, ...c }));
      const version = insertOriginalVersion(tx).get({ contributionId: contribution.id, ...versionColumns(upload, actor, fileId, admitted) })!;
      const details = {
        number: contribution.number,
        sha256: upload.file.sha256,
        size: upload.file.size,
        receivedAt: upload.receivedAt,
        late: isLate(upload.receivedAt, current),
        admittedBy: verdict.kind,
        extensionId: verdict.kind === "extension" ? (verdict.extension.id ?? null) : null,
      };
      return { contributionId: contribution.id, versionId: version.id, details };
    },
  });
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
  return saveVersion(actor, upload, {
    action,
    auditAction: "contribution.revise",
    lateRequest: { kind: "revision", explanation: opts.explanation },
    target: !contribution || denied ? denied! : ok({ meeting: loadMeeting(db, { id: contribution.meetingId })!, contributionId: contribution.id, organisationId: contribution.organisationId }),
    check: (t): Result<number[] | null> => {
      const stateProblem = whyNotRevisable(contribution!);
      if (stateProblem) {
        logRefusal(actor, contribution!.meetingId, contribution!.id, action, stateProblem.code, { originalName: upload.originalName, size: upload.file.size });
        return stateProblem;
      }
      return metadata.questions ? resolveQuestions(db, t.meeting, metadata.questions) : ok(null);
    },
    refusal: deadlineRefusal(opts.asLateRequest, "revision", upload.receivedAt),
    recheck: (tx) => whyNotRevisable(tx.select().from(contributions).where(eq(contributions.id, contributionId)).get()!),
    write: (tx, { meeting: current, admitted, fileId, at }, questionIds) => {
      const fresh = tx.select().from(contributions).where(eq(contributions.id, contributionId)).get()!;
      const last = tx
        .select({ n: max(contributionVersions.ordinal) })
        .from(contributionVersions)
        .where(and(eq(contributionVersions.contributionId, fresh.id), eq(contributionVersions.kind, metadata.kind)))
        .get();
      const version = tx
        .insert(contributionVersions)
        .values({ contributionId: fresh.id, kind: metadata.kind, ordinal: (last?.n ?? 0) + 1, ...versionColumns(upload, actor, fileId, admitted), note: metadata.note ?? null })
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
      const details = { versionId: version.id, kind: metadata.kind, sha256: upload.file.sha256, receivedAt: upload.receivedAt, late: isLate(upload.receivedAt, current) };
      return { contributionId: fresh.id, versionId: version.id, details };
    },
  });
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
