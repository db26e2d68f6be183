// Checks e-mail and password, with throttling per account and per address; one message for every bad pair.
import "server-only";
import { and, count, eq, gt } from "drizzle-orm";
import { getDb, type DB } from "@/db/client";
import { secretariatAssignments, signInAttempts, users } from "@/db/schema";
import { signInSettings } from "@/lib/config/settings";
import { now, systemNow } from "@/lib/time/clock";
import { dummyHash, verifyPassword } from "@/lib/auth/passwords";
import { recordAudit } from "@/lib/data/audit";
import { translate, type MessageKey, type Params } from "@/lib/i18n/translate";

export const THROTTLE_WINDOW_MS = 15 * 60_000;
export const MAX_FAILURES_PER_ACCOUNT = 5;
export const MAX_FAILURES_PER_ADDRESS = 20;

export const BAD_CREDENTIALS_MESSAGE = translate("en", "api.signIn.badCredentials");
export const DEACTIVATED_MESSAGE = translate("en", "api.signIn.deactivated");

/** A refusal's `message` is English; `messageKey` and `params` say it in the reader's language. */
export type SignInRefusal = "bad_credentials" | "throttled" | "deactivated" | "password_off";
export type SignInOutcome = { ok: true; userId: number } | { ok: false; code: SignInRefusal; message: string; messageKey: MessageKey; params?: Params };

function refusal(code: SignInRefusal, messageKey: MessageKey, params?: Params): SignInOutcome {
  return params ? { ok: false, code, message: translate("en", messageKey, params), messageKey, params } : { ok: false, code, message: translate("en", messageKey), messageKey };
}

function throttled(retryMs: number): SignInOutcome {
  const minutes = Math.max(1, Math.ceil(retryMs / 60_000));
  return refusal("throttled", "api.signIn.throttled", { minutes });
}

/** Minutes until the oldest failure inside the window leaves it, or 0 when not throttled. */
function throttleWait(db: DB, column: "email" | "address", value: string, limit: number, at: number): number {
  const since = at - THROTTLE_WINDOW_MS;
  const col = column === "email" ? signInAttempts.email : signInAttempts.address;
  const where = and(eq(col, value), eq(signInAttempts.succeeded, false), gt(signInAttempts.at, since));
  const [{ n }] = db.select({ n: count() }).from(signInAttempts).where(where).all();
  if (n < limit) return 0;
  const oldest = db
    .select({ at: signInAttempts.at })
    .from(signInAttempts)
    .where(where)
    .orderBy(signInAttempts.at)
    .limit(1)
    .offset(n - limit)
    .get();
  return (oldest?.at ?? at) + THROTTLE_WINDOW_MS - at;
}

/**
 * With PASSWORD_SIGN_IN=0 only the break-glass accounts may use a password, and only while they are
 * secretariat accounts: a name in the setting does not make a delegate's password work again.
 */
function mayUsePassword(db: DB, user: { id: number; email: string }): boolean {
  const { passwordSignIn, breakGlassEmails } = signInSettings();
  if (passwordSignIn) return true;
  if (!breakGlassEmails.includes(user.email)) return false;
  return db.select({ id: secretariatAssignments.userId }).from(secretariatAssignments).where(eq(secretariatAssignments.userId, user.id)).limit(1).get() !== undefined;
}

export async function authenticate(emailInput: string, password: string, address: string, db: DB = getDb()): Promise<SignInOutcome> {
  const email = emailInput.trim().toLowerCase();
  const at = systemNow();
  const wait = Math.max(
    throttleWait(db, "email", email, MAX_FAILURES_PER_ACCOUNT, at),
    throttleWait(db, "address", address, MAX_FAILURES_PER_ADDRESS, at),
  );
  if (wait > 0) return throttled(wait);

  const found = db.select().from(users).where(eq(users.email, email)).get();
  // An account that may not use a password is checked against the dummy hash, like an unknown one: the
  // answer and its timing say nothing about which addresses are break-glass accounts.
  const user = found && mayUsePassword(db, found) ? found : undefined;
  const valid = await verifyPassword(user?.passwordHash ?? (await dummyHash()), password);
  db.insert(signInAttempts).values({ email, address, at, succeeded: Boolean(user && valid) }).run();
  if (!user || !valid) return signInSettings().passwordSignIn ? refusal("bad_credentials", "api.signIn.badCredentials") : refusal("password_off", "sso.api.passwordOff");
  if (!user.active) return refusal("deactivated", "api.signIn.deactivated");
  recordAudit(db, { at: now(), actorUserId: user.id, action: "user.sign_in", entityType: "user", entityId: user.id, details: { address } });
  return { ok: true, userId: user.id };
}
