// Checks e-mail and password behind a throttle that cannot be raced or turned against an account's owner; one message for every bad pair.
import "server-only";
import { and, count, desc, eq, gt, sql, type SQL } from "drizzle-orm";
import { getDb, type DB } from "@/db/client";
import { secretariatAssignments, signInAttempts, users } from "@/db/schema";
import { signInSettings } from "@/lib/config/settings";
import { now, systemNow } from "@/lib/time/clock";
import { dummyHash, verifyPassword } from "@/lib/auth/passwords";
import { recordAudit } from "@/lib/data/audit";
import { addressBucket } from "@/lib/http/client-address";
import type { MessageKey } from "@/lib/i18n/keys";
import type { FailureParams } from "@/lib/domain/failures";

/**
 * The throttling policy (README, "Sign-in throttling"). Every attempt is counted, as a failure, in one
 * IMMEDIATE transaction before its password is checked, and turned into a success only when the
 * password was right: however many requests arrive at once, no more are judged than the limits allow,
 * and a refused one never reaches argon2. Windows slide over the last 15 minutes of real time.
 *
 * 1. Per account and address: 5 failures since the last success of that pair.
 * 2. Per address (an IPv6 /64): 20 failures over every account, so that one client cannot sweep many.
 * 3. Per account from addresses that are not known for it: 10 failures from anywhere close the
 *    account to addresses that have not signed in to it in the last 90 days, against guessing from many
 *    addresses. A stranger therefore cannot lock the owner out: the owner's usual addresses are not
 *    affected by rules 1 and 3 of someone else's failures, and a one-time link (from the secretariat)
 *    used from a new address makes that address known.
 */
export const THROTTLE_WINDOW_MS = 15 * 60_000;
export const MAX_FAILURES_PER_ACCOUNT_AND_ADDRESS = 5;
export const MAX_FAILURES_PER_ADDRESS = 20;
export const MAX_FAILURES_PER_ACCOUNT_FROM_UNKNOWN_ADDRESSES = 10;
export const KNOWN_ADDRESS_MS = 90 * 24 * 60 * 60_000;
/** Failures are kept a day (nothing older is counted); successes as long as they make an address known. */
const FAILURES_KEPT_MS = 24 * 60 * 60_000;
const PRUNE_EVERY_MS = 60 * 60_000;

/** A refusal says why as a catalog `key` and its `params`; lib/present/failures.ts puts it into words. */
export type SignInRefusal = "bad_credentials" | "throttled" | "deactivated" | "password_off";
export type SignInOutcome = { ok: true; userId: number; sessionVersion: number } | { ok: false; code: SignInRefusal; key: MessageKey; params?: FailureParams };

function refusal(code: SignInRefusal, key: MessageKey, params?: FailureParams): SignInOutcome {
  return params ? { ok: false, code, key, params } : { ok: false, code, key };
}

type UserRow = typeof users.$inferSelect;
type Admission = { admitted: true; attemptId: number; user: UserRow | undefined } | { admitted: false; retryMs: number; unknownAddress: boolean };

const failed = eq(signInAttempts.succeeded, false);

/** How long until fewer than `limit` of the failures matching `where` are left in the window (0: below the limit now). */
function waitFor(tx: Pick<DB, "select">, where: SQL | undefined, limit: number, at: number): number {
  const inWindow = and(where, failed, gt(signInAttempts.at, at - THROTTLE_WINDOW_MS));
  const [{ n }] = tx.select({ n: count() }).from(signInAttempts).where(inWindow).all();
  if (n < limit) return 0;
  // The limit-th newest failure is the one whose leaving the window brings the count under the limit.
  const pivot = tx.select({ at: signInAttempts.at }).from(signInAttempts).where(inWindow).orderBy(desc(signInAttempts.at)).limit(1).offset(limit - 1).get();
  return Math.max(1, (pivot?.at ?? at) + THROTTLE_WINDOW_MS - at);
}

/**
 * With PASSWORD_SIGN_IN=0 only the break-glass accounts may use a password, and only while they are
 * secretariat accounts: a name in the setting does not make a delegate's password work again.
 */
export function mayUsePassword(db: DB, user: { id: number; email: string }): boolean {
  const { passwordSignIn, breakGlassEmails } = signInSettings();
  if (passwordSignIn) return true;
  if (!breakGlassEmails.includes(user.email)) return false;
  return db.select({ id: secretariatAssignments.userId }).from(secretariatAssignments).where(eq(secretariatAssignments.userId, user.id)).limit(1).get() !== undefined;
}

const g = globalThis as unknown as { __trackerAttemptsPrunedAt?: number };

