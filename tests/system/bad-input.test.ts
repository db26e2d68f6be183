// A corpus of bad input against the built server (MAX_UPLOAD_MB=2), through the browser form's own request and the API.
//
// "The form path" is exactly what app/meetings/[code]/submit/submit-form.tsx sends: a same-origin multipart POST to
// the API endpoint with the session cookie, Origin = the server's origin, Sec-Fetch-Site: same-origin. "The API" is
// the same request with a bearer token. Every refused case asserts its status, its {"code"} and a message that says
// what is wrong; and that nothing was stored (no row in contributions / contribution_versions / stored_files /
// late_requests, no new file under DATA_DIR/files, DATA_DIR/tmp empty) and nothing that existed was lost (a
// contribution submitted first keeps its status, its one version and its file, by hash). The accepted cases (hostile
// file names, right-to-left and emoji text, markup in every field, forged fields) check what is stored and how it
// is shown: sanitised names, a safe Content-Disposition, text kept byte for byte, markup inert in every page, no
// CSV cell that starts a formula.
import { createHash } from "node:crypto";
import http from "node:http";
import net from "node:net";
import path from "node:path";
import { readFileSync } from "node:fs";
import { parse as parseCsv } from "csv-parse/sync";
import { encode as encodeJwt } from "next-auth/jwt";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeTemplateDocx, makeZip, makeZipBomb, makePdf, makeDoc } from "@/tests/support/make-docx";
import { MEETING, removeDir, serverEnv, sleep, storedRel, tempRoot } from "./server";
import { countRows, filesUnder, issueToken, multipart, send, SESSION_COOKIE, signIn, startSeededServer, stopStartedServers, uploadBody, withDb, type Part, type Res, type Srv } from "./http";

const PORT = 3531;
const A = "delegate@admin-ch.example";
const S17 = "delegate@associate-sg17.example";
const RQ3 = "rapporteur.q3@sg20.example";
const SEC = "tsb.sg20@secretariat.example";

let srv: Srv;
let root = "";
let dataDir = "";
const cookie: Record<string, string> = {};
const token: Record<string, string> = {};
let baseline: { id: number; sha256: string; bytes: Buffer };

const sha = (b: Buffer) => createHash("sha256").update(b).digest("hex");
const CONTACT = { name: "Marc Dubois", organization: "OFCOM", country: "Switzerland", phone: "+41 58 460 55 00", email: "marc.dubois@admin-ch.example" };
const meta = (over: Record<string, unknown> = {}) => ({
  title: "Bad-input corpus",
  questions: ["Q3/20"],
  purpose: "Proposal",
  abstract: "Abstract.",
  keywords: "corpus",
  contacts: [CONTACT],
  ...over,
});

beforeAll(async () => {
  root = tempRoot("badinput");
  dataDir = path.join(root, "data");
  srv = await startSeededServer(dataDir, PORT, { MAX_UPLOAD_MB: "2" }, (dbFile) => {
    // A Question of another study group (SG17), to submit to an SG20 meeting.
    withDb(path.dirname(dbFile), (db) => {
      const sg17 = db.prepare("SELECT id FROM study_groups WHERE code = 'SG17'").get() as { id: number };
      const t17 = db.prepare("SELECT id FROM study_periods WHERE code = 'T17'").get() as { id: number };
      db.prepare("INSERT INTO questions (study_group_id, study_period_id, number, code, title) VALUES (?, ?, 4, 'Q4/17', 'Security aspects of IoT')").run(sg17.id, t17.id);
    });
  });
  await Promise.all(
    [A, S17, RQ3, SEC].map(async (email) => {
      cookie[email] = await signIn(srv, email);
      token[email] = (await issueToken(srv, email, "bad input")).token;
    }),
  );
  // What exists before the corpus: it must come out of it untouched.
  const bytes = makePdf("Baseline contribution, submitted before the corpus");
  const res = await send(srv, "POST", `/api/v1/meetings/${MEETING}/contributions`, { token: token[A], ...asBody(uploadBody(meta({ title: "Baseline" }), { name: "baseline.pdf", data: bytes })) });
  expect(res.status, res.text()).toBe(201);
  baseline = { id: Number(res.json().id), sha256: String(res.json().sha256), bytes };
}, 120_000);

afterAll(async () => {
  await stopStartedServers();
  if (root) removeDir(root);
});

function asBody(b: { body: Buffer; contentType: string }) {
  return { body: b.body, headers: { "content-type": b.contentType } };
}

// ------------------------------------------------------------------ the two paths

type PathName = "form" | "api";
type Req = { method?: string; url?: string; headers?: Record<string, string>; body?: Buffer; chunked?: Buffer };

const SUBMIT = `/api/v1/meetings/${MEETING}/contributions`;

/** Adds what the path carries: the session cookie, the page's Origin and Sec-Fetch-Site; or the bearer token. */
function authFor(p: PathName, who = A): Record<string, string> {
  return p === "form" ? { cookie: cookie[who], origin: srv.origin, "sec-fetch-site": "same-origin" } : { authorization: `Bearer ${token[who]}` };
}

/** Sends a body without Content-Length (chunked), as a client streaming a file of unknown size. */
function sendChunked(urlPath: string, headers: Record<string, string>, body: Buffer): Promise<Res> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: "127.0.0.1", port: srv.port, method: "POST", path: urlPath, headers: { "accept-language": "en", ...headers }, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () => {
        const all = Buffer.concat(chunks);
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body: all, text: () => all.toString(), json: () => JSON.parse(all.toString()), location: null });
      });
    });
    req.on("error", reject);
    void (async () => {
      for (let at = 0; at < body.length && !req.destroyed; at += 64 * 1024) {
        if (!req.write(body.subarray(at, at + 64 * 1024))) await new Promise((r) => req.once("drain", r));
      }
      req.end();
    })();
  });
}

