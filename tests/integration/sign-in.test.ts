import { describeReason } from "@/lib/present/failures";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { apiTokens, signInAttempts, users } from "@/db/schema";
import { systemNow } from "@/lib/time/clock";
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from "@/lib/config/demo";
import { loadActor } from "@/lib/data/actor";
import {
  KNOWN_ADDRESS_MS,
  MAX_FAILURES_PER_ACCOUNT_AND_ADDRESS,
  MAX_FAILURES_PER_ACCOUNT_FROM_UNKNOWN_ADDRESSES,
  MAX_FAILURES_PER_ADDRESS,
  THROTTLE_WINDOW_MS,
  authenticate,
} from "@/lib/data/sign-in";
import { actorForToken, issueToken, revokeToken } from "@/lib/data/tokens";
import { freshEnv, type TestEnv } from "../support/db";

let env: TestEnv;

beforeAll(async () => {
  env = await freshEnv();
});

afterAll(() => env.cleanup());

// Every test starts with a clean throttling record, so that the failures of one test do not lock out the next.
beforeEach(() => {
  env.db.$client.exec("DELETE FROM sign_in_attempts");
});

function userId(email: string): number {
  return env.db.select({ id: users.id }).from(users).where(eq(users.email, email)).get()!.id;
}

function setActive(email: string, active: boolean): void {
  env.db.update(users).set({ active }).where(eq(users.email, email)).run();
}

function actorOf(email: string) {
  const actor = loadActor(userId(email));
  if (!actor) throw new Error(`no actor for ${email}`);
  return actor;
}

/** Failures recorded as if they had happened `agoMs` before now (real time, as throttling uses). */
function insertFailures(n: number, row: { email?: string; address?: string }, agoMs: number): void {
  const at = systemNow() - agoMs;
  for (let i = 0; i < n; i++) {
    env.db
      .insert(signInAttempts)
      .values({ email: row.email ?? `someone${i}@elsewhere.example`, address: row.address ?? `203.0.113.${i}`, at, succeeded: false })
      .run();
  }
}

describe("authenticate: the demo accounts", () => {
  it.each(DEMO_ACCOUNTS.map((a) => [a.email, a.role] as const))("%s (%s) signs in with the demo password", async (email) => {
    const outcome = await authenticate(email, DEMO_PASSWORD, "198.51.100.1");
    expect(outcome).toEqual({ ok: true, userId: userId(email), sessionVersion: 0 });
  });

  it("accepts the e-mail address in any case and with surrounding spaces", async () => {
    const outcome = await authenticate("  Delegate@Telco.EXAMPLE \t", DEMO_PASSWORD, "198.51.100.1");
    expect(outcome).toEqual({ ok: true, userId: userId("delegate@telco.example"), sessionVersion: 0 });
  });

  it("does not accept the password in another case", async () => {
    const outcome = await authenticate("delegate@telco.example", DEMO_PASSWORD.toUpperCase(), "198.51.100.1");
    expect(outcome.ok).toBe(false);
  });
});

describe("authenticate: bad credentials", () => {
  it("answers an unknown e-mail and a wrong password with the same code and message", async () => {
    const unknown = await authenticate("nobody@nowhere.example", DEMO_PASSWORD, "198.51.100.2");
    const wrong = await authenticate("delegate@telco.example", "not-the-password", "198.51.100.2");
    expect(unknown).toEqual({ ok: false, code: "bad_credentials", key: "api.signIn.badCredentials" });
    expect(wrong).toEqual(unknown);
  });

  it("refuses an empty password", async () => {
    const outcome = await authenticate("delegate@telco.example", "", "198.51.100.2");
    expect(outcome).toEqual({ ok: false, code: "bad_credentials", key: "api.signIn.badCredentials" });
  });
});

