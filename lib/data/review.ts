// The rapporteur's desk: my Questions with their counts, a Question's review queue, review states, comments, CSV and ZIP.
import "server-only";
import type { Readable } from "node:stream";
import { and, asc, desc, eq, inArray, or, sql, type SQL } from "drizzle-orm";
import { alias } from "drizzle-orm/sqlite-core";
import { TZDate } from "@date-fns/tz";
import yazl from "yazl";
import { getDb, type DB } from "@/db/client";
import {
  auditLog,
  comments,
  contributionQuestions,
  contributions,
  contributionVersions,
  meetings,
  organisations,
  questions,
  questionVisits,
  rapporteurAssignments,
  reviews,
  storedFiles,
  studyGroups,
  studyPeriods,
  users,
  REVIEW_STATES,
  type ContributionStatus,
  type Purpose,
  type ReviewState,
  type VersionKind,
} from "@/db/schema";
import { now } from "@/lib/time/clock";
import { recordAudit } from "@/lib/data/audit";
import { isLate } from "@/lib/time/deadlines";
import { failT, ok, type Result } from "@/lib/domain/failures";
import { GENEVA_TZ } from "@/lib/time/geneva";
import { formatGeneva } from "@/lib/present/time";
import { displayNumber, downloadName, fileReference, versionLabel } from "@/lib/domain/numbering";
import { canReviewContribution, hasPermission, type Actor } from "@/lib/auth/permissions";
import { openStoredFile, storedFileExists } from "@/lib/files/storage";
import { normaliseQuestion } from "@/lib/domain/questions";
import { failFields } from "@/lib/validation/messages";
import { DEFAULT_PAGE_SIZE, MAX_COMMENT, MAX_PAGE_SIZE } from "@/lib/validation/review";

const QUESTION_NOT_FOUND = failT("not_found", "api.notFound.question");
const NOT_FOUND = failT("not_found", "api.notFound.document");

// ---------------------------------------------------------------- Questions in the URL

/** "Q3/20" → "Q3-20": the Question as a path segment. */
export function questionSlug(code: string): string {
  return code.replace("/", "-");
}

/** A path parameter as sent: "Q3-20", "Q3%2F20" (still encoded or already decoded), "q3/20" → "Q3/20". */
export function questionCodeFromParam(param: string): string {
  let text = param;
  if (text.includes("%")) {
    try {
      text = decodeURIComponent(text);
    } catch {
      // left as is: it will match no Question
    }
  }
  return normaliseQuestion(text.replace(/-/g, "/"));
}

// ---------------------------------------------------------------- SQL building blocks

const registered = new WeakSet<object>();

/**
 * Lateness in SQL calls the very isLate() of lib/time/deadlines.ts (registered as a function on the
 * connection), so the queue, its counts and the submission gate can never disagree.
 */
function withLateFunction(db: DB): DB {
  if (!registered.has(db.$client)) {
    db.$client.function("tracker_is_late", { deterministic: true }, (receivedAt: unknown, deadlineAt: unknown) =>
      typeof receivedAt === "number" && typeof deadlineAt === "number" && isLate(receivedAt, { deadlineAt }) ? 1 : 0,
    );
    registered.add(db.$client);
  }
  return db;
}

/** The original version (ordinal 0): its receipt time is the contribution's receipt time. */
const original = alias(contributionVersions, "original_version");
const current = alias(contributionVersions, "current_version");

const lateSql = sql<number>`tracker_is_late(${original.receivedAt}, ${meetings.deadlineAt})`;

/**
 * The current version: the latest accepted original or revision (addenda and corrigenda stand
 * beside it), else the original, as in lib/data/contributions.ts.
 */
const currentVersionIdSql = sql<number>`coalesce((
  select v.id from ${contributionVersions} v
  where v.contribution_id = ${contributions.id} and v.kind in ('original', 'revision') and v.state = 'accepted'
  order by v.received_at desc, v.id desc limit 1), ${original.id})`;

