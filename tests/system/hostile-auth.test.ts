// Hostile clients against the built server (loopback only, bounded): racing and weaponising the sign-in throttle,
// forging X-Forwarded-For, open redirects after a real sign-in, another organisation's view of a late request,
// sessions that outlive a password reset, a password change or a deactivation, and input that used to reach a raw 500.
//
// Each scenario speaks from its own loopback source address (127.0.0.x: Linux routes all of 127/8 to lo), so the
// address the server counts is the socket's, as in production, and one scenario's failures never throttle another.
// HOSTILE_SERVER_ROOT=<checkout> runs the same clients against another build (e.g. the code before these fixes).
import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, statSync } from "node:fs";
import http from "node:http";
import path from "node:path";
import { chromium, type Browser, type BrowserContext, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_PASSWORD, SG20_MEETING_CODE } from "@/lib/config/demo";
import { pdfLike, PORT_OFFSET, removeDir, ROOT, serverEnv, sleep, tempRoot } from "./server";
import { multipart, SESSION_COOKIE, withDb } from "./http";

const SERVER_ROOT = process.env.HOSTILE_SERVER_ROOT ? path.resolve(process.env.HOSTILE_SERVER_ROOT) : ROOT;
const PORT = 3561 + PORT_OFFSET;
const PROXY_PORT = 3562 + PORT_OFFSET;
const REFUSED_PORT = 3563 + PORT_OFFSET;
const DEMO_SECRET_PORT = 3564 + PORT_OFFSET;
const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
const MEETING = SG20_MEETING_CODE;

const SECRETARIAT = "tsb.sg20@secretariat.example";
const SWITZERLAND = "delegate@admin-ch.example";
const TELCO = "delegate@telco.example";
const UNIVERSITY = "delegate@university.example";
const ASSOCIATE_SG20 = "delegate@associate-sg20.example";
const ASSOCIATE_SG17 = "delegate@associate-sg17.example";
const RAPPORTEUR_Q6 = "rapporteur.q6@sg20.example";

// ------------------------------------------------------------------ servers (bounded: every child is killed in afterAll)

type Srv = { port: number; base: string; dataDir: string; child: ChildProcess; exited: Promise<number | null>; output: () => string };
const children = new Set<ChildProcess>();

function spawnNext(dataDir: string, port: number, env: NodeJS.ProcessEnv): { child: ChildProcess; exited: Promise<number | null>; output: () => string } {
  const child = spawn(process.execPath, [path.join(SERVER_ROOT, "node_modules", "next", "dist", "bin", "next"), "start", "-p", String(port), "-H", "127.0.0.1"], {
    cwd: SERVER_ROOT,
    env,
    stdio: ["ignore", "pipe", "pipe"],
    detached: true,
  });
  children.add(child);
  let log = "";
  const keep = (d: Buffer) => {
    log = (log + d.toString()).slice(-20_000);
  };
  child.stdout!.on("data", keep);
  child.stderr!.on("data", keep);
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  return { child, exited, output: () => log };
}

function run(cmd: string, args: string[], env: NodeJS.ProcessEnv): Promise<{ code: number | null; out: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { cwd: SERVER_ROOT, env, stdio: ["ignore", "pipe", "pipe"] });
    let out = "";
    child.stdout.on("data", (d: Buffer) => (out += d.toString()));
    child.stderr.on("data", (d: Buffer) => (out += d.toString()));
    const timer = setTimeout(() => child.kill("SIGKILL"), 120_000);
    child.on("error", reject);
    child.on("exit", (code) => {
      clearTimeout(timer);
      resolve({ code, out });
    });
  });
}

function envFor(dataDir: string, port: number, extra: Record<string, string | undefined> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...serverEnv(dataDir, port), ...extra };
  for (const [k, v] of Object.entries(extra)) if (v === undefined) delete env[k];
  return env;
}

async function startServer(dataDir: string, port: number, extra: Record<string, string | undefined> = {}): Promise<Srv> {
  const env = envFor(dataDir, port, extra);
  const seeded = await run(path.join(SERVER_ROOT, "node_modules", ".bin", "tsx"), ["scripts/setup-db.ts"], env);
  if (seeded.code !== 0) throw new Error(`setup-db failed: ${seeded.out}`);
  const { child, exited, output } = spawnNext(dataDir, port, env);
  const srv: Srv = { port, base: `http://127.0.0.1:${port}`, dataDir, child, exited, output };
  let gone = false;
  void exited.then(() => (gone = true));
  for (let i = 0; i < 240; i++) {
    if (gone) throw new Error(`the server exited at start:\n${output()}`);
    try {
      if ((await send(srv, "GET", "/api/v1/clock", { timeoutMs: 2000 })).status === 200) return srv;
    } catch {
      /* not listening yet */
    }
    await sleep(250);
  }
  throw new Error(`the server did not answer within 60 s:\n${output()}`);
}

