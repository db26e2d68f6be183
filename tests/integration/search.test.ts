// Search inside the documents and comparing versions, on real SQLite (FTS5) and real files through the route handlers:
// found exactly as reading allows (a late request awaiting a decision, a withdrawn document, a pending late revision),
// ranked, highlighted, filtered, in English and Russian, FTS5 syntax taken as words; and the diff of two versions.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadActor } from "@/lib/data/actor";
import { compareVersions } from "@/lib/data/compare";
import { getContribution } from "@/lib/data/contributions";
import { searchContributions } from "@/lib/data/search";
import { runOneTextJob } from "@/lib/jobs/text-extraction";
import { stopExtractorThread } from "@/lib/text/extractor";
import { pinClock } from "@/lib/time/clock";
import type { Actor } from "@/lib/auth/permissions";
import * as searchRoute from "@/app/api/v1/search/route";
import * as diffRoute from "@/app/api/v1/contributions/[id]/diff/route";
import { freshEnv, SG20_DEADLINE, type TestEnv } from "../support/db";
import { makeDocxFromBody, makePlainDocx } from "../support/make-docx";
import { makeTextPdf } from "../support/make-pdf";
import {
  jsonOf,
  metadata,
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
  type Json,
} from "../support/api";

const RAPPORTEUR_Q6 = "rapporteur.q6@sg20.example";
const PEOPLE = [SWITZERLAND, TELCO, UNIVERSITY, RAPPORTEUR_Q3, RAPPORTEUR_Q6, SECRETARIAT] as const;

let env: TestEnv;
let tokens: Record<(typeof PEOPLE)[number], string>;
/** The scenario's documents by name: contribution id and version ids. */
const doc: Record<string, { id: number; versions: number[] }> = {};

function actor(email: string): Actor {
  return loadActor(userIdOf(env, email))!;
}

async function submit(as: string, name: string, paragraphs: string[], meta: Record<string, unknown> = {}, late = false): Promise<void> {
  const body = { metadata: metadata({ title: `Fixture ${name}`, ...meta }), file: { bytes: await makePlainDocx(paragraphs), name: `${name}.docx` } };
  const res = late ? await postLateRequest(as, body) : await postContribution(as, body);
  const json = await jsonOf(res);
  expect(res.status, JSON.stringify(json)).toBe(late ? 202 : 201);
  doc[name] = { id: json.id, versions: [json.versionId] };
}

async function revise(as: string, name: string, bytes: Buffer, fileName: string, opts: { late?: boolean; meta?: Record<string, unknown> } = {}): Promise<void> {
  const res = await postRevision(as, doc[name].id, { metadata: opts.meta ?? {}, file: { bytes, name: fileName } }, { asLateRequest: opts.late });
  const json = await jsonOf(res);
  expect(res.status, JSON.stringify(json)).toBe(opts.late ? 202 : 201);
  doc[name].versions.push(json.versionId);
}

async function drain(): Promise<void> {
  while (await runOneTextJob());
}

const ids = (email: string, q: string, filters = {}) => {
  const r = searchContributions(actor(email), q, { pageSize: 100, ...filters });
  if (!r.ok) throw new Error(r.key);
  return r.value.hits.map((h) => h.id).sort((a, b) => a - b);
};

async function apiSearch(token: string, query: string): Promise<{ status: number; body: Json }> {
  const res = await searchRoute.GET(new Request(`${ORIGIN}/api/v1/search?${query}`, { headers: { authorization: `Bearer ${token}` } }));
  return { status: res.status, body: await jsonOf(res) };
}

async function apiDiff(token: string, id: number, query: string): Promise<{ status: number; body: Json }> {
  const res = await diffRoute.GET(new Request(`${ORIGIN}/api/v1/contributions/${id}/diff?${query}`, { headers: { authorization: `Bearer ${token}` } }), {
    params: Promise.resolve({ id: String(id) }),
  });
  return { status: res.status, body: await jsonOf(res) };
}

