// A contribution's review: its state (judged on which version), the reviewers' comments, its history, and their JSON.
import "server-only";
import { and, asc, eq, sql } from "drizzle-orm";
import { getDb } from "@/db/client";
import { auditLog, comments, contributionQuestions, contributions, reviews, users } from "@/db/schema";
import { REVIEW_STATES, type ContributionStatus, type ReviewState } from "@/lib/domain";
import { now } from "@/lib/time/clock";
import { recordAudit } from "@/lib/data/audit";
import { failT, ok, type Result } from "@/lib/domain/failures";
import { canReviewContribution, type Actor } from "@/lib/auth/permissions";
import { failFields } from "@/lib/validation/messages";
import { MAX_COMMENT } from "@/lib/validation/review";
import { contributionScope, currentVersionIdSql, original, originalOfContribution } from "@/lib/data/review-scope";

const NOT_FOUND = failT("not_found", "api.notFound.document");


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
    .leftJoin(original, originalOfContribution)
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
