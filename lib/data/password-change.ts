// A signed-in user changes their own password: the current one is checked (throttled like a sign-in), and every session ends.
import "server-only";
import { eq } from "drizzle-orm";
import { getDb } from "@/db/client";
import { users } from "@/db/schema";
import { now } from "@/lib/time/clock";
import { recordAudit } from "@/lib/data/audit";
import { endSessions } from "@/lib/data/sessions";
import { authenticate } from "@/lib/data/sign-in";
import { MAX_PASSWORD_LENGTH } from "@/lib/data/accounts";
import { failT, ok, type Result } from "@/lib/domain/failures";
import { hashPassword, MIN_PASSWORD_LENGTH } from "@/lib/auth/passwords";
import { invalidFields } from "@/lib/validation/messages";
import type { Actor } from "@/lib/auth/permissions";

/**
 * The new password replaces the old one, and every session and API token of the account ends, this
 * one included (the reader signs in again with the new password). `address` is the client's, for the
 * throttling of the current-password check: a stolen session cannot guess the password faster than
 * the sign-in form allows.
 */
export async function changeOwnPassword(actor: Actor, current: string, next: string, address: string): Promise<Result<{ tokensRevoked: number }>> {
  if (next.length < MIN_PASSWORD_LENGTH) return invalidFields({ password: ["api.accounts.passwordShort", { min: MIN_PASSWORD_LENGTH }] });
  if (next.length > MAX_PASSWORD_LENGTH) return invalidFields({ password: ["api.accounts.passwordLong", { max: MAX_PASSWORD_LENGTH }] });
  const db = getDb();
  const checked = await authenticate(actor.email, current, address, db, { audit: false });
  if (!checked.ok) {
    if (checked.code === "throttled") return failT("throttled", checked.key, checked.params);
    if (checked.code === "password_off") return failT("forbidden", "sso.account.passwordOff");
    return invalidFields({ current: "auth.password.currentWrong" });
  }
  // The session that asks must still be the account's current one (not ended by a change a moment ago).
  if (checked.userId !== actor.userId || checked.sessionVersion !== actor.sessionVersion) return failT("unauthenticated", "api.unauthenticated");
  const passwordHash = await hashPassword(next);
  const at = now();
  return db.transaction((tx): Result<{ tokensRevoked: number }> => {
    const row = tx.select({ sessionVersion: users.sessionVersion, active: users.active }).from(users).where(eq(users.id, actor.userId)).get();
    // Hashing took time: a reset or a deactivation meanwhile wins, and this change is not made.
    if (!row || !row.active || row.sessionVersion !== actor.sessionVersion) return failT("unauthenticated", "api.unauthenticated");
    tx.update(users).set({ passwordHash }).where(eq(users.id, actor.userId)).run();
    const ended = endSessions(tx, actor.userId, at);
    recordAudit(tx, {
      at,
      actorUserId: actor.userId,
      action: "user.password_change",
      entityType: "user",
      entityId: actor.userId,
      details: { tokensRevoked: ended.tokensRevoked },
    });
    return ok({ tokensRevoked: ended.tokensRevoked });
  });
}
