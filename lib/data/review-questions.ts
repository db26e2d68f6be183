// The rapporteur's desk: my Questions with their counts, and the visits that make a contribution "new".
import "server-only";
import { and, asc, desc, eq, inArray, sql } from "drizzle-orm";
import { getDb } from "@/db/client";
import { contributionQuestions, contributions, meetings, questions, questionVisits, rapporteurAssignments, reviews, studyGroups, studyPeriods } from "@/db/schema";
import { now } from "@/lib/time/clock";
import { ok, type Result } from "@/lib/domain/failures";
import type { Actor } from "@/lib/auth/permissions";
import { lateSql, openSql, original, originalOfContribution, QUESTION_NOT_FOUND, questionScope, questionSlug, resolveQuestion, revisedSql, withLateFunction } from "@/lib/data/review-scope";

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
    .leftJoin(original, originalOfContribution)
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
