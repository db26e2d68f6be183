// The access-control matrix: every page, route handler and server action against nine actors, on the built server.
//
// One table (MATRIX) lists each entry point with one expected outcome per actor; the test performs every cell
// (pages with the session cookie, API routes with the cookie AND with a bearer token) and checks, on every answer,
// that nothing private of another organisation shows: titles, files, internal comments. Server actions are thin
// "use server" wrappers: a static test proves that each one reads the actor (getActor) before any lib/data call, and
// their rows run the lib/data functions they call in-process, with loadActor, on a copy of the same database.
// A route, page or action without a row fails the coverage test.
//
// Cell notation:
//   200, 201, 202, 401, 403, 404, 409, 422   HTTP status (API errors also carry the matching {"code"})
//   "→login" / "→/"                          a redirect (302/303/307/308) to /login, or to the home page
//   "a/b"                                    a with the session cookie, b with a bearer token (API rows)
//   action rows: "ok" or the Failure code the data function returns; "no-actor" = getActor() is null, so the
//   action stops before the data layer (static test + loadActor); "n/a" = actions never read bearer tokens.
import { mkdirSync, readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import yauzl from "yauzl";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeTemplateDocx } from "@/tests/support/make-docx";
import { MEETING, pdfLike, removeDir, ROOT, sha256, sleep, tempRoot } from "./server";
import { filesUnder, issueToken, send, signIn, startSeededServer, stopStartedServers, uploadBody, withDb, type Res, type Srv } from "./http";

const PORT = 3521;

// ------------------------------------------------------------------ the actors

const ACTORS = ["anon", "A", "B", "S17", "RQ3", "RQ6", "SEC", "DEACT", "REVOKED"] as const;
type ActorName = (typeof ACTORS)[number];

const EMAIL: Record<Exclude<ActorName, "anon" | "REVOKED">, string> = {
  A: "delegate@admin-ch.example", // member of organisation A (Switzerland)
  B: "delegate@telco.example", // member of organisation B (Example Telecom)
  S17: "delegate@associate-sg17.example", // Associate of SG17
  RQ3: "rapporteur.q3@sg20.example",
  RQ6: "rapporteur.q6@sg20.example",
  SEC: "tsb.sg20@secretariat.example",
  DEACT: "delegate@university.example", // signed in and given a token, then deactivated in the database
};

// Markers of private things, and who may ever see them. Every answer to anyone else is searched for them.
const A_PRIVATE = "ACL-A-PRIVATE"; // organisation A's late requests to Q3/20 (titles and file bytes)
const B_PRIVATE = "ACL-B-PRIVATE"; // organisation B's late requests to Q3/20, filed during the matrix
const RQ6_INTERNAL = "ACL-RQ6-INTERNAL"; // a comment of the Q6/20 rapporteur not shared with the submitter
const MAY_SEE: Record<string, ActorName[]> = {
  [A_PRIVATE]: ["A", "RQ3", "SEC"],
  [B_PRIVATE]: ["B", "RQ3", "SEC"],
  [RQ6_INTERNAL]: ["RQ6", "SEC"],
};

// ------------------------------------------------------------------ fixtures

type Fixtures = {
  /** A's contribution to Q6/20 only, admitted (on time) */
  a6: number;
  a6File: Buffer;
  /** B's contribution to Q3/20, admitted */
  b3: number;
  /** A's late submission request to Q3/20 only, awaiting decision */
  aLate: number;
  aLateVersion: number;
  aLateFile: Buffer;
  /** a second late request of A, decided by the secretariat in the decision row */
  aLate2Request: number;
  /** A's contribution withdrawn in the withdrawal row */
  aWithdraw: number;
  /** an extension revoked in the DELETE row */
  extension: number;
  /** a live token of A that nobody else may revoke */
  aSpareToken: { id: number; token: string };
  /** the receipt e-mail of A's late request, in the outbox */
  outboxA: string;
  userB: number;
};

let srv: Srv;
let root = "";
let fx: Fixtures;
const cookie: Partial<Record<ActorName, string>> = {};
const token: Partial<Record<ActorName, string>> = {};
let dbCopyDir = "";

const CONTACT = { name: "Marc Dubois", organization: "OFCOM", country: "Switzerland", phone: "+41 58 460 55 00", email: "marc.dubois@admin-ch.example" };

function metadata(title: string, questions: string[], extra: Record<string, unknown> = {}) {
  return { title, questions, purpose: "Proposal", abstract: "Access-control fixture.", keywords: "acl", contacts: [CONTACT], ...extra };
}

async function submit(as: string, pathSuffix: "contributions" | "late-requests", title: string, questions: string[], file: Buffer) {
  const { body, contentType } = uploadBody(metadata(title, questions, pathSuffix === "late-requests" ? { explanation: "Network outage." } : {}), {
    name: "contribution.pdf",
    data: file,
    contentType: "application/pdf",
  });
  const res = await send(srv, "POST", `/api/v1/meetings/${MEETING}/${pathSuffix}`, { token: as, body, headers: { "content-type": contentType } });
  if (res.status !== (pathSuffix === "late-requests" ? 202 : 201)) throw new Error(`fixture ${title}: ${res.status} ${res.text()}`);
  return res.json() as { id: number; versionId: number; lateRequestId: number | null };
}

beforeAll(async () => {
  root = tempRoot("acl");
  const dataDir = path.join(root, "data");
  srv = await startSeededServer(dataDir, PORT);

  // Password checks are slow by design (argon2id): in parallel.
  await Promise.all(
    (["A", "B", "S17", "RQ3", "RQ6", "SEC", "DEACT"] as const).map(async (actor) => {
      cookie[actor] = await signIn(srv, EMAIL[actor]);
      token[actor] = (await issueToken(srv, EMAIL[actor], `matrix ${actor}`)).token;
    }),
  );
  // A revoked token: created, then DELETE /api/v1/tokens/{id} by its owner.
  const doomed = await issueToken(srv, EMAIL.A, "to be revoked");
  const revoked = await send(srv, "DELETE", `/api/v1/tokens/${doomed.id}`, { token: token.A });
  expect(revoked.status, revoked.text()).toBe(200);
  token.REVOKED = doomed.token;
  const aSpareToken = await issueToken(srv, EMAIL.A, "spare");

  // Before the cutoff (the clock starts at 2020-06-23T12:00Z): admitted contributions.
  const a6File = pdfLike(3000, "ACL-A-Q6-admitted");
  const a6 = await submit(token.A!, "contributions", "ACL A admitted Q6 contribution", ["Q6/20"], a6File);
  const b3 = await submit(token.B!, "contributions", "ACL B admitted Q3 contribution", ["Q3/20"], pdfLike(2500, "ACL-B-Q3-admitted"));
  const aw = await submit(token.A!, "contributions", "ACL A contribution to withdraw", ["Q3/20"], pdfLike(2000, "ACL-A-withdraw"));
  // The Q6/20 rapporteur comments on A's document: once shared with A, once internal.
  for (const [body, shared] of [
    ["Shared remark for the submitter.", true],
    [`${RQ6_INTERNAL} remark between reviewers.`, false],
  ] as const) {
    const c = await send(srv, "POST", `/api/v1/contributions/${a6.id}/review`, { token: token.RQ6, json: { body, sharedWithSubmitter: shared } });
    expect(c.status, c.text()).toBe(201);
  }
  const ext = await send(srv, "POST", `/api/v1/meetings/${MEETING}/extensions`, {
    token: token.SEC,
    json: { user: "delegate@associate-sg20.example", until: "2020-06-30T10:00:00Z", reason: "Matrix fixture" },
  });
  expect(ext.status, ext.text()).toBe(201);

  // Past the cutoff: A's late submission requests to Q3/20.
  const clock = await send(srv, "PUT", "/api/v1/clock", { token: token.SEC, json: { now: "2020-06-24T08:00:00Z" } });
  expect(clock.status, clock.text()).toBe(200);
  const aLateFile = pdfLike(2200, `${A_PRIVATE}-FILE`);
  const aLate = await submit(token.A!, "late-requests", `${A_PRIVATE} late request to Q3`, ["Q3/20"], aLateFile);
  const aLate2 = await submit(token.A!, "late-requests", `${A_PRIVATE} second late request`, ["Q3/20"], pdfLike(2100, `${A_PRIVATE}-FILE-2`));

  // The receipt e-mail of A's late request (sent after the answer: wait for it).
  const outbox = path.join(dataDir, "outbox");
  let outboxA = "";
  for (let i = 0; i < 100 && !outboxA; i++) {
    const hit = filesUnder(outbox).find((f) => f.endsWith(".eml") && readFileSync(f, "latin1").includes(`${A_PRIVATE} late request to Q3`));
    if (hit) outboxA = path.basename(hit, ".eml");
    else await sleep(100);
  }
  expect(outboxA, "the receipt e-mail of A's late request").not.toBe("");

  // The deactivated account: its session cookie and token were issued while it was active.
  withDb(dataDir, (db) => db.prepare("UPDATE users SET active = 0, deactivated_at = ? WHERE email = ?").run(Date.parse("2020-06-24T08:00:00Z"), EMAIL.DEACT));
  const userB = withDb(dataDir, (db) => (db.prepare("SELECT id FROM users WHERE email = ?").get(EMAIL.B) as { id: number }).id);

  fx = {
    a6: a6.id,
    a6File,
    b3: b3.id,
    aLate: aLate.id,
    aLateVersion: aLate.versionId,
    aLateFile,
    aLate2Request: aLate2.lateRequestId!,
    aWithdraw: aw.id,
    extension: Number(ext.json().id),
    aSpareToken,
    outboxA,
    userB,
  };

  // The same database, copied now, for the server actions' rows (run in-process).
  dbCopyDir = path.join(root, "copy");
  mkdirSync(dbCopyDir, { recursive: true });
  const live = new Database(path.join(dataDir, "tracker.db"), { readonly: true });
  try {
    await live.backup(path.join(dbCopyDir, "tracker.db"));
  } finally {
    live.close();
  }
}, 120_000);