describe("authenticate: throttling per account and address", () => {
  it("refuses an address after the maximum of failures for one account, even with the right password, for the time left in the window", async () => {
    const email = "delegate@university.example";
    for (let i = 0; i < MAX_FAILURES_PER_ACCOUNT_AND_ADDRESS - 1; i++) {
      expect((await authenticate(email, "wrong password", "192.0.2.10")).ok).toBe(false);
    }
    // One failure short of the limit: the right password still works, and starts the count afresh.
    expect(await authenticate(email, DEMO_PASSWORD, "192.0.2.10")).toEqual({ ok: true, userId: userId(email), sessionVersion: 0 });
    for (let i = 0; i < MAX_FAILURES_PER_ACCOUNT_AND_ADDRESS; i++) {
      expect(await authenticate(email, "wrong password", "192.0.2.10")).toMatchObject({ ok: false, code: "bad_credentials" });
    }

    const refused = await authenticate(email, DEMO_PASSWORD, "192.0.2.10");
    expect(refused).toEqual({
      ok: false,
      code: "throttled",
      key: "api.signIn.throttled",
      params: { minutes: 15 },
    });
    expect(refused.ok === false && describeReason(refused, "en")).toBe("Too many failed sign-in attempts. For your account's safety, try again in 15 minutes.");
    // The limit is on the pair: the owner at another address is not kept out by what happened at this one.
    expect(await authenticate(` ${email.toUpperCase()}`, DEMO_PASSWORD, "192.0.2.99")).toMatchObject({ ok: true });
    expect(await authenticate("delegate@admin-ch.example", DEMO_PASSWORD, "192.0.2.10")).toMatchObject({ ok: true });
  });

  it("says how many minutes are left until the oldest counted failure leaves the window", async () => {
    insertFailures(MAX_FAILURES_PER_ACCOUNT_AND_ADDRESS, { email: "delegate@telco.example", address: "192.0.2.20" }, 10 * 60_000);
    const outcome = await authenticate("delegate@telco.example", DEMO_PASSWORD, "192.0.2.20");
    expect(outcome).toMatchObject({ ok: false, code: "throttled" });
    expect(outcome.ok === false && describeReason(outcome, "en")).toMatch(/try again in 5 minutes\.$/);
  });

  it("no longer counts failures older than the throttle window", async () => {
    const email = "delegate@telco.example";
    insertFailures(MAX_FAILURES_PER_ACCOUNT_AND_ADDRESS, { email, address: "192.0.2.30" }, THROTTLE_WINDOW_MS + 1_000);
    expect(await authenticate(email, DEMO_PASSWORD, "192.0.2.30")).toEqual({ ok: true, userId: userId(email), sessionVersion: 0 });

    // Old failures plus recent ones below the limit do not add up to a lock either.
    env.db.$client.exec("DELETE FROM sign_in_attempts");
    insertFailures(MAX_FAILURES_PER_ACCOUNT_AND_ADDRESS, { email, address: "192.0.2.30" }, THROTTLE_WINDOW_MS + 1_000);
    insertFailures(MAX_FAILURES_PER_ACCOUNT_AND_ADDRESS - 1, { email, address: "192.0.2.30" }, 60_000);
    expect(await authenticate(email, DEMO_PASSWORD, "192.0.2.30")).toEqual({ ok: true, userId: userId(email), sessionVersion: 0 });
  });

  it("judges exactly the limit of 40 wrong passwords sent at once, and refuses the rest before argon2 runs", async () => {
    const email = "delegate@admin-ch.example";
    const outcomes = await Promise.all(Array.from({ length: 40 }, () => authenticate(email, "a wrong guess", "192.0.2.60")));
    const codes = outcomes.map((o) => (o.ok ? "ok" : o.code));
    expect(codes.filter((c) => c === "bad_credentials")).toHaveLength(MAX_FAILURES_PER_ACCOUNT_AND_ADDRESS);
    expect(codes.filter((c) => c === "throttled")).toHaveLength(40 - MAX_FAILURES_PER_ACCOUNT_AND_ADDRESS);
    // Only the judged attempts were counted (before their password was checked); a refusal leaves no row.
    expect(env.db.select().from(signInAttempts).where(eq(signInAttempts.email, email)).all()).toHaveLength(MAX_FAILURES_PER_ACCOUNT_AND_ADDRESS);
  });

  it("counts an attempt whose password is still being checked, so a burst with the right password cannot slip past either", async () => {
    const email = "delegate@admin-ch.example";
    insertFailures(MAX_FAILURES_PER_ACCOUNT_AND_ADDRESS - 1, { email, address: "192.0.2.61" }, 60_000);
    const outcomes = await Promise.all(Array.from({ length: 10 }, (_, i) => authenticate(email, i === 0 ? DEMO_PASSWORD : "wrong", "192.0.2.61")));
    // The first is judged (and right); the nine others arrive while it is counted as a failure in flight.
    expect(outcomes[0]).toMatchObject({ ok: true });
    expect(outcomes.slice(1).every((o) => !o.ok && o.code === "throttled")).toBe(true);
  });
});

