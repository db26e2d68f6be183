// Crash safety of the built server: SIGKILL mid-upload and mid-burst, restart, and nothing a client was told is lost.
//
// Durability settings, and why (db/client.ts, lib/files/storage.ts, lib/data/submissions.ts):
// - SQLite in WAL mode with synchronous=FULL: every commit fsyncs the WAL before COMMIT returns, and the
//   receipt is only sent after the commit, so a receipt survives a power cut, not just a process crash
//   (NORMAL would survive SIGKILL but could lose the last commits on power loss). WAL also lets pages, the
//   API and `npm run backup` read while an upload commits; busy_timeout=5000 queues concurrent writers.
// - A file is streamed to DATA_DIR/tmp while it is hashed, fsynced, renamed to files/aa/bb/<sha256> and its
//   directory fsynced BEFORE the transaction that writes its row commits: a committed row always has its file.
//   A crash in between leaves a temp file or a file without a row; both are swept when the next process
//   first opens the database (getDb), so after a restart no file lacks its row either.
// - The contribution number is max+1 inside the same IMMEDIATE transaction as the row, so a crash rolls back
//   the number with the row: numbers stay unique and gap-free.
// What this test cannot show: power loss (the fsyncs are what covers it), only the loss of the process.
import { afterAll, describe, expect, it } from "vitest";
import {
  inspectStore,
  killServer,
  memberTokens,
  MEETING,
  pdfLike,
  removeDir,
  request,
  seed,
  sha256,
  startServer,
  stopAllServers,
  stopServer,
  tempEntries,
  tempRoot,
  upload,
  type Receipt,
  type Server,
  type UploadOutcome,
} from "./server";
import path from "node:path";

const dirs: string[] = [];

afterAll(async () => {
  await stopAllServers();
  for (const dir of dirs) removeDir(dir);
});

async function freshServer(label: string, port: number): Promise<{ server: Server; dataDir: string; tokens: string[] }> {
  const root = tempRoot(label);
  dirs.push(root);
  const dataDir = path.join(root, "data");
  await seed(dataDir, port);
  const server = await startServer(dataDir, port);
  return { server, dataDir, tokens: await memberTokens(server) };
}

/** After a restart: the first request opens the database, which sweeps tmp/ and orphan files. */
async function restartAndCheck(dataDir: string, port: number, token: string, receipts: Receipt[]) {
  const server = await startServer(dataDir, port);
  const list = await request(server, "GET", `/api/v1/meetings/${MEETING}/contributions`, { token });
  expect(list.status, list.body.toString()).toBe(200);
  expect(tempEntries(dataDir)).toEqual([]);
  const report = inspectStore(dataDir, receipts);
  expect(report.integrity).toBe("ok");
  expect(report.receiptsMissing).toEqual([]);
  expect(report.rowsWithoutFile).toEqual([]);
  expect(report.filesWithoutRow).toEqual([]);
  expect(report.badHashes).toEqual([]);
  expect(report.duplicateNumbers).toEqual([]);
  // Every row of the meeting is numbered here (all on time), and every receipt is a row.
  expect(report.numbers.length).toBe(report.counts.contributions);
  expect(report.counts.contributions).toBeGreaterThanOrEqual(receipts.length);
  return { server, report };
}

/** What the restarted server swept (it logs it once, when it first opens the database). */
function sweepLine(server: Server): string {
  return /Storage sweep at start[^\n]*/.exec(server.output())?.[0] ?? "Storage sweep at start: nothing to remove.";
}

function receiptsOf(outcomes: UploadOutcome[]): Array<Extract<UploadOutcome, { kind: "receipt" }>> {
  return outcomes.filter((o): o is Extract<UploadOutcome, { kind: "receipt" }> => o.kind === "receipt");
}

