// Feeds of new and revised contributions per Question, and the per-account feed key that lets a feed reader (which
// cannot sign in) fetch them: stored as a SHA-256 hash like API tokens, shown once, revocable.
import "server-only";
import { createHash, randomBytes } from "node:crypto";
import { and, desc, eq, isNull, sql } from "drizzle-orm";
import { getDb } from "@/db/client";
import { feedKeys } from "@/db/schema";
import type { ContributionStatus, VersionKind, VersionState } from "@/lib/domain";
import { hasPermission, type Actor } from "@/lib/auth/permissions";
import { loadActor } from "@/lib/data/actor";
import { recordAudit } from "@/lib/data/audit";
import { prepared } from "@/lib/data/prepared";
import { questionCodeFromParam, questionSlug } from "@/lib/data/review-scope";
import { readableVersionScope } from "@/lib/data/search";
import { failT, ok, type Result } from "@/lib/domain/failures";
import { displayNumber, versionLabel } from "@/lib/domain/numbering";
import { now } from "@/lib/time/clock";

const PREFIX = "cfk_";

function digest(secret: string): string {
  return createHash("sha256").update(secret).digest("hex");
}

export type FeedKeyDto = { id: number; prefix: string; createdAt: number; lastUsedAt: number | null };

/** The account's live feed key, if any (its secret is never shown again). */
export function getFeedKey(actor: Actor): FeedKeyDto | null {
  return (
    getDb()
      .select({ id: feedKeys.id, prefix: feedKeys.prefix, createdAt: feedKeys.createdAt, lastUsedAt: feedKeys.lastUsedAt })
      .from(feedKeys)
      .where(and(eq(feedKeys.userId, actor.userId), isNull(feedKeys.revokedAt)))
      .orderBy(desc(feedKeys.id))
      .get() ?? null
  );
}

/** A new feed key for the actor's own account; the previous one stops working. The secret is returned once. */
export function createFeedKey(actor: Actor): Result<{ id: number; key: string }> {
  const secret = PREFIX + randomBytes(24).toString("base64url");
  const at = now();
  const id = getDb().transaction((tx) => {
    tx.update(feedKeys).set({ revokedAt: at }).where(and(eq(feedKeys.userId, actor.userId), isNull(feedKeys.revokedAt))).run();
    const row = tx
      .insert(feedKeys)
      .values({ userId: actor.userId, keyHash: digest(secret), prefix: secret.slice(0, PREFIX.length + 6), createdAt: at })
      .returning({ id: feedKeys.id })
      .get();
    recordAudit(tx, { at, actorUserId: actor.userId, action: "feed_key.create", entityType: "feed_key", entityId: row.id });
    return row.id;
  });
  return ok({ id, key: secret });
}

/** Revokes the actor's feed key: every feed URL that carries it stops working at once. */
export function revokeFeedKey(actor: Actor): Result<{ revoked: number }> {
  const at = now();
  const db = getDb();
  const changed = db.update(feedKeys).set({ revokedAt: at }).where(and(eq(feedKeys.userId, actor.userId), isNull(feedKeys.revokedAt))).run();
  if (changed.changes === 0) return failT("not_found", "search.feedKey.none");
  recordAudit(db, { at, actorUserId: actor.userId, action: "feed_key.revoke", entityType: "feed_key", entityId: null });
  return ok({ revoked: changed.changes });
}

const liveKey = prepared((db) =>
  db
    .select({ id: feedKeys.id, userId: feedKeys.userId, lastUsedAt: feedKeys.lastUsedAt })
    .from(feedKeys)
    .where(and(eq(feedKeys.keyHash, sql.placeholder("hash")), isNull(feedKeys.revokedAt)))
    .prepare(),
);

/** The account behind a feed key, or null: unknown, revoked, or the account deactivated. */
export function actorForFeedKey(secret: string): Actor | null {
  if (!secret.startsWith(PREFIX) || secret.length > 100) return null;
  const db = getDb();
  const row = liveKey(db).get({ hash: digest(secret) });
  if (!row) return null;
  const at = now();
  // Feed readers poll every few minutes: "last used" to the hour is enough.
  if (row.lastUsedAt === null || at - row.lastUsedAt >= 3_600_000 || at < row.lastUsedAt) {
    db.update(feedKeys).set({ lastUsedAt: at }).where(eq(feedKeys.id, row.id)).run();
  }
  return loadActor(row.userId, db);
}

// ---------------------------------------------------------------- the feed of a Question

export const FEED_ENTRIES = 50;

export type FeedEntry = {
  versionId: number;
  contributionId: number;
  number: number | null;
  displayNumber: string;
  kind: VersionKind;
  /** "" for the original */
  versionLabel: string;
  title: string;
  abstract: string;
  source: string;
  status: ContributionStatus;
  /** pending: a late request awaiting a decision (only its organisation and the reviewers see it) */
  versionState: VersionState;
  meetingCode: string;
  receivedAt: number;
};

export type QuestionFeed = { questionCode: string; questionSlug: string; questionTitle: string; studyGroupCode: string; updatedAt: number; entries: FeedEntry[] };

/**
 * The newest versions (originals, revisions, addenda, corrigenda) of the contributions to a Question, as this actor
 * may read them: members see what was admitted; the submitting organisation, the Question's rapporteurs and the
 * secretariat also see late requests. Any Question of the database can be followed; an unknown one is not_found.
 */
export function questionFeed(actor: Actor, questionParam: string): Result<QuestionFeed> {
  const code = questionCodeFromParam(questionParam);
  if (!hasPermission(actor, "documents.read")) return failT("not_found", "api.notFound.question");
  const client = getDb().$client;
  const question = client
    .prepare(
      `SELECT q.id, q.code, q.title, sg.code AS studyGroupCode FROM questions q
       JOIN study_groups sg ON sg.id = q.study_group_id JOIN study_periods p ON p.id = q.study_period_id
       WHERE q.code = ? ORDER BY p.last_year DESC LIMIT 1`,
    )
    .get(code) as { id: number; code: string; title: string; studyGroupCode: string } | undefined;
  if (!question) return failT("not_found", "api.notFound.question");
  const scope = readableVersionScope(actor);
  const rows = client
    .prepare(
      `SELECT v.id AS versionId, c.id AS contributionId, c.number, sg.number AS sgNumber, v.kind, v.ordinal, c.title, c.abstract,
         o.name AS source, c.status, v.state AS versionState, m.code AS meetingCode, v.received_at AS receivedAt
       FROM contribution_versions v
       JOIN contributions c ON c.id = v.contribution_id
       JOIN study_groups sg ON sg.id = c.study_group_id
       JOIN organisations o ON o.id = c.organisation_id
       JOIN meetings m ON m.id = c.meeting_id
       WHERE c.id IN (SELECT contribution_id FROM contribution_questions WHERE question_id = ?) AND ${scope.text}
       ORDER BY v.received_at DESC, v.id DESC LIMIT ${FEED_ENTRIES}`,
    )
    .all(question.id, ...scope.params) as Array<Omit<FeedEntry, "displayNumber" | "versionLabel"> & { sgNumber: number; ordinal: number }>;
  const entries = rows.map(({ sgNumber, ordinal, ...r }) => ({ ...r, displayNumber: displayNumber(sgNumber, r.number), versionLabel: versionLabel(r.kind, ordinal) }));
  return ok({
    questionCode: question.code,
    questionSlug: questionSlug(question.code),
    questionTitle: question.title,
    studyGroupCode: question.studyGroupCode,
    updatedAt: entries[0]?.receivedAt ?? now(),
    entries,
  });
}