/** Reviewed, and a newer current version has arrived since (CASE, so the subquery runs only for reviewed rows). */
const revisedSql = sql<number>`(case when ${reviews.reviewedVersionId} is null then 0 else ${reviews.reviewedVersionId} <> ${currentVersionIdSql} end)`;

const reviewStateSql = sql<ReviewState>`coalesce(${reviews.state}, 'new')`;

/** Still before the meeting: admitted, or awaiting the secretariat's decision on a late request. */
const openSql = sql<number>`(${contributions.status} in ('active', 'late_request'))`;

function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/** The Questions this actor reviews: their own as rapporteur, every one of their groups as secretariat. */
function questionScope(actor: Actor): SQL | null {
  if (!hasPermission(actor, "contribution.review")) return null;
  const parts: SQL[] = [];
  if (actor.rapporteurQuestionIds.length > 0) parts.push(inArray(questions.id, actor.rapporteurQuestionIds));
  if (actor.secretariatGroupIds.length > 0) parts.push(inArray(questions.studyGroupId, actor.secretariatGroupIds));
  return parts.length > 0 ? (or(...parts) ?? null) : null;
}

/** The contributions this actor may review, as a WHERE condition on `contributions`. */
function contributionScope(actor: Actor): SQL | null {
  if (!hasPermission(actor, "contribution.review")) return null;
  const parts: SQL[] = [];
  if (actor.rapporteurQuestionIds.length > 0) {
    const theirs = getDb()
      .select({ id: contributionQuestions.contributionId })
      .from(contributionQuestions)
      .where(inArray(contributionQuestions.questionId, actor.rapporteurQuestionIds));
    parts.push(inArray(contributions.id, theirs));
  }
  if (actor.secretariatGroupIds.length > 0) parts.push(inArray(contributions.studyGroupId, actor.secretariatGroupIds));
  return parts.length > 0 ? (or(...parts) ?? null) : null;
}

type QuestionRef = { id: number; code: string; title: string; studyGroupId: number; studyGroupCode: string; periodLabel: string };

/** One of the actor's Questions by code (the latest study period's if the code recurs), or not_found. */
function resolveQuestion(actor: Actor, param: string): Result<QuestionRef> {
  const scope = questionScope(actor);
  if (!scope) return QUESTION_NOT_FOUND;
  const code = questionCodeFromParam(param);
  const row = getDb()
    .select({
      id: questions.id,
      code: questions.code,
      title: questions.title,
      studyGroupId: questions.studyGroupId,
      studyGroupCode: studyGroups.code,
      periodLabel: studyPeriods.label,
    })
    .from(questions)
    .innerJoin(studyGroups, eq(studyGroups.id, questions.studyGroupId))
    .innerJoin(studyPeriods, eq(studyPeriods.id, questions.studyPeriodId))
    .where(and(eq(questions.code, code), scope))
    .orderBy(desc(studyPeriods.lastYear))
    .get();
  return row ? ok(row) : QUESTION_NOT_FOUND;
}

// ---------------------------------------------------------------- my Questions

export type QuestionCounts = {
  /** admitted or awaiting a late decision */
  total: number;
  /** received since my last visit of the queue (all of them before the first visit) */
  new: number;
  late: number;
  revisedSinceReview: number;
  withdrawn: number;
};

export type MyQuestionDto = {
  id: number;
  code: string;
  slug: string;
  title: string;
  studyGroupCode: string;
  periodLabel: string;
  role: "Rapporteur" | "Associate rapporteur" | "Secretariat";
  lastVisitedAt: number | null;
  counts: QuestionCounts;
};

const ZERO: QuestionCounts = { total: 0, new: 0, late: 0, revisedSinceReview: 0, withdrawn: 0 };