beforeAll(async () => {
  env = await freshEnv();
  tokens = await tokensFor(PEOPLE);
  const A = tokens[SWITZERLAND];
  const B = tokens[TELCO];
  // Before the cutoff: admitted documents.
  await submit(A, "a1", ["Alpha quetzal gateway architecture.", "Second paragraph of the original."], { questions: ["Q3/20"] });
  await submit(B, "b6", ["Bravo quetzal for security.", "Интернет вещей и умный город."], { questions: ["Q6/20"], title: "Fixture b6 trust" });
  await submit(A, "aw", ["Withdrawnword quetzal, soon withdrawn."], { questions: ["Q3/20"] });
  await submit(B, "rank-body", ["Rankword appears here in the body only.", "Filler text about other things."], { questions: ["Q3/20"], title: "Fixture body match" });
  await submit(B, "rank-title", ["Nothing special in this body."], { questions: ["Q3/20"], title: "Rankword in the title" });
  await submit(A, "accents", ["The café résumé of Ёлкино.", "Naïve coöperation."], { questions: ["Q3/20"] });
  // A's original, then Rev.1 before the cutoff.
  await revise(A, "a1", await makePlainDocx(["Alpha quetzal gateway architecture, revised.", "Second paragraph of the revision."]), "a1-rev1.docx");
  const withdrawn = await postWithdrawal(A, doc.aw.id, { reason: "Merged into another" });
  expect(withdrawn.status).toBe(200);
  // After the cutoff: A's late request (new) and a late revision of a1 (pending).
  pinClock(SG20_DEADLINE + 3_600_000);
  await submit(A, "late", ["Latecomer quetzal awaiting a decision."], { questions: ["Q3/20"], explanation: "Outage" }, true);
  await revise(A, "a1", await makePlainDocx(["Alpha quetzal gateway architecture, revised again with pendingrev."]), "a1-rev2.docx", { late: true });
  await drain();
}, 120_000);

afterAll(async () => {
  await stopExtractorThread();
  env.cleanup();
});

describe("scoped exactly like reading", () => {
  it("a late request awaiting a decision is found only by its organisation, its Question's rapporteur and the secretariat", () => {
    for (const who of PEOPLE) expect(ids(who, "latecomer"), who).toEqual([SWITZERLAND, RAPPORTEUR_Q3, SECRETARIAT].includes(who) ? [doc.late.id] : []);
  });

  it("a withdrawn document likewise", () => {
    for (const who of PEOPLE) expect(ids(who, "withdrawnword"), who).toEqual([SWITZERLAND, RAPPORTEUR_Q3, SECRETARIAT].includes(who) ? [doc.aw.id] : []);
  });

  it("a pending late revision's text is found only by those who may open that version; its contribution's other versions by all", () => {
    for (const who of PEOPLE) expect(ids(who, "pendingrev"), who).toEqual([SWITZERLAND, RAPPORTEUR_Q3, SECRETARIAT].includes(who) ? [doc.a1.id] : []);
    for (const who of PEOPLE) expect(ids(who, "alpha"), who).toEqual([doc.a1.id]);
  });

  it("for every account, what search finds is what that account may open, version by version", () => {
    for (const who of PEOPLE) {
      const a = actor(who);
      const r = searchContributions(a, "quetzal", { pageSize: 100 });
      if (!r.ok) throw new Error(r.key);
      const everything = Object.values(doc).map((d) => d.id);
      const readable = everything.filter((id) => getContribution(a, id).ok);
      const quetzal = readable.filter((id) => [doc.a1.id, doc.b6.id, doc.aw.id, doc.late.id].includes(id)).sort((x, y) => x - y);
      expect(r.value.hits.map((h) => h.id).sort((x, y) => x - y), who).toEqual(quetzal);
      for (const hit of r.value.hits) {
        const c = getContribution(a, hit.id);
        expect(c.ok && c.value.versions.some((v) => v.id === hit.versionId), `${who}: version ${hit.versionId}`).toBe(true);
      }
    }
  });

  it("the API answers the same, and refuses no one with a 403: without a session it is 401", async () => {
    const b = await apiSearch(tokens[TELCO], "q=latecomer");
    expect(b).toMatchObject({ status: 200, body: { total: 0, results: [] } });
    const a = await apiSearch(tokens[SWITZERLAND], "q=latecomer");
    expect(a.status).toBe(200);
    expect(a.body.results).toHaveLength(1);
    expect(a.body.results[0]).toMatchObject({ id: doc.late.id, displayNumber: "(no number yet)", title: "Fixture late", status: "late_request" });
    expect(a.body.results[0].snippet).toContain("Latecomer quetzal");
    expect((await apiSearch("ctk_not-a-token", "q=quetzal")).status).toBe(401);
  });
});

