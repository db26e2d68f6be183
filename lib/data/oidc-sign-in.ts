// Single sign-on: matches the provider's verified e-mail to an account, and audits every sign-in and refusal.
import "server-only";
import { createHash, randomBytes } from "node:crypto";
import { and, count, desc, eq, gt, sql } from "drizzle-orm";
import { getDb, type DB } from "@/db/client";
import { auditLog, signInAttempts, users } from "@/db/schema";
import { now, systemNow } from "@/lib/time/clock";
import { hashPassword } from "@/lib/auth/passwords";
import { recordAudit } from "@/lib/data/audit";
import { MAX_FAILURES_PER_ADDRESS, THROTTLE_WINDOW_MS } from "@/lib/data/sign-in";
import { addressBucket } from "@/lib/http/client-address";
import type { OidcRefusal } from "@/lib/domain/sign-in";
import type { PendingAccountPolicy } from "@/lib/config/settings";

/** What the tracker takes from the provider's ID token (and userinfo): never a role, never an organisation. */
export type OidcIdentity = {
  issuer: string;
  subject: string;
  email: string | null;
  emailVerified: boolean;
  name: string | null;
};

/** Where the answer came from: the client's address and, for replay detection, the digest of the `state` it carried. */
export type OidcRequest = { address: string; stateDigest: string | null };

export type OidcOutcome = { ok: true; userId: number; sessionVersion: number } | { ok: false; reason: OidcRefusal; userId: number | null };

const EMAIL_SHAPE = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
/** Refusals are recorded in the throttling table under this pseudo-address, never under a person's e-mail. */
const SSO_ATTEMPT_EMAIL = "(single sign-on)";
/** How far back a replayed `state` is looked for among the sign-ins of the audit log. */
const REPLAY_LOOKBACK_ROWS = 20_000;

/** A one-way digest of the `state` parameter: enough to recognise a replay, useless to anyone reading the log. */
export function stateDigest(state: string | null | undefined): string | null {
  if (!state) return null;
  return createHash("sha256").update(state).digest("base64url").slice(0, 22);
}

/**
 * Milliseconds until this address may try again, or 0: the per-address rule of the password throttle
 * (lib/data/sign-in.ts, rule 2), over password failures and refused single sign-ons together. The rules
 * per account do not apply: the provider, not a password, proved who the person is.
 */
export function oidcThrottleWait(address: string, db: DB = getDb()): number {
  const at = systemNow();
  const where = and(eq(signInAttempts.address, addressBucket(address)), eq(signInAttempts.succeeded, false), gt(signInAttempts.at, at - THROTTLE_WINDOW_MS));
  const [{ n }] = db.select({ n: count() }).from(signInAttempts).where(where).all();
  if (n < MAX_FAILURES_PER_ADDRESS) return 0;
  const oldest = db
    .select({ at: signInAttempts.at })
    .from(signInAttempts)
    .where(where)
    .orderBy(signInAttempts.at)
    .limit(1)
    .offset(n - MAX_FAILURES_PER_ADDRESS)
    .get();
  return Math.max(1, (oldest?.at ?? at) + THROTTLE_WINDOW_MS - at);
}

/**
 * Records a refused single sign-on: an audit row (who, why, from where) and a failure for the
 * address's throttling. `details` carries plain values only: the claimed e-mail, the provider's
 * subject, what the provider or the check said.
 */
export function recordOidcRefusal(
  reason: OidcRefusal,
  request: OidcRequest,
  details: { userId?: number | null; email?: string | null; issuer?: string | null; subject?: string | null; detail?: string | null } = {},
  db: DB = getDb(),
): void {
  const at = now();
  db.transaction((tx) => {
    recordAudit(tx, {
      at,
      actorUserId: null,
      action: "user.sign_in_refused",
      entityType: "user",
      entityId: details.userId ?? null,
      details: {
        method: "oidc",
        reason,
        address: request.address,
        ...(details.email ? { email: details.email } : {}),
        ...(details.issuer ? { issuer: details.issuer } : {}),
        ...(details.subject ? { subject: details.subject } : {}),
        ...(details.detail ? { detail: details.detail.slice(0, 300) } : {}),
        ...(request.stateDigest ? { state: request.stateDigest } : {}),
      },
    });
    tx.insert(signInAttempts).values({ email: SSO_ATTEMPT_EMAIL, address: addressBucket(request.address), at: systemNow(), succeeded: false }).run();
  });
}