describe("authenticate: throttling per address", () => {
  it("refuses an address after the maximum of failures across different e-mails, for every account from it", async () => {
    const address = "192.0.2.40";
    for (let i = 0; i < MAX_FAILURES_PER_ADDRESS - 1; i++) {
      const outcome = await authenticate(`guess${i}@nowhere.example`, "guess", address);
      expect(outcome).toMatchObject({ ok: false, code: "bad_credentials" });
    }
    // One short of the limit: a real account from that address still gets in.
    expect(await authenticate("delegate@associate-sg20.example", DEMO_PASSWORD, address)).toMatchObject({ ok: true });

    await authenticate("one-more@nowhere.example", "guess", address);

    const refused = await authenticate("delegate@associate-sg17.example", DEMO_PASSWORD, address);
    expect(refused).toMatchObject({ ok: false, code: "throttled" });
    expect(refused.ok === false && describeReason(refused, "en")).toMatch(/try again in 15 minutes\.$/);

    // The same account from another address is fine: no single account had too many failures.
    expect(await authenticate("delegate@associate-sg17.example", DEMO_PASSWORD, "192.0.2.41")).toMatchObject({ ok: true });
  });

  it("does not refuse an address for failures older than the window", async () => {
    insertFailures(MAX_FAILURES_PER_ADDRESS, { address: "192.0.2.50" }, THROTTLE_WINDOW_MS + 1_000);
    expect(await authenticate("delegate@telco.example", DEMO_PASSWORD, "192.0.2.50")).toMatchObject({ ok: true });
    insertFailures(MAX_FAILURES_PER_ADDRESS, { address: "192.0.2.50" }, 60_000);
    expect(await authenticate("delegate@telco.example", DEMO_PASSWORD, "192.0.2.50")).toMatchObject({ ok: false, code: "throttled" });
  });

  it("counts an IPv6 client by its /64: rotating the low 64 bits does not get more guesses", async () => {
    for (let i = 0; i < MAX_FAILURES_PER_ADDRESS; i++) {
      await authenticate(`v6guess${i}@nowhere.example`, "guess", `2001:db8:aa:1::${(i + 1).toString(16)}`);
    }
    expect(await authenticate("delegate@telco.example", DEMO_PASSWORD, "2001:db8:aa:1:ffff:1:2:3")).toMatchObject({ ok: false, code: "throttled" });
    expect(await authenticate("delegate@telco.example", DEMO_PASSWORD, "2001:db8:aa:2::1")).toMatchObject({ ok: true });
  });
});