/**
 * A client that writes the whole request, and reads the answer only once every byte has been accepted: as
 * Python's http.client does. Connection: close; Content-Length given, or the body sent chunked.
 */
function sendAllThenRead(urlPath: string, headers: Record<string, string>, body: Buffer, chunked = false): Promise<{ status: number; json: Record<string, unknown> }> {
  return new Promise((resolve, reject) => {
    const socket = net.connect({ host: "127.0.0.1", port: srv.port });
    socket.pause(); // nothing is read until the body is sent
    const chunks: Buffer[] = [];
    socket.on("error", reject);
    socket.on("data", (c: Buffer) => chunks.push(c));
    socket.on("end", () => {
      const raw = Buffer.concat(chunks).toString("utf8");
      const split = raw.indexOf("\r\n\r\n");
      const head = raw.slice(0, split);
      let rest = raw.slice(split + 4);
      if (/^transfer-encoding:\s*chunked/im.test(head)) {
        let out = "";
        for (;;) {
          const eol = rest.indexOf("\r\n");
          const size = parseInt(rest.slice(0, eol), 16);
          if (!size) break;
          out += rest.slice(eol + 2, eol + 2 + size);
          rest = rest.slice(eol + 2 + size + 2);
        }
        rest = out;
      }
      resolve({ status: Number(/^HTTP\/1\.1 (\d{3})/.exec(head)?.[1] ?? 0), json: JSON.parse(rest || "{}") });
    });
    socket.setTimeout(60_000, () => socket.destroy(new Error("timeout")));
    const lines = [`POST ${urlPath} HTTP/1.1`, `Host: 127.0.0.1:${srv.port}`, "Connection: close", "Accept-Language: en"];
    lines.push(chunked ? "Transfer-Encoding: chunked" : `Content-Length: ${body.length}`);
    for (const [k, v] of Object.entries(headers)) lines.push(`${k}: ${v}`);
    socket.write(lines.join("\r\n") + "\r\n\r\n");
    const wire = chunked ? Buffer.concat([Buffer.from(`${body.length.toString(16)}\r\n`), body, Buffer.from("\r\n0\r\n\r\n")]) : body;
    socket.write(wire, (error) => {
      if (!error) socket.resume();
    });
  });
}

async function perform(spec: Req, auth: Record<string, string>): Promise<Res> {
  const headers = { ...auth, ...(spec.headers ?? {}) };
  if (spec.chunked) return sendChunked(spec.url ?? SUBMIT, headers, spec.chunked);
  return send(srv, spec.method ?? "POST", spec.url ?? SUBMIT, { headers, body: spec.body });
}

// ------------------------------------------------------------------ fixtures of bad files

const MZ = Buffer.concat([Buffer.from("MZ\x90\x00\x03\x00\x00\x00", "latin1"), Buffer.alloc(2000, 0x41)]);
const ELF = Buffer.concat([Buffer.from([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0]), Buffer.alloc(2000, 0)]);
const SCRIPT = Buffer.from("#!/bin/sh\nrm -rf / --no-preserve-root\n");
const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(500, 1)]);
const TEXT = Buffer.from("This is plain text pretending to be a PDF.\n".repeat(20));

const files: Record<string, () => Promise<Buffer> | Buffer> = {
  docx: () => makeTemplateDocx({ questions: "Q3/20", title: "Corpus document", purpose: "Proposal" }),
  macro: () => makeTemplateDocx({ questions: "Q3/20", title: "Macro", purpose: "Proposal" }, { macro: true }),
  bomb: () => makeZipBomb(),
  traversalZip: async () => makeZip([{ name: "contribution.docx", data: await makeTemplateDocx({ title: "x" }) }, { name: "../../../etc/cron.d/evil.docx", data: "x" }]),
  absoluteZip: () => makeZip([{ name: "/etc/passwd.docx", data: "root:x:0:0" }]),
  encryptedZip: () => makeZip([{ name: "annex.docx", data: "secret", encrypted: true }]),
  annexesOnlyZip: () => makeZip([{ name: "annex.pdf", data: makePdf("annex") }]),
  damagedZip: () => Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.alloc(3000, 0x33)]),
};

/** A multipart upload with metadata and a file. */
function up(file: Buffer, name = "contribution.pdf", metadata: unknown = meta(), contentType = "application/pdf"): { body: Buffer; headers: Record<string, string> } {
  const b = uploadBody(metadata, { name, data: file, contentType });
  return { body: b.body, headers: { "content-type": b.contentType } };
}

function parts(list: Part[]): Req {
  const b = multipart(list);
  return { body: b.body, headers: { "content-type": b.contentType } };
}

const PDF = makePdf("Corpus PDF");
const MB = 1024 * 1024;

// ------------------------------------------------------------------ the corpus

type Expect = { status: number; code: string; message: RegExp; reason?: string; field?: string; fieldMessage?: RegExp };
type RefusedCase = {
  kind: "refused";
  name: string;
  paths: PathName[];
  build: (p: PathName) => Req | Promise<Req>;
  /** the headers that authenticate the request, if not the path's own */
  auth?: (p: PathName) => Record<string, string> | Promise<Record<string, string>>;
  expect: Expect;
};
type AcceptedCase = { kind: "accepted"; name: string; paths: PathName[]; test: string };
type Case = RefusedCase | AcceptedCase;

const BOTH: PathName[] = ["form", "api"];
const refused = (name: string, build: RefusedCase["build"], expectation: Expect, opts: Partial<RefusedCase> = {}): RefusedCase => ({
  kind: "refused",
  name,
  paths: BOTH,
  build,
  expect: expectation,
  ...opts,
});
const TOO_LARGE: Expect = { status: 413, code: "too_large", message: /too large.*2 MB/i };
const invalid = (message: RegExp, field?: string): Expect => ({ status: 422, code: "invalid", message, field });
const unsupported = (reason: string, message: RegExp): Expect => ({ status: 415, code: "unsupported_type", message, reason });