/** The counts of several Questions in one grouped query. */
function countsFor(actor: Actor, questionIds: number[]): Map<number, QuestionCounts> {
  const map = new Map<number, QuestionCounts>();
  if (questionIds.length === 0) return map;
  const db = withLateFunction(getDb());
  const rows = db
    .select({
      questionId: contributionQuestions.questionId,
      total: sql<number>`sum(${openSql})`,
      new: sql<number>`sum(${openSql} and (${questionVisits.visitedAt} is null or ${original.receivedAt} >= ${questionVisits.visitedAt}))`,
      late: sql<number>`sum(${openSql} and ${lateSql})`,
      revised: sql<number>`sum(${openSql} and ${revisedSql})`,
      withdrawn: sql<number>`sum(${contributions.status} = 'withdrawn')`,
    })
    .from(contributionQuestions)
    .innerJoin(contributions, eq(contributions.id, contributionQuestions.contributionId))
    .innerJoin(meetings, eq(meetings.id, contributions.meetingId))
    .leftJoin(original, and(eq(original.contributionId, contributions.id), eq(original.kind, "original"), eq(original.ordinal, 0)))
    .leftJoin(reviews, eq(reviews.contributionId, contributions.id))
    .leftJoin(questionVisits, and(eq(questionVisits.questionId, contributionQuestions.questionId), eq(questionVisits.userId, actor.userId)))
    .where(inArray(contributionQuestions.questionId, questionIds))
    .groupBy(contributionQuestions.questionId)
    .all();
  for (const r of rows) {
    map.set(r.questionId, {
      total: Number(r.total ?? 0),
      new: Number(r.new ?? 0),
      late: Number(r.late ?? 0),
      revisedSinceReview: Number(r.revised ?? 0),
      withdrawn: Number(r.withdrawn ?? 0),
    });
  }
  return map;
}

function myQuestions(actor: Actor, only?: number): MyQuestionDto[] {
  const scope = questionScope(actor);
  if (!scope) return [];
  const rows = getDb()
    .select({
      id: questions.id,
      code: questions.code,
      title: questions.title,
      studyGroupCode: studyGroups.code,
      periodLabel: studyPeriods.label,
      kind: rapporteurAssignments.kind,
      visitedAt: questionVisits.visitedAt,
    })
    .from(questions)
    .innerJoin(studyGroups, eq(studyGroups.id, questions.studyGroupId))
    .innerJoin(studyPeriods, eq(studyPeriods.id, questions.studyPeriodId))
    .leftJoin(rapporteurAssignments, and(eq(rapporteurAssignments.questionId, questions.id), eq(rapporteurAssignments.userId, actor.userId)))
    .leftJoin(questionVisits, and(eq(questionVisits.questionId, questions.id), eq(questionVisits.userId, actor.userId)))
    .where(only === undefined ? scope : and(scope, eq(questions.id, only)))
    .orderBy(asc(studyGroups.number), desc(studyPeriods.lastYear), asc(questions.number))
    .all();
  const counts = countsFor(
    actor,
    rows.map((r) => r.id),
  );
  return rows.map((r) => ({
    id: r.id,
    code: r.code,
    slug: questionSlug(r.code),
    title: r.title,
    studyGroupCode: r.studyGroupCode,
    periodLabel: r.periodLabel,
    role: r.kind === "rapporteur" ? "Rapporteur" : r.kind === "associate_rapporteur" ? "Associate rapporteur" : "Secretariat",
    lastVisitedAt: r.visitedAt,
    counts: counts.get(r.id) ?? { ...ZERO },
  }));
}

/** Each Question the actor reviews, with its counts (the secretariat: every Question of their groups). */
export function listMyQuestions(actor: Actor): MyQuestionDto[] {
  return myQuestions(actor);
}

/** One of my Questions with its counts, by code or path segment ("Q3/20", "Q3-20"). */
export function getMyQuestion(actor: Actor, questionCode: string): Result<MyQuestionDto> {
  const q = resolveQuestion(actor, questionCode);
  if (!q.ok) return q;
  const [found] = myQuestions(actor, q.value.id);
  return found ? ok(found) : QUESTION_NOT_FOUND;
}

/** Marks the Question's queue as seen now: what arrives later counts as new. */
export function recordQuestionVisit(actor: Actor, questionCode: string): Result<{ visitedAt: number }> {
  const q = resolveQuestion(actor, questionCode);
  if (!q.ok) return q;
  const at = now();
  getDb()
    .insert(questionVisits)
    .values({ userId: actor.userId, questionId: q.value.id, visitedAt: at })
    .onConflictDoUpdate({ target: [questionVisits.userId, questionVisits.questionId], set: { visitedAt: at } })
    .run();
  return ok({ visitedAt: at });
}