describe("authenticate: guessing one account from many addresses", () => {
  const email = "delegate@university.example";

  async function strangersFail(n: number): Promise<void> {
    for (let i = 0; i < n; i++) expect(await authenticate(email, "stranger's guess", `203.0.113.${100 + i}`)).toMatchObject({ code: "bad_credentials" });
  }

  it("closes the account to addresses it has never signed in from, but not to the owner's known address", async () => {
    // The owner signed in from home last month.
    env.db.insert(signInAttempts).values({ email, address: "198.51.100.77", at: systemNow() - 30 * 24 * 3_600_000, succeeded: true }).run();
    await strangersFail(MAX_FAILURES_PER_ACCOUNT_FROM_UNKNOWN_ADDRESSES);

    const elsewhere = await authenticate(email, DEMO_PASSWORD, "203.0.113.250");
    expect(elsewhere).toMatchObject({ ok: false, code: "throttled", key: "auth.signIn.throttledElsewhere", params: { minutes: 15 } });
    expect(elsewhere.ok === false && describeReason(elsewhere, "en")).toMatch(/^Too many failed sign-in attempts for this account, from places it has not signed in from before\./);
    // The strangers' next guesses are refused unheard, and the owner at home signs in.
    expect(await authenticate(email, "stranger's guess", "203.0.113.251")).toMatchObject({ code: "throttled" });
    expect(await authenticate(email, DEMO_PASSWORD, "198.51.100.77")).toEqual({ ok: true, userId: userId(email), sessionVersion: 0 });
    // Another account is not affected.
    expect(await authenticate("delegate@telco.example", DEMO_PASSWORD, "203.0.113.250")).toMatchObject({ ok: true });
  });

  it("one failure short of the limit keeps every address open", async () => {
    await strangersFail(MAX_FAILURES_PER_ACCOUNT_FROM_UNKNOWN_ADDRESSES - 1);
    expect(await authenticate(email, DEMO_PASSWORD, "203.0.113.250")).toMatchObject({ ok: true });
  });

  it("does not count an address as known after 90 days", async () => {
    env.db.insert(signInAttempts).values({ email, address: "198.51.100.78", at: systemNow() - KNOWN_ADDRESS_MS - 60_000, succeeded: true }).run();
    await strangersFail(MAX_FAILURES_PER_ACCOUNT_FROM_UNKNOWN_ADDRESSES);
    expect(await authenticate(email, DEMO_PASSWORD, "198.51.100.78")).toMatchObject({ ok: false, code: "throttled" });
  });

  it("answers an unknown e-mail exactly as a real account, so the throttle tells nobody which accounts exist", async () => {
    for (let i = 0; i < MAX_FAILURES_PER_ACCOUNT_FROM_UNKNOWN_ADDRESSES; i++) await authenticate("nobody@nowhere.example", "guess", `203.0.113.${i + 1}`);
    for (let i = 0; i < MAX_FAILURES_PER_ACCOUNT_FROM_UNKNOWN_ADDRESSES; i++) await authenticate(email, "guess", `203.0.113.${i + 1}`);
    const unknown = await authenticate("nobody@nowhere.example", "guess", "203.0.113.200");
    const real = await authenticate(email, "guess", "203.0.113.200");
    expect(unknown).toEqual(real);
  });
});

describe("authenticate: deactivated accounts", () => {
  const email = "delegate@associate-sg20.example";

  it("refuses a deactivated account and ends its existing sessions", async () => {
    const id = userId(email);
    expect(loadActor(id)).not.toBeNull();
    setActive(email, false);
    try {
      expect(await authenticate(email, DEMO_PASSWORD, "198.51.100.3")).toEqual({
        ok: false,
        code: "deactivated",
        key: "api.signIn.deactivated",
      });
      // A wrong password does not reveal that the account exists but is deactivated.
      expect(await authenticate(email, "wrong password", "198.51.100.3")).toEqual({
        ok: false,
        code: "bad_credentials",
        key: "api.signIn.badCredentials",
      });
      expect(loadActor(id)).toBeNull();
    } finally {
      setActive(email, true);
    }
    expect(loadActor(id)?.email).toBe(email);
    expect(await authenticate(email, DEMO_PASSWORD, "198.51.100.3")).toMatchObject({ ok: true });
  });

  it("gives no actor for an unknown user id", () => {
    expect(loadActor(999_999)).toBeNull();
  });
});