function kill(child: ChildProcess): void {
  if (child.exitCode === null && child.signalCode === null) {
    try {
      process.kill(-child.pid!, "SIGKILL");
    } catch {
      /* already gone */
    }
  }
}

// ------------------------------------------------------------------ HTTP from a chosen loopback address

type Res = { status: number; headers: http.IncomingHttpHeaders; text: string; json: () => Record<string, any> }; // eslint-disable-line @typescript-eslint/no-explicit-any
type SendOpts = { from?: string; headers?: Record<string, string>; body?: Buffer | string; json?: unknown; cookie?: string; token?: string; timeoutMs?: number };

function send(srv: Pick<Srv, "port">, method: string, urlPath: string, opts: SendOpts = {}): Promise<Res> {
  return new Promise((resolve, reject) => {
    const headers: Record<string, string> = { "accept-language": "en", ...(opts.headers ?? {}) };
    let body = opts.body === undefined ? undefined : Buffer.isBuffer(opts.body) ? opts.body : Buffer.from(opts.body);
    if (opts.json !== undefined) {
      body = Buffer.from(JSON.stringify(opts.json));
      headers["content-type"] ??= "application/json";
    }
    if (body) headers["content-length"] = String(body.length);
    if (opts.cookie) headers.cookie = opts.cookie;
    if (opts.token) headers.authorization = `Bearer ${opts.token}`;
    const req = http.request({ host: "127.0.0.1", port: srv.port, method, path: urlPath, headers, agent: false, localAddress: opts.from ?? "127.0.0.1" }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () => {
        const text = Buffer.concat(chunks).toString("utf8");
        resolve({ status: res.statusCode ?? 0, headers: res.headers, text, json: () => JSON.parse(text) });
      });
      res.on("error", reject);
    });
    req.setTimeout(opts.timeoutMs ?? 60_000, () => req.destroy(new Error(`timeout: ${method} ${urlPath}`)));
    req.on("error", reject);
    req.end(body);
  });
}

function cookies(res: Res): Map<string, string> {
  const out = new Map<string, string>();
  for (const line of res.headers["set-cookie"] ?? []) {
    const [pair] = line.split(";");
    const eq = pair.indexOf("=");
    if (eq > 0) out.set(pair.slice(0, eq).trim(), pair.slice(eq + 1).trim());
  }
  return out;
}

type Csrf = { token: string; cookie: string };

async function csrf(srv: Srv, from: string): Promise<Csrf> {
  const res = await send(srv, "GET", "/api/auth/csrf", { from });
  return { token: String(res.json().csrfToken), cookie: [...cookies(res)].map(([k, v]) => `${k}=${v}`).join("; ") };
}

/** The sign-in form's request (next-auth credentials callback): the session cookie, or next-auth's error text. */
async function formSignIn(srv: Srv, email: string, password: string, from: string, opts: { csrf?: Csrf; xff?: string; callbackUrl?: string } = {}) {
  const pair = opts.csrf ?? (await csrf(srv, from));
  const fields: Record<string, string> = { csrfToken: pair.token, email, password, json: "true" };
  if (opts.callbackUrl !== undefined) fields.callbackUrl = opts.callbackUrl;
  const res = await send(srv, "POST", "/api/auth/callback/credentials", {
    from,
    body: new URLSearchParams(fields).toString(),
    headers: { "content-type": "application/x-www-form-urlencoded", cookie: pair.cookie, ...(opts.xff ? { "x-forwarded-for": opts.xff } : {}) },
  });
  const session = cookies(res).get(SESSION_COOKIE);
  // With json=true next-auth answers {url} (200 when signed in, 401 with ?error=<its message> when refused).
  const url = String(res.headers["content-type"] ?? "").includes("json") ? String(res.json().url ?? "") : (res.headers.location ?? "");
  const error = url.includes("error=") ? new URL(url, srv.base).searchParams.get("error") : null;
  return { cookie: session ? `${SESSION_COOKIE}=${session}` : null, error, url, status: res.status };
}

async function tokenFor(srv: Srv, email: string, password: string, from: string, xff?: string): Promise<Res> {
  return send(srv, "POST", "/api/v1/tokens", { from, json: { email, password, label: "hostile test" }, headers: xff ? { "x-forwarded-for": xff } : {} });
}

async function mustToken(srv: Srv, email: string, from: string, password = DEMO_PASSWORD): Promise<string> {
  const res = await tokenFor(srv, email, password, from);
  if (res.status !== 201) throw new Error(`no token for ${email}: ${res.status} ${res.text}`);
  return String(res.json().token);
}