// ---------------------------------------------------------------- the queue

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
function matchingIds(questionId: number, f: QueueFilters, limit: { limit: number; offset: number } | null): { ids: number[]; total: number } {
  const db = withLateFunction(getDb());
  const base = db
    .select({ id: contributions.id, total: sql<number>`count(*) over ()` })
    .from(contributionQuestions)
    .innerJoin(contributions, eq(contributions.id, contributionQuestions.contributionId))
    .innerJoin(organisations, eq(organisations.id, contributions.organisationId))
    .innerJoin(meetings, eq(meetings.id, contributions.meetingId))
    .leftJoin(original, and(eq(original.contributionId, contributions.id), eq(original.kind, "original"), eq(original.ordinal, 0)))
    .leftJoin(reviews, eq(reviews.contributionId, contributions.id))
    .where(whereOf(questionId, f))
    .orderBy(...orderOf(f));
  const rows = limit ? base.limit(limit.limit).offset(limit.offset).all() : base.all();
  if (rows.length > 0) return { ids: rows.map((r) => r.id), total: rows[0].total };
  if (!limit || limit.offset === 0) return { ids: [], total: 0 };
  // Past the last page: still say how many there are.
  const [{ n }] = db
    .select({ n: sql<number>`count(*)` })
    .from(contributionQuestions)
    .innerJoin(contributions, eq(contributions.id, contributionQuestions.contributionId))
    .innerJoin(organisations, eq(organisations.id, contributions.organisationId))
    .innerJoin(meetings, eq(meetings.id, contributions.meetingId))
    .leftJoin(original, and(eq(original.contributionId, contributions.id), eq(original.kind, "original"), eq(original.ordinal, 0)))
    .leftJoin(reviews, eq(reviews.contributionId, contributions.id))
    .where(whereOf(questionId, f))
    .all();
  return { ids: [], total: n };
}

// SQLite binds at most 32766 parameters; details are read in slices.
const CHUNK = 500;

function chunks<T>(list: T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < list.length; i += CHUNK) out.push(list.slice(i, i + CHUNK));
  return out;
}