describe("SIGKILL of the running server", () => {
  it("in the middle of slow 2 MB uploads: every receipt given survives with its file, nothing half-stored remains", async () => {
    const port = 3400;
    const { server, dataDir, tokens } = await freshServer("crash-uploads", port);
    const got: Receipt[] = [];
    let killed: Promise<void> | null = null;
    // 20 uploads at once, each sent in 64 KiB chunks with its own pace: the fastest takes ~0.3 s, the slowest ~6 s.
    const outcomes = await Promise.all(
      Array.from({ length: 20 }, async (_, i) => {
        const bytes = pdfLike(2 * 1024 * 1024, `slow-${i}`);
        const outcome = await upload(server, tokens[i % tokens.length], bytes, { title: `Slow upload ${i}`, chunkBytes: 64 * 1024, delayMs: 10 + 10 * i });
        if (outcome.kind === "receipt") {
          expect(outcome.receipt.sha256).toBe(sha256(bytes));
          got.push(outcome.receipt);
          if (got.length === 10) killed = killServer(server);
        }
        return outcome;
      }),
    );
    await killed;
    expect(killed, "the server was killed").not.toBeNull();
    const receipts = receiptsOf(outcomes).map((o) => o.receipt);
    const unanswered = outcomes.filter((o) => o.kind !== "receipt");
    expect(outcomes.filter((o) => o.kind === "refused"), "no upload was refused").toEqual([]);
    expect(receipts.length).toBeGreaterThanOrEqual(10);
    // The kill came while uploads were mid-body: they never got an answer and left temp files behind.
    expect(unanswered.length).toBeGreaterThan(0);
    expect(tempEntries(dataDir).length).toBeGreaterThan(0);

    const leftBehind = tempEntries(dataDir).length;
    const restarted = await restartAndCheck(dataDir, port, tokens[0], receipts);
    console.log(
      `[kill mid-upload] ${receipts.length} receipts, ${unanswered.length} unanswered, ${leftBehind} temp file(s) before the restart, ` +
        `${restarted.report.counts.contributions} rows after it. ${sweepLine(restarted.server)}`,
    );
    // A row may exist for an upload whose answer the kill swallowed, but never more rows than uploads.
    expect(restarted.report.counts.contributions).toBeLessThanOrEqual(20);
    await stopServer(restarted.server);
  });

  it("in the middle of a burst of 200 small uploads from 20 clients: same checks, and numbers 1..N without a gap", async () => {
    const port = 3401;
    const { server, dataDir, tokens } = await freshServer("crash-burst", port);
    const got: Receipt[] = [];
    let killed: Promise<void> | null = null;
    const outcomes: UploadOutcome[] = [];
    await Promise.all(
      Array.from({ length: 20 }, async (_, client) => {
        for (let k = 0; k < 10; k++) {
          const bytes = pdfLike(4096 + ((client * 10 + k) % 7) * 2048, `burst-${client}-${k}`);
          const outcome = await upload(server, tokens[client % tokens.length], bytes, { title: `Burst ${client}/${k}`, timeoutMs: 30_000 });
          outcomes.push(outcome);
          if (outcome.kind !== "receipt") return; // the server is gone: this client stops
          got.push(outcome.receipt);
          if (got.length === 100) killed = killServer(server);
        }
      }),
    );
    await killed;
    expect(killed, "the server was killed").not.toBeNull();
    const receipts = receiptsOf(outcomes).map((o) => o.receipt);
    expect(outcomes.filter((o) => o.kind === "refused"), "no upload was refused").toEqual([]);
    expect(receipts.length).toBeGreaterThanOrEqual(100);
    expect(receipts.length).toBeLessThan(200);
    expect(new Set(receipts.map((r) => r.number)).size).toBe(receipts.length);

    const { server: restarted, report } = await restartAndCheck(dataDir, port, tokens[0], receipts);
    const n = report.numbers.length;
    console.log(`[kill mid-burst] ${receipts.length} receipts, ${n} rows numbered 1..${n} after the restart. ${sweepLine(restarted)}`);
    expect(report.numbers).toEqual(Array.from({ length: n }, (_, i) => i + 1));
    // The numbering carries on from the last committed number.
    const after = await upload(restarted, tokens[1], pdfLike(8192, "after-restart"), { title: "After the restart" });
    expect(after.kind).toBe("receipt");
    if (after.kind === "receipt") expect(after.receipt.number).toBe(n + 1);
    await stopServer(restarted);
  });
});
