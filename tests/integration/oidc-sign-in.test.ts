// Single sign-on on the data layer, real SQLite: the provider's verified e-mail finds the account (roles stay
// the secretariat's), every refusal is audited and counted for its address, an unknown address of an allowed
// domain waits for approval, sessions carry the session version, and PASSWORD_SIGN_IN=0 spares only break-glass.
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { and, desc, eq } from "drizzle-orm";
import { auditLog, signInAttempts, users } from "@/db/schema";
import { DEMO_PASSWORD } from "@/lib/config/demo";
import { setAccountActive } from "@/lib/data/account-admin";
import { createPasswordResetLink } from "@/lib/data/password-links";
import { loadActor, loadSessionActor } from "@/lib/data/actor";
import { oidcThrottleWait, recordOidcRefusal, signInWithOidc, stateDigest, wasStateUsed, type OidcIdentity } from "@/lib/data/oidc-sign-in";
import { approvePendingAccount, declinePendingAccount, listPendingAccounts } from "@/lib/data/pending-accounts";
import { authenticate, MAX_FAILURES_PER_ADDRESS, passwordInUse } from "@/lib/data/sign-in";
import { issueToken } from "@/lib/data/tokens";
import type { Actor } from "@/lib/auth/permissions";
import { freshEnv, type TestEnv } from "../support/db";

const ISSUER = "https://idp.itu.example";
const SECRETARIAT = "tsb.sg20@secretariat.example";
const REQUEST = { address: "198.51.100.7", stateDigest: stateDigest("state-1") };
const NO_PENDING = { pendingAccounts: null } as const;

let env: TestEnv;

beforeAll(async () => {
  env = await freshEnv();
});

afterAll(() => env.cleanup());

beforeEach(() => {
  env.db.$client.exec("DELETE FROM sign_in_attempts");
});

function identity(email: string | null, extra: Partial<OidcIdentity> = {}): OidcIdentity {
  return { issuer: ISSUER, subject: `sub-${email ?? "none"}`, email, emailVerified: true, name: "From The Provider", ...extra };
}

function userRow(email: string) {
  return env.db.select().from(users).where(eq(users.email, email)).get()!;
}

function actorOf(email: string): Actor {
  const actor = loadActor(userRow(email).id);
  if (!actor) throw new Error(`no actor for ${email}`);
  return actor;
}

function lastAudit(action: string) {
  return env.db.select().from(auditLog).where(eq(auditLog.action, action)).orderBy(desc(auditLog.id)).limit(1).get();
}

describe("signInWithOidc: matching the verified e-mail", () => {
  it("finds the account by its address in any case, with the account's own session version; roles are the account's", async () => {
    const before = actorOf("delegate@telco.example");
    const outcome = await signInWithOidc(identity("  Delegate@TELCO.example "), REQUEST, NO_PENDING);
    const row = userRow("delegate@telco.example");
    expect(outcome).toEqual({ ok: true, userId: row.id, sessionVersion: row.sessionVersion });
    const actor = loadSessionActor(row.id, row.sessionVersion);
    expect(actor?.roles).toEqual(before.roles);
    expect(actor?.organisation?.name).toBe(before.organisation?.name);
    // The provider's name is not written over the account's.
    expect(row.name).toBe("Sofia Rossi");
    expect(lastAudit("user.sign_in")).toMatchObject({
      actorUserId: row.id,
      entityType: "user",
      entityId: String(row.id),
      details: { method: "oidc", address: "198.51.100.7", issuer: ISSUER, subject: "sub-  Delegate@TELCO.example ", state: REQUEST.stateDigest },
    });
  });

  it("refuses an unverified address, or none, and audits it without a user", async () => {
    for (const [id, email] of [
      [identity("delegate@telco.example", { emailVerified: false }), "delegate@telco.example"],
      [identity(null), null],
      [identity("not-an-address"), "not-an-address"],
    ] as const) {
      const outcome = await signInWithOidc(id, REQUEST, NO_PENDING);
      expect(outcome).toEqual({ ok: false, reason: "unverified_email", userId: null });
      const entry = lastAudit("user.sign_in_refused");
      expect(entry).toMatchObject({ actorUserId: null, entityId: null, details: { method: "oidc", reason: "unverified_email", address: "198.51.100.7" } });
      expect(entry?.details.email).toBe(email ?? undefined);
    }
  });

  it("refuses an unknown address when pending accounts are off, and opens no account", async () => {
    const outcome = await signInWithOidc(identity("stranger@elsewhere.example"), REQUEST, NO_PENDING);
    expect(outcome).toEqual({ ok: false, reason: "unknown_email", userId: null });
    expect(env.db.select().from(users).where(eq(users.email, "stranger@elsewhere.example")).get()).toBeUndefined();
    expect(lastAudit("user.sign_in_refused")?.details).toMatchObject({ reason: "unknown_email", email: "stranger@elsewhere.example", subject: "sub-stranger@elsewhere.example" });
  });

  it("refuses a deactivated account, naming it in the audit row", async () => {
    const id = userRow("delegate@university.example").id;
    expect(setAccountActive(actorOf(SECRETARIAT), id, false, "Left the delegation").ok).toBe(true);
    const outcome = await signInWithOidc(identity("delegate@university.example"), REQUEST, NO_PENDING);
    expect(outcome).toEqual({ ok: false, reason: "deactivated", userId: id });
    expect(lastAudit("user.sign_in_refused")).toMatchObject({ entityId: String(id), details: { reason: "deactivated" } });
    expect(setAccountActive(actorOf(SECRETARIAT), id, true, "Back in the delegation").ok).toBe(true);
  });

  it("a deactivation or a reactivation ends the session the provider gave, as it ends a password session", async () => {
    const outcome = await signInWithOidc(identity("delegate@admin-ch.example"), REQUEST, NO_PENDING);
    if (!outcome.ok) throw new Error(outcome.reason);
    expect(loadSessionActor(outcome.userId, outcome.sessionVersion)).not.toBeNull();
    const sec = actorOf(SECRETARIAT);
    setAccountActive(sec, outcome.userId, false, "Suspended");
    setAccountActive(sec, outcome.userId, true, "Restored");
    expect(loadSessionActor(outcome.userId, outcome.sessionVersion)).toBeNull();
    const again = await signInWithOidc(identity("delegate@admin-ch.example"), REQUEST, NO_PENDING);
    if (!again.ok) throw new Error(again.reason);
    expect(again.sessionVersion).toBeGreaterThan(outcome.sessionVersion);
    expect(loadSessionActor(again.userId, again.sessionVersion)).not.toBeNull();
  });
});