/*
 * The corpus: one row per case. "paths" says which of the form path and the API it is sent through (each sent
 * separately). Refused cases store nothing; accepted cases are checked by the named test below.
 */
const CASES: Case[] = [
  // ---- files
  refused("empty file (0 bytes)", () => up(Buffer.alloc(0)), { status: 422, code: "invalid", message: /empty/i, reason: "empty", field: "file" }),
  refused("oversize, declared: Content-Length 4 MB over a 2 MB limit", () => up(Buffer.concat([PDF, Buffer.alloc(4 * MB, 0x20)])), TOO_LARGE),
  refused("oversize, streamed: 2.5 MB file, truthful Content-Length", () => up(Buffer.concat([PDF, Buffer.alloc(2.5 * MB, 0x20)])), TOO_LARGE),
  refused(
    "oversize, chunked: 2.5 MB with no Content-Length",
    () => {
      const big = up(Buffer.concat([PDF, Buffer.alloc(2.5 * MB, 0x20)]));
      return { headers: big.headers, chunked: big.body };
    },
    TOO_LARGE,
  ),
  refused("wrong magic bytes: plain text named .pdf", () => up(TEXT, "contribution.pdf"), unsupported("unsupported_type", /not accepted/i)),
  refused("wrong magic bytes: a PNG image named .docx", () => up(PNG, "contribution.docx"), unsupported("unsupported_type", /not accepted/i)),
  refused("content and name disagree: a PDF named .docx", () => up(PDF, "contribution.docx"), unsupported("type_mismatch", /named \.docx.*PDF/i)),
  refused("renamed executable: a Windows program (MZ) named .docx", () => up(MZ, "contribution.docx"), unsupported("executable", /program/i)),
  refused("renamed executable: an ELF binary named .pdf", () => up(ELF, "contribution.pdf"), unsupported("executable", /program/i)),
  refused("renamed executable: a shell script named .doc", () => up(SCRIPT, "contribution.doc"), unsupported("executable", /program/i)),
  refused("macro-enabled document named .docx", async () => up(await files.macro(), "contribution.docx"), unsupported("macro_enabled", /macro/i)),
  refused("macro-enabled document named .docm", async () => up(await files.macro(), "contribution.docm"), unsupported("macro_enabled", /macro/i)),
  refused("ZIP bomb (64 MiB of zeros in 64 KiB)", async () => up(await files.bomb(), "annexes.zip"), { status: 415, code: "unsupported_type", message: /zip bomb/i, reason: "zip_bomb" }),
  refused("ZIP with a ../ path", async () => up(await files.traversalZip(), "annexes.zip"), unsupported("unsafe_archive", /outside the archive/i)),
  refused("ZIP with an absolute path", async () => up(await files.absoluteZip(), "annexes.zip"), unsupported("unsafe_archive", /outside the archive/i)),
  refused("ZIP with an encrypted entry", async () => up(await files.encryptedZip(), "annexes.zip"), unsupported("encrypted", /password/i)),
  refused("damaged ZIP", async () => up(await files.damagedZip(), "annexes.zip"), unsupported("damaged", /damaged/i)),
  refused("ZIP of annexes without the .docx", async () => up(await files.annexesOnlyZip(), "annexes.zip"), unsupported("unsupported_type", /no Word document/i)),
  refused("an old Word document (.doc) named .pdf", () => up(makeDoc(), "contribution.pdf"), unsupported("type_mismatch", /named \.pdf/i)),
  // ---- metadata
  refused("10,000-character title", () => up(PDF, "c.pdf", meta({ title: "T".repeat(10_000) })), invalid(/title is too long \(10000 characters; at most 500\)/i, "title")),
  refused("empty title", () => up(PDF, "c.pdf", meta({ title: "   " })), invalid(/title is required/i, "title")),
  refused("a Question of another study group (Q4/17)", () => up(PDF, "c.pdf", meta({ questions: ["Q3/20", "Q4/17"] })), {
    ...invalid(/not Questions of this meeting's study group/i, "questions"),
    fieldMessage: /Q4\/17/,
  }),
  refused("an unknown Question (Q99/20)", () => up(PDF, "c.pdf", meta({ questions: ["Q99/20"] })), {
    ...invalid(/not Questions of this meeting's study group/i, "questions"),
    fieldMessage: /Q99\/20/,
  }),
  refused("no Question", () => up(PDF, "c.pdf", meta({ questions: [] })), invalid(/at least one Question/i, "questions")),
  refused("an unknown purpose", () => up(PDF, "c.pdf", meta({ purpose: "Propaganda" })), invalid(/purpose/i, "purpose")),
  refused("markup as the contact's e-mail address", () => up(PDF, "c.pdf", meta({ contacts: [{ ...CONTACT, email: "<script>alert(1)</script>@evil.example" }] })), invalid(/e-mail address is not valid/i, "contacts.0.email")),
  refused("no contact", () => up(PDF, "c.pdf", meta({ contacts: [] })), invalid(/at least one contact/i, "contacts")),
  refused("metadata is JSON but not an object", () => up(PDF, "c.pdf", "[1, 2, 3]"), invalid(/need your attention/i)),
  refused("malformed JSON metadata", () => up(PDF, "c.pdf", '{"title": "Unclosed",'), invalid(/not valid JSON/i, "metadata")),
  refused("a metadata field over 256 KB", () => up(PDF, "c.pdf", JSON.stringify(meta({ abstract: "x".repeat(300 * 1024) }))), invalid(/too long/i)),
  // ---- the multipart body
  refused("no metadata part", () => parts([{ name: "file", filename: "c.pdf", data: PDF }]), invalid(/metadata/i, "metadata")),
  refused("no file part", () => parts([{ name: "metadata", value: JSON.stringify(meta()) }]), invalid(/Choose the document/i, "file")),
  refused("two files", () => parts([{ name: "metadata", value: JSON.stringify(meta()) }, { name: "file", filename: "a.pdf", data: PDF }, { name: "file", filename: "b.pdf", data: PDF }]), invalid(/exactly one file/i)),
  refused("the file in another part than 'file'", () => parts([{ name: "metadata", value: JSON.stringify(meta()) }, { name: "document", filename: "a.pdf", data: PDF }]), invalid(/exactly one file/i)),
  refused("not multipart at all (a JSON body)", () => ({ body: Buffer.from(JSON.stringify(meta())), headers: { "content-type": "application/json" } }), invalid(/multipart\/form-data/i)),
  refused("multipart without a boundary", () => ({ body: up(PDF).body, headers: { "content-type": "multipart/form-data" } }), invalid(/well-formed/i)),
  refused("malformed multipart: garbage under a boundary", () => ({ body: Buffer.from("this is not multipart\r\n\r\n--nope\r\n"), headers: { "content-type": "multipart/form-data; boundary=xyz" } }), invalid(/Choose the document|well-formed/i)),
  refused("truncated upload: the body ends inside the file, no closing boundary", () => {
    const whole = up(Buffer.concat([PDF, Buffer.alloc(20_000, 0x20)]));
    return { ...whole, body: whole.body.subarray(0, whole.body.length - 8_000) };
  }, invalid(/interrupted/i)),
  refused("an Idempotency-Key that is not one", () => {
    const u = up(PDF);
    return { ...u, headers: { ...u.headers, "idempotency-key": "short" } };
  }, invalid(/Idempotency-Key/, "Idempotency-Key")),
  refused("raw control characters (a NUL byte) in the file part's header", () => up(PDF, "evil\u0000name.pdf"), invalid(/well-formed/i)),
  // ---- where it goes, and who sends it
  refused("an unknown meeting", () => ({ ...up(PDF), url: "/api/v1/meetings/SG99-1999-01/contributions" }), { status: 404, code: "not_found", message: /no meeting with the code SG99-1999-01/ }),
  refused("an Associate of SG17 submitting to SG20", () => up(PDF), { status: 403, code: "forbidden", message: /Associate of SG17.*not to SG20/ }, { auth: (p) => authFor(p, S17) }),
  refused("a late request while the deadline has not passed", () => ({ ...up(PDF, "c.pdf", meta({ explanation: "No reason" })), url: `/api/v1/meetings/${MEETING}/late-requests` }), { status: 409, code: "conflict", message: /deadline has not passed/i }),
  refused("a revision of a contribution that does not exist", () => ({ ...up(PDF, "c.pdf", {}), url: "/api/v1/contributions/999999/revisions" }), { status: 404, code: "not_found", message: /no such document/i }),
  refused("an empty file as a revision of the existing contribution", () => ({ ...up(Buffer.alloc(0), "c.pdf", {}), url: `/api/v1/contributions/${baseline.id}/revisions` }), { status: 422, code: "invalid", message: /empty/i, reason: "empty" }),
  refused("a macro-enabled revision of the existing contribution", async () => ({ ...up(await files.macro(), "c.docx", {}), url: `/api/v1/contributions/${baseline.id}/revisions` }), unsupported("macro_enabled", /macro/i)),
  refused("malformed JSON withdrawing the existing contribution", () => ({ url: `/api/v1/contributions/${baseline.id}/withdrawal`, body: Buffer.from('{"reason": '), headers: { "content-type": "application/json" } }), invalid(/must be JSON/i)),
  refused("withdrawing the existing contribution with no reason", () => ({ url: `/api/v1/contributions/${baseline.id}/withdrawal`, body: Buffer.from('{"reason": " "}'), headers: { "content-type": "application/json" } }), invalid(/why the contribution is withdrawn/i, "reason")),
  // ---- sessions and cross-site posts (the form path only) and tokens (the API only)
  refused("cross-site form post: the cookie with Origin http://evil.example", () => up(PDF), { status: 403, code: "forbidden", message: /Cross-site requests are refused/i }, { paths: ["form"], auth: () => ({ cookie: cookie[A], origin: "http://evil.example" }) }),
  refused("cross-site form post: the cookie with Sec-Fetch-Site: cross-site", () => up(PDF), { status: 403, code: "forbidden", message: /Cross-site requests are refused/i }, { paths: ["form"], auth: () => ({ cookie: cookie[A], "sec-fetch-site": "cross-site" }) }),
  refused("cross-site form post whose X-Forwarded-Host names the attacker's site (no trusted proxy)", () => up(PDF), { status: 403, code: "forbidden", message: /Cross-site requests are refused/i }, { paths: ["form"], auth: () => ({ cookie: cookie[A], origin: "http://evil.example", "x-forwarded-host": "evil.example" }) }),
  refused("cross-site form post from a sandboxed frame: Origin null", () => up(PDF), { status: 403, code: "forbidden", message: /Cross-site requests are refused/i }, { paths: ["form"], auth: () => ({ cookie: cookie[A], origin: "null" }) }),
  refused("a tampered session cookie", () => up(PDF), { status: 401, code: "unauthenticated", message: /Sign in/i }, { paths: ["form"], auth: () => ({ ...authFor("form"), cookie: tamper(cookie[A]) }) }),
  refused("an expired session cookie", () => up(PDF), { status: 401, code: "unauthenticated", message: /Sign in/i }, { paths: ["form"], auth: async () => ({ ...authFor("form"), cookie: await craftedSession(-3600) }) }),
  refused("no credentials at all", () => up(PDF), { status: 401, code: "unauthenticated", message: /Sign in/i }, { paths: ["form"], auth: () => ({ origin: srv.origin }) }),
  refused("an unknown bearer token", () => up(PDF), { status: 401, code: "unauthenticated", message: /unknown or has been revoked/i }, { paths: ["api"], auth: () => ({ authorization: "Bearer ctk_not-a-real-token" }) }),
  // ---- accepted, and checked by the tests named
  { kind: "accepted", name: "path traversal in the file name (../../../../etc/passwd.pdf, ..\\..\\boot.ini.pdf)", paths: BOTH, test: "file names" },
  { kind: "accepted", name: "a NUL byte and control characters in the file name", paths: BOTH, test: "file names" },
  { kind: "accepted", name: "a 300-character file name", paths: BOTH, test: "file names" },
  { kind: "accepted", name: "right-to-left overrides and markup in the file name", paths: BOTH, test: "file names" },
  { kind: "accepted", name: "right-to-left scripts, emoji and combining marks in every text field", paths: BOTH, test: "rtl" },
  { kind: "accepted", name: "HTML and script in every text field, the file name and the late explanation", paths: ["form"], test: "markup" },
  { kind: "accepted", name: "spreadsheet formulas (= + - @) at the start of every text field", paths: ["form"], test: "markup" },
  { kind: "accepted", name: "forged organisation, submitter, number, status and receipt time in the metadata", paths: BOTH, test: "forged" },
  { kind: "accepted", name: "a PDF/batch polyglot named agenda.bat (and notes.html, map.svg): the download must not keep that extension", paths: BOTH, test: "download extension (PRODUCT BUG)" },
];

function tamper(c: string): string {
  const [name, value] = c.split("=");
  const i = Math.floor(value.length / 2);
  return `${name}=${value.slice(0, i)}${value[i] === "A" ? "B" : "A"}${value.slice(i + 1)}`;
}

/** A session cookie as next-auth would write it, for A, with the server's secret: expired if maxAge < 0. */
async function craftedSession(maxAge: number): Promise<string> {
  const user = withDb(dataDir, (db) => db.prepare("SELECT id, session_version AS sv FROM users WHERE email = ?").get(A) as { id: number; sv: number });
  // The account's current session version: only the expiry is wrong.
  const jwt = await encodeJwt({ token: { sub: String(user.id), sv: user.sv }, secret: serverEnv(dataDir, PORT).NEXTAUTH_SECRET!, maxAge });
  return `${SESSION_COOKIE}=${jwt}`;
}

// ------------------------------------------------------------------ what a refusal must leave

function state() {
  return {
    rows: countRows(dataDir),
    files: filesUnder(path.join(dataDir, "files")).map((f) => path.relative(dataDir, f)).sort(),
    tmp: filesUnder(path.join(dataDir, "tmp")),
  };
}

function expectBaselineIntact(): void {
  const row = withDb(dataDir, (db) => ({
    c: db.prepare("SELECT status, title FROM contributions WHERE id = ?").get(baseline.id),
    versions: (db.prepare("SELECT count(*) AS n FROM contribution_versions WHERE contribution_id = ?").get(baseline.id) as { n: number }).n,
  }));
  expect(row).toEqual({ c: { status: "active", title: "Baseline" }, versions: 1 });
  expect(sha(readFileSync(path.join(dataDir, storedRel(baseline.sha256))))).toBe(baseline.sha256);
}

describe("a corpus of bad input, through the form path and the API", () => {
  it("counts at least 40 cases", () => {
    const runs = CASES.reduce((n, c) => n + c.paths.length, 0);
    console.log(`[bad-input] ${CASES.length} cases (${CASES.filter((c) => c.kind === "refused").length} refused, ${CASES.filter((c) => c.kind === "accepted").length} accepted), ${runs} requests across the two paths`);
    expect(CASES.length).toBeGreaterThanOrEqual(40);
  });

  it("refuses every bad request with a clear code and message, stores nothing, and loses nothing", async () => {
    const failures: string[] = [];
    for (const c of CASES) {
      if (c.kind !== "refused") continue;
      for (const p of c.paths) {
        const label = `${c.name} [${p}]`;
        const before = state();
        const spec = await c.build(p);
        const auth = c.auth ? await c.auth(p) : authFor(p);
        let res: Res;
        try {
          res = await perform(spec, auth);
        } catch (e) {
          failures.push(`${label}: no answer (${(e as Error).message})`);
          continue;
        }
        const body = (() => {
          try {
            return res.json();
          } catch {
            return { unparsed: res.text().slice(0, 200) };
          }
        })();
        const want = c.expect;
        if (res.status !== want.status || body.code !== want.code) failures.push(`${label}: expected ${want.status} ${want.code}, got ${res.status} ${JSON.stringify(body).slice(0, 300)}`);
        else if (typeof body.message !== "string" || !want.message.test(body.message)) failures.push(`${label}: message ${JSON.stringify(body.message)} does not match ${want.message}`);
        else if (want.reason && body.details?.reason !== want.reason) failures.push(`${label}: reason ${body.details?.reason}, expected ${want.reason}`);
        else if (want.field && !(body.fields && want.field in body.fields)) failures.push(`${label}: no fields.${want.field} in ${JSON.stringify(body.fields)}`);
        else if (want.fieldMessage && !want.fieldMessage.test(String(body.fields?.[want.field!]))) failures.push(`${label}: fields.${want.field} = ${body.fields?.[want.field!]}`);
        const after = state();
        if (JSON.stringify(after.rows) !== JSON.stringify(before.rows)) failures.push(`${label}: rows changed ${JSON.stringify(before.rows)} → ${JSON.stringify(after.rows)}`);
        if (JSON.stringify(after.files) !== JSON.stringify(before.files)) failures.push(`${label}: files changed`);
        if (after.tmp.length > 0) failures.push(`${label}: left ${after.tmp.join(", ")} in tmp/`);
      }
    }
    expect(failures, failures.join("\n")).toEqual([]); // each failure in full, also in the closing summary
    expectBaselineIntact();
    const download = await send(srv, "GET", `/api/v1/contributions/${baseline.id}/file`, { token: token[A] });
    expect(sha(download.body)).toBe(baseline.sha256);
    // The control for the crafted cookies: with a future expiry the same construction is a valid session.
    const valid = await send(srv, "GET", `/api/v1/contributions/${baseline.id}`, { cookie: await craftedSession(3600) });
    expect(valid.status).toBe(200);
    // Pages treat an expired or tampered session as no session at all.
    for (const bad of [await craftedSession(-3600), tamper(cookie[A])]) {
      const page = await send(srv, "GET", `/contributions/${baseline.id}`, { cookie: bad });
      expect([page.status, new URL(page.location ?? "/nowhere", srv.base).pathname]).toEqual([307, "/login"]);
    }
  });

  it("keeps nothing of an upload whose connection drops mid-body", async () => {
    const before = state();
    const whole = up(Buffer.concat([PDF, Buffer.alloc(1.5 * MB, 0x20)]));
    await new Promise<void>((resolve) => {
      const req = http.request({ host: "127.0.0.1", port: srv.port, method: "POST", path: SUBMIT, agent: false, headers: { ...authFor("api"), ...whole.headers, "content-length": String(whole.body.length) } });
      req.on("error", () => resolve());
      req.on("response", () => resolve());
      req.write(whole.body.subarray(0, 700_000), () => setTimeout(() => req.destroy(), 300));
      setTimeout(resolve, 5000);
    });
    for (let i = 0; i < 50 && state().tmp.length > 0; i++) await sleep(100);
    const after = state();
    expect(after.rows).toEqual(before.rows);
    expect(after.files).toEqual(before.files);
    expect(after.tmp, after.tmp.join(", ")).toEqual([]);
    expectBaselineIntact();
    // The server is still serving.
    expect((await send(srv, "GET", "/api/v1/clock")).status).toBe(200);
  });

  it("a refusal decided before the whole body is read still reaches a client that sends the whole file before it reads", async () => {
    // Python's http.client, and many a delegate's script, send the whole body and only then read the answer. Were
    // the server to answer and close while the body is still arriving, such a client would get a reset (EPIPE)
    // instead of the reason: a script uploading a large file after the deadline would learn nothing. The checks made
    // before the body: the declared length, the credentials, whether the account may submit here, whether the
    // document exists; and one made early in it: a malformed body. 8 MB is more than the socket buffers hold, so the
    // server has to read it for the client to finish.
    const big = Buffer.concat([PDF, Buffer.alloc(8 * MB, 0x20)]);
    const cases: Array<{ name: string; req: { body: Buffer; headers: Record<string, string> }; auth: Record<string, string>; url?: string; chunked?: boolean; expect: Expect }> = [
      { name: "declared over the limit", req: up(big), auth: authFor("api"), expect: TOO_LARGE },
      { name: "no credentials", req: up(big), auth: {}, expect: { status: 401, code: "unauthenticated", message: /Sign in/i } },
      { name: "may not submit here", req: up(big), auth: authFor("api", S17), expect: { status: 403, code: "forbidden", message: /Associate of SG17.*not to SG20/ } },
      { name: "no such document to revise", req: up(big, "c.pdf", {}), auth: authFor("api"), url: "/api/v1/contributions/999999/revisions", expect: { status: 404, code: "not_found", message: /no such document/i } },
      // Sent chunked (no length declared), the parser gives up 100 KB in (a part header that long), 8 MB still to come.
      {
        name: "malformed early in the body",
        req: { body: Buffer.concat([Buffer.from(`--xyz\r\nContent-Disposition: form-data; name="file"; filename="a.pdf"\r\nX-Padding: ${"a".repeat(100_000)}\r\n\r\n`), big]), headers: { "content-type": "multipart/form-data; boundary=xyz" } },
        auth: authFor("api"),
        chunked: true,
        expect: { status: 422, code: "invalid", message: /well-formed/i },
      },
    ];
    const before = state();
    for (const c of cases) {
      const res = await sendAllThenRead(c.url ?? SUBMIT, { ...c.auth, ...c.req.headers }, c.req.body, c.chunked).catch((e: Error) => e);
      const seen = res instanceof Error ? `no answer (${res.message})` : `${res.status} ${res.json.code} ${c.expect.message.test(String(res.json.message))}`;
      expect(seen, c.name).toBe(`${c.expect.status} ${c.expect.code} true`);
    }
    const after = state();
    expect([after.rows, after.files, after.tmp]).toEqual([before.rows, before.files, []]);
  });

  it("file names: accepted, stored sanitised, and downloaded with a safe Content-Disposition", async () => {
    const names: Array<[string, (stored: string) => void]> = [
      ["../../../../etc/passwd.pdf", (s) => expect(s).toBe("passwd.pdf")],
      ["..\\..\\windows\\boot.ini.pdf", (s) => expect(s).toBe("boot.ini.pdf")],
      ["evil%00name%07%1B%0D%0A.pdf", (s) => expect(s).toBe("evilname.pdf")],
      [`${"n".repeat(296)}.pdf`, (s) => expect([s.length <= 255, s.endsWith(".pdf")]).toEqual([true, true])],
      ["invoice\u202Efdp.exe", (s) => expect(s).not.toMatch(/[/\\\0]/)],
      ["<img src=x onerror=alert(1)>.pdf", (s) => expect(s).toBe("<img src=x onerror=alert(1)>.pdf")],
    ];
    for (const p of BOTH) {
      for (const [name, check] of names) {
        // Percent-escaped names go as RFC 5987 filename*=UTF-8''…, the one well-formed way to carry a NUL byte or CR LF.
        const star = /%[0-9A-F]{2}/.test(name);
        const req = star
          ? parts([
              { name: "metadata", value: JSON.stringify(meta()) },
              { name: "file", filename: name, data: makePdf(`name ${name.length} ${p}`), disposition: `form-data; name="file"; filename*=UTF-8''${name}` },
            ])
          : up(makePdf(`name ${name.length} ${p}`), name);
        const res = await perform(req, authFor(p));
        expect(res.status, `${name} [${p}]: ${res.text()}`).toBe(201);
        const id = Number(res.json().id);
        const json = (await send(srv, "GET", `/api/v1/contributions/${id}`, { token: token[A] })).json();
        const stored = String(json.versions[0].fileName);
        expect(stored, "no path").not.toMatch(/[/\\]/);
        expect([...stored].filter((ch) => ch.charCodeAt(0) < 0x20 || ch.charCodeAt(0) === 0x7f), "no control character").toEqual([]);
        check(stored);
        const download = await send(srv, "GET", `/api/v1/contributions/${id}/file`, { token: token[A] });
        const cd = String(download.headers["content-disposition"]);
        // One header line; a quoted ASCII fallback without quotes, slashes, % or ; inside; an RFC 5987 UTF-8 name.
        expect(cd, `${name} [${p}]`).toMatch(/^attachment; filename="[\x20\x21\x23-\x7e]*"; filename\*=UTF-8''[\x21-\x7e]*$/);
        const fallback = /filename="([^"]*)"/.exec(cd)![1];
        expect(fallback).not.toMatch(/[/\\%;"]|\.\.\//);
        const utf8 = decodeURIComponent(/filename\*=UTF-8''(.*)$/.exec(cd)![1]);
        expect(utf8).not.toMatch(/[/\\\u202a-\u202e\u2066-\u2069]/);
        expect([...utf8].filter((ch) => ch.charCodeAt(0) < 0x20 || ch.charCodeAt(0) === 0x7f)).toEqual([]);
        expect(download.headers["x-content-type-options"]).toBe("nosniff");
      }
    }
  });

  // A file that starts with "%PDF-" is stored as a PDF whatever its name: a rapporteur must never download it as
  // "agenda.bat" (cmd would run its second line), "notes.html" or "map.svg" (a browser would run the script in it).
  it("a download is named with the extension of the type the server found, not one the uploader chose", async () => {
    const polyglots: Array<[string, string]> = [
      ["agenda.bat", "%PDF-1.4\r\ncalc.exe\r\n%%EOF\r\n"],
      ["notes.html", "%PDF-1.4\n<script>alert(document.domain)</script>\n%%EOF\n"],
      ["map.svg", "%PDF-1.4\n<svg xmlns='http://www.w3.org/2000/svg' onload='alert(1)'/>\n%%EOF\n"],
    ];
    const problems: string[] = [];
    for (const p of BOTH) {
      for (const [name, content] of polyglots) {
        const res = await perform(up(Buffer.from(`${content}% ${p}\n`), name), authFor(p));
        expect(res.status, res.text()).toBe(201);
        expect(res.json().mediaType).toBe("application/pdf");
        const download = await send(srv, "GET", `/api/v1/contributions/${res.json().id}/file`, { token: token[RQ3] });
        const cd = String(download.headers["content-disposition"]);
        if (!/filename="[^"]*\.pdf"; filename\*=UTF-8''[^;]*\.pdf$/.test(cd)) problems.push(`${name} [${p}]: ${cd}`);
      }
    }
    expect(problems).toEqual([]);
  });

  it("right-to-left scripts, emoji and combining marks: accepted and returned byte for byte", async () => {
    const text = {
      title: "مساهمة بشأن إنترنت الأشياء — עברית 🌍🚀 👩🏽‍💻 Cafe\u0301 (not NFC)",
      abstract: "Арабский: ‏مرحبا‎ · Hebrew: שלום · 𝔘𝔫𝔦𝔠𝔬𝔡𝔢 · 🏳️‍🌈 · \u200f RLM and \u202b embedding \u202c",
      keywords: "إنترنت الأشياء; 🔒 security; Ελληνικά",
      contacts: [{ name: "محمد بن سلمان 👋", organization: "هيئة الاتصالات", country: "المملكة العربية السعودية", phone: "+966 ١٢٣ ٤٥٦", email: "m.ali@citc.example" }],
    };
    for (const p of BOTH) {
      const res = await perform(up(makePdf(`rtl ${p}`), "מסמך 📄.pdf", meta(text)), authFor(p));
      expect(res.status, res.text()).toBe(201);
      expect(Buffer.from(String(res.json().title), "utf8").equals(Buffer.from(text.title, "utf8"))).toBe(true);
      const got = (await send(srv, "GET", `/api/v1/contributions/${res.json().id}`, { token: token[A] })).json();
      for (const key of ["title", "abstract", "keywords"] as const) expect(Buffer.from(got[key], "utf8").equals(Buffer.from(text[key], "utf8")), key).toBe(true);
      expect(got.contacts).toEqual(text.contacts);
      expect(got.versions[0].fileName).toBe("מסמך 📄.pdf");
      const page = (await send(srv, "GET", `/contributions/${res.json().id}`, { cookie: cookie[A] })).text();
      expect(page).toContain(text.contacts[0].name);
      expect(page).toContain("Cafe\u0301");
    }
  });

  it("forged organisation, submitter, number, status and receipt time are ignored", async () => {
    const telco = withDb(dataDir, (db) => db.prepare("SELECT o.id, o.name, u.id AS userId FROM organisations o JOIN users u ON u.organisation_id = o.id WHERE u.email = 'delegate@telco.example'").get() as { id: number; name: string; userId: number });
    const forged = meta({
      title: "Forged fields",
      organisationId: telco.id,
      organisation: telco.name,
      source: telco.name,
      submitterUserId: telco.userId,
      submittedBy: "delegate@telco.example",
      number: 1,
      status: "active",
      receivedAt: "2020-06-01T00:00:00Z",
      requestStartedAt: "2020-06-01T00:00:00Z",
      late: false,
      id: baseline.id,
    });
    for (const p of BOTH) {
      const startedAt = Date.parse(String((await send(srv, "GET", "/api/v1/clock")).json().now));
      const u = up(makePdf(`forged ${p}`), "forged.pdf", forged);
      const res = await perform({ ...u, headers: { ...u.headers, date: "Mon, 01 Jun 2020 00:00:00 GMT" } }, authFor(p));
      expect(res.status, res.text()).toBe(201);
      const r = res.json();
      expect(r.id).not.toBe(baseline.id);
      expect(Date.parse(r.receivedAt)).toBeGreaterThanOrEqual(startedAt - 1000);
      const row = withDb(dataDir, (db) => db.prepare("SELECT c.organisation_id AS org, c.submitter_user_id AS submitter, c.number FROM contributions c WHERE c.id = ?").get(r.id) as { org: number; submitter: number; number: number });
      const a = withDb(dataDir, (db) => db.prepare("SELECT id, organisation_id AS org FROM users WHERE email = ?").get(A) as { id: number; org: number });
      expect(row.org).toBe(a.org);
      expect(row.submitter).toBe(a.id);
      expect(row.number).not.toBe(1);
      const json = (await send(srv, "GET", `/api/v1/contributions/${r.id}`, { token: token[A] })).json();
      expect(json.source).not.toBe(telco.name);
      expect(json.versions[0].receivedAt).toBe(r.receivedAt);
    }
    expectBaselineIntact();
  });

  it("markup is inert in every page, and no CSV cell starts a formula", async () => {
    // Every text field carries markup, and starts as a spreadsheet formula would.
    const X = {
      title: `=HYPERLINK("http://evil.example","x") <script>alert("title")</script>`,
      abstract: `+SUM(1,1) <img src=x onerror=alert("abstract")>`,
      keywords: `@cmd <script>alert("keywords")</script>`,
      contacts: [{ name: `-2+3 <script>alert("name")</script>`, organization: `<b onmouseover=alert("org")>Org</b>`, country: `<svg onload=alert("country")>`, phone: `<script>alert("phone")</script>`, email: "x@evil.example" }],
    };
    // No "/" in a file name: a browser sends the base name only, and so does the parser keep it.
    const fileName = "=cmd <img src=x onerror=alert(1)>.pdf";
    const onTime = await perform(up(makePdf("markup on time"), fileName, meta(X)), authFor("form"));
    expect(onTime.status, onTime.text()).toBe(201);
    const id = Number(onTime.json().id);
    const versionId = Number(onTime.json().versionId);
    // A refused attempt whose file name carries markup and a formula: it is listed in the late report.
    expect((await perform(up(MZ, "@SUM(1) <svg onload=alert(2)>.pdf"), authFor("form"))).status).toBe(415);
    // Past the cutoff: a late request with markup in its explanation too.
    expect((await send(srv, "PUT", "/api/v1/clock", { token: token[SEC], json: { now: "2020-06-24T06:00:00Z" } })).status).toBe(200);
    const late = await perform({ ...up(makePdf("markup late"), fileName, meta({ ...X, explanation: `=1+1 <script>alert("explanation")</script>` })), url: `/api/v1/meetings/${MEETING}/late-requests` }, authFor("form"));
    expect(late.status, late.text()).toBe(202);
    const lateId = Number(late.json().id);
    const comment = await send(srv, "POST", `/api/v1/contributions/${id}/review`, { token: token[RQ3], json: { body: `=2+2 <script>alert("comment")</script>`, sharedWithSubmitter: true } });
    expect(comment.status).toBe(201);

    const pages: Array<[string, string]> = [
      [`/contributions/${id}`, A],
      [`/contributions/${id}/receipt?version=${versionId}`, A],
      [`/contributions/${lateId}`, A],
      ["/contributions", A],
      [`/meetings/${MEETING}/documents`, A],
      ["/questions/Q3-20", RQ3],
      [`/review/${id}`, RQ3],
      [`/review/${lateId}`, RQ3],
      [`/meetings/${MEETING}/late-report`, SEC],
      ["/secretariat/audit", SEC],
      ["/outbox", A],
    ];
    const RAW = [/<script>alert\(/i, /<img src=x onerror/i, /<svg onload/i, /<b onmouseover/i];
    for (const [url, who] of pages) {
      const res = await send(srv, "GET", url, { cookie: cookie[who] });
      expect(res.status, url).toBe(200);
      const html = res.text();
      for (const raw of RAW) expect(html, `${url}: ${raw}`).not.toMatch(raw);
      if (!url.startsWith("/secretariat") && !url.startsWith("/outbox")) expect(html, `${url} shows the text, escaped`).toMatch(/&lt;script&gt;alert\(/);
    }

    const csvs: Array<[string, string]> = [
      ["/api/v1/questions/Q3-20/contributions?format=csv", RQ3],
      [`/api/v1/meetings/${MEETING}/late-report?format=csv`, SEC],
      ["/api/v1/audit?format=csv", SEC],
    ];
    for (const [url, who] of csvs) {
      const res = await send(srv, "GET", url, { token: token[who] });
      expect(res.status, url).toBe(200);
      const rows = parseCsv(res.text().replace(/^\uFEFF/, ""), { relax_column_count: true }) as string[][];
      const cells = rows.flat();
      expect(cells.filter((cell) => /^[=+\-@\t\r]/.test(cell)), `${url}: cells that would start a formula`).toEqual([]);
      if (!url.includes("audit")) expect(cells.some((cell) => cell.startsWith("'=HYPERLINK(")), `${url} holds the title, neutralised`).toBe(true);
    }
    const lateCsv = (await send(srv, "GET", `/api/v1/meetings/${MEETING}/late-report?format=csv`, { token: token[SEC] })).text();
    expect(lateCsv).toContain("'=1+1 <script>");
    expect(lateCsv).toContain("'@SUM(1) <svg onload=alert(2)>.pdf");
    expectBaselineIntact();
  });
});
