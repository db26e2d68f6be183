// One-time password links: issued (only the secret's hash is stored), e-mailed at once, checked and spent.
import "server-only";
import { createHash, randomBytes } from "node:crypto";
import { and, eq, gt, isNull } from "drizzle-orm";
import { getDb, type DB } from "@/db/client";
import { passwordResets, users } from "@/db/schema";
import { now } from "@/lib/time/clock";
import { recordAudit } from "@/lib/data/audit";
import { endSessions } from "@/lib/data/sessions";
import { rememberKnownAddress } from "@/lib/data/sign-in";
import { failT, ok, type Failure, type Result } from "@/lib/domain/failures";
import { passwordLinkMail } from "@/lib/present/account-mail";
import { isLocale, type Locale } from "@/lib/i18n/config";
import { sendMail } from "@/lib/mail/transport";
import { hashPassword, MIN_PASSWORD_LENGTH } from "@/lib/auth/passwords";
import type { Actor } from "@/lib/auth/permissions";
import {
  FORBIDDEN,
  invalid,
  isAccountManager,
  MAX_PASSWORD_LENGTH,
  NO_ACCOUNT,
  ownGroups,
  PASSWORD_LINK_TTL_MS,
  readAccount,
  SECRET_SHAPE,
  whyNotTakeOver,
  type PasswordLink,
} from "@/lib/data/accounts";

function digest(secret: string): string {
  return createHash("sha256").update(secret).digest("hex");
}

/** Inserts a one-time link (only the hash of the secret is stored) and audits it; the secret is returned once. */
export function insertPasswordLink(tx: Pick<DB, "select" | "insert" | "update" | "delete">, userId: number, createdBy: number, at: number, reason: "new_account" | "reset"): { secret: string; expiresAt: number } {
  const secret = randomBytes(32).toString("base64url");
  const expiresAt = at + PASSWORD_LINK_TTL_MS;
  const row = tx
    .insert(passwordResets)
    .values({ userId, tokenHash: digest(secret), createdAt: at, expiresAt, createdByUserId: createdBy })
    .returning({ id: passwordResets.id })
    .get();
  recordAudit(tx, {
    at,
    actorUserId: createdBy,
    action: "user.password_link",
    entityType: "user",
    entityId: userId,
    details: { linkId: row.id, reason, expiresAt: new Date(expiresAt).toISOString() },
  });
  return { secret, expiresAt };
}

export function linkPath(secret: string): string {
  return `/reset-password/${secret}`;
}

/** The link as an e-mail shows it: absolute when the public origin is known. */
function absoluteLink(path: string): string {
  const origin = process.env.NEXTAUTH_URL?.replace(/\/+$/, "") ?? "";
  return `${origin}${path}`;
}

/**
 * The link's e-mail, in the account's saved language (a new account has none yet: English). Sent at once, not
 * queued: the secret must never be at rest (only its hash is stored), and the secretariat is shown the link and
 * whether it was mailed. In the demo's outbox the issuing secretariat sees that it was sent; only its addressee reads it.
 */
export async function mailPasswordLink(
  actor: Actor,
  to: string,
  name: string,
  path: string,
  expiresAt: number,
  isNew: boolean,
  locale: Locale = "en",
): Promise<boolean> {
  const { subject, text } = passwordLinkMail({ name, by: actor.name, link: absoluteLink(path), expiresAt, isNew }, locale);
  const studyGroups = ownGroups(actor, getDb()).map((g) => g.code);
  const result = await sendMail({ to: [to], subject, text, tags: { kind: "password_link", studyGroups } });
  return result.ok;
}

function savedLocale(db: DB, userId: number): Locale {
  const row = db.select({ locale: users.locale }).from(users).where(eq(users.id, userId)).get();
  return isLocale(row?.locale) ? row.locale : "en";
}

// ---------------------------------------------------------------- password links

/** A new one-time link for an account, valid 48 hours, e-mailed to its owner and returned to the secretariat. */
export async function createPasswordResetLink(actor: Actor, userId: number): Promise<Result<PasswordLink & { email: string }>> {
  if (!isAccountManager(actor)) return FORBIDDEN;
  const db = getDb();
  const account = readAccount(actor, db, userId);
  if (!account) return NO_ACCOUNT;
  const refused = whyNotTakeOver(account);
  if (refused) return refused;
  if (!account.active) return failT("conflict", "api.accounts.deactivatedNoLink");
  if (account.pendingSince !== null) return failT("conflict", "sso.pending.approveFirst");
  const at = now();
  const { secret, expiresAt } = db.transaction((tx) => insertPasswordLink(tx, account.id, actor.userId, at, "reset"));
  const url = linkPath(secret);
  const mailed = await mailPasswordLink(actor, account.email, account.name, url, expiresAt, false, savedLocale(db, account.id));
  return ok({ url, expiresAt, mailed, email: account.email });
}