describe("replays and throttling", () => {
  it("knows a state that a sign-in has used, and no other", async () => {
    const digest = stateDigest("state-for-replay")!;
    expect(wasStateUsed(digest)).toBe(false);
    await signInWithOidc(identity("delegate@telco.example"), { address: "198.51.100.8", stateDigest: digest }, NO_PENDING);
    expect(wasStateUsed(digest)).toBe(true);
    expect(wasStateUsed(stateDigest("another-state")!)).toBe(false);
    // The log holds a digest, not the state itself.
    expect(JSON.stringify(lastAudit("user.sign_in")?.details)).not.toContain("state-for-replay");
  });

  it("refusals count for their address like failed passwords: the twentieth closes it, its /64 too, for that address only", () => {
    const ipv6 = { address: "2001:db8:1:2::10", stateDigest: null };
    for (let i = 0; i < MAX_FAILURES_PER_ADDRESS - 1; i++) recordOidcRefusal("state_expired", ipv6);
    expect(oidcThrottleWait("2001:db8:1:2::99")).toBe(0);
    recordOidcRefusal("state_expired", ipv6);
    expect(oidcThrottleWait("2001:db8:1:2::99")).toBeGreaterThan(0);
    expect(oidcThrottleWait("2001:db8:1:3::10")).toBe(0);
    // Under a pseudo-address, never a person's e-mail: nobody's password throttle moves.
    const rows = env.db.select({ email: signInAttempts.email }).from(signInAttempts).all();
    expect(new Set(rows.map((r) => r.email))).toEqual(new Set(["(single sign-on)"]));
  });
});