/** Counts the attempt before anything slow happens, or refuses it; atomic across requests and processes. */
function admit(db: DB, email: string, bucket: string, at: number): Admission {
  return db.transaction(
    (tx) => {
      if (at - (g.__trackerAttemptsPrunedAt ?? 0) > PRUNE_EVERY_MS) {
        tx.delete(signInAttempts)
          .where(sql`(${signInAttempts.succeeded} = 0 and ${signInAttempts.at} < ${at - FAILURES_KEPT_MS}) or ${signInAttempts.at} < ${at - KNOWN_ADDRESS_MS}`)
          .run();
        g.__trackerAttemptsPrunedAt = at;
      }
      const pair = and(eq(signInAttempts.email, email), eq(signInAttempts.address, bucket));
      const lastSuccess = tx
        .select({ at: signInAttempts.at })
        .from(signInAttempts)
        .where(and(pair, eq(signInAttempts.succeeded, true)))
        .orderBy(desc(signInAttempts.at))
        .limit(1)
        .get();
      const known = lastSuccess !== undefined && lastSuccess.at > at - KNOWN_ADDRESS_MS;
      const sincePairSuccess = lastSuccess ? and(pair, gt(signInAttempts.at, lastSuccess.at)) : pair;
      const waits = [
        waitFor(tx, sincePairSuccess, MAX_FAILURES_PER_ACCOUNT_AND_ADDRESS, at),
        waitFor(tx, eq(signInAttempts.address, bucket), MAX_FAILURES_PER_ADDRESS, at),
      ];
      const unknownWait = known ? 0 : waitFor(tx, eq(signInAttempts.email, email), MAX_FAILURES_PER_ACCOUNT_FROM_UNKNOWN_ADDRESSES, at);
      const retryMs = Math.max(...waits, unknownWait);
      if (retryMs > 0) return { admitted: false, retryMs, unknownAddress: unknownWait > 0 && Math.max(...waits) === 0 };
      const user = tx.select().from(users).where(eq(users.email, email)).get();
      const row = tx.insert(signInAttempts).values({ email, address: bucket, at, succeeded: false }).returning({ id: signInAttempts.id }).get();
      return { admitted: true, attemptId: row.id, user };
    },
    { behavior: "immediate" },
  );
}

/**
 * `address` is the client's (lib/http/client-address.ts). `audit`: whether a success writes a sign-in
 * entry; a password change checks the current password through here (the same throttle) and is audited
 * by its own transaction.
 */
/** For the account page: whether this account's password is of any use here (no form to change it otherwise). */
export function passwordInUse(user: { userId: number; email: string }, db: DB = getDb()): boolean {
  return mayUsePassword(db, { id: user.userId, email: user.email });
}

export async function authenticate(
  emailInput: string,
  password: string,
  address: string,
  db: DB = getDb(),
  opts: { audit?: boolean } = {},
): Promise<SignInOutcome> {
  const email = emailInput.trim().toLowerCase();
  const at = systemNow();
  // Nothing is awaited before the attempt is counted: a burst is judged one request at a time, in order.
  const admission = admit(db, email, addressBucket(address), at);
  if (!admission.admitted) {
    const minutes = Math.max(1, Math.ceil(admission.retryMs / 60_000));
    return refusal("throttled", admission.unknownAddress ? "auth.signIn.throttledElsewhere" : "api.signIn.throttled", { minutes });
  }
  // An account that may not use a password is checked against the dummy hash, like an unknown one: the
  // answer and its timing say nothing about which addresses are break-glass accounts.
  const user = admission.user && mayUsePassword(db, admission.user) ? admission.user : undefined;
  const valid = await verifyPassword(user?.passwordHash ?? (await dummyHash()), password);
  if (!user || !valid) return signInSettings().passwordSignIn ? refusal("bad_credentials", "api.signIn.badCredentials") : refusal("password_off", "sso.api.passwordOff");
  db.update(signInAttempts).set({ succeeded: true }).where(eq(signInAttempts.id, admission.attemptId)).run();
  if (!user.active) return refusal("deactivated", "api.signIn.deactivated");
  if (opts.audit ?? true) recordAudit(db, { at: now(), actorUserId: user.id, action: "user.sign_in", entityType: "user", entityId: user.id, details: { address } });
  // The version read with the hash, before the slow check: a password changed meanwhile ends this session too.
  return { ok: true, userId: user.id, sessionVersion: user.sessionVersion };
}

/**
 * The owner proved who they are another way (a one-time link from the secretariat, used from this
 * address): the address becomes known for the account, so rule 3 no longer keeps them out from here.
 */
export function rememberKnownAddress(email: string, address: string, db: Pick<DB, "insert"> = getDb()): void {
  db.insert(signInAttempts).values({ email: email.trim().toLowerCase(), address: addressBucket(address), at: systemNow(), succeeded: true }).run();
}