describe("ranking, snippets, languages", () => {
  it("a word in the title ranks above the same word in the body", () => {
    const r = searchContributions(actor(RAPPORTEUR_Q3), "rankword");
    expect(r.ok && r.value.hits.map((h) => h.id)).toEqual([doc["rank-title"].id, doc["rank-body"].id]);
  });

  it("marks the matches in the snippet, and only them", () => {
    const r = searchContributions(actor(TELCO), "security");
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const parts = r.value.hits[0].snippet;
    expect(parts.filter((p) => p.match).map((p) => p.text.toLowerCase())).toEqual(["security"]);
    expect(parts.map((p) => p.text).join("")).toContain("Bravo quetzal for security.");
  });

  it("cuts each result's snippet from its own document, when many match", () => {
    const r = searchContributions(actor(SECRETARIAT), "quetzal");
    if (!r.ok) throw new Error(r.key);
    const own: Record<number, string> = { [doc.a1.id]: "Alpha", [doc.b6.id]: "Bravo", [doc.aw.id]: "Withdrawnword", [doc.late.id]: "Latecomer" };
    expect(r.value.hits).toHaveLength(4);
    for (const hit of r.value.hits) expect(hit.snippet.map((p) => p.text).join(""), `result ${hit.id}`).toContain(own[hit.id]);
  });

  it("finds Russian words, folds accents and ё, and says which version matched", () => {
    expect(ids(UNIVERSITY, "интернет ВЕЩЕЙ")).toEqual([doc.b6.id]);
    expect(ids(UNIVERSITY, "cafe resume")).toEqual([doc.accents.id]);
    expect(ids(UNIVERSITY, "ёлкино")).toEqual([doc.accents.id]);
    expect(ids(UNIVERSITY, "naive cooperation")).toEqual([doc.accents.id]);
    const rev = searchContributions(actor(UNIVERSITY), '"Second paragraph of the revision"');
    expect(rev.ok && rev.value.hits.map((h) => [h.id, h.versionLabel])).toEqual([[doc.a1.id, "Rev.1"]]);
    const orig = searchContributions(actor(UNIVERSITY), '"Second paragraph of the original"');
    expect(orig.ok && orig.value.hits.map((h) => [h.id, h.versionLabel])).toEqual([[doc.a1.id, ""]]);
  });

  it("takes FTS5 syntax as words: never an error, and an empty result says so", async () => {
    for (const q of ['NOT "quetzal', "quetzal AND", "title:quetzal", "(quetzal*", "^quetzal -", "NEAR(quetzal gateway)"]) {
      const res = await apiSearch(tokens[SECRETARIAT], `q=${encodeURIComponent(q)}`);
      expect(res.status, q).toBe(200);
    }
    expect((await apiSearch(tokens[SECRETARIAT], "q=nothingmatchesthis")).body).toMatchObject({ total: 0, results: [] });
    expect((await apiSearch(tokens[SECRETARIAT], "q=*")).body).toMatchObject({ terms: [], total: 0, results: [] });
    const empty = await apiSearch(tokens[SECRETARIAT], "q=");
    expect(empty.status).toBe(422);
    expect(empty.body.code).toBe("invalid");
    expect((await apiSearch(tokens[SECRETARIAT], `q=${"x".repeat(201)}`)).status).toBe(422);
    // Pages are the lists' (one rule, lib/validation/paging.ts), with search's last page.
    const deep = await apiSearch(tokens[SECRETARIAT], "q=quetzal&page=10001");
    expect([deep.status, deep.body.fields?.page]).toEqual([422, "The page is at most 10000."]);
    expect((await apiSearch(tokens[SECRETARIAT], "q=quetzal&page=10000")).body).toMatchObject({ page: 10000, pageSize: 20, results: [] });
  });
});

