// API tokens for delegations that script their uploads: stored as SHA-256 hashes, shown once, revocable.
import "server-only";
import { createHash, randomBytes } from "node:crypto";
import { and, desc, eq, isNull, sql } from "drizzle-orm";
import { getDb } from "@/db/client";
import { apiTokens } from "@/db/schema";
import { now } from "@/lib/time/clock";
import { loadSessionActor } from "@/lib/data/actor";
import { recordAudit } from "@/lib/data/audit";
import { prepared } from "@/lib/data/prepared";
import { authenticate } from "@/lib/data/sign-in";
import { failT, ok, type Result } from "@/lib/domain/failures";
import { failFields } from "@/lib/validation/messages";
import type { Actor } from "@/lib/auth/permissions";

const PREFIX = "ctk_";

function digest(secret: string): string {
  return createHash("sha256").update(secret).digest("hex");
}

export type TokenDto = { id: number; label: string; prefix: string; createdAt: number; lastUsedAt: number | null; revokedAt: number | null };

/** POST /api/v1/tokens: the same checks and throttling as the sign-in form. */
export async function issueToken(email: string, password: string, label: string, address: string): Promise<Result<{ token: string; id: number }>> {
  const outcome = await authenticate(email, password, address);
  if (!outcome.ok) return failT(outcome.code === "throttled" ? "throttled" : "unauthenticated", outcome.key, outcome.params);
  return ok(insertToken(outcome.userId, label, outcome.sessionVersion));
}

/** The account page: the session has already proved who the actor is, so the password is not asked again. */
export function createTokenForActor(actor: Actor, label: string): Result<{ token: string; id: number }> {
  const clean = label.trim();
  if (clean.length === 0 || clean.length > 100) {
    return failFields("invalid", "api.token.label", undefined, { label: "api.token.label" });
  }
  return ok(insertToken(actor.userId, clean, actor.sessionVersion));
}

/**
 * The one place a secret is made: only its hash and a short prefix are stored. The token carries the
 * session version its issuer proved (a password, or a session): issued from a credential that a
 * password change has just ended, it is born dead.
 */
function insertToken(userId: number, label: string, sessionVersion: number): { token: string; id: number } {
  const secret = PREFIX + randomBytes(32).toString("base64url");
  const at = now();
  const db = getDb();
  const row = db
    .insert(apiTokens)
    .values({ userId, label, tokenHash: digest(secret), prefix: secret.slice(0, PREFIX.length + 6), createdAt: at, sessionVersion })
    .returning({ id: apiTokens.id })
    .get();
  recordAudit(db, { at, actorUserId: userId, action: "token.create", entityType: "api_token", entityId: row.id, details: { label } });
  return { token: secret, id: row.id };
}

const liveToken = prepared((db) =>
  db
    .select({ id: apiTokens.id, userId: apiTokens.userId, lastUsedAt: apiTokens.lastUsedAt, sessionVersion: apiTokens.sessionVersion })
    .from(apiTokens)
    .where(and(eq(apiTokens.tokenHash, sql.placeholder("hash")), isNull(apiTokens.revokedAt)))
    .prepare(),
);

/**
 * The actor behind a bearer token, or null when it is unknown, revoked, its account deactivated, or
 * it was issued before the account's password last changed.
 */
export function actorForToken(secret: string): Actor | null {
  if (!secret.startsWith(PREFIX)) return null;
  const db = getDb();
  const row = liveToken(db).get({ hash: digest(secret) });
  if (!row) return null;
  const actor = loadSessionActor(row.userId, row.sessionVersion, db);
  if (!actor) return null;
  // "Last used" to the minute: a write (and a disk sync) on every scripted upload would slow the deadline burst.
  const at = now();
  if (row.lastUsedAt === null || at - row.lastUsedAt >= 60_000 || at < row.lastUsedAt) {
    db.update(apiTokens).set({ lastUsedAt: at }).where(eq(apiTokens.id, row.id)).run();
  }
  return actor;
}

export function listTokens(actor: Actor): TokenDto[] {
  return getDb()
    .select({
      id: apiTokens.id,
      label: apiTokens.label,
      prefix: apiTokens.prefix,
      createdAt: apiTokens.createdAt,
      lastUsedAt: apiTokens.lastUsedAt,
      revokedAt: apiTokens.revokedAt,
    })
    .from(apiTokens)
    .where(eq(apiTokens.userId, actor.userId))
    .orderBy(desc(apiTokens.createdAt))
    .all();
}

/** Only the owner can revoke a token; anyone else's id answers not_found. */
export function revokeToken(actor: Actor, id: number): Result<{ id: number }> {
  const db = getDb();
  const at = now();
  const changed = db
    .update(apiTokens)
    .set({ revokedAt: at })
    .where(and(eq(apiTokens.id, id), eq(apiTokens.userId, actor.userId), isNull(apiTokens.revokedAt)))
    .run();
  if (changed.changes === 0) return failT("not_found", "api.token.notFound");
  recordAudit(db, { at, actorUserId: actor.userId, action: "token.revoke", entityType: "api_token", entityId: id });
  return ok({ id });
}
