// Sessions end when they should: every session (JWT) and API token carries the account's session version, and a
// password change or reset, a deactivation or a reactivation moves it, so that whatever was issued before is refused.
import { inEnglish } from "@/tests/support/in-english";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { apiTokens, auditLog, users } from "@/db/schema";
import { DEMO_PASSWORD } from "@/lib/config/demo";
import { authOptions } from "@/lib/auth/options";
import { createAccount, setAccountActive } from "@/lib/data/account-admin";
import { createPasswordResetLink, resetPasswordWithToken } from "@/lib/data/password-links";
import { loadActor, loadSessionActor } from "@/lib/data/actor";
import { changeOwnPassword } from "@/lib/data/password-change";
import { authenticate } from "@/lib/data/sign-in";
import { actorForToken, createTokenForActor, issueToken, listTokens } from "@/lib/data/tokens";
import type { Actor } from "@/lib/auth/permissions";
import { freshEnv, type TestEnv } from "../support/db";

const SECRETARIAT = "tsb.sg20@secretariat.example";
const NEW_PASSWORD = "a long passphrase for the session tests";

let env: TestEnv;
let address = 0;

beforeAll(async () => {
  env = await freshEnv();
});

afterAll(() => env.cleanup());

beforeEach(() => {
  env.db.$client.exec("DELETE FROM sign_in_attempts");
});

function userId(email: string): number {
  return env.db.select({ id: users.id }).from(users).where(eq(users.email, email)).get()!.id;
}

function actorOf(email: string): Actor {
  const actor = loadActor(userId(email));
  if (!actor) throw new Error(`no actor for ${email}`);
  return actor;
}

function versionOf(email: string): number {
  return env.db.select({ v: users.sessionVersion }).from(users).where(eq(users.email, email)).get()!.v;
}

/** A sign-in as the form does it: the session the JWT would carry (user id and session version). */
async function session(email: string, password = DEMO_PASSWORD): Promise<{ userId: number; sessionVersion: number }> {
  address += 1;
  const outcome = await authenticate(email, password, `198.51.100.${address}`);
  if (!outcome.ok) throw new Error(`${email}: ${outcome.key}`);
  return { userId: outcome.userId, sessionVersion: outcome.sessionVersion };
}

async function token(email: string, password = DEMO_PASSWORD): Promise<string> {
  address += 1;
  const issued = await issueToken(email, password, "script", `198.51.100.${address}`);
  if (!issued.ok) throw new Error(issued.key);
  return issued.value.token;
}

function stillSignedIn(s: { userId: number; sessionVersion: number }): boolean {
  return loadSessionActor(s.userId, s.sessionVersion) !== null;
}

/** A new account with a password set through its link (the account's version is then 1). */
async function accountWithPassword(email: string): Promise<number> {
  const created = await createAccount(actorOf(SECRETARIAT), { email, name: "Session Person", organisationId: null });
  if (!created.ok) throw new Error(created.key);
  const secret = created.value.url.split("/").pop()!;
  const set = await resetPasswordWithToken(secret, NEW_PASSWORD);
  if (!set.ok) throw new Error(set.key);
  return created.value.id;
}

describe("the session version in the JWT", () => {
  it("is put into the token at sign-in and handed to the session, with nothing else about the account", async () => {
    const jwt = await authOptions.callbacks!.jwt!({
      token: { sub: undefined },
      user: { id: "7", sessionVersion: 3, email: "x@example.org", name: "X" },
      account: null,
    } as never);
    expect(jwt).toEqual({ sub: "7", sv: 3, iat: undefined, exp: undefined, jti: undefined });
    // Later requests carry the token through unchanged.
    expect(await authOptions.callbacks!.jwt!({ token: { ...jwt, iat: 1, exp: 2, jti: "j" } } as never)).toEqual({ sub: "7", sv: 3, iat: 1, exp: 2, jti: "j" });
    const s = await authOptions.callbacks!.session!({ session: { expires: "e", user: {} }, token: jwt } as never);
    expect(s).toEqual({ expires: "e", user: { id: "7", sessionVersion: 3 } });
  });

  it("makes a session without a version (issued before versions existed) a signed-out one", async () => {
    const s = await authOptions.callbacks!.session!({ session: { expires: "e", user: {} }, token: { sub: "7" } } as never);
    expect((s as { user: { sessionVersion: number } }).user.sessionVersion).toBe(-1);
    expect(loadSessionActor(7, -1)).toBeNull();
  });
});

describe("a password reset", () => {
  it("ends every session and API token issued before it, whoever holds them, and the new password starts afresh", async () => {
    const id = await accountWithPassword("reset.sessions@example.org");
    const before = await session("reset.sessions@example.org", NEW_PASSWORD);
    const oldToken = await token("reset.sessions@example.org", NEW_PASSWORD);
    expect(stillSignedIn(before)).toBe(true);
    expect(actorForToken(oldToken)?.userId).toBe(id);

    const link = await createPasswordResetLink(actorOf(SECRETARIAT), id);
    if (!link.ok) throw new Error(link.key);
    // Handing out a link ends nothing: only its use does.
    expect(stillSignedIn(before)).toBe(true);
    const reset = await resetPasswordWithToken(link.value.url.split("/").pop()!, "the passphrase after the reset");
    expect(reset.ok).toBe(true);

    expect(stillSignedIn(before)).toBe(false);
    expect(actorForToken(oldToken)).toBeNull();
    expect(listTokens(actorOf("reset.sessions@example.org")).every((t) => t.revokedAt !== null)).toBe(true);
    const audit = env.db.select().from(auditLog).where(eq(auditLog.action, "user.password_reset")).all().at(-1)!;
    expect(audit.details).toMatchObject({ tokensRevoked: 1 });

    const after = await session("reset.sessions@example.org", "the passphrase after the reset");
    expect(after.sessionVersion).toBe(before.sessionVersion + 1);
    expect(stillSignedIn(after)).toBe(true);
    expect(actorForToken(await token("reset.sessions@example.org", "the passphrase after the reset"))?.userId).toBe(id);
  });
});