describe("filters", () => {
  it("by Question, meeting and state", async () => {
    expect(ids(SECRETARIAT, "quetzal", { question: "Q6-20" })).toEqual([doc.b6.id]);
    expect(ids(SECRETARIAT, "quetzal", { question: "Q3/20" })).toEqual([doc.a1.id, doc.aw.id, doc.late.id].sort((a, b) => a - b));
    expect(ids(SECRETARIAT, "quetzal", { state: "withdrawn" })).toEqual([doc.aw.id]);
    expect(ids(SECRETARIAT, "quetzal", { state: "late_request" })).toEqual([doc.late.id]);
    expect(ids(SECRETARIAT, "quetzal", { meeting: "SG20-2020-07" })).toHaveLength(4);
    expect(ids(SECRETARIAT, "quetzal", { meeting: "SG99-1999-01" })).toEqual([]);
    const api = await apiSearch(tokens[RAPPORTEUR_Q3], "q=quetzal&question=Q3-20&state=active");
    expect(api.body.results.map((r: Json) => r.id)).toEqual([doc.a1.id]);
    expect((await apiSearch(tokens[RAPPORTEUR_Q3], "q=quetzal&state=bogus")).status).toBe(422);
  });

  it("pages through the results, with the total on every page", () => {
    const first = searchContributions(actor(SECRETARIAT), "fixture", { pageSize: 2 });
    const third = searchContributions(actor(SECRETARIAT), "fixture", { pageSize: 2, page: 3 });
    const far = searchContributions(actor(SECRETARIAT), "fixture", { pageSize: 2, page: 50 });
    if (!first.ok || !third.ok || !far.ok) throw new Error("search failed");
    // Every fixture's title says "Fixture" but one ("Rankword in the title").
    expect(first.value.total).toBe(Object.keys(doc).length - 1);
    expect(first.value.hits).toHaveLength(2);
    expect(third.value.total).toBe(first.value.total);
    expect(far.value).toMatchObject({ total: first.value.total, hits: [] });
  });

  it("pages in the order of every match ranked at once: best version's score, then id; the latest of equal versions", () => {
    // The reference ranks every matching version the secretariat may read (it reads all), with no early stop.
    const all = env.db.$client
      .prepare(
        `SELECT v.contribution_id AS id, search_index.rowid AS versionId, bm25(search_index, 10, 4, 6, 3, 1) AS score, v.received_at AS receivedAt
         FROM search_index JOIN contribution_versions v ON v.id = search_index.rowid WHERE search_index MATCH 'fixture'`,
      )
      .all() as Array<{ id: number; versionId: number; score: number; receivedAt: number }>;
    const best = new Map<number, (typeof all)[number]>();
    for (const r of all) {
      const b = best.get(r.id);
      if (!b || r.score < b.score || (r.score === b.score && (r.receivedAt > b.receivedAt || (r.receivedAt === b.receivedAt && r.versionId > b.versionId)))) best.set(r.id, r);
    }
    const expected = [...best.values()].sort((a, b) => a.score - b.score || a.id - b.id).map((r) => [r.id, r.versionId]);
    expect(expected.length).toBeGreaterThan(5);
    for (const pageSize of [1, 2, 3, 50]) {
      const got: number[][] = [];
      for (let page = 1; got.length < expected.length && page <= expected.length; page++) {
        const r = searchContributions(actor(SECRETARIAT), "fixture", { pageSize, page });
        if (!r.ok) throw new Error(r.key);
        got.push(...r.value.hits.map((h) => [h.id, h.versionId]));
      }
      expect(got, `pageSize ${pageSize}`).toEqual(expected);
    }
  });

  it("among equally good matches: by id, and a contribution's latest version when two of its versions score the same", async () => {
    pinClock(SG20_DEADLINE - 3_600_000);
    const body = ["Twinword in a body written three times."];
    for (const name of ["twin1", "twin2", "twin3"]) await submit(tokens[TELCO], name, body, { questions: ["Q3/20"], title: "Twin paper" });
    // twin1's Rev.1 holds the very same text: its score equals the original's, and it is the newer of the two.
    await revise(tokens[TELCO], "twin1", await makePlainDocx(body), "twin1-rev1.docx");
    await drain();
    pinClock(SG20_DEADLINE + 3_600_000);
    const expected = [
      [doc.twin1.id, doc.twin1.versions[1]],
      [doc.twin2.id, doc.twin2.versions[0]],
      [doc.twin3.id, doc.twin3.versions[0]],
    ];
    for (const pageSize of [1, 2, 3]) {
      const got: number[][] = [];
      for (let page = 1; page <= 3; page++) {
        const r = searchContributions(actor(SECRETARIAT), "twinword", { pageSize, page });
        if (!r.ok) throw new Error(r.key);
        expect(r.value.total).toBe(3);
        got.push(...r.value.hits.map((h) => [h.id, h.versionId]));
      }
      expect(got, `pageSize ${pageSize}`).toEqual(expected);
    }
  });
});

