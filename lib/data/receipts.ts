// The receipt of a stored version: what the member is shown, what the API answers and what the receipt e-mail says.
import "server-only";
import { eq, sql } from "drizzle-orm";
import { getDb } from "@/db/client";
import { contributionQuestions, contributions, contributionVersions, lateRequests, meetings, questions, storedFiles, studyGroups, studyPeriods } from "@/db/schema";
import type { VersionKind } from "@/lib/domain";
import { prepared, type PreparableConn } from "@/lib/data/prepared";
import { isLate } from "@/lib/time/deadlines";
import { displayNumber, fileReference, versionLabel } from "@/lib/domain/numbering";

export type Receipt = {
  contributionId: number;
  versionId: number;
  lateRequestId: number | null;
  meetingCode: string;
  number: number | null;
  displayNumber: string;
  reference: string | null;
  versionLabel: string;
  kind: VersionKind;
  title: string;
  questions: string[];
  originalName: string;
  size: number;
  sha256: string;
  mediaType: string;
  requestStartedAt: number;
  receivedAt: number;
  /** the meeting's contribution deadline, to say the lateness in another language */
  deadlineAt: number;
  late: boolean;
  status: string;
  /** true when this answers a retry with an Idempotency-Key already used: nothing new was stored */
  replayed?: boolean;
};

/** The receipt of one version, as stored: no permission check, callers have just written it or checked. */
const receiptRow = prepared((db) =>
  db
    .select({
      version: contributionVersions,
      contribution: contributions,
      file: storedFiles,
      meeting: meetings,
      sgNumber: studyGroups.number,
      periodCode: studyPeriods.code,
      lateRequestId: lateRequests.id,
    })
    .from(contributionVersions)
    .innerJoin(contributions, eq(contributions.id, contributionVersions.contributionId))
    .innerJoin(storedFiles, eq(storedFiles.id, contributionVersions.fileId))
    .innerJoin(meetings, eq(meetings.id, contributions.meetingId))
    .innerJoin(studyGroups, eq(studyGroups.id, contributions.studyGroupId))
    .innerJoin(studyPeriods, eq(studyPeriods.id, contributions.studyPeriodId))
    .leftJoin(lateRequests, eq(lateRequests.versionId, contributionVersions.id))
    .where(eq(contributionVersions.id, sql.placeholder("versionId")))
    .prepare(),
);

const questionCodesOf = prepared((db) =>
  db
    .select({ code: questions.code })
    .from(contributionQuestions)
    .innerJoin(questions, eq(questions.id, contributionQuestions.questionId))
    .where(eq(contributionQuestions.contributionId, sql.placeholder("contributionId")))
    .orderBy(questions.number)
    .prepare(),
);

/** The receipt of a version; inside a transaction (`conn`), as that transaction sees it. */
export function receiptFor(versionId: number, conn: PreparableConn = getDb()): Receipt | null {
  const db = conn;
  const row = receiptRow(db).get({ versionId });
  if (!row) return null;
  const qs = questionCodesOf(db)
    .all({ contributionId: row.contribution.id })
    .map((q) => q.code);
  const { version, contribution, file, meeting } = row;
  return {
    contributionId: contribution.id,
    versionId: version.id,
    lateRequestId: row.lateRequestId ?? null,
    meetingCode: meeting.code,
    number: contribution.number,
    displayNumber: displayNumber(row.sgNumber, contribution.number),
    reference: fileReference(row.periodCode, row.sgNumber, contribution.number),
    versionLabel: versionLabel(version.kind, version.ordinal),
    kind: version.kind,
    title: contribution.title,
    questions: qs,
    originalName: version.originalName,
    size: file.size,
    sha256: file.sha256,
    mediaType: file.mediaType,
    requestStartedAt: version.requestStartedAt,
    receivedAt: version.receivedAt,
    deadlineAt: meeting.deadlineAt,
    late: isLate(version.receivedAt, meeting),
    status: version.state === "pending" ? "awaiting_decision" : contribution.status,
  };
}