describe("accounts awaiting approval", () => {
  const policy = { pendingAccounts: ["telco.example"] };

  it("an unknown verified address of an allowed domain opens an account with no organisation, no role and no way in", async () => {
    const outcome = await signInWithOidc(identity("New.Delegate@telco.example", { name: "New Delegate" }), REQUEST, policy);
    const row = userRow("new.delegate@telco.example");
    expect(outcome).toEqual({ ok: false, reason: "pending_created", userId: row.id });
    expect(row).toMatchObject({ name: "New Delegate", organisationId: null, active: true });
    expect(row.pendingSince).not.toBeNull();
    expect(loadActor(row.id)).toBeNull();
    expect(loadSessionActor(row.id, row.sessionVersion)).toBeNull();
    expect(lastAudit("user.request")).toMatchObject({ entityId: String(row.id), details: { method: "oidc", email: "new.delegate@telco.example", issuer: ISSUER } });
    // Its password is a random one nobody knows, and the secretariat sends no link before approving.
    expect((await authenticate("new.delegate@telco.example", DEMO_PASSWORD, "198.51.100.9")).ok).toBe(false);
    expect(await createPasswordResetLink(actorOf(SECRETARIAT), row.id)).toMatchObject({ ok: false, code: "conflict", key: "sso.pending.approveFirst" });
    // Asking again: still waiting.
    expect(await signInWithOidc(identity("new.delegate@telco.example"), REQUEST, policy)).toEqual({ ok: false, reason: "pending", userId: row.id });
    // Another domain is simply unknown.
    expect(await signInWithOidc(identity("someone@elsewhere.example"), REQUEST, policy)).toMatchObject({ ok: false, reason: "unknown_email" });
  });

  it("only the secretariat approves, choosing the organisation; then the provider signs the account in", async () => {
    const row = userRow("new.delegate@telco.example");
    const sec = actorOf(SECRETARIAT);
    expect(listPendingAccounts(sec)).toMatchObject({ ok: true, value: [{ id: row.id, email: "new.delegate@telco.example", name: "New Delegate" }] });
    expect(listPendingAccounts(actorOf("delegate@telco.example"))).toMatchObject({ ok: false, code: "forbidden" });
    const telco = actorOf("delegate@telco.example").organisation!;
    expect(approvePendingAccount(actorOf("delegate@telco.example"), row.id, telco.id)).toMatchObject({ ok: false, code: "forbidden" });
    expect(approvePendingAccount(sec, row.id, 999_999)).toMatchObject({ ok: false, code: "invalid" });
    expect(approvePendingAccount(sec, row.id, telco.id)).toEqual({ ok: true, value: { name: "New Delegate", organisation: telco.name } });
    expect(approvePendingAccount(sec, row.id, telco.id)).toMatchObject({ ok: false, code: "conflict" });
    expect(lastAudit("user.approve")).toMatchObject({ actorUserId: sec.userId, entityId: String(row.id), details: { organisationId: telco.id } });
    expect(listPendingAccounts(sec)).toEqual({ ok: true, value: [] });
    const outcome = await signInWithOidc(identity("new.delegate@telco.example"), REQUEST, policy);
    if (!outcome.ok) throw new Error(outcome.reason);
    expect(loadSessionActor(outcome.userId, outcome.sessionVersion)?.organisation?.id).toBe(telco.id);
  });

  it("a declined request leaves a deactivated account, and the next sign-in is told so", async () => {
    await signInWithOidc(identity("declined@telco.example"), REQUEST, policy);
    const row = userRow("declined@telco.example");
    const sec = actorOf(SECRETARIAT);
    expect(declinePendingAccount(sec, row.id, "no")).toMatchObject({ ok: false, code: "invalid" });
    expect(declinePendingAccount(sec, row.id, "Not a delegate of a member")).toEqual({ ok: true, value: { name: "From The Provider" } });
    expect(lastAudit("user.decline")).toMatchObject({ entityId: String(row.id), details: { reason: "Not a delegate of a member" } });
    expect(await signInWithOidc(identity("declined@telco.example"), REQUEST, policy)).toEqual({ ok: false, reason: "deactivated", userId: row.id });
  });
});

describe("PASSWORD_SIGN_IN=0", () => {
  const saved = { ...process.env };
  beforeEach(() => {
    Object.assign(process.env, {
      OIDC_ISSUER: ISSUER,
      OIDC_CLIENT_ID: "tracker",
      OIDC_CLIENT_SECRET: "secret",
      PASSWORD_SIGN_IN: "0",
      BREAK_GLASS_EMAILS: `${SECRETARIAT}, delegate@admin-ch.example`,
    });
  });
  afterEach(() => {
    for (const k of ["OIDC_ISSUER", "OIDC_CLIENT_ID", "OIDC_CLIENT_SECRET", "PASSWORD_SIGN_IN", "BREAK_GLASS_EMAILS"]) {
      if (saved[k] === undefined) delete process.env[k];
      else process.env[k] = saved[k];
    }
  });

  it("the break-glass secretariat signs in with its password; a delegate does not, even one named in the setting", async () => {
    expect(await authenticate(SECRETARIAT, DEMO_PASSWORD, "198.51.100.20")).toMatchObject({ ok: true, userId: userRow(SECRETARIAT).id });
    for (const email of ["delegate@telco.example", "delegate@admin-ch.example", "rapporteur.q3@sg20.example"]) {
      expect(await authenticate(email, DEMO_PASSWORD, "198.51.100.21")).toMatchObject({ ok: false, code: "password_off", key: "sso.api.passwordOff" });
    }
    // A wrong password of the break-glass account gets the same answer: it says nothing about who is break-glass.
    expect(await authenticate(SECRETARIAT, "wrong password", "198.51.100.22")).toMatchObject({ ok: false, code: "password_off" });
    expect(passwordInUse(actorOf(SECRETARIAT))).toBe(true);
    expect(passwordInUse(actorOf("delegate@telco.example"))).toBe(false);
  });

  it("the token endpoint follows the same rule", async () => {
    expect(await issueToken("delegate@telco.example", DEMO_PASSWORD, "script", "198.51.100.23")).toMatchObject({ ok: false, code: "unauthenticated", key: "sso.api.passwordOff" });
    expect((await issueToken(SECRETARIAT, DEMO_PASSWORD, "script", "198.51.100.23")).ok).toBe(true);
  });

  it("refused passwords still count for the throttle", async () => {
    await authenticate("delegate@telco.example", DEMO_PASSWORD, "198.51.100.24");
    const rows = env.db
      .select()
      .from(signInAttempts)
      .where(and(eq(signInAttempts.email, "delegate@telco.example"), eq(signInAttempts.succeeded, false)))
      .all();
    expect(rows.length).toBe(1);
  });
});