describe("deactivation and reactivation", () => {
  it("end every session and token for good: a reactivated account's old session and token stay refused", async () => {
    const email = "delegate@university.example";
    const old = await session(email);
    const oldToken = await token(email);
    const sec = actorOf(SECRETARIAT);
    const v0 = versionOf(email);

    expect(setAccountActive(sec, old.userId, false, "On leave")).toMatchObject({ ok: true });
    expect(stillSignedIn(old)).toBe(false);
    expect(actorForToken(oldToken)).toBeNull();
    expect(setAccountActive(sec, old.userId, true, "Back from leave")).toMatchObject({ ok: true });
    expect(versionOf(email)).toBe(v0 + 2);

    expect(stillSignedIn(old)).toBe(false);
    expect(actorForToken(oldToken)).toBeNull();
    const fresh = await session(email);
    expect(stillSignedIn(fresh)).toBe(true);
    expect(actorForToken(await token(email))?.email).toBe(email);
  });
});

describe("what does not end sessions", () => {
  it("a refused change (no reason) and an unchanged state leave the version alone", async () => {
    const email = "delegate@telco.example";
    const s = await session(email);
    const sec = actorOf(SECRETARIAT);
    expect(setAccountActive(sec, s.userId, false, "")).toMatchObject({ ok: false, code: "invalid" });
    expect(setAccountActive(sec, s.userId, true, "Already active")).toEqual({ ok: true, value: { changed: false, active: true } });
    expect(stillSignedIn(s)).toBe(true);
  });
});

describe("a token made from a session that has just ended", () => {
  it("is born dead: it carries the ended session's version", async () => {
    const email = "delegate@admin-ch.example";
    const stale = actorOf(email);
    const sec = actorOf(SECRETARIAT);
    setAccountActive(sec, stale.userId, false, "Paused");
    setAccountActive(sec, stale.userId, true, "Resumed");
    const made = createTokenForActor(stale, "made by a stale session");
    if (!made.ok) throw new Error(made.key);
    expect(actorForToken(made.value.token)).toBeNull();
    expect(env.db.select().from(apiTokens).where(eq(apiTokens.id, made.value.id)).get()!.sessionVersion).toBe(stale.sessionVersion);
  });
});

describe("changing one's own password", () => {
  const email = "delegate@associate-sg20.example";

  it("needs the current password, and a wrong one changes nothing", async () => {
    const actor = actorOf(email);
    const hash = env.db.select({ h: users.passwordHash }).from(users).where(eq(users.email, email)).get()!.h;
    const refused = await changeOwnPassword(actor, "not my password", "a brand new passphrase", "198.51.100.200");
    expect(inEnglish(refused)).toMatchObject({ ok: false, code: "invalid", fields: { current: "This is not your current password." } });
    expect(env.db.select({ h: users.passwordHash }).from(users).where(eq(users.email, email)).get()!.h).toBe(hash);
    expect(versionOf(email)).toBe(actor.sessionVersion);
    expect(inEnglish(await changeOwnPassword(actor, DEMO_PASSWORD, "short", "198.51.100.200"))).toMatchObject({ ok: false, code: "invalid", fields: { password: expect.stringMatching(/at least 12/) } });
  });

  it("guessing the current password through a stolen session meets the sign-in throttle", async () => {
    const actor = actorOf(email);
    for (let i = 0; i < 5; i++) await changeOwnPassword(actor, `guess ${i}`, "a brand new passphrase", "198.51.100.201");
    expect(await changeOwnPassword(actor, DEMO_PASSWORD, "a brand new passphrase", "198.51.100.201")).toMatchObject({ ok: false, code: "throttled" });
    expect(versionOf(email)).toBe(actor.sessionVersion);
  });

  it("ends every session and API token of the account, this one too; the new password works and the old one no longer does", async () => {
    const first = await session(email);
    const second = await session(email);
    const oldToken = await token(email);
    const actor = loadSessionActor(first.userId, first.sessionVersion)!;
    const changed = await changeOwnPassword(actor, DEMO_PASSWORD, "the delegate's new passphrase", "198.51.100.202");
    expect(changed).toEqual({ ok: true, value: { tokensRevoked: 1 } });

    expect(stillSignedIn(first)).toBe(false);
    expect(stillSignedIn(second)).toBe(false);
    expect(actorForToken(oldToken)).toBeNull();
    expect(await authenticate(email, DEMO_PASSWORD, "198.51.100.203")).toMatchObject({ ok: false, code: "bad_credentials" });
    const fresh = await session(email, "the delegate's new passphrase");
    expect(stillSignedIn(fresh)).toBe(true);
    const audit = env.db.select().from(auditLog).where(eq(auditLog.action, "user.password_change")).all();
    expect(audit).toEqual([expect.objectContaining({ actorUserId: first.userId, entityId: String(first.userId), details: { tokensRevoked: 1 } })]);

    // The session that asked has ended: it cannot change the password again.
    expect(await changeOwnPassword(actor, "the delegate's new passphrase", "yet another passphrase", "198.51.100.204")).toMatchObject({ ok: false, code: "unauthenticated" });
  });
});