describe("API tokens", () => {
  it("issues a ctk_ token whose secret is stored only as a hash, and which acts as its owner", async () => {
    const issued = await issueToken("Delegate@Telco.example", DEMO_PASSWORD, "upload script", "198.51.100.4");
    if (!issued.ok) throw new Error(issued.key);
    const { token, id } = issued.value;
    expect(token).toMatch(/^ctk_[A-Za-z0-9_-]{20,}$/);

    const rows = env.db.$client.prepare("SELECT * FROM api_tokens").all() as Array<Record<string, unknown>>;
    const row = rows.find((r) => r.id === id)!;
    expect(row.user_id).toBe(userId("delegate@telco.example"));
    expect(row.label).toBe("upload script");
    expect(row.token_hash).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.stringify(rows)).not.toContain(token);

    const actor = actorForToken(token);
    expect(actor?.userId).toBe(userId("delegate@telco.example"));
    expect(actor?.roles).toEqual(["member"]);
    expect(env.db.select().from(apiTokens).where(eq(apiTokens.id, id)).get()?.lastUsedAt).not.toBeNull();
  });

  it("gives no actor for an unknown or malformed token", () => {
    expect(actorForToken("ctk_thisIsNotAnIssuedTokenAtAll000000000000")).toBeNull();
    expect(actorForToken("not-a-token")).toBeNull();
    expect(actorForToken("")).toBeNull();
  });

  it("stops working once revoked by its owner, and cannot be revoked twice", async () => {
    const issued = await issueToken("delegate@admin-ch.example", DEMO_PASSWORD, "ci", "198.51.100.4");
    if (!issued.ok) throw new Error(issued.key);
    const owner = actorOf("delegate@admin-ch.example");
    expect(actorForToken(issued.value.token)?.userId).toBe(owner.userId);

    expect(revokeToken(owner, issued.value.id)).toEqual({ ok: true, value: { id: issued.value.id } });
    expect(actorForToken(issued.value.token)).toBeNull();
    expect(revokeToken(owner, issued.value.id)).toMatchObject({ ok: false, code: "not_found" });
  });

  it("answers not_found when someone else tries to revoke a token, which keeps working", async () => {
    const issued = await issueToken("delegate@university.example", DEMO_PASSWORD, "mine", "198.51.100.4");
    if (!issued.ok) throw new Error(issued.key);
    for (const email of ["delegate@admin-ch.example", "tsb.sg20@secretariat.example"]) {
      expect(revokeToken(actorOf(email), issued.value.id)).toMatchObject({ ok: false, code: "not_found" });
    }
    expect(actorForToken(issued.value.token)?.email).toBe("delegate@university.example");
  });

  it("gives no actor for the token of a deactivated account", async () => {
    const email = "rapporteur.q6@sg20.example";
    const issued = await issueToken(email, DEMO_PASSWORD, "review bot", "198.51.100.4");
    if (!issued.ok) throw new Error(issued.key);
    expect(actorForToken(issued.value.token)?.email).toBe(email);
    setActive(email, false);
    try {
      expect(actorForToken(issued.value.token)).toBeNull();
      // Nor can a deactivated account get a new token.
      expect(await issueToken(email, DEMO_PASSWORD, "another", "198.51.100.4")).toMatchObject({ ok: false, code: "unauthenticated" });
    } finally {
      setActive(email, true);
    }
  });

  it("refuses to issue a token for a wrong password or an unknown e-mail, with the sign-in message", async () => {
    const before = env.db.select().from(apiTokens).all().length;
    expect(await issueToken("delegate@telco.example", "wrong password", "x", "198.51.100.5")).toEqual({
      ok: false,
      code: "unauthenticated",
      key: "api.signIn.badCredentials",
    });
    expect(await issueToken("nobody@nowhere.example", DEMO_PASSWORD, "x", "198.51.100.5")).toEqual({
      ok: false,
      code: "unauthenticated",
      key: "api.signIn.badCredentials",
    });
    expect(env.db.select().from(apiTokens).all().length).toBe(before);
  });

  it("answers throttled when the address is refused for the account by failed sign-ins", async () => {
    insertFailures(MAX_FAILURES_PER_ACCOUNT_AND_ADDRESS, { email: "delegate@telco.example", address: "198.51.100.6" }, 60_000);
    expect(await issueToken("delegate@telco.example", DEMO_PASSWORD, "x", "198.51.100.6")).toMatchObject({
      ok: false,
      code: "throttled",
    });
  });
});