async function mustSession(srv: Srv, email: string, from: string, password = DEMO_PASSWORD): Promise<string> {
  const out = await formSignIn(srv, email, password, from);
  if (!out.cookie) throw new Error(`no session for ${email}: ${out.error ?? out.status}`);
  return out.cookie;
}

const THROTTLED = /^Too many failed sign-in attempts/;
const BAD = "The e-mail address or the password is not right.";

function userId(srv: Srv, email: string): number {
  return withDb(srv.dataDir, (db) => (db.prepare("SELECT id FROM users WHERE email = ?").get(email) as { id: number }).id);
}

function attemptsFor(srv: Srv, email: string): number {
  return withDb(srv.dataDir, (db) => (db.prepare("SELECT count(*) AS n FROM sign_in_attempts WHERE email = ?").get(email) as { n: number }).n);
}

/** What the session cookie and the token can still do: read the meeting's documents. */
async function stillWorks(srv: Srv, cred: { cookie?: string; token?: string }): Promise<number> {
  return (await send(srv, "GET", `/api/v1/meetings/${MEETING}/contributions`, cred)).status;
}

// ------------------------------------------------------------------ the browser

let browser: Browser;

/** A context that may only reach our server: any navigation elsewhere is recorded and blocked. */
async function contextFor(srv: Srv): Promise<{ context: BrowserContext; page: Page; elsewhere: string[] }> {
  const context = await browser.newContext({ baseURL: srv.base, locale: "en-GB" });
  const elsewhere: string[] = [];
  await context.route("**/*", (route) => {
    const url = new URL(route.request().url());
    if (url.origin === srv.base) return route.continue();
    elsewhere.push(route.request().url());
    return route.abort();
  });
  const page = await context.newPage();
  return { context, page, elsewhere };
}

async function browserSignIn(page: Page, email: string, password = DEMO_PASSWORD, loginPath = "/login"): Promise<void> {
  await page.goto(loginPath);
  await page.locator("#email").fill(email);
  await page.locator("#password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
}

// ------------------------------------------------------------------ setup

let root = "";
let srv: Srv;
const fixtures = { leakId: 0, leakTitle: "", emojiId: 0, secretariatToken: "" };
const LEAK_REASON = `HOSTILE-SECRET-REASON-${randomBytes(4).toString("hex")}`;
const LEAK_EXPLANATION = `HOSTILE-EXPLANATION-${randomBytes(4).toString("hex")}`;
const EMOJI_NAME = `${"a".repeat(199)}😀.pdf`;

function metadata(title: string) {
  return {
    title,
    questions: ["Q3/20"],
    purpose: "Proposal",
    contacts: [{ name: "Hostile Test", organization: "Test Org", country: "Switzerland", phone: "+41 22 730 51 11", email: "hostile@example.org" }],
  };
}

async function upload(token: string, fileName: string, title: string, urlPath = `/api/v1/meetings/${MEETING}/contributions`, meta: unknown = metadata(title)): Promise<Res> {
  const { body, contentType } = multipart([
    { name: "metadata", value: JSON.stringify(meta) },
    { name: "file", filename: fileName, data: pdfLike(4096, title), contentType: "application/pdf" },
  ]);
  return send(srv, "POST", urlPath, { token, body, headers: { "content-type": contentType }, from: "127.0.0.50" });
}

beforeAll(async () => {
  root = tempRoot("hostile-auth");
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"],
  });
  srv = await startServer(path.join(root, "main"), PORT);

  // On time (the demo clock starts at 12:00Z, the cutoff is 22:00Z): Switzerland's contribution, Telco's emoji-named file.
  const swiss = await mustToken(srv, SWITZERLAND, "127.0.0.50");
  const telco = await mustToken(srv, TELCO, "127.0.0.50");
  fixtures.secretariatToken = await mustToken(srv, SECRETARIAT, "127.0.0.50");
  fixtures.leakTitle = `Admitted contribution ${randomBytes(3).toString("hex")}`;
  const admitted = await upload(swiss, "admitted.pdf", fixtures.leakTitle);
  expect(admitted.status, admitted.text).toBe(201);
  fixtures.leakId = Number(admitted.json().id);
  const emoji = await upload(telco, EMOJI_NAME, "Emoji-named file");
  expect(emoji.status, emoji.text).toBe(201);
  fixtures.emojiId = Number(emoji.json().id);

  // After the cutoff: a late revision request of Switzerland, declined by the secretariat with a reason.
  const moved = await send(srv, "PUT", "/api/v1/clock", { token: fixtures.secretariatToken, json: { now: "2020-06-23T23:00:00Z" } });
  expect(moved.status, moved.text).toBe(200);
  const late = await upload(swiss, "late-rev.pdf", "Late revision", `/api/v1/contributions/${fixtures.leakId}/revisions?asLateRequest=1`, { explanation: LEAK_EXPLANATION });
  expect(late.status, late.text).toBe(202);
  const decided = await send(srv, "POST", `/api/v1/late-requests/${late.json().lateRequestId}/decision`, {
    token: fixtures.secretariatToken,
    json: { decision: "decline", reason: LEAK_REASON },
  });
  expect(decided.status, decided.text).toBe(200);
}, 240_000);

