// The rapporteur's desk through the real route handlers: my Questions and their counts, the queue (filters, search,
// sorting, pages), CSV, the streamed ZIP, review states and comments, and who gets not_found.
import { spawnSync } from "node:child_process";
import { createWriteStream, mkdtempSync, rmSync, statSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import type { ReadableStream as WebReadableStream } from "node:stream/web";
import { parse } from "csv-parse/sync";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import yauzl from "yauzl";
import { TZDate } from "@date-fns/tz";
import { contributionVersions, extensions, meetings } from "@/db/schema";
import { pinClock } from "@/lib/time/clock";
import { loadActor } from "@/lib/data/actor";
import { getContribution } from "@/lib/data/contributions";
import { listMyQuestions, recordQuestionVisit, type MyQuestionDto } from "@/lib/data/review-questions";
import { listQuestionQueue } from "@/lib/data/review-queue";
import { getReviewPanel, listComments } from "@/lib/data/review-state";
import type { Actor } from "@/lib/auth/permissions";
import * as queueRoute from "@/app/api/v1/questions/[question]/contributions/route";
import * as zipRoute from "@/app/api/v1/questions/[question]/contributions.zip/route";
import * as reviewRoute from "@/app/api/v1/contributions/[id]/review/route";
import { freshEnv, SG20_DEADLINE, type TestEnv } from "../support/db";
import { makePdf, makeTemplateDocx } from "../support/make-docx";
import {
  ASSOCIATE_SG20,
  CONTACT,
  getFile,
  jsonOf,
  MEETING,
  ORIGIN,
  postContribution,
  postLateRequest,
  postRevision,
  postWithdrawal,
  RAPPORTEUR_Q3,
  SECRETARIAT,
  SWITZERLAND,
  TELCO,
  tokensFor,
  UNIVERSITY,
  userIdOf,
  organisationIdOf,
  type Json,
} from "../support/api";

const RAPPORTEUR_Q6 = "rapporteur.q6@sg20.example";
const at = (iso: string) => Date.parse(iso);
const HAS_UNZIP = !spawnSync("unzip", ["-v"]).error;

const CSV_HEADERS = [
  "Number",
  "Reference",
  "Title",
  "Source",
  "Questions",
  "Purpose",
  "Received (Geneva)",
  "Received (UTC ISO)",
  "Late",
  "Current version",
  "Review state",
  "Status",
];

let env: TestEnv;
let tmp: string;
let tokens: Record<string, string>;
/** The documents of the scenario, by letter: id and the bytes of each version sent. */
const doc: Record<string, { id: number; bytes: Buffer; rev1?: Buffer }> = {};

function actor(email: string): Actor {
  const a = loadActor(userIdOf(env, email));
  if (!a) throw new Error(`no actor for ${email}`);
  return a;
}

type Spec = { token: string; title: string; questions: string[]; purpose: string; abstract: string; keywords: string; bytes: Buffer; name: string };

async function submit(s: Spec, opts: { late?: boolean } = {}): Promise<Json> {
  const body = {
    metadata: { title: s.title, questions: s.questions, purpose: s.purpose, abstract: s.abstract, keywords: s.keywords, contacts: [CONTACT] },
    file: { bytes: s.bytes, name: s.name },
  };
  const res = opts.late ? await postLateRequest(s.token, body) : await postContribution(s.token, body);
  expect(res.status, JSON.stringify(await res.clone().json())).toBe(opts.late ? 202 : 201);
  return jsonOf(res);
}

// ---------------------------------------------------------------- calling the route handlers

function auth(token: string | null, headers: Record<string, string> = {}): Record<string, string> {
  return token ? { authorization: `Bearer ${token}`, ...headers } : headers;
}

function getQueue(token: string | null, question: string, query = ""): Promise<Response> {
  return queueRoute.GET(new Request(`${ORIGIN}/api/v1/questions/${question}/contributions${query}`, { headers: auth(token) }), {
    params: Promise.resolve({ question }),
  });
}

function getZip(token: string | null, question: string, query = ""): Promise<Response> {
  return zipRoute.GET(new Request(`${ORIGIN}/api/v1/questions/${question}/contributions.zip${query}`, { headers: auth(token) }), {
    params: Promise.resolve({ question }),
  });
}

const idParams = (id: number) => ({ params: Promise.resolve({ id: String(id) }) });

function getReview(token: string | null, id: number): Promise<Response> {
  return reviewRoute.GET(new Request(`${ORIGIN}/api/v1/contributions/${id}/review`, { headers: auth(token) }), idParams(id));
}

function putReview(token: string | null, id: number, body: unknown): Promise<Response> {
  const request = new Request(`${ORIGIN}/api/v1/contributions/${id}/review`, {
    method: "PUT",
    headers: auth(token, { "content-type": "application/json" }),
    body: JSON.stringify(body),
  });
  return reviewRoute.PUT(request, idParams(id));
}

function postComment(token: string | null, id: number, body: unknown): Promise<Response> {
  const request = new Request(`${ORIGIN}/api/v1/contributions/${id}/review`, {
    method: "POST",
    headers: auth(token, { "content-type": "application/json" }),
    body: JSON.stringify(body),
  });
  return reviewRoute.POST(request, idParams(id));
}

async function queueNumbers(token: string, query = ""): Promise<Array<number | null>> {
  const res = await getQueue(token, "Q3-20", query);
  expect(res.status).toBe(200);
  return ((await jsonOf(res)).contributions as Json[]).map((c) => c.number);
}

/** Reads every entry of a ZIP file with yauzl: name → bytes. */
function readZip(file: string): Promise<Map<string, Buffer>> {
  return new Promise((resolve, reject) => {
    yauzl.open(file, { lazyEntries: true }, (err, zip) => {
      if (err || !zip) return reject(err ?? new Error("no zip"));
      const out = new Map<string, Buffer>();
      zip.on("error", reject);
      zip.on("end", () => resolve(out));
      zip.on("entry", (entry: yauzl.Entry) => {
        zip.openReadStream(entry, (e, stream) => {
          if (e || !stream) return reject(e ?? new Error("no stream"));
          const chunks: Buffer[] = [];
          stream.on("data", (c: Buffer) => chunks.push(c));
          stream.on("error", reject);
          stream.on("end", () => {
            out.set(entry.fileName, Buffer.concat(chunks));
            zip.readEntry();
          });
        });
      });
      zip.readEntry();
    });
  });
}

/** Each entry's two timestamps: the DOS date and time fields, and the Info-ZIP "UT" extra field (UTC seconds). */
function zipEntryTimes(file: string): Promise<Array<{ name: string; utcSeconds: number; dos: Record<string, number> }>> {
  return new Promise((resolve, reject) => {
    yauzl.open(file, { lazyEntries: true }, (err, zip) => {
      if (err || !zip) return reject(err ?? new Error("no zip"));
      const out: Array<{ name: string; utcSeconds: number; dos: Record<string, number> }> = [];
      zip.on("error", reject);
      zip.on("end", () => resolve(out));
      zip.on("entry", (entry: yauzl.Entry) => {
        const ut = entry.extraFields.find((f) => f.id === 0x5455);
        const d = entry.lastModFileDate;
        const t = entry.lastModFileTime;
        out.push({
          name: entry.fileName,
          utcSeconds: ut ? ut.data.readInt32LE(1) : NaN,
          dos: { year: (d >> 9) + 1980, month: (d >> 5) & 0xf, day: d & 0x1f, hour: t >> 11, minute: (t >> 5) & 0x3f, second: (t & 0x1f) * 2 },
        });
        zip.readEntry();
      });
      zip.readEntry();
    });
  });
}

async function saveZip(res: Response, name: string): Promise<string> {
  const file = path.join(tmp, name);
  await pipeline(Readable.fromWeb(res.body as unknown as WebReadableStream), createWriteStream(file));
  return file;
}

function countsOf(email: string, code: string): MyQuestionDto["counts"] {
  const q = listMyQuestions(actor(email)).find((x) => x.code === code);
  if (!q) throw new Error(`${email} does not review ${code}`);
  return q.counts;
}

// ---------------------------------------------------------------- the scenario

/*
 * Before the deadline (23 June 2020, 24:00 Geneva):
 *   A  C1  Switzerland     Q3/20         Proposal     .docx, then Rev.1 after it was reviewed
 *   B  C2  Example Telecom Q3/20, Q6/20  Discussion   .pdf
 *   C  C3  University      Q6/20 only    Information  .pdf
 *   D  C4  Associate SG20  Q3/20         Information  .pdf, title starting with "="
 *   E  C5  Switzerland     Q3/20         Other        .pdf, withdrawn
 * After it:
 *   F  C6  Example Telecom Q3/20         Proposal     .pdf, admitted inside an extension: LATE
 *   H  --  University      Q3/20         Proposal     late request awaiting a decision
 *   G  --  University      Q6/20 only    Information  late request awaiting a decision
 */
beforeAll(async () => {
  env = await freshEnv({ at: at("2020-06-20T08:00:00.000Z") });
  tmp = mkdtempSync(path.join(os.tmpdir(), "review-test-"));
  tokens = await tokensFor([SWITZERLAND, TELCO, UNIVERSITY, ASSOCIATE_SG20, RAPPORTEUR_Q3, RAPPORTEUR_Q6, SECRETARIAT]);

  const aBytes = await makeTemplateDocx({ questions: "Q3/20", title: "Proposed requirements for IoT device onboarding", purpose: "Proposal" });
  pinClock(at("2020-06-20T08:00:00.000Z"));
  doc.A = {
    bytes: aBytes,
    id: (
      await submit({
        token: tokens[SWITZERLAND],
        title: "Proposed requirements for IoT device onboarding",
        questions: ["Q3/20"],
        purpose: "Proposal",
        abstract: "Requirements for zero-touch provisioning.",
        keywords: "IoT; onboarding",
        bytes: aBytes,
        name: "onboarding.docx",
      })
    ).id,
  };

  const specs: Array<[string, string, Omit<Spec, "bytes" | "name" | "token"> & { email: string }]> = [
    ["B", "2020-06-20T09:00:00.000Z", { email: TELCO, title: "Security architecture for smart meters", questions: ["Q3/20", "Q6/20"], purpose: "Discussion", abstract: "Threat model for metering.", keywords: "smart grid; security" }],
    ["C", "2020-06-20T10:00:00.000Z", { email: UNIVERSITY, title: "Trust framework for city data", questions: ["Q6/20"], purpose: "Information", abstract: "Trust anchors.", keywords: "trust" }],
    ["D", "2020-06-20T11:00:00.000Z", { email: ASSOCIATE_SG20, title: '=HYPERLINK("http://example.com","click")', questions: ["Q3/20"], purpose: "Information", abstract: "Covers 100% of the use cases.", keywords: "city platform" }],
    ["E", "2020-06-20T12:00:00.000Z", { email: SWITZERLAND, title: "To be withdrawn", questions: ["Q3/20"], purpose: "Other", abstract: "Superseded.", keywords: "draft" }],
  ];
  for (const [letter, when, s] of specs) {
    pinClock(at(when));
    const bytes = makePdf(`Contribution ${letter}: ${s.title}`);
    doc[letter] = { bytes, id: (await submit({ ...s, token: tokens[s.email], bytes, name: `${letter}.pdf` })).id };
  }

  pinClock(at("2020-06-21T07:00:00.000Z"));
  expect((await postWithdrawal(tokens[SWITZERLAND], doc.E.id, { reason: "Merged into C1" })).status).toBe(200);

  // The rapporteur reviews A's original; then Switzerland sends Rev.1.
  pinClock(at("2020-06-21T08:00:00.000Z"));
  expect((await putReview(tokens[RAPPORTEUR_Q3], doc.A.id, { state: "in_review" })).status).toBe(200);
  pinClock(at("2020-06-22T08:00:00.000Z"));
  const rev1 = await makeTemplateDocx({ questions: "Q3/20", title: "Proposed requirements for IoT device onboarding (Rev.1)", purpose: "Proposal" });
  const revised = await postRevision(tokens[SWITZERLAND], doc.A.id, { file: { bytes: rev1, name: "onboarding-rev1.docx" } });
  expect(revised.status).toBe(201);
  doc.A.rev1 = rev1;

  // After the cutoff: Telco inside an extension (admitted, LATE); the University only by late request.
  const meetingId = env.db.select().from(meetings).where(eq(meetings.code, MEETING)).get()!.id;
  env.db
    .insert(extensions)
    .values({
      meetingId,
      organisationId: organisationIdOf(env, TELCO),
      untilAt: at("2020-06-25T22:00:00.000Z"),
      reason: "Outage",
      grantedByUserId: userIdOf(env, SECRETARIAT),
      grantedAt: SG20_DEADLINE,
    })
    .run();
  const late: Array<[string, string, Omit<Spec, "bytes" | "name" | "token"> & { email: string }, boolean]> = [
    ["F", "2020-06-24T08:00:00.000Z", { email: TELCO, title: "Late but admitted results", questions: ["Q3/20"], purpose: "Proposal", abstract: "Test results.", keywords: "QoS" }, false],
    ["H", "2020-06-24T09:00:00.000Z", { email: UNIVERSITY, title: "Late request on QoS", questions: ["Q3/20"], purpose: "Proposal", abstract: "Late.", keywords: "QoS" }, true],
    ["G", "2020-06-24T10:00:00.000Z", { email: UNIVERSITY, title: "Late request on identity", questions: ["Q6/20"], purpose: "Information", abstract: "Late.", keywords: "identity" }, true],
  ];
  for (const [letter, when, s, asLate] of late) {
    pinClock(at(when));
    const bytes = makePdf(`Contribution ${letter}: ${s.title}`);
    doc[letter] = { bytes, id: (await submit({ ...s, token: tokens[s.email], bytes, name: `${letter}.pdf` }, { late: asLate })).id };
  }
  pinClock(at("2020-06-24T12:00:00.000Z"));
});

afterAll(() => {
  env.cleanup();
  rmSync(tmp, { recursive: true, force: true });
});

// ---------------------------------------------------------------- who sees what

describe("the queue of Q3/20 and who may see it", () => {
  it("shows the rapporteur of Q3/20 every contribution to Q3/20, and not the one only to Q6/20", async () => {
    const res = await getQueue(tokens[RAPPORTEUR_Q3], "Q3-20");
    expect(res.status).toBe(200);
    const body = await jsonOf(res);
    expect(body).toMatchObject({ question: "Q3/20", total: 6, page: 1, pageSize: 50 });
    const ids = (body.contributions as Json[]).map((c) => c.id);
    expect(ids).toEqual([doc.A.id, doc.B.id, doc.D.id, doc.E.id, doc.F.id, doc.H.id]);
    expect(ids).not.toContain(doc.C.id);
    expect(ids).not.toContain(doc.G.id);
  });

  it("describes each row: numbers, reference, receipt of the original, current version, LATE, review state", async () => {
    const rows = (await jsonOf(await getQueue(tokens[RAPPORTEUR_Q3], "Q3-20"))).contributions as Json[];
    const byId = new Map(rows.map((r) => [r.id, r]));
    expect(byId.get(doc.A.id)).toMatchObject({
      number: 1,
      displayNumber: "COM 20-C 1",
      reference: "T17-SG20-C-0001",
      source: "Switzerland (Confederation of) - OFCOM",
      questions: ["Q3/20"],
      receivedAt: "2020-06-20T08:00:00.000Z",
      receivedAtGeneva: "Sat 20 Jun 2020, 10:00:00 CEST (UTC+2)",
      currentVersion: "Rev.1",
      currentReceivedAt: "2020-06-22T08:00:00.000Z",
      late: false,
      reviewState: "in_review",
      revisedSinceReview: true,
      status: "active",
      purpose: "Proposal",
    });
    expect(byId.get(doc.B.id)).toMatchObject({ questions: ["Q3/20", "Q6/20"], currentVersion: "Original", reviewState: "new", revisedSinceReview: false });
    expect(byId.get(doc.E.id)).toMatchObject({ status: "withdrawn" });
    expect(byId.get(doc.F.id)).toMatchObject({ number: 6, late: true, status: "active" });
    expect(byId.get(doc.H.id)).toMatchObject({ number: null, reference: null, late: true, status: "late_request" });
  });

  it("accepts the Question URL-encoded, as a plain code, or in the short form", async () => {
    for (const param of ["Q3%2F20", "Q3/20", "q3-20"]) {
      const res = await getQueue(tokens[RAPPORTEUR_Q3], param);
      expect(res.status, param).toBe(200);
      expect((await jsonOf(res)).total).toBe(6);
    }
  });

  it("answers not_found for another rapporteur's Question, an unknown one, and to members", async () => {
    for (const [token, q] of [
      [tokens[RAPPORTEUR_Q3], "Q6-20"],
      [tokens[RAPPORTEUR_Q3], "Q99-20"],
      [tokens[RAPPORTEUR_Q6], "Q3-20"],
      [tokens[SWITZERLAND], "Q3-20"],
      [tokens[TELCO], "Q3-20"],
    ] as const) {
      const res = await getQueue(token, q);
      expect(res.status, `${q}`).toBe(404);
      expect((await jsonOf(res)).code).toBe("not_found");
      expect((await getZip(token, q)).status).toBe(404);
    }
    expect((await getQueue("not-a-token", "Q3-20")).status).toBe(401);
    expect((await getZip("not-a-token", "Q3-20")).status).toBe(401);
  });

  it("gives the secretariat every Question of SG20, and the Q6/20 queue", async () => {
    const codes = listMyQuestions(actor(SECRETARIAT)).map((q) => q.code);
    expect(codes).toEqual(["Q1/20", "Q2/20", "Q3/20", "Q4/20", "Q5/20", "Q6/20", "Q7/20"]);
    const res = await getQueue(tokens[SECRETARIAT], "Q6-20");
    expect(((await jsonOf(res)).contributions as Json[]).map((c) => c.id)).toEqual([doc.B.id, doc.C.id, doc.G.id]);
  });

  it("keeps a contribution only to Q6/20 out of the Q3/20 rapporteur's review, and an unadmitted one out of reach altogether", async () => {
    const q3 = actor(RAPPORTEUR_Q3);
    // C is admitted, so as a signed-in member the rapporteur may read it, but not review it.
    const c = getContribution(q3, doc.C.id);
    expect(c.ok && c.value.canReview).toBe(false);
    for (const res of [await getReview(tokens[RAPPORTEUR_Q3], doc.C.id), await putReview(tokens[RAPPORTEUR_Q3], doc.C.id, { state: "ready" }), await postComment(tokens[RAPPORTEUR_Q3], doc.C.id, { body: "Mine?" })]) {
      expect(res.status).toBe(404);
      expect((await jsonOf(res)).code).toBe("not_found");
    }
    expect(getReviewPanel(q3, doc.C.id)).toMatchObject({ ok: false, code: "not_found" });
    // G is a late request to Q6/20 only: not even its existence shows.
    expect(getContribution(q3, doc.G.id)).toMatchObject({ ok: false, code: "not_found" });
    expect((await getFile(tokens[RAPPORTEUR_Q3], doc.G.id)).status).toBe(404);
    expect((await getReview(tokens[RAPPORTEUR_Q3], doc.G.id)).status).toBe(404);
    // B is to Q3/20 and Q6/20: both rapporteurs review it.
    expect((await getReview(tokens[RAPPORTEUR_Q6], doc.B.id)).status).toBe(200);
    expect((await getReview(tokens[RAPPORTEUR_Q3], doc.B.id)).status).toBe(200);
  });
});

// ---------------------------------------------------------------- counts

describe("my Questions and their counts", () => {
  it("counts total, new, LATE, revised since reviewed and withdrawn for the rapporteur of Q3/20", () => {
    const mine = listMyQuestions(actor(RAPPORTEUR_Q3));
    expect(mine.map((q) => [q.code, q.slug, q.role])).toEqual([["Q3/20", "Q3-20", "Rapporteur"]]);
    expect(mine[0].counts).toEqual({ total: 5, new: 5, late: 2, revisedSinceReview: 1, withdrawn: 1 });
    expect(mine[0].lastVisitedAt).toBeNull();
  });

  it("counts the Q6/20 documents for the secretariat, with the late request", () => {
    expect(countsOf(SECRETARIAT, "Q6/20")).toEqual({ total: 3, new: 3, late: 1, revisedSinceReview: 0, withdrawn: 0 });
    expect(countsOf(SECRETARIAT, "Q1/20")).toEqual({ total: 0, new: 0, late: 0, revisedSinceReview: 0, withdrawn: 0 });
  });

  it("has nothing for a member", () => {
    expect(listMyQuestions(actor(SWITZERLAND))).toEqual([]);
    expect(recordQuestionVisit(actor(SWITZERLAND), "Q3-20")).toMatchObject({ ok: false, code: "not_found" });
  });
});

// ---------------------------------------------------------------- filters, search, sorting, pages

describe("filtering, searching, sorting and paging the queue", () => {
  it("filters by review state, LATE, revised since reviewed and purpose", async () => {
    expect(await queueNumbers(tokens[RAPPORTEUR_Q3], "?state=in_review")).toEqual([1]);
    expect(await queueNumbers(tokens[RAPPORTEUR_Q3], "?state=new")).toEqual([2, 4, 5, 6, null]);
    expect(await queueNumbers(tokens[RAPPORTEUR_Q3], "?late=1")).toEqual([6, null]);
    expect(await queueNumbers(tokens[RAPPORTEUR_Q3], "?revised=true")).toEqual([1]);
    expect(await queueNumbers(tokens[RAPPORTEUR_Q3], "?purpose=Discussion")).toEqual([2]);
    expect(await queueNumbers(tokens[RAPPORTEUR_Q3], "?purpose=Proposal&late=1")).toEqual([6, null]);
    expect(await queueNumbers(tokens[RAPPORTEUR_Q3], "?state=&purpose=&q=")).toHaveLength(6);
  });

  it("searches title, abstract, keywords and source, case-insensitively, with % and _ taken literally", async () => {
    expect(await queueNumbers(tokens[RAPPORTEUR_Q3], "?q=smart%20METERS")).toEqual([2]);
    expect(await queueNumbers(tokens[RAPPORTEUR_Q3], "?q=ONBOARDING")).toEqual([1]);
    expect(await queueNumbers(tokens[RAPPORTEUR_Q3], "?q=use%20cases")).toEqual([4]);
    expect(await queueNumbers(tokens[RAPPORTEUR_Q3], "?q=city%20platform")).toEqual([4]);
    expect(await queueNumbers(tokens[RAPPORTEUR_Q3], "?q=example%20telecom")).toEqual([2, 6]);
    expect(await queueNumbers(tokens[RAPPORTEUR_Q3], `?q=${encodeURIComponent("100%")}`)).toEqual([4]);
    expect(await queueNumbers(tokens[RAPPORTEUR_Q3], `?q=${encodeURIComponent("%")}`)).toEqual([4]);
    expect(await queueNumbers(tokens[RAPPORTEUR_Q3], `?q=${encodeURIComponent("_")}`)).toEqual([]);
    // Text of a Q6/20-only contribution is not found through Q3/20.
    expect(await queueNumbers(tokens[RAPPORTEUR_Q3], "?q=trust")).toEqual([]);
  });

  it("sorts by number, receipt, title and source, either way", async () => {
    expect(await queueNumbers(tokens[RAPPORTEUR_Q3], "?sort=number&dir=desc")).toEqual([6, 5, 4, 2, 1, null]);
    expect(await queueNumbers(tokens[RAPPORTEUR_Q3], "?sort=received&dir=desc")).toEqual([null, 6, 5, 4, 2, 1]);
    expect(await queueNumbers(tokens[RAPPORTEUR_Q3], "?sort=title")).toEqual([4, 6, null, 1, 2, 5]);
    expect(await queueNumbers(tokens[RAPPORTEUR_Q3], "?sort=source")).toEqual([2, 6, null, 4, 1, 5]);
  });

  it("pages in SQL and still gives the total past the last page", async () => {
    const page = async (n: number) => jsonOf(await getQueue(tokens[RAPPORTEUR_Q3], "Q3-20", `?pageSize=2&page=${n}`));
    const pages = await Promise.all([1, 2, 3, 4].map(page));
    expect(pages.map((p) => (p.contributions as Json[]).map((c) => c.number))).toEqual([[1, 2], [4, 5], [6, null], []]);
    expect(pages.map((p) => p.total)).toEqual([6, 6, 6, 6]);
    expect(pages[1]).toMatchObject({ page: 2, pageSize: 2 });
  });

  it("refuses filters it does not understand, and a page size over 200", async () => {
    for (const query of ["?pageSize=500", "?page=0", "?state=done", "?sort=colour", "?late=maybe", "?purpose=Gossip", "?format=xml"]) {
      const res = await getQueue(tokens[RAPPORTEUR_Q3], "Q3-20", query);
      expect(res.status, query).toBe(422);
      expect((await jsonOf(res)).code).toBe("invalid");
    }
    const direct = listQuestionQueue(actor(RAPPORTEUR_Q3), "Q3/20", { pageSize: 10_000 });
    expect(direct.ok && direct.value.pageSize).toBe(200);
  });
});

// ---------------------------------------------------------------- CSV

describe("the CSV export", () => {
  it("has the headers and a row per matching contribution, with a formula-like title neutralised", async () => {
    const res = await getQueue(tokens[RAPPORTEUR_Q3], "Q3-20", "?format=csv");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(res.headers.get("content-disposition")).toBe('attachment; filename="Q3-20-contributions.csv"');
    const text = await res.text();
    const [headers, ...rows] = parse(text, { bom: true }) as string[][];
    expect(headers).toEqual(CSV_HEADERS);
    expect(rows).toHaveLength(6);
    const records = parse(text, { bom: true, columns: true }) as Array<Record<string, string>>;
    expect(records[0]).toEqual({
      Number: "COM 20-C 1",
      Reference: "T17-SG20-C-0001",
      Title: "Proposed requirements for IoT device onboarding",
      Source: "Switzerland (Confederation of) - OFCOM",
      Questions: "Q3/20",
      Purpose: "Proposal",
      "Received (Geneva)": "Sat 20 Jun 2020, 10:00:00 CEST (UTC+2)",
      "Received (UTC ISO)": "2020-06-20T08:00:00.000Z",
      Late: "on time",
      "Current version": "Rev.1",
      "Review state": "In review",
      Status: "Admitted",
    });
    expect(records[1].Questions).toBe("Q3/20; Q6/20");
    expect(records[2].Title).toBe(`'=HYPERLINK("http://example.com","click")`);
    expect(records[3]).toMatchObject({ Reference: "T17-SG20-C-0005", Status: "Withdrawn" });
    expect(records[4]).toMatchObject({ Reference: "T17-SG20-C-0006", Late: "LATE", "Received (UTC ISO)": "2020-06-24T08:00:00.000Z" });
    expect(records[5]).toMatchObject({ Number: "", Reference: "", Late: "LATE", Status: "Late request, awaiting decision" });
  });

  it("follows the filters, without paging", async () => {
    const text = await (await getQueue(tokens[RAPPORTEUR_Q3], "Q3-20", "?format=csv&late=1&pageSize=1")).text();
    const records = parse(text, { bom: true, columns: true }) as Array<Record<string, string>>;
    expect(records.map((r) => r.Title)).toEqual(["Late but admitted results", "Late request on QoS"]);
  });

  it("is not_found for a member", async () => {
    expect((await getQueue(tokens[SWITZERLAND], "Q3-20", "?format=csv")).status).toBe(404);
  });
});

// ---------------------------------------------------------------- ZIP

describe("the ZIP of current versions", () => {
  it("streams the current version of every admitted contribution, named by reference and revision, byte for byte", async (ctx) => {
    const res = await getZip(tokens[RAPPORTEUR_Q3], "Q3-20");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("application/zip");
    expect(res.headers.get("content-disposition")).toMatch(/^attachment; filename="Q3-20-contributions\.zip"/);
    const file = await saveZip(res, "all.zip");
    expect(Number(res.headers.get("content-length"))).toBe(statSync(file).size);

    const entries = await readZip(file);
    expect([...entries.keys()]).toEqual(["T17-SG20-C-0001-R1.docx", "T17-SG20-C-0002.pdf", "T17-SG20-C-0004.pdf", "T17-SG20-C-0006.pdf"]);
    expect(entries.get("T17-SG20-C-0001-R1.docx")!.equals(doc.A.rev1!)).toBe(true);
    expect(entries.get("T17-SG20-C-0002.pdf")!.equals(doc.B.bytes)).toBe(true);
    expect(entries.get("T17-SG20-C-0004.pdf")!.equals(doc.D.bytes)).toBe(true);
    expect(entries.get("T17-SG20-C-0006.pdf")!.equals(doc.F.bytes)).toBe(true);

    if (!HAS_UNZIP) {
      ctx.skip("the unzip binary is not installed (CI installs it with apt-get install -y unzip): unzip -t not run");
      return;
    }
    const check = spawnSync("unzip", ["-t", file], { encoding: "utf8" });
    expect(check.status, check.stdout + check.stderr).toBe(0);
    expect(check.stdout).toMatch(/No errors detected/);
  });

  it("is the same file whatever the server's time zone: each entry carries the UTC instant and the Geneva wall time of its receipt", async () => {
    const original = process.env.TZ;
    const under = async (tz: string) => {
      // Node reads TZ again when it is assigned: Date's local-time methods follow it from here on.
      process.env.TZ = tz;
      const res = await getZip(tokens[RAPPORTEUR_Q3], "Q3-20");
      expect(res.status).toBe(200);
      return Buffer.from(await res.arrayBuffer());
    };
    let utc: Buffer;
    try {
      utc = await under("UTC");
      for (const tz of ["Asia/Tokyo", "America/New_York", "Europe/Zurich"]) expect((await under(tz)).equals(utc), tz).toBe(true);
    } finally {
      if (original === undefined) delete process.env.TZ;
      else process.env.TZ = original;
    }
    const file = path.join(tmp, "tz.zip");
    writeFileSync(file, utc);
    const received = new Set(env.db.select({ at: contributionVersions.receivedAt }).from(contributionVersions).all().map((v) => Math.floor(v.at / 1000)));
    const times = await zipEntryTimes(file);
    expect(times).toHaveLength(4);
    for (const t of times) {
      // The Info-ZIP "UT" field: the receipt instant, in UTC seconds.
      expect(received.has(t.utcSeconds), t.name).toBe(true);
      // The DOS field: that instant's wall time in Geneva (to DOS's two seconds), not the server's.
      const geneva = new TZDate(t.utcSeconds * 1000, "Europe/Zurich");
      expect(t.dos, t.name).toEqual({
        year: geneva.getFullYear(),
        month: geneva.getMonth() + 1,
        day: geneva.getDate(),
        hour: geneva.getHours(),
        minute: geneva.getMinutes(),
        second: geneva.getSeconds() - (geneva.getSeconds() % 2),
      });
    }
  });

  it("with since, holds only what was added or revised at or after that instant", async () => {
    const names = async (since: string) => {
      const res = await getZip(tokens[RAPPORTEUR_Q3], "Q3%2F20", `?since=${encodeURIComponent(since)}`);
      expect(res.status).toBe(200);
      return [...(await readZip(await saveZip(res, `since-${Date.parse(since)}.zip`))).keys()];
    };
    expect(await names("2020-06-22T08:00:00.000Z")).toEqual(["T17-SG20-C-0001-R1.docx", "T17-SG20-C-0006.pdf"]);
    expect(await names("2020-06-22T10:00:00.001+02:00")).toEqual(["T17-SG20-C-0006.pdf"]);
    expect(await names("2020-07-01T00:00:00Z")).toEqual([]);
  });

  it("refuses a since that is not an instant", async () => {
    for (const since of ["yesterday", "2020-06-22T08:00"]) {
      const res = await getZip(tokens[RAPPORTEUR_Q3], "Q3-20", `?since=${encodeURIComponent(since)}`);
      expect(res.status, since).toBe(422);
    }
  });
});

// ---------------------------------------------------------------- review state and comments

describe("review state and comments", () => {
  it("keeps comments for the reviewers, and shows the shared ones to the submitter", async () => {
    const shared = await postComment(tokens[RAPPORTEUR_Q3], doc.A.id, { body: "  Please align the terms with Y.4000.  ", sharedWithSubmitter: true });
    expect(shared.status).toBe(201);
    expect(await jsonOf(shared)).toMatchObject({ body: "Please align the terms with Y.4000.", sharedWithSubmitter: true, author: "Li Wei (Rapporteur Q3/20)", at: "2020-06-24T12:00:00.000Z" });
    pinClock(at("2020-06-24T12:01:00.000Z"));
    const internal = await postComment(tokens[RAPPORTEUR_Q3], doc.A.id, { body: "Overlaps with C4; merge at the meeting?" });
    expect(internal.status).toBe(201);
    expect((await jsonOf(internal)).sharedWithSubmitter).toBe(false);

    const own = getContribution(actor(SWITZERLAND), doc.A.id);
    expect(own.ok && own.value.sharedComments.map((c) => c.body)).toEqual(["Please align the terms with Y.4000."]);
    const all = listComments(actor(SECRETARIAT), doc.A.id);
    expect(all.ok && all.value.map((c) => [c.body, c.sharedWithSubmitter])).toEqual([
      ["Please align the terms with Y.4000.", true],
      ["Overlaps with C4; merge at the meeting?", false],
    ]);
    expect(listComments(actor(SWITZERLAND), doc.A.id)).toMatchObject({ ok: false, code: "not_found" });
    expect(listComments(actor(RAPPORTEUR_Q6), doc.A.id)).toMatchObject({ ok: false, code: "not_found" });
  });

  it("shows the panel with state, comments and the contribution's history", async () => {
    const res = await getReview(tokens[RAPPORTEUR_Q3], doc.A.id);
    expect(res.status).toBe(200);
    const panel = await jsonOf(res);
    expect(panel).toMatchObject({ contributionId: doc.A.id, state: "in_review", revisedSinceReview: true, updatedBy: "Li Wei (Rapporteur Q3/20)" });
    expect(panel.comments).toHaveLength(2);
    expect((panel.history as Json[]).map((h) => h.action)).toEqual(["contribution.submit", "review.state", "contribution.revise", "review.comment", "review.comment"]);
    expect(panel.history[1]).toMatchObject({ actor: "Li Wei (Rapporteur Q3/20)", at: "2020-06-21T08:00:00.000Z", details: { from: "new", to: "in_review" } });
    expect(panel.history[1].atGeneva).toBe("Sun 21 Jun 2020, 10:00:00 CEST (UTC+2)");
  });

  it("setting the state again marks the current version reviewed: no longer revised since review", async () => {
    const res = await putReview(tokens[SECRETARIAT], doc.A.id, { state: "ready" });
    expect(res.status).toBe(200);
    const panel = getReviewPanel(actor(RAPPORTEUR_Q3), doc.A.id);
    if (!panel.ok) throw new Error(panel.key);
    expect(panel.value).toMatchObject({ state: "ready", revisedSinceReview: false, updatedBy: "Anna Keller (TSB, SG20 counsellor)" });
    expect(panel.value.reviewedVersionId).toBe(panel.value.currentVersionId);
    expect(countsOf(RAPPORTEUR_Q3, "Q3/20").revisedSinceReview).toBe(0);
    expect(await queueNumbers(tokens[RAPPORTEUR_Q3], "?state=ready")).toEqual([1]);
  });

  it("refuses an unknown state, an empty comment, and a state for a withdrawn contribution", async () => {
    expect((await putReview(tokens[RAPPORTEUR_Q3], doc.A.id, { state: "approved" })).status).toBe(422);
    expect((await postComment(tokens[RAPPORTEUR_Q3], doc.A.id, { body: "   " })).status).toBe(422);
    const withdrawn = await putReview(tokens[RAPPORTEUR_Q3], doc.E.id, { state: "ready" });
    expect(withdrawn.status).toBe(409);
    expect((await jsonOf(withdrawn)).code).toBe("conflict");
  });

  it("answers not_found to members on every review endpoint, even for their own contribution", async () => {
    for (const email of [SWITZERLAND, TELCO]) {
      for (const res of [await getReview(tokens[email], doc.A.id), await putReview(tokens[email], doc.A.id, { state: "ready" }), await postComment(tokens[email], doc.A.id, { body: "Me too" })]) {
        expect(res.status).toBe(404);
        expect(await jsonOf(res)).toEqual({ code: "not_found", message: "There is no such document, or you do not have access to it." });
      }
    }
    expect((await getReview("not-a-token", doc.A.id)).status).toBe(401);
    expect((await putReview("not-a-token", doc.A.id, { state: "ready" })).status).toBe(401);
    expect((await getReview(tokens[RAPPORTEUR_Q3], 999_999)).status).toBe(404);
  });
});

// ---------------------------------------------------------------- visits

describe("new since my last visit", () => {
  it("counts only what arrived after the rapporteur last opened the queue", async () => {
    expect(countsOf(RAPPORTEUR_Q3, "Q3/20").new).toBe(5);
    pinClock(at("2020-06-24T12:30:00.000Z"));
    expect(recordQuestionVisit(actor(RAPPORTEUR_Q3), "Q3-20")).toEqual({ ok: true, value: { visitedAt: at("2020-06-24T12:30:00.000Z") } });
    expect(countsOf(RAPPORTEUR_Q3, "Q3/20")).toMatchObject({ new: 0, total: 5 });
    // The secretariat's visits are their own.
    expect(countsOf(SECRETARIAT, "Q3/20").new).toBe(5);

    pinClock(at("2020-06-24T13:00:00.000Z"));
    const bytes = makePdf("Contribution I: more results");
    await submit({ token: tokens[TELCO], title: "More results", questions: ["Q3/20"], purpose: "Information", abstract: "More.", keywords: "QoS", bytes, name: "I.pdf" });
    const mine = listMyQuestions(actor(RAPPORTEUR_Q3))[0];
    expect(mine.counts).toMatchObject({ new: 1, total: 6, late: 3 });
    expect(mine.lastVisitedAt).toBe(at("2020-06-24T12:30:00.000Z"));
  });
});