/** Whether a sign-in already used this `state`: then a second answer carrying it is a replay, not an expiry. */
export function wasStateUsed(digest: string, db: DB = getDb()): boolean {
  const newest = db.select({ id: auditLog.id }).from(auditLog).orderBy(desc(auditLog.id)).limit(1).get();
  if (!newest) return false;
  const row = db
    .select({ id: auditLog.id })
    .from(auditLog)
    .where(
      and(
        gt(auditLog.id, newest.id - REPLAY_LOOKBACK_ROWS),
        eq(auditLog.action, "user.sign_in"),
        sql`json_extract(${auditLog.details}, '$.method') = 'oidc'`,
        sql`json_extract(${auditLog.details}, '$.state') = ${digest}`,
      ),
    )
    .limit(1)
    .get();
  return row !== undefined;
}

function mayRequestAccount(policy: PendingAccountPolicy, email: string): boolean {
  if (policy === null) return false;
  if (policy === "any") return true;
  const domain = email.slice(email.lastIndexOf("@") + 1);
  return policy.includes(domain);
}

function refuse(reason: OidcRefusal, identity: OidcIdentity, request: OidcRequest, db: DB, userId: number | null = null): OidcOutcome {
  recordOidcRefusal(reason, request, { userId, email: identity.email, issuer: identity.issuer, subject: identity.subject }, db);
  return { ok: false, reason, userId };
}

/**
 * Opens an account awaiting approval for an unknown verified address: no organisation, no role, an
 * unusable password. Only the name and the address come from the provider; the secretariat decides the rest.
 */
async function openPendingAccount(identity: OidcIdentity & { email: string }, request: OidcRequest, db: DB): Promise<OidcOutcome> {
  const name = (identity.name?.trim() || identity.email.split("@")[0]).slice(0, 200);
  const passwordHash = await hashPassword(randomBytes(32).toString("base64url"));
  const at = now();
  try {
    const id = db.transaction((tx) => {
      const row = tx
        .insert(users)
        .values({ email: identity.email, name, passwordHash, organisationId: null, active: true, createdAt: at, pendingSince: at })
        .returning({ id: users.id })
        .get();
      recordAudit(tx, {
        at,
        actorUserId: null,
        action: "user.request",
        entityType: "user",
        entityId: row.id,
        details: { method: "oidc", email: identity.email, name, issuer: identity.issuer, subject: identity.subject, address: request.address },
      });
      return row.id;
    });
    return { ok: false, reason: "pending_created", userId: id };
  } catch (error) {
    // The same person twice at once: the unique index decides, and the second one waits like the first.
    if (error instanceof Error && /UNIQUE constraint failed: users\.email/.test(error.message)) {
      const row = db.select({ id: users.id }).from(users).where(eq(users.email, identity.email)).get();
      return refuse("pending", identity, request, db, row?.id ?? null);
    }
    throw error;
  }
}

/**
 * The provider has authenticated someone: find their account by the verified e-mail. The account's
 * roles and organisation stay what the secretariat made them; nothing in the claims changes them.
 */
export async function signInWithOidc(identity: OidcIdentity, request: OidcRequest, opts: { pendingAccounts: PendingAccountPolicy }, db: DB = getDb()): Promise<OidcOutcome> {
  const email = identity.email?.trim().toLowerCase() ?? "";
  const claimed = { ...identity, email: email || null };
  if (!identity.emailVerified || !EMAIL_SHAPE.test(email)) return refuse("unverified_email", claimed, request, db);
  const user = db
    .select({ id: users.id, active: users.active, pendingSince: users.pendingSince, sessionVersion: users.sessionVersion })
    .from(users)
    .where(eq(users.email, email))
    .get();
  if (!user) {
    if (mayRequestAccount(opts.pendingAccounts, email)) {
      const outcome = await openPendingAccount({ ...claimed, email }, request, db);
      if (!outcome.ok && outcome.reason === "pending_created") {
        db.insert(signInAttempts).values({ email: SSO_ATTEMPT_EMAIL, address: addressBucket(request.address), at: systemNow(), succeeded: false }).run();
      }
      return outcome;
    }
    return refuse("unknown_email", claimed, request, db);
  }
  if (!user.active) return refuse("deactivated", claimed, request, db, user.id);
  if (user.pendingSince !== null) return refuse("pending", claimed, request, db, user.id);
  recordAudit(db, {
    at: now(),
    actorUserId: user.id,
    action: "user.sign_in",
    entityType: "user",
    entityId: user.id,
    details: {
      address: request.address,
      method: "oidc",
      issuer: identity.issuer,
      subject: identity.subject,
      ...(request.stateDigest ? { state: request.stateDigest } : {}),
    },
  });
  // The session carries the version read here: a deactivation or password reset after this moment ends it.
  return { ok: true, userId: user.id, sessionVersion: user.sessionVersion };
}
