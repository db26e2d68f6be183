// What a reviewer sees and the SQL the review modules share: Questions in the URL, the actor's scope,
// lateness, the original and current versions, the review state as SQL expressions.
import "server-only";
import { and, desc, eq, inArray, or, sql, type SQL } from "drizzle-orm";
import { alias } from "drizzle-orm/sqlite-core";
import { getDb, type DB } from "@/db/client";
import { contributionQuestions, contributions, contributionVersions, meetings, questions, reviews, studyGroups, studyPeriods } from "@/db/schema";
import type { ReviewState } from "@/lib/domain";
import { isLate } from "@/lib/time/deadlines";
import { failT, ok, type Result } from "@/lib/domain/failures";
import { hasPermission, type Actor } from "@/lib/auth/permissions";
import { normaliseQuestion } from "@/lib/domain/questions";

export const QUESTION_NOT_FOUND = failT("not_found", "api.notFound.question");

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
export function withLateFunction(db: DB): DB {
  if (!registered.has(db.$client)) {
    db.$client.function("tracker_is_late", { deterministic: true }, (receivedAt: unknown, deadlineAt: unknown) =>
      typeof receivedAt === "number" && typeof deadlineAt === "number" && isLate(receivedAt, { deadlineAt }) ? 1 : 0,
    );
    registered.add(db.$client);
  }
  return db;
}

/** The original version (ordinal 0): its receipt time is the contribution's receipt time. */
export const original = alias(contributionVersions, "original_version");
export const current = alias(contributionVersions, "current_version");

/** The condition that joins `original` to its contribution. */
export const originalOfContribution = and(eq(original.contributionId, contributions.id), eq(original.kind, "original"), eq(original.ordinal, 0));

export const lateSql = sql<number>`tracker_is_late(${original.receivedAt}, ${meetings.deadlineAt})`;

/**
 * The current version: the latest accepted original or revision (addenda and corrigenda stand
 * beside it), else the original, as in lib/data/contributions.ts.
 */
export const currentVersionIdSql = sql<number>`coalesce((
  select v.id from ${contributionVersions} v
  where v.contribution_id = ${contributions.id} and v.kind in ('original', 'revision') and v.state = 'accepted'
  order by v.received_at desc, v.id desc limit 1), ${original.id})`;

/** Reviewed, and a newer current version has arrived since (CASE, so the subquery runs only for reviewed rows). */
export const revisedSql = sql<number>`(case when ${reviews.reviewedVersionId} is null then 0 else ${reviews.reviewedVersionId} <> ${currentVersionIdSql} end)`;

export const reviewStateSql = sql<ReviewState>`coalesce(${reviews.state}, 'new')`;

/** Still before the meeting: admitted, or awaiting the secretariat's decision on a late request. */
export const openSql = sql<number>`(${contributions.status} in ('active', 'late_request'))`;

export function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/** The Questions this actor reviews: their own as rapporteur, every one of their groups as secretariat. */
export function questionScope(actor: Actor): SQL | null {
  if (!hasPermission(actor, "contribution.review")) return null;
  const parts: SQL[] = [];
  if (actor.rapporteurQuestionIds.length > 0) parts.push(inArray(questions.id, actor.rapporteurQuestionIds));
  if (actor.secretariatGroupIds.length > 0) parts.push(inArray(questions.studyGroupId, actor.secretariatGroupIds));
  return parts.length > 0 ? (or(...parts) ?? null) : null;
}

/** The contributions this actor may review, as a WHERE condition on `contributions`. */
export function contributionScope(actor: Actor): SQL | null {
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

export type QuestionRef = { id: number; code: string; title: string; studyGroupId: number; studyGroupCode: string; periodLabel: string };

/** One of the actor's Questions by code (the latest study period's if the code recurs), or not_found. */
export function resolveQuestion(actor: Actor, param: string): Result<QuestionRef> {
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