afterAll(async () => {
  await stopStartedServers();
  if (root) removeDir(root);
});

// ------------------------------------------------------------------ the table

type Cell = number | string;
type Channel = "cookie" | "bearer" | "none";
type Ctx = { actor: ActorName; channel: Channel };
type Body = { json: unknown } | { raw: Buffer; contentType: string };

type HttpRow = {
  kind: "page" | "api";
  /** the entry point, as the coverage walk names it: "page /contributions/[id]", "GET /api/v1/audit" */
  route: string;
  what: string;
  path: (ctx: Ctx) => string;
  method?: string;
  body?: (ctx: Ctx) => Body | Promise<Body>;
  /** "credentials": the body carries the credentials, one request per actor (POST /api/v1/tokens) */
  auth?: "credentials";
  cells: Cell[];
  /** further checks on an answer (leaks, bytes) */
  check?: (res: Res, ctx: Ctx) => void | Promise<void>;
};

type ActionRow = {
  kind: "action";
  route: string;
  what: string;
  cells: Cell[];
  run: (actor: import("@/lib/auth/permissions").Actor, ctx: ActionCtx) => Promise<{ ok: boolean; code?: string }> | { ok: boolean; code?: string };
};

type Row = HttpRow | ActionRow;

const L = "→login";
const Q3 = "Q3-20";
const Q6 = "Q6-20";
const M = MEETING;

let counter = 0;
const unique = () => `${Date.now().toString(36)}${(counter++).toString(36)}`;

function smallUpload(title: string, questions = ["Q3/20"], extra: Record<string, unknown> = {}): Body {
  const { body, contentType } = uploadBody(metadata(title, questions, extra), { name: "contribution.pdf", data: pdfLike(1200, title), contentType: "application/pdf" });
  return { raw: body, contentType };
}

function ids(res: Res): number[] {
  return (res.json().contributions as Array<{ id: number }>).map((c) => c.id);
}

function zipEntries(bytes: Buffer): Promise<Buffer[]> {
  return new Promise((resolve, reject) => {
    yauzl.fromBuffer(bytes, { lazyEntries: true }, (err, zip) => {
      if (err || !zip) return reject(err);
      const out: Buffer[] = [];
      zip.on("entry", (entry: yauzl.Entry) => {
        zip.openReadStream(entry, (e, stream) => {
          if (e || !stream) return reject(e);
          const chunks: Buffer[] = [];
          stream.on("data", (c: Buffer) => chunks.push(c));
          stream.on("end", () => {
            out.push(Buffer.concat(chunks));
            zip.readEntry();
          });
        });
      });
      zip.on("end", () => resolve(out));
      zip.on("error", reject);
      zip.readEntry();
    });
  });
}

/*
 * The matrix. Columns: anon, A (org A), B (org B), S17 (Associate of SG17), RQ3, RQ6 (rapporteurs), SEC (secretariat),
 * DEACT (deactivated account: its cookie and its token), REVOKED (a revoked API token).
 * Pages get the session cookie; in the REVOKED column the revoked token is sent as a bearer (pages ignore tokens).
 */