afterAll(async () => {
  await browser?.close().catch(() => undefined);
  for (const child of children) kill(child);
  await sleep(200);
  if (root) removeDir(root);
});

// ------------------------------------------------------------------ throttling that cannot be raced

describe("sign-in throttling under a burst", () => {
  it("judges exactly 5 of 40 wrong passwords sent at once through the sign-in form; the other 35 are refused unheard", async () => {
    const from = "127.0.0.11";
    const pair = await csrf(srv, from);
    const outcomes = await Promise.all(Array.from({ length: 40 }, () => formSignIn(srv, UNIVERSITY, "a wrong guess", from, { csrf: pair })));
    const errors = outcomes.map((o) => o.error ?? "signed in?!");
    expect(errors.filter((e) => e === BAD)).toHaveLength(5);
    expect(errors.filter((e) => THROTTLED.test(e))).toHaveLength(35);
    // A refused attempt leaves no row: only the 5 judged ones were counted, each before argon2 ran.
    expect(attemptsFor(srv, UNIVERSITY)).toBe(5);
    // The right password from that address is refused too, for the rest of the window.
    expect((await formSignIn(srv, UNIVERSITY, DEMO_PASSWORD, from)).error).toMatch(THROTTLED);
  });

  it("judges exactly 5 of 40 wrong passwords sent at once to the token endpoint (401), and answers 429 to the rest", async () => {
    const from = "127.0.0.12";
    const answers = await Promise.all(Array.from({ length: 40 }, () => tokenFor(srv, ASSOCIATE_SG20, "a wrong guess", from)));
    const statuses = answers.map((a) => a.status);
    expect(statuses.filter((s) => s === 401)).toHaveLength(5);
    expect(statuses.filter((s) => s === 429)).toHaveLength(35);
    expect(answers.find((a) => a.status === 429)!.json()).toMatchObject({ code: "throttled", message: expect.stringMatching(THROTTLED) });
    expect(attemptsFor(srv, ASSOCIATE_SG20)).toBe(5);
  });
});

describe("X-Forwarded-For with no trusted proxy (the default)", () => {
  it("is ignored: rotating it does not escape the per-address limit", async () => {
    const from = "127.0.0.13";
    const statuses: number[] = [];
    for (let i = 0; i < 25; i++) {
      const res = await tokenFor(srv, `nobody${i}@rotating.example`, "guess", from, `203.0.113.${i + 1}`);
      statuses.push(res.status);
    }
    expect(statuses.slice(0, 20).every((s) => s === 401)).toBe(true);
    expect(statuses.slice(20).every((s) => s === 429)).toBe(true);
    // A real account from that socket, with yet another forged address, is refused as well.
    expect((await tokenFor(srv, TELCO, DEMO_PASSWORD, from, "198.51.100.200")).status).toBe(429);
  });

  it("is not what the audit log records: the socket's address is", async () => {
    const out = await formSignIn(srv, TELCO, DEMO_PASSWORD, "127.0.0.14", { xff: "6.6.6.6" });
    expect(out.cookie).not.toBeNull();
    const addresses = withDb(srv.dataDir, (db) =>
      (db.prepare("SELECT details FROM audit_log WHERE action = 'user.sign_in' AND entity_id = ? ORDER BY id").all(String(userId(srv, TELCO))) as { details: string }[]).map(
        (r) => JSON.parse(r.details).address,
      ),
    );
    expect(addresses.at(-1)).toBe("127.0.0.14");
    expect(addresses).not.toContain("6.6.6.6");
  });
});

