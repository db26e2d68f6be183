// A Question's review queue: filtered, sorted and paged in SQL, and its JSON in the API.
import "server-only";
import { and, asc, desc, eq, inArray, sql, type SQL } from "drizzle-orm";
import { getDb } from "@/db/client";
import { contributionQuestions, contributions, meetings, organisations, questions, reviews, studyGroups, studyPeriods } from "@/db/schema";
import type { ContributionStatus, Purpose, ReviewState, VersionKind } from "@/lib/domain";
import { isLate } from "@/lib/time/deadlines";
import { ok, type Result } from "@/lib/domain/failures";
import { displayNumber, fileReference, versionLabel } from "@/lib/domain/numbering";
import type { Actor } from "@/lib/auth/permissions";
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE } from "@/lib/validation/review";
import { current, currentVersionIdSql, escapeLike, lateSql, original, originalOfContribution, questionSlug, resolveQuestion, revisedSql, reviewStateSql, withLateFunction, type QuestionRef } from "@/lib/data/review-scope";

export type QueueSort = "number" | "received" | "title" | "source";

export type QueueFilters = {
  state?: ReviewState | "all";
  late?: boolean;
  revised?: boolean;
  purpose?: Purpose;
  q?: string;
  sort?: QueueSort;
  dir?: "asc" | "desc";
  page?: number;
  /** default 50, at most 200 */
  pageSize?: number;
};

export type QueueRow = {
  id: number;
  number: number | null;
  displayNumber: string;
  reference: string | null;
  title: string;
  source: string;
  questions: string[];
  purpose: Purpose;
  status: ContributionStatus;
  /** the original version's receipt */
  receivedAt: number;
  late: boolean;
  currentVersionId: number | null;
  /** pages and CSV name the original in the reader's language by this, not by the English label */
  currentVersionKind: VersionKind;
  /** "Original", "Rev.1" */
  currentVersionLabel: string;
  currentReceivedAt: number;
  reviewState: ReviewState;
  revisedSinceReview: boolean;
};

export type QueuePage = {
  question: { id: number; code: string; slug: string; title: string; studyGroupCode: string };
  rows: QueueRow[];
  total: number;
  page: number;
  pageSize: number;
};

function whereOf(questionId: number, f: QueueFilters): SQL {
  const conditions: SQL[] = [eq(contributionQuestions.questionId, questionId)];
  if (f.state && f.state !== "all") conditions.push(sql`${reviewStateSql} = ${f.state}`);
  if (f.late) conditions.push(sql`${lateSql} = 1`);
  if (f.revised) conditions.push(revisedSql);
  if (f.purpose) conditions.push(eq(contributions.purpose, f.purpose));
  const text = f.q?.trim();
  if (text) {
    const pattern = `%${escapeLike(text)}%`;
    conditions.push(
      sql`(${contributions.title} like ${pattern} escape '\\' or ${contributions.abstract} like ${pattern} escape '\\'
        or ${contributions.keywords} like ${pattern} escape '\\' or ${organisations.name} like ${pattern} escape '\\')`,
    );
  }
  return and(...conditions)!;
}

function orderOf(f: QueueFilters): SQL[] {
  const direction = (expr: SQL | typeof contributions.number) => (f.dir === "desc" ? desc(expr) : asc(expr));
  // Unnumbered late requests go last in number order, whichever the direction.
  const byNumber = [sql`${contributions.number} is null`, direction(contributions.number)];
  switch (f.sort) {
    case "received":
      return [direction(sql`${original.receivedAt}`), asc(contributions.id)];
    case "title":
      return [direction(sql`${contributions.title} collate nocase`), ...byNumber, asc(contributions.id)];
    case "source":
      return [direction(sql`${organisations.name} collate nocase`), ...byNumber, asc(contributions.id)];
    default:
      return [...byNumber, asc(contributions.id)];
  }
}

/**
 * The ids of one page (or all of them) in order, and the number of matches: filtering, sorting
 * and paging happen in SQL, over the index of the Question's contributions.
 */
export function matchingIds(questionId: number, f: QueueFilters, limit: { limit: number; offset: number } | null): { ids: number[]; total: number } {
  const db = withLateFunction(getDb());
  const matches = () =>
    db
      .select({ id: contributions.id, total: sql<number>`count(*) over ()` })
      .from(contributionQuestions)
      .innerJoin(contributions, eq(contributions.id, contributionQuestions.contributionId))
      .innerJoin(organisations, eq(organisations.id, contributions.organisationId))
      .innerJoin(meetings, eq(meetings.id, contributions.meetingId))
      .leftJoin(original, originalOfContribution)
      .leftJoin(reviews, eq(reviews.contributionId, contributions.id))
      .where(whereOf(questionId, f))
      .orderBy(...orderOf(f));
  const rows = limit ? matches().limit(limit.limit).offset(limit.offset).all() : matches().all();
  if (rows.length > 0) return { ids: rows.map((r) => r.id), total: rows[0].total };
  if (!limit || limit.offset === 0) return { ids: [], total: 0 };
  // Past the last page: the first match still says how many there are.
  const [first] = matches().limit(1).all();
  return { ids: [], total: first?.total ?? 0 };
}