/** The rows of the given contributions, in the given order: a constant number of queries per slice. */
function queueRows(ids: number[]): QueueRow[] {
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
      .leftJoin(original, and(eq(original.contributionId, contributions.id), eq(original.kind, "original"), eq(original.ordinal, 0)))
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

// ---------------------------------------------------------------- CSV

const iso = (ms: number) => new Date(ms).toISOString();

/** Every row of the queue under these filters (no paging), for the CSV export. */
export function queueCsvRows(actor: Actor, questionCode: string, filters: QueueFilters = {}): Result<{ rows: QueueRow[]; fileName: string }> {
  const q = resolveQuestion(actor, questionCode);
  if (!q.ok) return q;
  const { ids } = matchingIds(q.value.id, filters, null);
  return ok({ rows: queueRows(ids), fileName: `${questionSlug(q.value.code)}-contributions.csv` });
}

// ---------------------------------------------------------------- ZIP

const EXTENSION: Record<string, string> = {
  "application/pdf": ".pdf",
  "application/msword": ".doc",
  "application/zip": ".zip",
};

function extensionOf(mediaType: string): string {
  return EXTENSION[mediaType] ?? (mediaType.includes("wordprocessingml") ? ".docx" : ".bin");
}

export type QuestionZip = { stream: Readable; fileName: string; entries: number; size: number | null };

/**
 * The current accepted version of every admitted contribution to the Question, streamed as a ZIP
 * named by reference and revision (T17-SG20-C-0012-R1.docx): files are opened one at a time while
 * the archive is read, never held in memory. `since`: only those whose current version arrived then or later.
 */
export function streamQuestionZip(actor: Actor, questionCode: string, opts: { since?: number } = {}): Result<QuestionZip> {
  const q = resolveQuestion(actor, questionCode);
  if (!q.ok) return q;
  const conditions: SQL[] = [eq(contributionQuestions.questionId, q.value.id), eq(contributions.status, "active"), eq(current.state, "accepted")];
  if (opts.since !== undefined) conditions.push(sql`${current.receivedAt} >= ${opts.since}`);
  const rows = getDb()
    .select({
      id: contributions.id,
      number: contributions.number,
      sgNumber: studyGroups.number,
      periodCode: studyPeriods.code,
      kind: current.kind,
      ordinal: current.ordinal,
      receivedAt: current.receivedAt,
      sha256: storedFiles.sha256,
      size: storedFiles.size,
      mediaType: storedFiles.mediaType,
    })
    .from(contributionQuestions)
    .innerJoin(contributions, eq(contributions.id, contributionQuestions.contributionId))
    .innerJoin(studyGroups, eq(studyGroups.id, contributions.studyGroupId))
    .innerJoin(studyPeriods, eq(studyPeriods.id, contributions.studyPeriodId))
    .leftJoin(original, and(eq(original.contributionId, contributions.id), eq(original.kind, "original"), eq(original.ordinal, 0)))
    .innerJoin(current, eq(current.id, currentVersionIdSql))
    .innerJoin(storedFiles, eq(storedFiles.id, current.fileId))
    .where(and(...conditions))
    .orderBy(asc(contributions.number), asc(contributions.id))
    .all();
  // A stored file gone from disk is a fault of the server, not of the request: refuse before sending half an archive.
  const missing = rows.find((r) => !storedFileExists(r.sha256));
  if (missing) throw new Error(`stored file ${missing.sha256} of contribution ${missing.id} is missing`);

  const zip = new yazl.ZipFile();
  for (const r of rows) {
    const name = downloadName(fileReference(r.periodCode, r.sgNumber, r.number), r.id, r.kind as VersionKind, r.ordinal, extensionOf(r.mediaType));
    // DOCX, PDF and ZIP are compressed already; storing keeps the archive's size known in advance.
    // The entry's time is the receipt time, in both of ZIP's fields: the Info-ZIP "UT" field holds the UTC instant,
    // and the DOS field (a wall time without zone, which yazl reads with getHours() and friends) the Geneva wall
    // time, which a TZDate gives whatever the server's TZ. A plain Date would write the server's local time there,
    // and the same download would differ from one server to another.
    const mtime = new TZDate(r.receivedAt, GENEVA_TZ);
    zip.addReadStreamLazy(name, { size: r.size, mtime, compress: false }, (cb) => cb(null, openStoredFile(r.sha256)));
  }
  const output = zip.outputStream as unknown as Readable; // a PassThrough; the typings say less
  // A read error surfaces on the ZipFile, not on its output: end the download with it rather than crash.
  zip.on("error", (error: Error) => output.destroy(error));
  let size: number | null = null;
  // With no addFile() entry the total is reported during end(): stored entries of known size make it exact.
  const onTotal = (total: number) => {
    size = total >= 0 ? total : null;
  };
  zip.end(undefined, onTotal as unknown as () => void);
  return ok({ stream: output, fileName: `${questionSlug(q.value.code)}-contributions.zip`, entries: rows.length, size });
}

// ---------------------------------------------------------------- review state, comments, history

type Reviewable = { id: number; meetingId: number; status: ContributionStatus; currentVersionId: number | null };

/** The contribution, if the actor reviews it (the scope is in the WHERE clause, and the rule is checked too); else not_found. */
function reviewable(actor: Actor, contributionId: number): Result<Reviewable> {
  const scope = contributionScope(actor);
  if (!scope || !Number.isInteger(contributionId) || contributionId <= 0) return NOT_FOUND;
  const row = getDb()
    .select({
      id: contributions.id,
      meetingId: contributions.meetingId,
      studyGroupId: contributions.studyGroupId,
      status: contributions.status,
      currentVersionId: sql<number | null>`${currentVersionIdSql}`,
    })
    .from(contributions)
    .leftJoin(original, and(eq(original.contributionId, contributions.id), eq(original.kind, "original"), eq(original.ordinal, 0)))
    .where(and(eq(contributions.id, contributionId), scope))
    .get();
  if (!row) return NOT_FOUND;
  const questionIds = getDb()
    .select({ id: contributionQuestions.questionId })
    .from(contributionQuestions)
    .where(eq(contributionQuestions.contributionId, row.id))
    .all()
    .map((r) => r.id);
  if (!canReviewContribution(actor, { studyGroupId: row.studyGroupId, questionIds })) return NOT_FOUND;
  return ok({ id: row.id, meetingId: row.meetingId, status: row.status, currentVersionId: row.currentVersionId });
}

/** Sets the review state, remembering which version it was judged on (a later revision shows as "revised since review"). */
export function setReviewState(actor: Actor, contributionId: number, state: ReviewState): Result<{ state: ReviewState; reviewedVersionId: number | null; updatedAt: number }> {
  const found = reviewable(actor, contributionId);
  if (!found.ok) return found;
  const c = found.value;
  if (!REVIEW_STATES.includes(state)) return failFields("invalid", "api.validation.reviewState", { list: REVIEW_STATES.join(", ") }, { state: "api.field.unknownState" });
  if (c.status === "withdrawn") return failT("conflict", "api.review.withdrawn");
  const at = now();
  getDb().transaction((tx) => {
    const before = tx.select({ state: reviews.state, versionId: reviews.reviewedVersionId }).from(reviews).where(eq(reviews.contributionId, c.id)).get();
    tx.insert(reviews)
      .values({ contributionId: c.id, state, reviewedVersionId: c.currentVersionId, updatedByUserId: actor.userId, updatedAt: at })
      .onConflictDoUpdate({ target: reviews.contributionId, set: { state, reviewedVersionId: c.currentVersionId, updatedByUserId: actor.userId, updatedAt: at } })
      .run();
    recordAudit(tx, {
      at,
      actorUserId: actor.userId,
      action: "review.state",
      entityType: "contribution",
      entityId: c.id,
      meetingId: c.meetingId,
      details: { from: before?.state ?? "new", to: state, versionId: c.currentVersionId, previousVersionId: before?.versionId ?? null },
    });
  });
  return ok({ state, reviewedVersionId: c.currentVersionId, updatedAt: at });
}

export type CommentDto = { id: number; body: string; sharedWithSubmitter: boolean; at: number; author: string };

/** A reviewer's comment; shared ones are shown to the submitting organisation with the contribution. */
export function addComment(actor: Actor, contributionId: number, body: string, sharedWithSubmitter: boolean): Result<CommentDto> {
  const found = reviewable(actor, contributionId);
  if (!found.ok) return found;
  const text = body.trim();
  if (text.length === 0 || text.length > MAX_COMMENT) {
    const [key, params] = text.length === 0 ? (["api.validation.comment.required", undefined] as const) : (["api.validation.comment.tooLong", { max: MAX_COMMENT }] as const);
    return failFields("invalid", key, params, { body: [key, params] });
  }
  const c = found.value;
  const at = now();
  const id = getDb().transaction((tx) => {
    const row = tx
      .insert(comments)
      .values({ contributionId: c.id, authorUserId: actor.userId, body: text, sharedWithSubmitter, createdAt: at })
      .returning({ id: comments.id })
      .get();
    recordAudit(tx, {
      at,
      actorUserId: actor.userId,
      action: "review.comment",
      entityType: "contribution",
      entityId: c.id,
      meetingId: c.meetingId,
      details: { commentId: row.id, sharedWithSubmitter },
    });
    return row.id;
  });
  return ok({ id, body: text, sharedWithSubmitter, at, author: actor.name });
}

function commentsOf(contributionId: number): CommentDto[] {
  return getDb()
    .select({ id: comments.id, body: comments.body, sharedWithSubmitter: comments.sharedWithSubmitter, at: comments.createdAt, author: users.name })
    .from(comments)
    .innerJoin(users, eq(users.id, comments.authorUserId))
    .where(eq(comments.contributionId, contributionId))
    .orderBy(asc(comments.createdAt), asc(comments.id))
    .all();
}

/** Every comment, shared or not: for the rapporteurs of its Questions and the secretariat only. */
export function listComments(actor: Actor, contributionId: number): Result<CommentDto[]> {
  const found = reviewable(actor, contributionId);
  if (!found.ok) return found;
  return ok(commentsOf(found.value.id));
}

export type HistoryEntryDto = { action: string; at: number; actor: string | null; details: Record<string, unknown> };

export type ReviewPanelDto = {
  contributionId: number;
  state: ReviewState;
  reviewedVersionId: number | null;
  currentVersionId: number | null;
  revisedSinceReview: boolean;
  updatedAt: number | null;
  updatedBy: string | null;
  comments: CommentDto[];
  history: HistoryEntryDto[];
};

/** The review state, the comments and the contribution's audit history, for its reviewers. */
export function getReviewPanel(actor: Actor, contributionId: number): Result<ReviewPanelDto> {
  const found = reviewable(actor, contributionId);
  if (!found.ok) return found;
  const c = found.value;
  const db = getDb();
  const review = db
    .select({ state: reviews.state, versionId: reviews.reviewedVersionId, at: reviews.updatedAt, by: users.name })
    .from(reviews)
    .innerJoin(users, eq(users.id, reviews.updatedByUserId))
    .where(eq(reviews.contributionId, c.id))
    .get();
  const history = db
    .select({ action: auditLog.action, at: auditLog.at, actor: users.name, details: auditLog.details })
    .from(auditLog)
    .leftJoin(users, eq(users.id, auditLog.actorUserId))
    .where(and(eq(auditLog.entityType, "contribution"), eq(auditLog.entityId, String(c.id))))
    .orderBy(asc(auditLog.at), asc(auditLog.id))
    .all();
  const reviewedVersionId = review?.versionId ?? null;
  return ok({
    contributionId: c.id,
    state: review?.state ?? "new",
    reviewedVersionId,
    currentVersionId: c.currentVersionId,
    revisedSinceReview: reviewedVersionId !== null && c.currentVersionId !== null && reviewedVersionId !== c.currentVersionId,
    updatedAt: review?.at ?? null,
    updatedBy: review?.by ?? null,
    comments: commentsOf(c.id),
    history,
  });
}

/** The JSON of the review panel in the API: instants as ISO 8601 UTC, with their Geneva reading. */
export function reviewPanelToJson(p: ReviewPanelDto) {
  return {
    contributionId: p.contributionId,
    state: p.state,
    reviewedVersionId: p.reviewedVersionId,
    currentVersionId: p.currentVersionId,
    revisedSinceReview: p.revisedSinceReview,
    updatedAt: p.updatedAt === null ? null : iso(p.updatedAt),
    updatedBy: p.updatedBy,
    comments: p.comments.map(commentToJson),
    history: p.history.map((h) => ({ action: h.action, at: iso(h.at), atGeneva: formatGeneva(h.at), actor: h.actor, details: h.details })),
  };
}

export function commentToJson(c: CommentDto) {
  return { id: c.id, body: c.body, sharedWithSubmitter: c.sharedWithSubmitter, author: c.author, at: iso(c.at), atGeneva: formatGeneva(c.at) };
}

/** The JSON of a queue page in the API. */
export function queuePageToJson(p: QueuePage) {
  return {
    question: p.question.code,
    total: p.total,
    page: p.page,
    pageSize: p.pageSize,
    contributions: p.rows.map((r) => ({
      id: r.id,
      number: r.number,
      displayNumber: r.displayNumber,
      reference: r.reference,
      title: r.title,
      source: r.source,
      questions: r.questions,
      purpose: r.purpose,
      status: r.status,
      receivedAt: iso(r.receivedAt),
      receivedAtGeneva: formatGeneva(r.receivedAt),
      late: r.late,
      currentVersionId: r.currentVersionId,
      currentVersion: r.currentVersionLabel,
      currentReceivedAt: iso(r.currentReceivedAt),
      reviewState: r.reviewState,
      revisedSinceReview: r.revisedSinceReview,
    })),
  };
}