describe("a stranger's failures do not keep the owner out", () => {
  it("the owner signs in from their known address, and their session and token keep working, while strangers are refused", async () => {
    const home = "127.0.0.21";
    const cookie = await mustSession(srv, SWITZERLAND, home);
    const token = await mustToken(srv, SWITZERLAND, home);

    // One stranger exhausts the limit for their own address; four more guess from four addresses (12 failures in all).
    for (let i = 0; i < 6; i++) await formSignIn(srv, SWITZERLAND, `guess ${i}`, "127.0.0.31");
    for (const from of ["127.0.0.32", "127.0.0.33", "127.0.0.34"]) {
      for (let i = 0; i < 3; i++) await tokenFor(srv, SWITZERLAND, `guess ${from} ${i}`, from);
    }
    expect((await formSignIn(srv, SWITZERLAND, "one more guess", "127.0.0.31")).error).toMatch(THROTTLED);
    // A new stranger's address is closed too (too many failures for the account from addresses it never signed in from) ...
    const newcomer = await formSignIn(srv, SWITZERLAND, DEMO_PASSWORD, "127.0.0.35");
    expect(newcomer.cookie).toBeNull();
    expect(newcomer.error).toMatch(/^Too many failed sign-in attempts for this account, from places it has not signed in from before/);

    // ... but the owner at home signs in, and gets a token, with the right password.
    expect((await formSignIn(srv, SWITZERLAND, DEMO_PASSWORD, home)).cookie).not.toBeNull();
    expect((await tokenFor(srv, SWITZERLAND, DEMO_PASSWORD, home)).status).toBe(201);
    // Existing sessions and tokens were never touched by the throttle.
    expect(await stillWorks(srv, { cookie })).toBe(200);
    expect(await stillWorks(srv, { token })).toBe(200);
  });
});

// ------------------------------------------------------------------ open redirects

