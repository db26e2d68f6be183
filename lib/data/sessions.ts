// Ending an account's sessions: the per-account session version that every JWT and API token carries.
import "server-only";
import { and, eq, isNull, sql } from "drizzle-orm";
import type { DB } from "@/db/client";
import { apiTokens, users } from "@/db/schema";

type Tx = Pick<DB, "select" | "insert" | "update" | "delete">;

/**
 * Ends every session and API token issued to the account so far: its session version goes up, so
 * whatever carries the old one is refused on its next request (lib/data/actor.ts loadSessionActor),
 * and its live tokens are marked revoked so that the account page says so. Called inside the
 * transaction of the change that requires it: a password change or reset, a deactivation, a
 * reactivation. Nothing can bring an old session back: versions only go up.
 */
export function endSessions(tx: Tx, userId: number, at: number): { sessionVersion: number; tokensRevoked: number } {
  const row = tx
    .update(users)
    .set({ sessionVersion: sql`${users.sessionVersion} + 1` })
    .where(eq(users.id, userId))
    .returning({ sessionVersion: users.sessionVersion })
    .get();
  if (!row) throw new Error(`endSessions: no account ${userId}`);
  const revoked = tx
    .update(apiTokens)
    .set({ revokedAt: at })
    .where(and(eq(apiTokens.userId, userId), isNull(apiTokens.revokedAt)))
    .run();
  return { sessionVersion: row.sessionVersion, tokensRevoked: revoked.changes };
}
