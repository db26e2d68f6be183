// Text extraction after the upload commits: the job made in the upload's transaction, the worker thread reading real
// DOCX, PDF and ZIP files, "no text" for scans, passwords, damage and the old .doc, the limits stopping a bomb, retries
// with back-off, a job interrupted by a crash taken again, and the FTS5 index kept exactly in step.
import { randomBytes } from "node:crypto";
import { readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { claimTextJob, MAX_ATTEMPTS, textQueueCounts } from "@/lib/data/text-jobs";
import { runOneTextJob } from "@/lib/jobs/text-extraction";
import { extractInThread, stopExtractorThread } from "@/lib/text/extractor";
import { DEFAULT_LIMITS } from "@/lib/text/extracted";
import { systemNow } from "@/lib/time/clock";
import { freshEnv, type TestEnv } from "../support/db";
import { makeDoc, makeDocxFromBody, makePlainDocx, makeZip } from "../support/make-docx";
import { longPdfPages, makeTextPdf } from "../support/make-pdf";
import { jsonOf, metadata, postContribution, postRevision, storedPathOf, SWITZERLAND, tokenFor } from "../support/api";

let env: TestEnv;
let token: string;

beforeAll(async () => {
  env = await freshEnv();
  token = await tokenFor(SWITZERLAND);
}, 60_000);

afterAll(async () => {
  await stopExtractorThread();
  env.cleanup();
});

type Row = { state: string; reason: string | null; text: string | null; attempts: number; truncated: number; chars: number | null; lease_until: number | null; next_attempt_at: number };

async function submit(bytes: Buffer, name: string, title = "Extraction fixture"): Promise<{ id: number; versionId: number; fileId: number }> {
  const res = await postContribution(token, { metadata: metadata({ title }), file: { bytes, name } });
  const body = await jsonOf(res);
  expect(res.status, JSON.stringify(body)).toBe(201);
  const fileId = (env.db.$client.prepare("SELECT file_id AS f FROM contribution_versions WHERE id = ?").get(body.versionId) as { f: number }).f;
  return { id: body.id, versionId: body.versionId, fileId };
}

function textRow(fileId: number): Row {
  return env.db.$client.prepare("SELECT * FROM file_texts WHERE file_id = ?").get(fileId) as Row;
}

async function drain(): Promise<string[]> {
  const outcomes: string[] = [];
  for (let r = await runOneTextJob(); r; r = await runOneTextJob()) outcomes.push(r.outcome);
  return outcomes;
}

function integrityCheck(): void {
  env.db.$client.exec("INSERT INTO search_index(search_index, rank) VALUES ('integrity-check', 1)");
}

function indexed(word: string): number[] {
  return (env.db.$client.prepare("SELECT rowid FROM search_index WHERE search_index MATCH ? ORDER BY rowid").all(`"${word}"`) as Array<{ rowid: number }>).map((r) => r.rowid);
}

describe("the job", () => {
  it("is made in the upload's own transaction, pending, and nothing is read on the request's path", async () => {
    const { fileId } = await submit(await makePlainDocx(["Quietly pending paragraph."]), "pending.docx");
    const row = textRow(fileId);
    expect(row).toMatchObject({ state: "pending", attempts: 0, text: null, lease_until: null });
    expect(indexed("quietly")).toEqual([]);
    await drain();
    expect(textRow(fileId).state).toBe("done");
  });
});

describe("reading real files in the worker thread", () => {
  it("a DOCX: paragraphs and tables in document order, tracked changes accepted, diacritics and Cyrillic kept", async () => {
    const body =
      `<w:p><w:r><w:t>Architecture of the café gateway.</w:t></w:r></w:p>` +
      `<w:p><w:r><w:t xml:space="preserve">Keep this </w:t></w:r><w:del w:id="1" w:author="A"><w:r><w:delText>deleted words </w:delText></w:r></w:del><w:ins w:id="2" w:author="A"><w:r><w:t>inserted words</w:t></w:r></w:ins></w:p>` +
      `<w:tbl><w:tr><w:tc><w:p><w:r><w:t>Row one A</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>Row one B</w:t></w:r></w:p></w:tc></w:tr>` +
      `<w:tr><w:tc><w:p><w:r><w:t>Row two A</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>Row two B</w:t></w:r></w:p></w:tc></w:tr></w:tbl>` +
      `<w:p><w:r><w:t>Интернет вещей и умные города.</w:t></w:r></w:p>`;
    const { fileId, versionId } = await submit(await makeDocxFromBody(body), "walker.docx");
    expect(await drain()).toEqual(["done"]);
    const row = textRow(fileId);
    expect(row.state).toBe("done");
    expect(row.text).toBe("Architecture of the café gateway.\nKeep this inserted words\nRow one A | Row one B\nRow two A | Row two B\nИнтернет вещей и умные города.");
    expect(row.chars).toBe(row.text!.length);
    expect(indexed("cafe")).toContain(versionId);
    expect(indexed("вещей")).toContain(versionId);
    expect(indexed("deleted")).not.toContain(versionId);
    integrityCheck();
  });

  it("a PDF's text layer, page by page; accents folded in the index", async () => {
    const { fileId, versionId } = await submit(makeTextPdf([["Quality of Service for the élite gateway."], ["Second page about résumé tokens."]]), "text.pdf");
    expect(await drain()).toEqual(["done"]);
    const row = textRow(fileId);
    expect(row.text).toContain("Quality of Service for the élite gateway.");
    expect(row.text).toContain("Second page about résumé tokens.");
    expect(row.text!.indexOf("Quality")).toBeLessThan(row.text!.indexOf("Second page"));
    expect(indexed("elite")).toContain(versionId);
    expect(indexed("resume")).toContain(versionId);
  });

  it("a ZIP of annexes: the text of its DOCX", async () => {
    const zip = await makeZip([
      { name: "annex/figure.png", data: Buffer.from("not really a picture") },
      { name: "annex/main.docx", data: await makePlainDocx(["Annexed liaison about zigbee commissioning."]) },
    ]);
    const { fileId, versionId } = await submit(zip, "annexes.zip");
    expect(await drain()).toEqual(["done"]);
    expect(textRow(fileId).text).toBe("Annexed liaison about zigbee commissioning.");
    expect(indexed("zigbee")).toContain(versionId);
  });

  it("is stored and numbered as ever, but marked no text: a scan, a password, damage, the old .doc", async () => {
    const cases: Array<[Buffer, string, string]> = [
      [makeTextPdf([{ drawingOnly: true }, { drawingOnly: true }]), "scan.pdf", "scanned"],
      [readFileSync(path.join(__dirname, "../support/fixtures/encrypted.pdf")), "locked.pdf", "encrypted"],
      [Buffer.concat([Buffer.from("%PDF-1.4\n"), randomBytes(20_000), Buffer.from("\n%%EOF\n")]), "damaged.pdf", "damaged"],
      [makeDoc(), "old.doc", "unsupported"],
    ];
    for (const [bytes, name, reason] of cases) {
      const { id, fileId } = await submit(bytes, name, `No text: ${name}`);
      const number = (env.db.$client.prepare("SELECT number FROM contributions WHERE id = ?").get(id) as { number: number | null }).number;
      expect(number, name).toBeGreaterThan(0);
      expect(await drain(), name).toEqual(["no_text"]);
      expect(textRow(fileId), name).toMatchObject({ state: "no_text", reason, text: null });
    }
    integrityCheck();
  });
});

describe("limits", () => {
  it("a bomb of a DOCX (90 MB of XML squeezed into 300 KB) is cut at the bounds, quickly, and what was read is kept", async () => {
    // The upload checks refuse this one (its compression ratio); the extraction must hold even so, for whatever
    // reached storage another way (an older server's checks, a restored backup). It is read in the place of a real file.
    const paragraph = "<w:p><w:r><w:t>Bomb paragraph with filler words repeated many times.</w:t></w:r></w:p>";
    const bomb = await makeDocxFromBody(paragraph.repeat(Math.ceil((90 * 1024 * 1024) / paragraph.length)));
    expect(bomb.length).toBeLessThan(2 * 1024 * 1024);
    const bombPath = path.join(env.dataDir, "bomb.docx");
    writeFileSync(bombPath, bomb);
    const { fileId } = await submit(await makePlainDocx(["Stands in for the bomb."]), "bomb.docx");
    const job = claimTextJob(systemNow(), 60_000)!;
    expect(job.fileId).toBe(fileId);
    const started = systemNow();
    const outcome = await extractInThread({ fileId, leaseUntil: job.leaseUntil, path: bombPath, kind: "docx", dbPath: path.join(env.dataDir, "tracker.db"), at: 0 });
    expect(outcome).toMatchObject({ kind: "stored", stored: true, state: "done" });
    const row = textRow(fileId);
    expect(row.truncated).toBe(1);
    expect(row.chars).toBeLessThanOrEqual(DEFAULT_LIMITS.maxChars);
    expect(row.text!.startsWith("Bomb paragraph with filler words")).toBe(true);
    // A generous bound that catches a runaway, not a benchmark.
    expect(systemNow() - started).toBeLessThan(60_000);
    integrityCheck();
  }, 120_000);

  it("a file that takes longer than the hard limit stops the thread: no text (limits), and the next file gets a new thread", async () => {
    const { fileId } = await submit(makeTextPdf(longPdfPages(200)), "slow.pdf", "A 200-page PDF");
    const job = claimTextJob(systemNow(), 60_000)!;
    expect(job.fileId).toBe(fileId);
    const outcome = await extractInThread(
      { fileId, leaseUntil: job.leaseUntil, path: storedPathOf(env, job.sha256), kind: job.kind, dbPath: path.join(env.dataDir, "tracker.db"), at: 0 },
      { ...DEFAULT_LIMITS, hardTimeMs: 5 },
    );
    expect(outcome).toEqual({ kind: "limits", why: "time" });
    // Given the whole budget, the same 200 pages are read whole, in a new thread (how long: the benchmark says).
    env.db.$client.prepare("UPDATE file_texts SET lease_until = NULL, attempts = 0 WHERE file_id = ?").run(fileId);
    const started = systemNow();
    expect(await drain()).toEqual(["done"]);
    // A generous bound that catches a runaway on a loaded machine, not a benchmark.
    expect(systemNow() - started).toBeLessThan(DEFAULT_LIMITS.hardTimeMs);
    const row = textRow(fileId);
    expect(row.text).toContain("Page 200 line 45");
    expect(row.truncated).toBe(0);
  }, 240_000);
});

describe("retries and crashes", () => {
  it("a failure is retried after a back-off, and given up after the last attempt", async () => {
    const { fileId } = await submit(makeTextPdf([["Soon gone from the disk."]]), "gone.pdf");
    const sha = (env.db.$client.prepare("SELECT sha256 FROM stored_files WHERE id = ?").get(fileId) as { sha256: string }).sha256;
    rmSync(storedPathOf(env, sha));
    expect(await runOneTextJob()).toEqual({ fileId, outcome: "retry" });
    const after = textRow(fileId);
    expect(after).toMatchObject({ state: "pending", attempts: 1, lease_until: null });
    expect(after.next_attempt_at).toBeGreaterThan(systemNow());
    // Not due yet: nothing to do.
    expect(await runOneTextJob()).toBeNull();
    expect(textQueueCounts()).toMatchObject({ retrying: 1 });
    for (let attempt = 2; attempt <= MAX_ATTEMPTS; attempt++) {
      env.db.$client.prepare("UPDATE file_texts SET next_attempt_at = 0 WHERE file_id = ?").run(fileId);
      expect((await runOneTextJob())?.outcome).toBe(attempt < MAX_ATTEMPTS ? "retry" : "failed");
    }
    expect(textRow(fileId)).toMatchObject({ state: "failed", attempts: MAX_ATTEMPTS });
  }, 60_000);

  it("a job claimed by a server that died is taken again once its lease runs out, never by two at once", async () => {
    const { fileId } = await submit(await makePlainDocx(["Interrupted by a crash."]), "crash.docx");
    const t = systemNow();
    const first = claimTextJob(t, 60_000)!;
    expect(first.fileId).toBe(fileId);
    // The server holding it "crashes": nobody else may take it during its lease…
    expect(claimTextJob(t + 1_000, 60_000)).toBeNull();
    // …and after it, the job is taken again, its attempt counted.
    const again = claimTextJob(t + 61_000, 60_000)!;
    expect(again).toMatchObject({ fileId, attempts: 2 });
    // The dead server's late result cannot overwrite the new holder's: its lease is gone.
    const late = await extractInThread({ fileId, leaseUntil: first.leaseUntil, path: storedPathOf(env, first.sha256), kind: "docx", dbPath: path.join(env.dataDir, "tracker.db"), at: 0 });
    expect(late).toMatchObject({ kind: "stored", stored: false });
    expect(textRow(fileId).state).toBe("pending");
    const owner = await extractInThread({ fileId, leaseUntil: again.leaseUntil, path: storedPathOf(env, again.sha256), kind: "docx", dbPath: path.join(env.dataDir, "tracker.db"), at: 0 });
    expect(owner).toMatchObject({ kind: "stored", stored: true, state: "done" });
    expect(textRow(fileId).text).toBe("Interrupted by a crash.");
  }, 60_000);
});

describe("the index follows the tables", () => {
  it("a revision's new title and text, and an organisation's new name, replace the old tokens exactly", async () => {
    const { id, versionId } = await submit(await makePlainDocx(["Original wording about lorawan."]), "orig.docx", "Gateway lorawan proposal");
    await drain();
    const res = await postRevision(token, id, { metadata: { title: "Gateway nbiot proposal" }, file: { bytes: await makePlainDocx(["Revised wording about nbiot."]), name: "rev1.docx" } });
    const rev = await jsonOf(res);
    expect(res.status, JSON.stringify(rev)).toBe(201);
    // Before its text is read, Rev.1 is found by its (new) title only.
    expect(indexed("nbiot")).toEqual(expect.arrayContaining([versionId, rev.versionId]));
    await drain();
    expect(indexed("lorawan")).toEqual([versionId]); // the original's text still says it; no title does
    expect(indexed("wording")).toEqual(expect.arrayContaining([versionId, rev.versionId]));
    env.db.$client.prepare("UPDATE organisations SET name = 'Confédération suisse OFCOM' WHERE id = (SELECT organisation_id FROM contributions WHERE id = ?)").run(id);
    expect(indexed("confederation")).toEqual(expect.arrayContaining([versionId, rev.versionId]));
    integrityCheck();
  }, 60_000);
});