const MATRIX: Row[] = [
  // ---------------------------------------------------------------- pages
  //                                                                                 anon  A     B     S17   RQ3   RQ6   SEC   DEACT REVOKED
  { kind: "page", route: "page /", what: "home", path: () => "/", cells: [L, 200, 200, 200, 200, 200, 200, L, L] },
  { kind: "page", route: "page /login", what: "sign-in page", path: () => "/login", cells: [200, "→/", "→/", "→/", "→/", "→/", "→/", 200, 200] },
  { kind: "page", route: "page /account", what: "own account and tokens", path: () => "/account", cells: [L, 200, 200, 200, 200, 200, 200, L, L] },
  { kind: "page", route: "page /contributions", what: "My contributions", path: () => "/contributions", cells: [L, 200, 200, 200, 200, 200, 200, L, L] },
  { kind: "page", route: "page /contributions/[id]", what: "A's admitted Q6 document", path: () => `/contributions/${fx.a6}`, cells: [L, 200, 200, 200, 200, 200, 200, L, L] },
  { kind: "page", route: "page /contributions/[id]", what: "A's pending late request (Q3)", path: () => `/contributions/${fx.aLate}`, cells: [L, 200, 404, 404, 200, 404, 200, L, L] },
  { kind: "page", route: "page /contributions/[id]", what: "a document that does not exist", path: () => "/contributions/999999", cells: [L, 404, 404, 404, 404, 404, 404, L, L] },
  { kind: "page", route: "page /contributions/[id]/receipt", what: "receipt of A's admitted document", path: () => `/contributions/${fx.a6}/receipt`, cells: [L, 200, 200, 200, 200, 200, 200, L, L] },
  { kind: "page", route: "page /contributions/[id]/receipt", what: "receipt of A's late request", path: () => `/contributions/${fx.aLate}/receipt`, cells: [L, 200, 404, 404, 200, 404, 200, L, L] },
  // Public (DOMAIN.md, "Decisions taken"): the list of meetings and each meeting's facts, deadline, sessions and history.
  { kind: "page", route: "page /meetings", what: "public: the list of meetings", path: () => "/meetings", cells: [200, 200, 200, 200, 200, 200, 200, 200, 200] },
  { kind: "page", route: "page /meetings/[code]", what: "public: the meeting's facts", path: () => `/meetings/${M}`, cells: [200, 200, 200, 200, 200, 200, 200, 200, 200] },
  { kind: "page", route: "page /meetings/[code]", what: "an unknown meeting", path: () => "/meetings/SG99-1999-01", cells: [404, 404, 404, 404, 404, 404, 404, 404, 404] },
  { kind: "page", route: "page /meetings/[code]/documents", what: "the meeting's documents", path: () => `/meetings/${M}/documents`, cells: [L, 200, 200, 200, 200, 200, 200, L, L] },
  { kind: "page", route: "page /meetings/[code]/late-report", what: "late-submission report", path: () => `/meetings/${M}/late-report`, cells: [L, 404, 404, 404, 404, 404, 200, L, L] },
  { kind: "page", route: "page /meetings/[code]/manage", what: "manage the meeting", path: () => `/meetings/${M}/manage`, cells: [L, 404, 404, 404, 404, 404, 200, L, L] },
  { kind: "page", route: "page /meetings/[code]/submit", what: "submission form (refusal text for non-members)", path: () => `/meetings/${M}/submit`, cells: [L, 200, 200, 200, 200, 200, 200, L, L] },
  { kind: "page", route: "page /outbox", what: "own e-mails", path: () => "/outbox", cells: [L, 200, 200, 200, 200, 200, 200, L, L] },
  { kind: "page", route: "page /outbox/[id]", what: "A's receipt e-mail", path: () => `/outbox/${fx.outboxA}`, cells: [L, 200, 404, 404, 404, 404, 200, L, L] },
  { kind: "page", route: "page /questions", what: "My Questions", path: () => "/questions", cells: [L, 200, 200, 200, 200, 200, 200, L, L] },
  { kind: "page", route: "page /questions/[question]", what: "Q3/20 queue", path: () => `/questions/${Q3}`, cells: [L, 404, 404, 404, 200, 404, 200, L, L] },
  { kind: "page", route: "page /questions/[question]", what: "Q6/20 queue", path: () => `/questions/${Q6}`, cells: [L, 404, 404, 404, 404, 200, 200, L, L] },
  { kind: "page", route: "page /reset-password/[token]", what: "public: the one-time link is the credential (bogus link)", path: () => "/reset-password/not-a-real-link", cells: [200, 200, 200, 200, 200, 200, 200, 200, 200] },
  { kind: "page", route: "page /review/[id]", what: "review of A's late request (Q3)", path: () => `/review/${fx.aLate}`, cells: [L, 404, 404, 404, 200, 404, 200, L, L] },
  { kind: "page", route: "page /review/[id]", what: "review of A's admitted document (Q6)", path: () => `/review/${fx.a6}`, cells: [L, 404, 404, 404, 404, 200, 200, L, L] },
  { kind: "page", route: "page /secretariat/accounts", what: "accounts", path: () => "/secretariat/accounts", cells: [L, 404, 404, 404, 404, 404, 200, L, L] },
  { kind: "page", route: "page /secretariat/accounts/[id]", what: "B's account", path: () => `/secretariat/accounts/${fx.userB}`, cells: [L, 404, 404, 404, 404, 404, 200, L, L] },
  { kind: "page", route: "page /secretariat/audit", what: "audit log", path: () => "/secretariat/audit", cells: [L, 404, 404, 404, 404, 404, 200, L, L] },
  { kind: "page", route: "page /secretariat/meetings/new", what: "new meeting", path: () => "/secretariat/meetings/new", cells: [L, 404, 404, 404, 404, 404, 200, L, L] },

  // ---------------------------------------------------------------- API (cookie and bearer)
  //                                                                                 anon  A     B     S17   RQ3   RQ6   SEC   DEACT REVOKED
  { kind: "api", route: "GET /api/v1/audit", what: "audit log (JSON)", path: () => "/api/v1/audit", cells: [401, 404, 404, 404, 404, 404, 200, 401, 401] },
  { kind: "api", route: "GET /api/v1/audit", what: "audit log (CSV)", path: () => "/api/v1/audit?format=csv", cells: [401, 404, 404, 404, 404, 404, 200, 401, 401] },
  { kind: "api", route: "GET /api/v1/clock", what: "server time (public)", path: () => "/api/v1/clock", cells: [200, 200, 200, 200, 200, 200, 200, 200, 200] },
  {
    kind: "api",
    route: "PUT /api/v1/clock",
    what: "move the simulated clock",
    method: "PUT",
    path: () => "/api/v1/clock",
    body: () => ({ json: { now: "2020-06-24T08:00:00Z" } }),
    cells: [401, 403, 403, 403, 403, 403, 200, 401, 401],
  },
  {
    kind: "api",
    route: "GET /api/v1/contributions/[id]",
    what: "A's admitted Q6 document",
    path: () => `/api/v1/contributions/${fx.a6}`,
    cells: [401, 200, 200, 200, 200, 200, 200, 401, 401],
  },
  {
    kind: "api",
    route: "GET /api/v1/contributions/[id]",
    what: "A's pending late request",
    path: () => `/api/v1/contributions/${fx.aLate}`,
    cells: [401, 200, 404, 404, 200, 404, 200, 401, 401],
  },
  { kind: "api", route: "GET /api/v1/contributions/[id]", what: "a missing document", path: () => "/api/v1/contributions/999999", cells: [401, 404, 404, 404, 404, 404, 404, 401, 401] },
  {
    kind: "api",
    route: "GET /api/v1/contributions/[id]/file",
    what: "download of A's admitted document",
    path: () => `/api/v1/contributions/${fx.a6}/file`,
    cells: [401, 200, 200, 200, 200, 200, 200, 401, 401],
    check: (res) => {
      if (res.status === 200) expect(sha256(res.body)).toBe(sha256(fx.a6File));
    },
  },
  {
    kind: "api",
    route: "GET /api/v1/contributions/[id]/file",
    what: "download of A's late request",
    path: () => `/api/v1/contributions/${fx.aLate}/file`,
    cells: [401, 200, 404, 404, 200, 404, 200, 401, 401],
    check: (res) => {
      if (res.status === 200) expect(sha256(res.body)).toBe(sha256(fx.aLateFile));
    },
  },
  {
    kind: "api",
    route: "GET /api/v1/contributions/[id]/file",
    what: "A's admitted document with ?version= of the late request's version (smuggling)",
    path: () => `/api/v1/contributions/${fx.a6}/file?version=${fx.aLateVersion}`,
    cells: [401, 404, 404, 404, 404, 404, 404, 401, 401],
  },
  {
    kind: "api",
    route: "GET /api/v1/contributions/[id]/diff",
    what: "compare A's late request's version with itself (only who may read it)",
    path: () => `/api/v1/contributions/${fx.aLate}/diff?from=${fx.aLateVersion}&to=${fx.aLateVersion}`,
    cells: [401, 200, 404, 404, 200, 404, 200, 401, 401],
  },
  {
    kind: "api",
    route: "GET /api/v1/contributions/[id]/diff",
    what: "compare A's admitted document with the late request's version (smuggling)",
    path: () => `/api/v1/contributions/${fx.a6}/diff?from=${fx.aLateVersion}&to=${fx.aLateVersion}`,
    cells: [401, 404, 404, 404, 404, 404, 404, 401, 401],
  },
  {
    kind: "api",
    route: "GET /api/v1/contributions/[id]/review",
    what: "review panel of A's late request (Q3)",
    path: () => `/api/v1/contributions/${fx.aLate}/review`,
    cells: [401, 404, 404, 404, 200, 404, 200, 401, 401],
  },
  {
    kind: "api",
    route: "GET /api/v1/contributions/[id]/review",
    what: "review panel of A's Q6 document",
    path: () => `/api/v1/contributions/${fx.a6}/review`,
    cells: [401, 404, 404, 404, 404, 200, 200, 401, 401],
  },
  {
    kind: "api",
    route: "PUT /api/v1/contributions/[id]/review",
    what: "set the review state of A's late request",
    method: "PUT",
    path: () => `/api/v1/contributions/${fx.aLate}/review`,
    body: () => ({ json: { state: "in_review" } }),
    cells: [401, 404, 404, 404, 200, 404, 200, 401, 401],
  },
  {
    kind: "api",
    route: "POST /api/v1/contributions/[id]/review",
    what: "comment on A's late request",
    method: "POST",
    path: () => `/api/v1/contributions/${fx.aLate}/review`,
    body: () => ({ json: { body: "Matrix comment", sharedWithSubmitter: false } }),
    cells: [401, 404, 404, 404, 201, 404, 201, 401, 401],
  },
  {
    kind: "api",
    route: "POST /api/v1/contributions/[id]/revisions",
    what: "revise A's admitted document after the cutoff (A: deadline_passed)",
    method: "POST",
    path: () => `/api/v1/contributions/${fx.a6}/revisions`,
    body: () => smallUpload("ACL revision attempt", ["Q6/20"]),
    cells: [401, 409, 404, 404, 404, 404, 404, 401, 401],
  },
  {
    kind: "api",
    route: "POST /api/v1/contributions/[id]/revisions",
    what: "revise A's late request (A: conflict, awaiting decision)",
    method: "POST",
    path: () => `/api/v1/contributions/${fx.aLate}/revisions`,
    body: () => smallUpload("ACL revision attempt of a late request"),
    cells: [401, 409, 404, 404, 404, 404, 404, 401, 401],
  },
  {
    kind: "api",
    route: "POST /api/v1/contributions/[id]/withdrawal",
    what: "withdraw A's document (the cookie withdraws it; the token then finds it withdrawn)",
    method: "POST",
    path: () => `/api/v1/contributions/${fx.aWithdraw}/withdrawal`,
    body: () => ({ json: { reason: "Matrix withdrawal" } }),
    cells: [401, "200/409", 404, 404, 404, 404, 404, 401, 401],
  },
  {
    kind: "api",
    route: "POST /api/v1/cover-page",
    what: "read a template's cover page (nothing stored)",
    method: "POST",
    path: () => "/api/v1/cover-page",
    body: async () => {
      const docx = await makeTemplateDocx({ questions: "Q3/20", title: "Cover page probe", purpose: "Proposal" });
      const { body, contentType } = uploadBody({}, { name: "cover.docx", data: docx });
      return { raw: body, contentType };
    },
    cells: [401, 200, 200, 200, 200, 200, 200, 401, 401],
  },
  {
    kind: "api",
    route: "DELETE /api/v1/extensions/[id]",
    what: "revoke an extension (the cookie revokes it; the token then finds it revoked)",
    method: "DELETE",
    path: () => `/api/v1/extensions/${fx.extension}`,
    cells: [401, 404, 404, 404, 404, 404, "200/409", 401, 401],
  },
  {
    kind: "api",
    route: "POST /api/v1/late-requests/[id]/decision",
    what: "decide A's second late request (the cookie declines it; then it is decided)",
    method: "POST",
    path: () => `/api/v1/late-requests/${fx.aLate2Request}/decision`,
    body: () => ({ json: { decision: "decline", reason: "Matrix decision" } }),
    cells: [401, 404, 404, 404, 404, 404, "200/409", 401, 401],
  },
  { kind: "api", route: "GET /api/v1/meetings/[code]", what: "the meeting", path: () => `/api/v1/meetings/${M}`, cells: [401, 200, 200, 200, 200, 200, 200, 401, 401] },
  { kind: "api", route: "GET /api/v1/meetings/[code]", what: "an unknown meeting", path: () => "/api/v1/meetings/SG99-1999-01", cells: [401, 404, 404, 404, 404, 404, 404, 401, 401] },
  {
    kind: "api",
    route: "PATCH /api/v1/meetings/[code]",
    what: "change the meeting's facts",
    method: "PATCH",
    path: () => `/api/v1/meetings/${M}`,
    body: (ctx) => ({ json: { location: `Virtual (matrix ${ctx.actor} ${ctx.channel})`, reason: "Matrix change", reference: "Matrix reference" } }),
    cells: [401, 403, 403, 403, 403, 403, 200, 401, 401],
  },
  {
    kind: "api",
    route: "GET /api/v1/meetings/[code]/calendar.ics",
    what: "public: the meeting's calendar feed (calendar applications cannot sign in)",
    path: () => `/api/v1/meetings/${M}/calendar.ics`,
    cells: [200, 200, 200, 200, 200, 200, 200, 200, 200],
  },
  {
    kind: "api",
    route: "GET /api/v1/meetings/[code]/calendar.ics",
    what: "the calendar of an unknown meeting",
    path: () => "/api/v1/meetings/SG99-1999-01/calendar.ics",
    cells: [404, 404, 404, 404, 404, 404, 404, 404, 404],
  },
  {
    kind: "api",
    route: "GET /api/v1/study-groups/[group]/calendar.ics",
    what: "public: the study group's calendar feed",
    path: () => "/api/v1/study-groups/SG20/calendar.ics",
    cells: [200, 200, 200, 200, 200, 200, 200, 200, 200],
  },
  {
    kind: "api",
    route: "GET /api/v1/study-groups/[group]/calendar.ics",
    what: "the calendar of an unknown study group",
    path: () => "/api/v1/study-groups/SG99/calendar.ics",
    cells: [404, 404, 404, 404, 404, 404, 404, 404, 404],
  },
  {
    kind: "api",
    route: "GET /api/v1/meetings/[code]/contributions",
    what: "the meeting's list (admitted for all; own, own Questions', or all for the secretariat)",
    path: () => `/api/v1/meetings/${M}/contributions`,
    cells: [401, 200, 200, 200, 200, 200, 200, 401, 401],
    check: (res, ctx) => {
      if (res.status !== 200) return;
      const list = ids(res);
      expect(list).toContain(fx.a6);
      expect(list).toContain(fx.b3);
      expect(list.includes(fx.aLate), `${ctx.actor} sees A's late request in the list`).toBe(["A", "RQ3", "SEC"].includes(ctx.actor));
    },
  },
  {
    kind: "api",
    route: "POST /api/v1/meetings/[code]/contributions",
    what: "submit after the cutoff (members: deadline_passed; others: forbidden)",
    method: "POST",
    path: () => `/api/v1/meetings/${M}/contributions`,
    body: (ctx) => smallUpload(`ACL matrix submission ${ctx.actor}`),
    cells: [401, 409, 409, 403, 403, 403, 403, 401, 401],
  },
  {
    kind: "api",
    route: "GET /api/v1/meetings/[code]/extensions",
    what: "extensions",
    path: () => `/api/v1/meetings/${M}/extensions`,
    cells: [401, 404, 404, 404, 404, 404, 200, 401, 401],
  },
  {
    kind: "api",
    route: "POST /api/v1/meetings/[code]/extensions",
    what: "grant an extension",
    method: "POST",
    path: () => `/api/v1/meetings/${M}/extensions`,
    body: () => ({ json: { user: "delegate@associate-sg20.example", until: "2020-06-29T10:00:00Z", reason: "Matrix grant" } }),
    cells: [401, 404, 404, 404, 404, 404, 201, 401, 401],
  },
  { kind: "api", route: "GET /api/v1/meetings/[code]/late-report", what: "late report (JSON)", path: () => `/api/v1/meetings/${M}/late-report`, cells: [401, 404, 404, 404, 404, 404, 200, 401, 401] },
  {
    kind: "api",
    route: "GET /api/v1/meetings/[code]/late-report",
    what: "late report (CSV)",
    path: () => `/api/v1/meetings/${M}/late-report?format=csv`,
    cells: [401, 404, 404, 404, 404, 404, 200, 401, 401],
  },
  {
    kind: "api",
    route: "POST /api/v1/meetings/[code]/late-requests",
    what: "file a late submission request (members: accepted; others: forbidden)",
    method: "POST",
    path: () => `/api/v1/meetings/${M}/late-requests`,
    body: (ctx) => smallUpload(`${ctx.actor === "B" ? B_PRIVATE : ctx.actor === "A" ? A_PRIVATE : "ACL"} matrix late request ${ctx.channel}`, ["Q3/20"], { explanation: "Matrix" }),
    cells: [401, 202, 202, 403, 403, 403, 403, 401, 401],
  },
  { kind: "api", route: "GET /api/v1/openapi.json", what: "API description (public)", path: () => "/api/v1/openapi.json", cells: [200, 200, 200, 200, 200, 200, 200, 200, 200] },
  {
    kind: "api",
    route: "GET /api/v1/questions/[question]/contributions",
    what: "Q3/20 queue (JSON)",
    path: () => `/api/v1/questions/${Q3}/contributions`,
    cells: [401, 404, 404, 404, 200, 404, 200, 401, 401],
    check: (res) => {
      if (res.status === 200) expect(ids(res)).toEqual(expect.arrayContaining([fx.aLate, fx.b3]));
    },
  },
  {
    kind: "api",
    route: "GET /api/v1/questions/[question]/contributions",
    what: "Q6/20 queue (CSV)",
    path: () => `/api/v1/questions/${Q6}/contributions?format=csv`,
    cells: [401, 404, 404, 404, 404, 200, 200, 401, 401],
  },
  {
    kind: "api",
    route: "GET /api/v1/questions/[question]/feed.atom",
    what: "Q3/20 Atom feed (every member; A's late request only for A, RQ3, SEC)",
    path: () => `/api/v1/questions/${Q3}/feed.atom`,
    cells: [401, 200, 200, 200, 200, 200, 200, 401, 401],
    check: (res, ctx) => {
      if (res.status !== 200) return;
      expect(String(res.headers["content-type"])).toContain("application/atom+xml");
      expect(res.text().includes(`/contributions/${fx.aLate}<`) || res.text().includes(`/contributions/${fx.aLate}"`), `${ctx.actor} sees A's late request in the feed`).toBe(["A", "RQ3", "SEC"].includes(ctx.actor));
    },
  },
  {
    kind: "api",
    route: "GET /api/v1/questions/[question]/feed.atom",
    what: "an unknown feed key: refused, whatever session or token comes with it",
    path: () => `/api/v1/questions/${Q3}/feed.atom?key=cfk_not-a-real-key`,
    cells: [401, 401, 401, 401, 401, 401, 401, 401, 401],
  },
  {
    kind: "api",
    route: "GET /api/v1/questions/[question]/contributions.zip",
    what: "Q6/20 ZIP: A's admitted document",
    path: () => `/api/v1/questions/${Q6}/contributions.zip`,
    cells: [401, 404, 404, 404, 404, 200, 200, 401, 401],
    check: async (res) => {
      if (res.status === 200) expect((await zipEntries(res.body)).map((b) => sha256(b))).toContain(sha256(fx.a6File));
    },
  },
  {
    kind: "api",
    route: "GET /api/v1/questions/[question]/contributions.zip",
    what: "Q3/20 ZIP: admitted only, never a pending late request",
    path: () => `/api/v1/questions/${Q3}/contributions.zip`,
    cells: [401, 404, 404, 404, 200, 404, 200, 401, 401],
    check: async (res) => {
      if (res.status === 200) expect((await zipEntries(res.body)).map((b) => sha256(b))).not.toContain(sha256(fx.aLateFile));
    },
  },
  {
    kind: "api",
    route: "GET /api/v1/search",
    what: "search \"late request\" (A's late requests found only by A, RQ3, SEC)",
    path: () => `/api/v1/search?q=${encodeURIComponent('"late request"')}`,
    cells: [401, 200, 200, 200, 200, 200, 200, 401, 401],
    check: (res, ctx) => {
      if (res.status !== 200) return;
      const found = (res.json().results as Array<{ id: number }>).map((r) => r.id);
      expect(found.includes(fx.aLate), `${ctx.actor} finds A's late request`).toBe(["A", "RQ3", "SEC"].includes(ctx.actor));
    },
  },
  { kind: "api", route: "GET /api/v1/search", what: "a search without words", path: () => "/api/v1/search?q=", cells: [401, 422, 422, 422, 422, 422, 422, 401, 401] },
  {
    kind: "api",
    route: "POST /api/v1/tokens",
    what: "a token for the actor's own credentials (anon: a wrong password; REVOKED: only the revoked bearer)",
    method: "POST",
    auth: "credentials",
    path: () => "/api/v1/tokens",
    body: (ctx) =>
      ctx.actor === "anon"
        ? { json: { email: EMAIL.B, password: "not-the-password", label: "matrix" } }
        : ctx.actor === "REVOKED"
          ? { json: {} }
          : { json: { email: EMAIL[ctx.actor], password: "demo-password-2020", label: "matrix" } },
    cells: [401, 201, 201, 201, 201, 201, 201, 401, 422],
  },
  {
    kind: "api",
    route: "DELETE /api/v1/tokens/[id]",
    what: "revoke a token of A (A: a fresh one of its own each time; everyone else: A's spare token)",
    method: "DELETE",
    path: () => `/api/v1/tokens/${fx.aSpareToken.id}`,
    cells: [401, 200, 404, 404, 404, 404, 404, 401, 401],
  },

  // ---------------------------------------------------------------- server actions (the data functions they call, in-process)
  //                                                                                 anon        A     B     S17   RQ3   RQ6   SEC   DEACT       REVOKED
  action("app/actions.ts#setClockAction", "setSimulatedClock", ["no-actor", "forbidden", "forbidden", "forbidden", "forbidden", "forbidden", "ok", "no-actor", "n/a"], (a) =>
    dl.clock.setSimulatedClock(a, Date.parse("2020-06-24T09:00:00Z")),
  ),
  // Anonymous visitors only get the cookie; a signed-in user's preference is their own row.
  action("app/actions.ts#setLocaleAction", "setPreferences (own account only)", ["no-actor", "ok", "ok", "ok", "ok", "ok", "ok", "no-actor", "n/a"], (a, c) => {
    const result = dl.preferences.setPreferences(a, { locale: "ru" });
    c.expectOnlyUserChanged(a.userId);
    return result;
  }),
  action("app/account/actions.ts#setTimeZoneAction", "setPreferences (own account only)", ["no-actor", "ok", "ok", "ok", "ok", "ok", "ok", "no-actor", "n/a"], (a, c) => {
    const result = dl.preferences.setPreferences(a, { timeZone: "Asia/Tokyo" });
    c.expectOnlyUserChanged(a.userId);
    return result;
  }),
  action("app/account/actions.ts#createTokenAction", "createTokenForActor (own account)", ["no-actor", "ok", "ok", "ok", "ok", "ok", "ok", "no-actor", "n/a"], (a) =>
    dl.tokens.createTokenForActor(a, "matrix"),
  ),
  action("app/account/actions.ts#revokeTokenAction", "revokeToken (A's spare token)", ["no-actor", "ok", "not_found", "not_found", "not_found", "not_found", "not_found", "no-actor", "n/a"], (a) =>
    dl.tokens.revokeToken(a, fx.aSpareToken.id),
  ),
  action("app/account/actions.ts#setNoticesAction", "setNoticePreferences (own account only)", ["no-actor", "ok", "ok", "ok", "ok", "ok", "ok", "no-actor", "n/a"], (a) =>
    dl.notices.setNoticePreferences(a, { mode: "daily", digestHour: 9 }),
  ),
  action("app/account/actions.ts#createFeedKeyAction", "createFeedKey (own account)", ["no-actor", "ok", "ok", "ok", "ok", "ok", "ok", "no-actor", "n/a"], (a) =>
    dl.feeds.createFeedKey(a),
  ),
  action("app/account/actions.ts#revokeFeedKeyAction", "revokeFeedKey (own key, made in the row above)", ["no-actor", "ok", "ok", "ok", "ok", "ok", "ok", "no-actor", "n/a"], (a) =>
    dl.feeds.revokeFeedKey(a),
  ),
  action("app/contributions/[id]/actions.ts#setFollowAction", "followContribution (A's late request)", ["no-actor", "ok", "not_found", "not_found", "ok", "not_found", "ok", "no-actor", "n/a"], (a) =>
    dl.notices.followContribution(a, fx.aLate),
  ),
  // There is no target: the account changed is always the actor's own, and only with its current password.
  action("app/account/actions.ts#changePasswordAction", "changeOwnPassword (own account only)", ["no-actor", "ok", "ok", "ok", "ok", "ok", "ok", "no-actor", "n/a"], async (a, c) => {
    const before = c.passwordHashes();
    const result = await dl.passwordChange.changeOwnPassword(a, "demo-password-2020", "a new passphrase for the matrix", "192.0.2.1");
    const after = c.passwordHashes();
    expect(Object.keys(after).filter((id) => after[id] !== before[id])).toEqual(result.ok ? [String(a.userId)] : []);
    return result;
  }),
  action("app/meetings/[code]/actions.ts#decideLateRequestAction", "decideLateRequest (A's late request)", ["no-actor", "not_found", "not_found", "not_found", "not_found", "not_found", "ok", "no-actor", "n/a"], (a, c) =>
    dl.late.decideLateRequest(a, c.lateRequestOf(fx.aLate), { decision: "admit", reason: "Matrix admit" }),
  ),
  action("app/meetings/[code]/actions.ts#grantExtensionAction", "grantExtension", ["no-actor", "not_found", "not_found", "not_found", "not_found", "not_found", "ok", "no-actor", "n/a"], (a, c) =>
    dl.extensions.grantExtension(a, M, { organisationId: c.orgOf(EMAIL.B), untilAt: Date.parse("2020-06-28T10:00:00Z"), reason: "Matrix" }),
  ),
  action("app/meetings/[code]/actions.ts#revokeExtensionAction", "revokeExtension", ["no-actor", "not_found", "not_found", "not_found", "not_found", "not_found", "ok", "no-actor", "n/a"], (a) =>
    dl.extensions.revokeExtension(a, fx.extension, "Matrix"),
  ),
  action("app/meetings/[code]/actions.ts#updateMeetingAction", "updateMeeting", ["no-actor", "forbidden", "forbidden", "forbidden", "forbidden", "forbidden", "ok", "no-actor", "n/a"], (a) =>
    dl.meetingAdmin.updateMeeting(a, M, { location: `In-process ${unique()}` }, { reason: "Matrix", reference: "Matrix ref" }),
  ),
  action("app/meetings/[code]/actions.ts#addSessionAction", "addMeetingSession", ["no-actor", "forbidden", "forbidden", "forbidden", "forbidden", "forbidden", "ok", "no-actor", "n/a"], (a) =>
    dl.meetingAdmin.addMeetingSession(a, M, {
      title: "Matrix session",
      kind: "other",
      startsAt: Date.parse("2020-07-01T10:00:00Z"),
      endsAt: Date.parse("2020-07-01T11:00:00Z"),
      registrationRequired: false,
    }),
  ),
  action("app/meetings/[code]/actions.ts#removeSessionAction", "removeMeetingSession", ["no-actor", "not_found", "not_found", "not_found", "not_found", "not_found", "ok", "no-actor", "n/a"], (a, c) =>
    dl.meetingAdmin.removeMeetingSession(a, M, c.firstSessionId()),
  ),
  action("app/review/[id]/actions.ts#setReviewStateAction", "setReviewState (A's late request, Q3)", ["no-actor", "not_found", "not_found", "not_found", "ok", "not_found", "ok", "no-actor", "n/a"], (a) =>
    dl.review.setReviewState(a, fx.aLate, "ready"),
  ),
  action("app/review/[id]/actions.ts#addCommentAction", "addComment (A's late request, Q3)", ["no-actor", "not_found", "not_found", "not_found", "ok", "not_found", "ok", "no-actor", "n/a"], (a) =>
    dl.review.addComment(a, fx.aLate, "In-process comment", false),
  ),
  action("app/secretariat/accounts/actions.ts#createOrganisationAction", "createOrganisation", ["no-actor", "forbidden", "forbidden", "forbidden", "forbidden", "forbidden", "ok", "no-actor", "n/a"], (a) =>
    dl.accountAdmin.createOrganisation(a, { name: `Matrix Org ${unique()}`, country: "Kenya", memberType: "sector_member" }),
  ),
  action("app/secretariat/accounts/actions.ts#createAccountAction", "createAccount", ["no-actor", "forbidden", "forbidden", "forbidden", "forbidden", "forbidden", "ok", "no-actor", "n/a"], (a, c) =>
    dl.accountAdmin.createAccount(a, { email: `matrix-${unique()}@example.org`, name: "Matrix Person", organisationId: c.orgOf(EMAIL.B) }),
  ),
  action("app/secretariat/accounts/actions.ts#setRapporteurAction", "setRapporteur", ["no-actor", "forbidden", "forbidden", "forbidden", "forbidden", "forbidden", "ok", "no-actor", "n/a"], (a) =>
    dl.accountAdmin.setRapporteur(a, fx.userB, "Q7/20", "associate_rapporteur"),
  ),
  action("app/secretariat/accounts/actions.ts#setSecretariatAction", "setSecretariat", ["no-actor", "forbidden", "forbidden", "forbidden", "forbidden", "forbidden", "ok", "no-actor", "n/a"], (a) =>
    dl.accountAdmin.setSecretariat(a, fx.userB, "SG20", false),
  ),
  action("app/secretariat/accounts/actions.ts#setAccountActiveAction", "setAccountActive", ["no-actor", "forbidden", "forbidden", "forbidden", "forbidden", "forbidden", "ok", "no-actor", "n/a"], (a, c) =>
    dl.accountAdmin.setAccountActive(a, c.userOf("delegate@associate-sg20.example"), false, "Matrix deactivation"),
  ),
  action("app/secretariat/accounts/actions.ts#sendPasswordLinkAction", "createPasswordResetLink", ["no-actor", "forbidden", "forbidden", "forbidden", "forbidden", "forbidden", "ok", "no-actor", "n/a"], (a) =>
    dl.passwordLinks.createPasswordResetLink(a, fx.userB),
  ),
  // A request opened by single sign-on, made afresh for each actor so that each meets one awaiting a decision.
  action("app/secretariat/accounts/actions.ts#approvePendingAccountAction", "approvePendingAccount (a fresh request)", ["no-actor", "forbidden", "forbidden", "forbidden", "forbidden", "forbidden", "ok", "no-actor", "n/a"], async (a, c) =>
    dl.pendingAccounts.approvePendingAccount(a, await pendingRequest(), c.orgOf("delegate@telco.example")),
  ),
  action("app/secretariat/accounts/actions.ts#declinePendingAccountAction", "declinePendingAccount (a fresh request)", ["no-actor", "forbidden", "forbidden", "forbidden", "forbidden", "forbidden", "ok", "no-actor", "n/a"], async (a) =>
    dl.pendingAccounts.declinePendingAccount(a, await pendingRequest(), "Matrix decline"),
  ),
  action("app/secretariat/meetings/actions.ts#createMeetingAction", "createMeeting", ["no-actor", "forbidden", "forbidden", "forbidden", "forbidden", "forbidden", "ok", "no-actor", "n/a"], (a) =>
    dl.meetingAdmin.createMeeting(a, {
      code: `SG20-2021-${unique().toUpperCase().slice(-6)}`,
      title: "Matrix meeting",
      studyGroupCode: "SG20",
      studyPeriodCode: "T17",
      mode: "virtual",
      location: "Virtual",
      firstDay: "2021-01-11",
      lastDay: "2021-01-15",
      timeZone: "Europe/Zurich",
      reference: "Matrix",
    }),
  ),
  // An inline "use server" action with no session: the one-time link is the credential, whoever sends it.
  action(
    "app/reset-password/[token]/page.tsx#resetPasswordAction",
    "resetPasswordWithToken (a bogus link; a real link is checked below)",
    ["not_found", "not_found", "not_found", "not_found", "not_found", "not_found", "not_found", "not_found", "not_found"],
    () => dl.passwordLinks.resetPasswordWithToken("bogus-link-secret", "a-long-new-password-2020"),
  ),
];