type LinkRow = { id: number; userId: number; createdAt: number; expiresAt: number; usedAt: number | null; email: string; name: string; active: boolean };

function findLink(db: Pick<DB, "select">, secret: string): LinkRow | undefined {
  if (!SECRET_SHAPE.test(secret)) return undefined;
  return db
    .select({
      id: passwordResets.id,
      userId: passwordResets.userId,
      createdAt: passwordResets.createdAt,
      expiresAt: passwordResets.expiresAt,
      usedAt: passwordResets.usedAt,
      email: users.email,
      name: users.name,
      active: users.active,
    })
    .from(passwordResets)
    .innerJoin(users, eq(users.id, passwordResets.userId))
    .where(eq(passwordResets.tokenHash, digest(secret)))
    .get();
}

function whyNotUseLink(link: LinkRow | undefined, at: number): Failure | null {
  if (!link) return failT("not_found", "api.accounts.linkInvalid");
  if (link.usedAt !== null) return failT("conflict", "api.accounts.linkUsed");
  if (!link.active) return failT("forbidden", "api.signIn.deactivated");
  if (link.expiresAt <= at) {
    // Closed early: another link of the account was used, or the account was deactivated meanwhile.
    if (link.expiresAt < link.createdAt + PASSWORD_LINK_TTL_MS) {
      return failT("conflict", "api.accounts.linkClosed");
    }
    return failT("conflict", "api.accounts.linkExpired", { at: { instant: link.expiresAt } });
  }
  return null;
}

/** The reset page, before the form: whether the link can still be used, and for whom. No actor: the link is the credential. */
export function checkPasswordLink(secret: string): Result<{ email: string; name: string; expiresAt: number }> {
  const link = findLink(getDb(), secret);
  const refused = whyNotUseLink(link, now());
  if (refused || !link) return refused ?? failT("not_found", "api.accounts.linkNotValid");
  return ok({ email: link.email, name: link.name, expiresAt: link.expiresAt });
}

/**
 * Sets the password of the link's account; the link then stops working, and so do the account's other
 * open links, and every session and API token issued before (whoever held them). `address`: the
 * client's, which becomes known for the account (lib/data/sign-in.ts, rule 3).
 */
export async function resetPasswordWithToken(secret: string, newPassword: string, address?: string): Promise<Result<{ email: string }>> {
  const db = getDb();
  const first = findLink(db, secret);
  const refusedFirst = whyNotUseLink(first, now());
  if (refusedFirst || !first) return refusedFirst ?? failT("not_found", "api.accounts.linkNotValid");
  if (newPassword.length < MIN_PASSWORD_LENGTH) {
    return invalid({ password: ["api.accounts.passwordShort", { min: MIN_PASSWORD_LENGTH }] });
  }
  if (newPassword.length > MAX_PASSWORD_LENGTH) return invalid({ password: ["api.accounts.passwordLong", { max: MAX_PASSWORD_LENGTH }] });
  const passwordHash = await hashPassword(newPassword);
  const at = now();
  // Hashing took time: the link is judged again, and spent, inside the transaction that uses it.
  return db.transaction((tx): Result<{ email: string }> => {
    const link = findLink(tx, secret);
    const refused = whyNotUseLink(link, at);
    if (refused || !link) return refused ?? failT("not_found", "api.accounts.linkNotValid");
    const spent = tx
      .update(passwordResets)
      .set({ usedAt: at })
      .where(and(eq(passwordResets.id, link.id), isNull(passwordResets.usedAt)))
      .run();
    if (spent.changes !== 1) return failT("conflict", "api.accounts.linkAlreadyUsed");
    tx.update(users).set({ passwordHash }).where(eq(users.id, link.userId)).run();
    const others = tx
      .update(passwordResets)
      .set({ expiresAt: at })
      .where(and(eq(passwordResets.userId, link.userId), isNull(passwordResets.usedAt), gt(passwordResets.expiresAt, at)))
      .run();
    const ended = endSessions(tx, link.userId, at);
    // Whoever holds the e-mailed link is the owner: the address it was used from no longer meets the throttle for strangers.
    if (address !== undefined) rememberKnownAddress(link.email, address, tx);
    recordAudit(tx, {
      at,
      actorUserId: link.userId,
      action: "user.password_reset",
      entityType: "user",
      entityId: link.userId,
      details: { linkId: link.id, otherLinksClosed: others.changes, tokensRevoked: ended.tokensRevoked },
    });
    return ok({ email: link.email });
  });
}