describe("comparing two versions", () => {
  it("gives word-level parts from the original to Rev.1, to any member who may read both", async () => {
    const [original, rev1] = doc.a1.versions;
    const res = await apiDiff(tokens[UNIVERSITY], doc.a1.id, `from=${original}&to=${rev1}`);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ ready: true, from: { id: original, version: "original", text: { state: "done" } }, to: { id: rev1, version: "Rev.1" } });
    expect(res.body.parts).toEqual([
      { type: "unchanged", text: "Alpha quetzal gateway architecture" },
      { type: "added", text: ", revised" },
      { type: "unchanged", text: ".\nSecond paragraph of the " },
      { type: "removed", text: "original" },
      { type: "added", text: "revision" },
      { type: "unchanged", text: "." },
    ]);
  });

  it("a pending late revision is compared only by those who may read it: not_found for the others, as for nothing", async () => {
    const [, rev1, rev2] = doc.a1.versions;
    for (const who of PEOPLE) {
      const res = await apiDiff(tokens[who], doc.a1.id, `from=${rev1}&to=${rev2}`);
      expect(res.status, who).toBe([SWITZERLAND, RAPPORTEUR_Q3, SECRETARIAT].includes(who) ? 200 : 404);
    }
    const missing = await apiDiff(tokens[TELCO], 999_999, `from=${rev1}&to=${rev2}`);
    const hidden = await apiDiff(tokens[TELCO], doc.a1.id, `from=${rev1}&to=${rev2}`);
    expect(hidden.body).toEqual(missing.body);
  });

  it("two versions of different contributions are not a pair; ids that are not numbers are invalid", async () => {
    expect((await apiDiff(tokens[SECRETARIAT], doc.a1.id, `from=${doc.a1.versions[0]}&to=${doc.b6.versions[0]}`)).status).toBe(404);
    expect((await apiDiff(tokens[SECRETARIAT], doc.a1.id, "from=x&to=1")).status).toBe(422);
    expect((await apiDiff(tokens[SECRETARIAT], doc.a1.id, "to=1")).status).toBe(422);
  });

  it("says why when a text is not there: still pending, or a scan without text", async () => {
    pinClock(SG20_DEADLINE - 3_600_000);
    await submit(tokens[TELCO], "scan", ["A readable original."], { questions: ["Q3/20"] });
    await revise(tokens[TELCO], "scan", makeTextPdf([{ drawingOnly: true }]), "scan.pdf");
    const [original, scanned] = doc.scan.versions;
    const pending = compareVersions(actor(TELCO), doc.scan.id, original, scanned);
    expect(pending.ok && pending.value).toMatchObject({ ready: false, parts: [], to: { textState: "pending" } });
    await drain();
    const noText = compareVersions(actor(TELCO), doc.scan.id, original, scanned);
    expect(noText.ok && noText.value).toMatchObject({ ready: false, from: { textState: "done" }, to: { textState: "no_text", reason: "scanned" } });
  });

  it("a table row changed in one cell shows on its row", async () => {
    const table = (cell: string) =>
      makeDocxFromBody(`<w:tbl><w:tr><w:tc><w:p><w:r><w:t>Requirement R1</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>${cell}</w:t></w:r></w:p></w:tc></w:tr></w:tbl>`);
    pinClock(SG20_DEADLINE - 3_600_000);
    const res = await postContribution(tokens[TELCO], { metadata: metadata({ title: "Fixture table" }), file: { bytes: await table("mandatory"), name: "t.docx" } });
    const first = await jsonOf(res);
    const rev = await jsonOf(await postRevision(tokens[TELCO], first.id, { metadata: {}, file: { bytes: await table("optional"), name: "t1.docx" } }));
    await drain();
    const c = compareVersions(actor(TELCO), first.id, first.versionId, rev.versionId);
    expect(c.ok && c.value.parts).toEqual([
      { type: "unchanged", text: "Requirement R1 | " },
      { type: "removed", text: "mandatory" },
      { type: "added", text: "optional" },
    ]);
  });
});

describe("the index", () => {
  it("agrees with the tables after all of the above (FTS5 integrity-check)", () => {
    expect(() => env.db.$client.exec("INSERT INTO search_index(search_index, rank) VALUES ('integrity-check', 1)")).not.toThrow();
  });
});