/** An account awaiting approval, as an unknown verified address of single sign-on opens one. */
async function pendingRequest(): Promise<number> {
  const email = `matrix-${unique()}@telco.example`;
  const outcome = await dl.oidc.signInWithOidc(
    { issuer: "https://idp.example", subject: email, email, emailVerified: true, name: "Matrix Request" },
    { address: "192.0.2.1", stateDigest: null },
    { pendingAccounts: "any" },
  );
  if (outcome.ok || outcome.reason !== "pending_created") throw new Error(`no pending account: ${JSON.stringify(outcome)}`);
  return outcome.userId;
}

function action(route: string, what: string, cells: Cell[], run: ActionRow["run"]): ActionRow {
  return { kind: "action", route: `action ${route}`, what, cells, run };
}

// ------------------------------------------------------------------ running the cells

function channelsOf(row: HttpRow, actor: ActorName): Channel[] {
  if (row.auth === "credentials") return [actor === "REVOKED" ? "bearer" : "none"];
  if (actor === "anon") return ["none"];
  if (actor === "REVOKED") return ["bearer"];
  return row.kind === "page" ? ["cookie"] : ["cookie", "bearer"];
}

function expected(cell: Cell, channel: Channel): string {
  const text = String(cell);
  if (!text.includes("/") || text.startsWith("→")) return text;
  const [c, b] = text.split("/");
  return channel === "bearer" ? b : c;
}