// SQLite binds at most 32766 parameters; details are read in slices.
const CHUNK = 500;

function chunks<T>(list: T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < list.length; i += CHUNK) out.push(list.slice(i, i + CHUNK));
  return out;
}

/** The rows of the given contributions, in the given order: a constant number of queries per slice. */
export function queueRows(ids: number[]): QueueRow[] {
  const db = withLateFunction(getDb());
  const byId = new Map<number, QueueRow>();
  for (const slice of chunks(ids)) {
    const details = db
      .select({
        id: contributions.id,
        number: contributions.number,
        title: contributions.title,
        purpose: contributions.purpose,
        status: contributions.status,
        source: organisations.name,
        sgNumber: studyGroups.number,
        periodCode: studyPeriods.code,
        deadlineAt: meetings.deadlineAt,
        originalReceivedAt: original.receivedAt,
        currentId: current.id,
        currentKind: current.kind,
        currentOrdinal: current.ordinal,
        currentReceivedAt: current.receivedAt,
        reviewState: reviewStateSql,
        reviewedVersionId: reviews.reviewedVersionId,
      })
      .from(contributions)
      .innerJoin(organisations, eq(organisations.id, contributions.organisationId))
      .innerJoin(meetings, eq(meetings.id, contributions.meetingId))
      .innerJoin(studyGroups, eq(studyGroups.id, contributions.studyGroupId))
      .innerJoin(studyPeriods, eq(studyPeriods.id, contributions.studyPeriodId))
      .leftJoin(original, originalOfContribution)
      .leftJoin(current, eq(current.id, currentVersionIdSql))
      .leftJoin(reviews, eq(reviews.contributionId, contributions.id))
      .where(inArray(contributions.id, slice))
      .all();
    const codes = new Map<number, string[]>();
    const qrows = db
      .select({ cid: contributionQuestions.contributionId, code: questions.code })
      .from(contributionQuestions)
      .innerJoin(questions, eq(questions.id, contributionQuestions.questionId))
      .where(inArray(contributionQuestions.contributionId, slice))
      .orderBy(asc(questions.number))
      .all();
    for (const r of qrows) codes.set(r.cid, [...(codes.get(r.cid) ?? []), r.code]);
    for (const d of details) {
      const receivedAt = d.originalReceivedAt ?? 0;
      byId.set(d.id, {
        id: d.id,
        number: d.number,
        displayNumber: displayNumber(d.sgNumber, d.number),
        reference: fileReference(d.periodCode, d.sgNumber, d.number),
        title: d.title,
        source: d.source,
        questions: codes.get(d.id) ?? [],
        purpose: d.purpose,
        status: d.status,
        receivedAt,
        late: isLate(receivedAt, { deadlineAt: d.deadlineAt }),
        currentVersionId: d.currentId,
        currentVersionKind: d.currentKind ?? "original",
        currentVersionLabel: d.currentKind ? versionLabel(d.currentKind, d.currentOrdinal ?? 0) || "Original" : "Original",
        currentReceivedAt: d.currentReceivedAt ?? receivedAt,
        reviewState: d.reviewState,
        revisedSinceReview: d.reviewedVersionId !== null && d.currentId !== null && d.reviewedVersionId !== d.currentId,
      });
    }
  }
  return ids.flatMap((id) => byId.get(id) ?? []);
}

function pageSizeOf(f: QueueFilters): number {
  const size = Math.trunc(f.pageSize ?? DEFAULT_PAGE_SIZE);
  return Number.isFinite(size) ? Math.min(Math.max(size, 1), MAX_PAGE_SIZE) : DEFAULT_PAGE_SIZE;
}

function queueQuestion(q: QuestionRef): QueuePage["question"] {
  return { id: q.id, code: q.code, slug: questionSlug(q.code), title: q.title, studyGroupCode: q.studyGroupCode };
}

/** A Question's contributions, filtered, sorted and paged; not_found unless the actor reviews that Question. */
export function listQuestionQueue(actor: Actor, questionCode: string, filters: QueueFilters = {}): Result<QueuePage> {
  const q = resolveQuestion(actor, questionCode);
  if (!q.ok) return q;
  const pageSize = pageSizeOf(filters);
  const page = Math.max(1, Math.trunc(Number.isFinite(filters.page) ? filters.page! : 1));
  const { ids, total } = matchingIds(q.value.id, filters, { limit: pageSize, offset: (page - 1) * pageSize });
  return ok({ question: queueQuestion(q.value), rows: queueRows(ids), total, page, pageSize });
}

