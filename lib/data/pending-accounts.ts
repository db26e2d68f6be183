// Accounts opened by single sign-on that await the secretariat: it approves each with an organisation it chooses, or declines it.
import "server-only";
import { and, asc, eq, isNotNull } from "drizzle-orm";
import { getDb } from "@/db/client";
import { organisations, users } from "@/db/schema";
import { now } from "@/lib/time/clock";
import { recordAudit } from "@/lib/data/audit";
import { failT, ok, type Result } from "@/lib/domain/failures";
import { hasPermission, isSecretariatOf, type Actor } from "@/lib/auth/permissions";
import { invalidFields } from "@/lib/validation/messages";

export type PendingAccountDto = { id: number; email: string; name: string; requestedAt: number };

const FORBIDDEN = failT("forbidden", "api.accounts.forbidden");
const NO_ACCOUNT = failT("not_found", "api.notFound.account");

function isAccountManager(actor: Actor): boolean {
  return hasPermission(actor, "accounts.manage") && actor.secretariatGroupIds.length > 0;
}

/** The requests, oldest first: the secretariat answers them in the order they came. */
export function listPendingAccounts(actor: Actor): Result<PendingAccountDto[]> {
  if (!isAccountManager(actor)) return FORBIDDEN;
  const rows = getDb()
    .select({ id: users.id, email: users.email, name: users.name, requestedAt: users.pendingSince })
    .from(users)
    .where(and(isNotNull(users.pendingSince), eq(users.active, true)))
    .orderBy(asc(users.pendingSince), asc(users.id))
    .all();
  return ok(rows.map((r) => ({ ...r, requestedAt: r.requestedAt ?? 0 })));
}

/**
 * Approves a request: the account joins the organisation the secretariat chose (the provider's claims
 * never decide it) and can sign in from now on. Roles beyond membership are given as for any account.
 */
export function approvePendingAccount(actor: Actor, userId: number, organisationId: number): Result<{ name: string; organisation: string }> {
  if (!isAccountManager(actor)) return FORBIDDEN;
  const db = getDb();
  const account = db.select({ id: users.id, name: users.name, pendingSince: users.pendingSince, active: users.active }).from(users).where(eq(users.id, userId)).get();
  if (!account) return NO_ACCOUNT;
  if (account.pendingSince === null || !account.active) return failT("conflict", "sso.pending.notPending");
  const org = Number.isInteger(organisationId) ? db.select().from(organisations).where(eq(organisations.id, organisationId)).get() : undefined;
  if (!org) return invalidFields({ organisation: "sso.pending.chooseOrganisation" });
  if (org.memberType === "associate" && org.associateStudyGroupId !== null && !isSecretariatOf(actor, org.associateStudyGroupId)) {
    return invalidFields({ organisation: ["api.accounts.associateElsewhere", { org: org.name }] });
  }
  const at = now();
  return db.transaction((tx): Result<{ name: string; organisation: string }> => {
    const changed = tx
      .update(users)
      .set({ organisationId: org.id, pendingSince: null })
      .where(and(eq(users.id, account.id), isNotNull(users.pendingSince)))
      .run();
    // Two secretaries at once: the first decision stands.
    if (changed.changes !== 1) return failT("conflict", "sso.pending.notPending");
    recordAudit(tx, {
      at,
      actorUserId: actor.userId,
      action: "user.approve",
      entityType: "user",
      entityId: account.id,
      details: { organisationId: org.id, organisation: org.name },
    });
    return ok({ name: account.name, organisation: org.name });
  });
}

/** Declines a request: the account is deactivated, so a later sign-in is told so rather than asking again. */
export function declinePendingAccount(actor: Actor, userId: number, reason: string): Result<{ name: string }> {
  if (!isAccountManager(actor)) return FORBIDDEN;
  const why = reason.trim();
  if (why.length < 3) return invalidFields({ reason: "sso.pending.declineReason" });
  const db = getDb();
  const account = db.select({ id: users.id, name: users.name, pendingSince: users.pendingSince, active: users.active }).from(users).where(eq(users.id, userId)).get();
  if (!account) return NO_ACCOUNT;
  if (account.pendingSince === null || !account.active) return failT("conflict", "sso.pending.notPending");
  const at = now();
  return db.transaction((tx): Result<{ name: string }> => {
    const changed = tx
      .update(users)
      .set({ active: false, deactivatedAt: at, pendingSince: null })
      .where(and(eq(users.id, account.id), isNotNull(users.pendingSince)))
      .run();
    if (changed.changes !== 1) return failT("conflict", "sso.pending.notPending");
    recordAudit(tx, { at, actorUserId: actor.userId, action: "user.decline", entityType: "user", entityId: account.id, details: { reason: why } });
    return ok({ name: account.name });
  });
}