function outcome(res: Res): string {
  if ([301, 302, 303, 307, 308].includes(res.status) && res.location) {
    const to = new URL(res.location, srv.base).pathname;
    return to === "/login" ? "→login" : `→${to}`;
  }
  return String(res.status);
}

const API_CODE: Record<number, string> = { 401: "unauthenticated", 403: "forbidden", 404: "not_found", 422: "invalid" };

async function perform(row: HttpRow, ctx: Ctx): Promise<Res> {
  const headers: Record<string, string> = {};
  let body: Buffer | undefined;
  const spec = row.body ? await row.body(ctx) : undefined;
  if (spec && "json" in spec) {
    body = Buffer.from(JSON.stringify(spec.json));
    headers["content-type"] = "application/json";
  } else if (spec) {
    body = spec.raw;
    headers["content-type"] = spec.contentType;
  }
  const method = row.method ?? "GET";
  let urlPath = row.path(ctx);
  // A revokes a fresh token of its own each time, so that A's spare token survives for everyone else's cells.
  if (row.route === "DELETE /api/v1/tokens/[id]" && ctx.actor === "A") urlPath = `/api/v1/tokens/${(await issueToken(srv, EMAIL.A, "fresh")).id}`;
  const actorKey = ctx.actor as ActorName;
  return send(srv, method, urlPath, {
    headers,
    body,
    cookie: ctx.channel === "cookie" ? cookie[actorKey] : undefined,
    token: ctx.channel === "bearer" ? token[actorKey] : undefined,
    // A browser's same-origin write carries the page's Origin.
    origin: ctx.channel === "cookie" && method !== "GET" ? srv.origin : undefined,
  });
}