describe("after a real sign-in the browser stays on our origin", () => {
  const payloads = ["/%5Cevil.example/phish", "//evil.example", "https://evil.example", "/%09/evil.example", "%2F%2Fevil.example", "/\\/evil.example", "https:evil.example", "/%5C%5Cevil.example", "///evil.example"];

  it.each(payloads)("callbackUrl=%s ends on our home page", async (payload) => {
    const { context, page, elsewhere } = await contextFor(srv);
    try {
      await browserSignIn(page, TELCO, DEMO_PASSWORD, `/login?callbackUrl=${payload}`);
      await page.waitForURL((u) => !u.pathname.startsWith("/login"), { timeout: 30_000 }).catch(() => undefined);
      await page.waitForLoadState("load");
      expect(elsewhere).toEqual([]);
      expect(new URL(page.url()).origin).toBe(srv.base);
      expect(new URL(page.url()).pathname).toBe("/");
    } finally {
      await context.close();
    }
  });

  it("a callback on our own site is kept", async () => {
    const { context, page, elsewhere } = await contextFor(srv);
    try {
      await browserSignIn(page, TELCO, DEMO_PASSWORD, `/login?callbackUrl=${encodeURIComponent("/account")}`);
      await page.waitForURL((u) => u.pathname === "/account", { timeout: 30_000 });
      expect(elsewhere).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it("the server reduces the callback to our own path too: for a signed-in reader, and in next-auth's answer", async () => {
    const cookie = await mustSession(srv, TELCO, "127.0.0.15");
    for (const payload of payloads) {
      const res = await send(srv, "GET", `/login?callbackUrl=${payload}`, { cookie, from: "127.0.0.15" });
      expect(res.status, payload).toBeGreaterThanOrEqual(300);
      expect(new URL(String(res.headers.location), srv.base).origin, payload).toBe(srv.base);
      const answer = await formSignIn(srv, TELCO, DEMO_PASSWORD, "127.0.0.15", { callbackUrl: decodeURIComponent(payload) });
      expect(new URL(answer.url, srv.base).origin, payload).toBe(srv.base);
    }
  });
});

// ------------------------------------------------------------------ the late request of an admitted contribution

describe("another organisation's view of an admitted contribution", () => {
  it("has no late-request state or reason: not in the API, not on the page, not in the RSC payload", async () => {
    const telco = await mustSession(srv, TELCO, "127.0.0.16");
    const swiss = await mustSession(srv, SWITZERLAND, "127.0.0.21");
    const id = fixtures.leakId;

    const api = await send(srv, "GET", `/api/v1/contributions/${id}`, { cookie: telco, from: "127.0.0.16" });
    expect(api.status).toBe(200);
    expect(api.json()).toMatchObject({ id, title: fixtures.leakTitle, lateRequest: null });
    expect(api.text).not.toContain(LEAK_REASON);
    expect(api.text).not.toMatch(/declined|awaiting_decision/);

    const page = await send(srv, "GET", `/contributions/${id}`, { cookie: telco, from: "127.0.0.16" });
    expect(page.status).toBe(200);
    expect(page.text).toContain(fixtures.leakTitle);
    for (const secret of [LEAK_REASON, LEAK_EXPLANATION, "Late request:", "Reason given"]) expect(page.text).not.toContain(secret);

    // Next first answers an RSC request without its cache-busting ?_rsc= parameter with a redirect to it.
    const flightOpts = { cookie: telco, from: "127.0.0.16", headers: { rsc: "1" } };
    const first = await send(srv, "GET", `/contributions/${id}`, flightOpts);
    const location = String(first.headers.location ?? "");
    const rsc = first.status === 307 && location.includes("_rsc") ? await send(srv, "GET", location, flightOpts) : first;
    expect(rsc.status).toBe(200);
    expect(String(rsc.headers["content-type"])).toContain("text/x-component");
    expect(rsc.text).toContain(fixtures.leakTitle);
    for (const secret of [LEAK_REASON, LEAK_EXPLANATION, "declined", "decisionReason"]) expect(rsc.text).not.toContain(secret);

    // The submitting organisation does see its request's fate and the reason (the marker is real).
    const own = await send(srv, "GET", `/contributions/${id}`, { cookie: swiss, from: "127.0.0.21" });
    expect(own.text).toContain(LEAK_REASON);
  });
});

// ------------------------------------------------------------------ sessions that should end

describe("old sessions and tokens are refused", () => {
  async function credentials(email: string, from: string, password = DEMO_PASSWORD) {
    const cookie = await mustSession(srv, email, from, password);
    const token = await mustToken(srv, email, from, password);
    expect(await stillWorks(srv, { cookie })).toBe(200);
    expect(await stillWorks(srv, { token })).toBe(200);
    return { cookie, token };
  }

  async function expectEnded(old: { cookie: string; token: string }) {
    expect(await stillWorks(srv, { cookie: old.cookie })).toBe(401);
    expect(await stillWorks(srv, { token: old.token })).toBe(401);
    const account = await send(srv, "GET", "/account", { cookie: old.cookie });
    expect(account.status).toBeGreaterThanOrEqual(300);
    expect(String(account.headers.location)).toMatch(/\/login/);
  }

  async function accountDesk(email: string): Promise<{ context: BrowserContext; page: Page }> {
    const { context, page } = await contextFor(srv);
    await browserSignIn(page, SECRETARIAT);
    await page.waitForURL((u) => !u.pathname.startsWith("/login"));
    await page.goto(`/secretariat/accounts/${userId(srv, email)}`);
    return { context, page };
  }

  it("after a password reset through the one-time link", async () => {
    const old = await credentials(RAPPORTEUR_Q6, "127.0.0.60");
    const desk = await accountDesk(RAPPORTEUR_Q6);
    let link = "";
    try {
      const form = desk.page.getByTestId("password-link-form");
      await form.getByRole("button").click();
      await expect.poll(async () => (await form.textContent()) ?? "", { timeout: 30_000 }).toMatch(/\/reset-password\/[A-Za-z0-9_-]{43}/);
      link = /\/reset-password\/[A-Za-z0-9_-]{43}/.exec((await form.textContent()) ?? "")![0];
    } finally {
      await desk.context.close();
    }
    const { context, page } = await contextFor(srv);
    try {
      await page.goto(link);
      await page.locator("#new-password").fill("the rapporteur's new passphrase");
      await page.locator("#repeat-password").fill("the rapporteur's new passphrase");
      await page.getByRole("button", { name: "Set password" }).click();
      await expect.poll(async () => page.getByTestId("reset-done").count(), { timeout: 30_000 }).toBe(1);
    } finally {
      await context.close();
    }
    await expectEnded(old);
    await credentials(RAPPORTEUR_Q6, "127.0.0.60", "the rapporteur's new passphrase");
  });

  it("after a password change on the account page, this browser's session included", async () => {
    const old = await credentials(ASSOCIATE_SG17, "127.0.0.61");
    const { context, page } = await contextFor(srv);
    try {
      await browserSignIn(page, ASSOCIATE_SG17);
      await page.waitForURL((u) => !u.pathname.startsWith("/login"));
      await page.goto("/account");
      await page.locator("#current-password").fill(DEMO_PASSWORD);
      await page.locator("#change-new-password").fill("the associate's new passphrase");
      await page.locator("#change-repeat-password").fill("the associate's new passphrase");
      await page.getByRole("button", { name: "Change password" }).click();
      await expect.poll(async () => page.getByTestId("password-changed").count(), { timeout: 30_000 }).toBe(1);
      await page.goto("/account");
      expect(new URL(page.url()).pathname).toBe("/login");
    } finally {
      await context.close();
    }
    await expectEnded(old);
    expect((await formSignIn(srv, ASSOCIATE_SG17, DEMO_PASSWORD, "127.0.0.61")).error).toBe(BAD);
    await credentials(ASSOCIATE_SG17, "127.0.0.61", "the associate's new passphrase");
  });

  it("after a deactivation, and still after the reactivation", async () => {
    const old = await credentials(UNIVERSITY, "127.0.0.62");
    const desk = await accountDesk(UNIVERSITY);
    try {
      for (const [button, reason] of [
        ["Deactivate", "Left the delegation"],
        ["Reactivate", "Back in the delegation"],
      ] as const) {
        const form = desk.page.getByTestId("account-status-form");
        await form.locator("#s-reason").fill(reason);
        await form.getByRole("button", { name: new RegExp(button, "i") }).click();
        await expect.poll(async () => desk.page.getByTestId("account-status-form").getByRole("button", { name: new RegExp(button === "Deactivate" ? "Reactivate" : "Deactivate", "i") }).count(), { timeout: 30_000 }).toBe(1);
        if (button === "Deactivate") await expectEnded(old);
      }
    } finally {
      await desk.context.close();
    }
    await expectEnded(old);
    await credentials(UNIVERSITY, "127.0.0.62");
  });
});

// ------------------------------------------------------------------ no raw 500

describe("input that used to reach a raw 500", () => {
  it("a file named with 199 letters and an emoji downloads, with a correct RFC 6266/5987 Content-Disposition", async () => {
    const token = await mustToken(srv, TELCO, "127.0.0.70");
    const res = await send(srv, "GET", `/api/v1/contributions/${fixtures.emojiId}/file`, { token, from: "127.0.0.70" });
    expect(res.status, res.text.slice(0, 300)).toBe(200);
    const disposition = String(res.headers["content-disposition"]);
    const m = /^attachment; filename="([\x20-\x7e]+)"; filename\*=UTF-8''([A-Za-z0-9!#$&+\-.^_`|~%]+)$/.exec(disposition);
    expect(m, disposition).not.toBeNull();
    expect(decodeURIComponent(m![2])).toBe(`${"a".repeat(196)}.pdf`);
    // The name is kept whole as the document's metadata.
    const json = (await send(srv, "GET", `/api/v1/contributions/${fixtures.emojiId}`, { token, from: "127.0.0.70" })).json();
    expect(json.versions[0].fileName).toBe(EMOJI_NAME);
  });

  it("PATCH firstDay 2021-02-30 answers 422 with the field's message, and the meeting's pages still work", async () => {
    const res = await send(srv, "PATCH", `/api/v1/meetings/${MEETING}`, {
      token: fixtures.secretariatToken,
      json: { firstDay: "2021-02-30", deadline: "2021-02-10T22:59:59Z", reason: "Hostile corrigendum", reference: "Corrigendum 99" },
    });
    expect(res.status, res.text).toBe(422);
    expect(res.json()).toMatchObject({ code: "invalid", fields: { firstDay: expect.stringMatching(/no such day/) } });
    const cookie = await mustSession(srv, SECRETARIAT, "127.0.0.72");
    expect((await send(srv, "GET", `/meetings/${MEETING}`, { cookie, from: "127.0.0.72" })).status).toBe(200);
    expect((await send(srv, "GET", `/api/v1/meetings/${MEETING}/calendar.ics`, { cookie, from: "127.0.0.72" })).status).toBe(200);
  });

  it("a clock preset of 1e20 is refused (422 from the API, a message in the banner), and every page still works", async () => {
    const before = (await send(srv, "GET", "/api/v1/clock")).json().nowMs as number;
    const api = await send(srv, "PUT", "/api/v1/clock", { token: fixtures.secretariatToken, json: { now: "9999-12-31T23:59:59Z" } });
    expect(api.status, api.text).toBe(422);

    const { context, page } = await contextFor(srv);
    try {
      await browserSignIn(page, SECRETARIAT);
      await page.waitForURL((u) => !u.pathname.startsWith("/login"));
      const banner = page.getByTestId("sim-banner");
      const preset = banner.locator('button[name="preset"]').first();
      await preset.evaluate((b) => ((b as HTMLButtonElement).value = "1e20"));
      await preset.click();
      await expect.poll(async () => (await banner.locator("form").getByRole("status").textContent()) ?? "", { timeout: 30_000 }).toMatch(/years 2000 to 2099/);
    } finally {
      await context.close();
    }
    const after = (await send(srv, "GET", "/api/v1/clock")).json().nowMs as number;
    expect(after - before).toBeGreaterThanOrEqual(0);
    expect(after - before).toBeLessThan(10 * 60_000);
    const cookie = await mustSession(srv, SECRETARIAT, "127.0.0.71");
    for (const p of ["/", `/meetings/${MEETING}`, `/meetings/${MEETING}/documents`, `/meetings/${MEETING}/late-report`, "/account"]) {
      expect((await send(srv, "GET", p, { cookie, from: "127.0.0.71" })).status, p).toBe(200);
    }
  });
});

// ------------------------------------------------------------------ trusted proxy hops

describe("X-Forwarded-For behind exactly one trusted proxy (TRUSTED_PROXY_HOPS=1)", () => {
  let proxied: Srv;

  beforeAll(async () => {
    proxied = await startServer(path.join(root, "proxied"), PROXY_PORT, { TRUSTED_PROXY_HOPS: "1" });
  }, 120_000);

  it("honours the entry the proxy appended, and nothing the client wrote before it", async () => {
    const from = "127.0.0.80"; // the proxy
    // 25 distinct clients behind the proxy: none of them reaches the per-address limit.
    const distinct: number[] = [];
    for (let i = 0; i < 25; i++) distinct.push((await tokenFor(proxied, `nobody${i}@behind.example`, "guess", from, `198.51.100.${i + 1}`)).status);
    expect(distinct.every((s) => s === 401)).toBe(true);

    // One client rotating what it writes in front of the proxy's entry is still one client.
    const rotating: number[] = [];
    for (let i = 0; i < 25; i++) rotating.push((await tokenFor(proxied, `again${i}@behind.example`, "guess", from, `203.0.113.${i + 1}, 192.0.2.77`)).status);
    expect(rotating.slice(0, 20).every((s) => s === 401)).toBe(true);
    expect(rotating.slice(20).every((s) => s === 429)).toBe(true);

    // The audit log records the client the proxy saw.
    const out = await formSignIn(proxied, TELCO, DEMO_PASSWORD, from, { xff: "6.6.6.6, 192.0.2.88" });
    expect(out.cookie).not.toBeNull();
    const address = withDb(proxied.dataDir, (db) => {
      const row = db.prepare("SELECT details FROM audit_log WHERE action = 'user.sign_in' ORDER BY id DESC LIMIT 1").get() as { details: string };
      return JSON.parse(row.details).address;
    });
    expect(address).toBe("192.0.2.88");
  });
});

// ------------------------------------------------------------------ refused at start

describe("a configuration the server refuses at start", () => {
  async function refusedStart(extra: Record<string, string | undefined>): Promise<{ code: number | null; output: string }> {
    const dataDir = path.join(root, `refused-${randomBytes(3).toString("hex")}`);
    // No database is needed: the configuration is judged before anything else.
    const { child, exited, output } = spawnNext(dataDir, REFUSED_PORT, envFor(dataDir, REFUSED_PORT, extra));
    const code = await Promise.race([exited, sleep(60_000).then(() => "still running" as const)]);
    if (code === "still running") {
      const answer = await send({ port: REFUSED_PORT }, "GET", "/", { timeoutMs: 5000 }).catch((e: Error) => ({ status: e.message }));
      kill(child);
      throw new Error(`the server started and answers ${JSON.stringify(answer.status)}:\n${output()}`);
    }
    return { code, output: output() };
  }

  it("SIMULATED_NOW without Z or an offset (it would be read in the host's zone)", async () => {
    const { code, output } = await refusedStart({ SIMULATED_NOW: "2020-06-23T18:00:00" });
    expect(code).not.toBe(0);
    expect(output).toMatch(/SIMULATED_NOW must be an ISO 8601 instant with its offset/);
  });

  it("SIMULATED_NOW outside the demo", async () => {
    const { code, output } = await refusedStart({ SIMULATED_NOW: "2020-06-23T16:00:00Z", DEMO_MODE: "0" });
    expect(code).not.toBe(0);
    expect(output).toMatch(/only in the demo/);
  });

  it("no NEXTAUTH_SECRET outside the demo, whatever NODE_ENV says", async () => {
    const { code, output } = await refusedStart({ NEXTAUTH_SECRET: undefined, SIMULATED_NOW: undefined, DEMO_MODE: "0", NODE_ENV: "development" });
    expect(code).not.toBe(0);
    expect(output).toMatch(/NEXTAUTH_SECRET is not set/);
  });

  it("the demo without NEXTAUTH_SECRET makes its own secret for its DATA_DIR and signs in with it", async () => {
    const demo = await startServer(path.join(root, "demo-secret"), DEMO_SECRET_PORT, { NEXTAUTH_SECRET: undefined });
    try {
      const file = path.join(demo.dataDir, "session-secret");
      expect(existsSync(file)).toBe(true);
      expect(statSync(file).mode & 0o777).toBe(0o600);
      const cookie = await mustSession(demo, TELCO, "127.0.0.90");
      expect(await stillWorks(demo, { cookie })).toBe(200);
      // A cookie signed with the constant the demo used to share with every other installation is refused.
      const forged = await send(demo, "GET", `/api/v1/meetings/${MEETING}/contributions`, { cookie: `${SESSION_COOKIE}=${await forgedWithOldConstant(userId(demo, TELCO))}` });
      expect(forged.status).toBe(401);
    } finally {
      kill(demo.child);
    }
  });
});

/** A session cookie signed with the fixed secret every demo and development server used to share. */
async function forgedWithOldConstant(id: number): Promise<string> {
  const { encode } = await import("next-auth/jwt");
  return encode({ token: { sub: String(id), sv: 0 }, secret: "contribution-tracker-demo-secret-not-for-production", maxAge: 3600 });
}