function leaks(res: Res, actor: ActorName): string[] {
  const text = res.body.toString("latin1");
  const found = Object.entries(MAY_SEE)
    .filter(([marker, allowed]) => !allowed.includes(actor) && text.includes(marker))
    .map(([marker]) => marker);
  if (!["A", "RQ3", "SEC"].includes(actor) && fx && res.body.includes(fx.aLateFile.subarray(0, 64))) found.push("the bytes of A's late request");
  return found;
}

describe("access-control matrix", () => {
  it("has a row for every page, route handler method and server action, and no row for anything that does not exist", () => {
    const walked = walkEntryPoints();
    const rows = new Set(MATRIX.map((r) => r.route));
    expect(walked.filter((w) => !rows.has(w)), "entry points without a row in MATRIX").toEqual([]);
    expect([...rows].filter((r) => !walked.includes(r)), "rows for entry points that do not exist").toEqual([]);
    for (const row of MATRIX) expect(row.cells, `${row.route} (${row.what}) has a cell per actor`).toHaveLength(ACTORS.length);
    expect(walked.length).toBeGreaterThan(40);
  });

  it("every exported server action reads the actor (getActor/requireActor) before any lib/data call", () => {
    const problems: string[] = [];
    const files = walk(path.join(ROOT, "app")).filter((f) => path.basename(f) === "actions.ts");
    expect(files.length).toBeGreaterThan(0);
    for (const file of files) {
      const rel = path.relative(ROOT, file);
      const source = readFileSync(file, "utf8");
      const masked = maskStringsAndComments(source);
      const dataNames = libDataImports(source);
      for (const fn of exportedFunctions(source, masked)) {
        const body = masked.slice(fn.bodyStart, fn.bodyEnd);
        const actorAt = body.search(/\b(getActor|requireActor)\s*\(/);
        const firstData = firstCall(body, dataNames);
        if (actorAt < 0) problems.push(`${rel}#${fn.name} never calls getActor()/requireActor()`);
        else if (firstData && firstData.at < actorAt) problems.push(`${rel}#${fn.name} calls ${firstData.name}() before getActor()`);
      }
    }
    expect(problems).toEqual([]);
  });

  it("performs every page and API cell, and nothing private of another organisation leaks in any answer", async () => {
    const failures: string[] = [];
    let cells = 0;
    const httpRows = MATRIX.filter((r): r is HttpRow => r.kind !== "action");
    type Job = { row: HttpRow; actor: ActorName; channel: Channel; want: string };
    const jobsOf = (row: HttpRow): Job[] =>
      ACTORS.flatMap((actor, i) => channelsOf(row, actor).map((channel) => ({ row, actor, channel, want: expected(row.cells[i], channel) })));
    const runOne = async (job: Job) => {
      const row = job.row;
      const ctx: Ctx = { actor: job.actor, channel: job.channel };
      const res = await perform(row, ctx);
      cells++;
      const got = outcome(res);
      const label = `${row.route} [${row.what}] as ${job.actor} (${job.channel})`;
      if (got !== job.want) failures.push(`${label}: expected ${job.want}, got ${got} ${res.text().slice(0, 160)}`);
      const leaked = leaks(res, job.actor);
      if (leaked.length > 0) failures.push(`${label}: LEAK of ${leaked.join(", ")}`);
      if (row.kind === "api" && API_CODE[res.status] && (res.headers["content-type"] ?? "").includes("json")) {
        const code = res.json().code;
        if (code !== API_CODE[res.status]) failures.push(`${label}: status ${res.status} with code ${code}`);
      }
      if (got === job.want && row.check) {
        try {
          await row.check(res, ctx);
        } catch (e) {
          failures.push(`${label}: ${(e as Error).message.split("\n")[0]}`);
        }
      }
    };
    // The writes first, one cell at a time in table order (a cookie cell before its bearer cell), so that every read
    // then also sees what they created (B's late requests); then every read, several at a time.
    for (const row of httpRows.filter((r) => (r.method ?? "GET") !== "GET")) for (const job of jobsOf(row)) await runOne(job);
    const reads = httpRows.filter((r) => (r.method ?? "GET") === "GET").flatMap(jobsOf);
    const pool = Array.from({ length: 6 }, async () => {
      for (let job = reads.shift(); job; job = reads.shift()) await runOne(job);
    });
    await Promise.all(pool);
    console.log(`[access-matrix] ${httpRows.length} page/API rows, ${cells} HTTP cells performed`);
    expect(failures, failures.join("\n")).toEqual([]); // each failure in full, also in the closing summary
  });

  it("answers a private document exactly as a missing one: not found, never forbidden", async () => {
    for (const [actor, channel] of [
      ["B", "bearer"],
      ["RQ6", "bearer"],
      ["S17", "cookie"],
    ] as const) {
      const auth = channel === "bearer" ? { token: token[actor] } : { cookie: cookie[actor] };
      for (const suffix of ["", "/file", "/review"]) {
        const hidden = await send(srv, "GET", `/api/v1/contributions/${fx.aLate}${suffix}`, auth);
        const missing = await send(srv, "GET", `/api/v1/contributions/999999${suffix}`, auth);
        expect([hidden.status, hidden.json()], `${actor} ${suffix}`).toEqual([missing.status, missing.json()]);
      }
    }
    // Organisation A's spare token survived everyone else's attempts to revoke it, and the revoked one stays dead.
    expect((await send(srv, "GET", `/api/v1/contributions/${fx.a6}`, { token: fx.aSpareToken.token })).status).toBe(200);
    expect((await send(srv, "GET", `/api/v1/contributions/${fx.a6}`, { token: token.REVOKED })).status).toBe(401);
    // A sees the shared comment on its document, never the internal one.
    const page = await send(srv, "GET", `/contributions/${fx.a6}`, { cookie: cookie.A });
    expect(page.text()).toContain("Shared remark for the submitter.");
    expect(page.text()).not.toContain(RQ6_INTERNAL);
  });

  it("leaks nothing private through the pages' RSC payloads (client-side navigation) either", async () => {
    const privatePages = [`/contributions/${fx.aLate}`, `/contributions/${fx.aLate}/receipt`, `/review/${fx.aLate}`, `/review/${fx.a6}`, `/questions/${Q3}`, `/meetings/${M}/late-report`, `/outbox/${fx.outboxA}`];
    const failures: string[] = [];
    const headers = { rsc: "1" };
    const flight = async (page: string, actor: ActorName) => {
      const res = await send(srv, "GET", page, { cookie: cookie[actor], headers });
      // Next first answers an RSC request without its cache-busting ?_rsc= parameter with a redirect to it.
      return res.status === 307 && res.location?.includes("_rsc") ? send(srv, "GET", res.location, { cookie: cookie[actor], headers }) : res;
    };
    // The control: A's own late request does come through this way, as a flight payload rather than HTML.
    const own = await flight(`/contributions/${fx.aLate}`, "A");
    expect(own.status).toBe(200);
    expect(String(own.headers["content-type"])).toContain("text/x-component");
    expect(own.text()).toContain(A_PRIVATE);
    for (const actor of ["B", "S17", "RQ6"] as const) {
      for (const page of privatePages) {
        const res = await flight(page, actor);
        const leaked = leaks(res, actor);
        if (leaked.length > 0) failures.push(`${page} (RSC) as ${actor}: LEAK of ${leaked.join(", ")}`);
        if (res.status === 200 && !/not.?found|NEXT_HTTP_ERROR_FALLBACK;404|404/i.test(res.text()) && !(actor === "RQ6" && page === `/review/${fx.a6}`)) {
          failures.push(`${page} (RSC) as ${actor}: answered 200 with content`);
        }
      }
    }
    expect(failures, failures.join("\n")).toEqual([]); // each failure in full, also in the closing summary
  });

  it("runs every server action's data function as each actor (in-process, loadActor, a copy of the same database)", async () => {
    await loadDataLayer();
    const failures: string[] = [];
    const actionRows = MATRIX.filter((r): r is ActionRow => r.kind === "action");
    for (const row of actionRows) {
      // The secretariat acts last, so that the others meet the state before any change.
      const order = [...ACTORS.keys()].sort((x, y) => Number(ACTORS[x] === "SEC") - Number(ACTORS[y] === "SEC"));
      for (const i of order) {
        const name = ACTORS[i];
        const want = String(row.cells[i]);
        const label = `${row.route} [${row.what}] as ${name}`;
        if (want === "n/a") continue;
        if (row.route.endsWith("#resetPasswordAction")) {
          const got = await row.run(null as never, actionCtx);
          if ((got.ok ? "ok" : got.code) !== want) failures.push(`${label}: expected ${want}, got ${got.ok ? "ok" : got.code}`);
          continue;
        }
        if (want === "no-actor") {
          // Anonymous: there is no session at all. Deactivated: loadActor refuses the account, so getActor() is null.
          if (name === "DEACT" && dl.actor.loadActor(actionCtx.userOf(EMAIL.DEACT)) !== null) failures.push(`${label}: loadActor gave an actor`);
          continue;
        }
        const actor = dl.actor.loadActor(actionCtx.userOf(EMAIL[name as keyof typeof EMAIL]));
        if (!actor) {
          failures.push(`${label}: no actor`);
          continue;
        }
        actionCtx.snapshotUsers();
        const got = await row.run(actor, actionCtx);
        const code = got.ok ? "ok" : String(got.code);
        if (code !== want) failures.push(`${label}: expected ${want}, got ${code}`);
      }
    }
    // The reset link works for whoever holds it, session or not.
    const link = await dl.passwordLinks.createPasswordResetLink(dl.actor.loadActor(actionCtx.userOf(EMAIL.SEC))!, actionCtx.userOf(EMAIL.A));
    expect(link.ok).toBe(true);
    if (link.ok) expect((await dl.passwordLinks.resetPasswordWithToken(link.value.url.split("/").pop()!, "a-long-new-password-2020")).ok).toBe(true);
    expect(failures, failures.join("\n")).toEqual([]); // each failure in full, also in the closing summary
  });
});

// ------------------------------------------------------------------ in-process data layer for the action rows

type ActionCtx = {
  userOf: (email: string) => number;
  orgOf: (email: string) => number;
  lateRequestOf: (contributionId: number) => number;
  firstSessionId: () => number;
  snapshotUsers: () => void;
  expectOnlyUserChanged: (userId: number) => void;
  passwordHashes: () => Record<string, string>;
};

// eslint-disable-next-line @typescript-eslint/no-explicit-any
const dl: Record<string, any> = {};
let actionCtx: ActionCtx;

async function loadDataLayer(): Promise<void> {
  process.env.DATA_DIR = dbCopyDir;
  const { openDb, setDbForTests } = await import("@/db/client");
  const { pinClock } = await import("@/lib/time/clock");
  const db = openDb(path.join(dbCopyDir, "tracker.db"));
  setDbForTests(db);
  pinClock(Date.parse("2020-06-24T08:30:00Z"));
  Object.assign(dl, {
    actor: await import("@/lib/data/actor"),
    clock: await import("@/lib/data/clock-control"),
    preferences: await import("@/lib/data/preferences"),
    tokens: await import("@/lib/data/tokens"),
    late: await import("@/lib/data/late-decisions"),
    extensions: await import("@/lib/data/extensions"),
    meetingAdmin: await import("@/lib/data/meeting-admin"),
    review: await import("@/lib/data/review-state"),
    accountAdmin: await import("@/lib/data/account-admin"),
    passwordLinks: await import("@/lib/data/password-links"),
    passwordChange: await import("@/lib/data/password-change"),
    pendingAccounts: await import("@/lib/data/pending-accounts"),
    oidc: await import("@/lib/data/oidc-sign-in"),
    notices: await import("@/lib/data/notices"),
    feeds: await import("@/lib/data/feeds"),
  });
  const raw = db.$client;
  let before: unknown[] = [];
  const users = () => raw.prepare("SELECT id, locale, time_zone FROM users ORDER BY id").all();
  actionCtx = {
    userOf: (email) => (raw.prepare("SELECT id FROM users WHERE email = ?").get(email) as { id: number }).id,
    orgOf: (email) => (raw.prepare("SELECT organisation_id AS id FROM users WHERE email = ?").get(email) as { id: number }).id,
    lateRequestOf: (cid) => (raw.prepare("SELECT id FROM late_requests WHERE contribution_id = ?").get(cid) as { id: number }).id,
    firstSessionId: () => (raw.prepare("SELECT id FROM meeting_sessions ORDER BY id LIMIT 1").get() as { id: number }).id,
    snapshotUsers: () => (before = users()),
    passwordHashes: () => Object.fromEntries((raw.prepare("SELECT id, password_hash AS h FROM users").all() as Array<{ id: number; h: string }>).map((r) => [String(r.id), r.h])),
    expectOnlyUserChanged: (userId) => {
      const after = users() as Array<{ id: number }>;
      const changed = after.filter((row, i) => JSON.stringify(row) !== JSON.stringify(before[i])).map((r) => r.id);
      expect(changed.filter((id) => id !== userId)).toEqual([]);
    },
  };
}

// ------------------------------------------------------------------ walking app/

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    return statSync(full).isDirectory() ? walk(full) : [full];
  });
}

/** Every page, route handler method and server action under app/, named as MATRIX names them. */
function walkEntryPoints(): string[] {
  const appDir = path.join(ROOT, "app");
  const out: string[] = [];
  for (const file of walk(appDir)) {
    const rel = path.relative(appDir, file).split(path.sep).join("/");
    const dir = path.posix.dirname(rel);
    const route = dir === "." ? "/" : `/${dir}`;
    const source = readFileSync(file, "utf8");
    if (/^page\.(tsx|ts|jsx|js)$/.test(path.basename(rel))) {
      out.push(`page ${route.replace(/\/\([^)]+\)/g, "") || "/"}`);
      for (const name of inlineServerActions(source)) out.push(`action app/${rel}#${name}`);
    } else if (/^route\.(ts|js)$/.test(path.basename(rel))) {
      if (route.startsWith("/api/auth/[...nextauth]")) continue; // next-auth's own handler
      for (const method of routeMethods(source)) out.push(`${method} ${route}`);
    } else if (path.basename(rel) === "actions.ts") {
      for (const fn of exportedFunctions(source, maskStringsAndComments(source))) out.push(`action app/${rel}#${fn.name}`);
    }
  }
  return [...new Set(out)].sort();
}

const METHODS = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"];

function routeMethods(source: string): string[] {
  const found = new Set<string>();
  for (const m of source.matchAll(/export\s+(?:async\s+)?function\s+([A-Z]+)\b/g)) found.add(m[1]);
  for (const m of source.matchAll(/export\s+(?:const|let)\s+([A-Z]+)\s*=/g)) found.add(m[1]);
  for (const m of source.matchAll(/export\s*\{([^}]*)\}/g)) {
    for (const part of m[1].split(",")) {
      const name = part.trim().split(/\s+as\s+/).pop()?.trim();
      if (name) found.add(name);
    }
  }
  return [...found].filter((m) => METHODS.includes(m));
}

/** Functions whose body starts with a "use server" directive, inside a page: named by the nearest declaration before it. */
function inlineServerActions(source: string): string[] {
  const names: string[] = [];
  for (const m of source.matchAll(/\{\s*["']use server["']/g)) {
    const before = source.slice(0, m.index);
    const declared = [...before.matchAll(/(?:function\s+(\w+)\s*\(|(?:const|let)\s+(\w+)\s*=)/g)].at(-1);
    if (declared) names.push(declared[1] ?? declared[2]);
  }
  return names;
}

/** The same text with the contents of strings, template literals and comments blanked (offsets kept). */
function maskStringsAndComments(src: string): string {
  const out = src.split("");
  const blank = (i: number) => {
    if (out[i] !== "\n") out[i] = " ";
  };
  let i = 0;
  const templateDepth: number[] = [];
  let braces = 0;
  while (i < src.length) {
    const c = src[i];
    const n = src[i + 1];
    if (c === "/" && n === "/") {
      while (i < src.length && src[i] !== "\n") blank(i++);
    } else if (c === "/" && n === "*") {
      blank(i++);
      blank(i++);
      while (i < src.length && !(src[i] === "*" && src[i + 1] === "/")) blank(i++);
      blank(i++);
      blank(i++);
    } else if (c === '"' || c === "'") {
      i++;
      while (i < src.length && src[i] !== c && src[i] !== "\n") {
        if (src[i] === "\\") blank(i++);
        blank(i++);
      }
      i++;
    } else if (c === "`" || (c === "}" && templateDepth.length > 0 && templateDepth[templateDepth.length - 1] === braces)) {
      if (c === "}") templateDepth.pop();
      i++;
      while (i < src.length && src[i] !== "`" && !(src[i] === "$" && src[i + 1] === "{")) {
        if (src[i] === "\\") blank(i++);
        blank(i++);
      }
      if (src[i] === "$") {
        templateDepth.push(braces);
        i += 2;
      } else i++;
    } else {
      if (c === "{") braces++;
      if (c === "}") braces--;
      i++;
    }
  }
  return out.join("");
}

type Fn = { name: string; bodyStart: number; bodyEnd: number };

/** Exported functions (`export async function x`, `export const x = async (…) =>`) and their bodies, on masked text. */
function exportedFunctions(_source: string, masked: string): Fn[] {
  const fns: Fn[] = [];
  const heads = [...masked.matchAll(/export\s+(?:async\s+)?function\s+(\w+)\s*(?:<[^>]*>)?\s*\(/g), ...masked.matchAll(/export\s+const\s+(\w+)\s*(?::[^=]+)?=\s*(?:async\s*)?(?:function\s*\w*\s*)?\(/g)];
  for (const m of heads) {
    let i = m.index! + m[0].length; // just after "("
    let depth = 1;
    while (i < masked.length && depth > 0) {
      if (masked[i] === "(") depth++;
      if (masked[i] === ")") depth--;
      i++;
    }
    // Skip a return type (angle brackets may hold braces), then the body's "{".
    let angle = 0;
    while (i < masked.length) {
      const c = masked[i];
      if (c === "<") angle++;
      else if (c === ">" && masked[i - 1] !== "=") angle--;
      else if (c === "{" && angle <= 0) break;
      i++;
    }
    const start = i;
    depth = 0;
    for (; i < masked.length; i++) {
      if (masked[i] === "{") depth++;
      if (masked[i] === "}" && --depth === 0) break;
    }
    fns.push({ name: m[1], bodyStart: start, bodyEnd: i + 1 });
  }
  return fns;
}

/** The names imported from "@/lib/data/…", without the session module's getActor/requireActor. */
function libDataImports(source: string): string[] {
  const names: string[] = [];
  for (const m of source.matchAll(/import\s+(type\s+)?\{([^}]*)\}\s+from\s+["']@\/lib\/data\/([\w/-]+)["']/g)) {
    if (m[1]) continue;
    for (const part of m[2].split(",")) {
      const p = part.trim();
      if (!p || p.startsWith("type ")) continue;
      const local = p.split(/\s+as\s+/).pop()!.trim();
      if (m[3] === "session" && (local === "getActor" || local === "requireActor")) continue;
      names.push(local);
    }
  }
  return names;
}

function firstCall(body: string, names: string[]): { name: string; at: number } | null {
  let best: { name: string; at: number } | null = null;
  for (const name of names) {
    const at = body.search(new RegExp(`\\b${name}\\s*\\(`));
    if (at >= 0 && (!best || at < best.at)) best = { name, at };
  }
  return best;
}
