// npm run backup under load on the running server, then npm run restore into a new DATA_DIR served again: same rows, same bytes.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import {
  inspectStore,
  memberTokens,
  MEETING,
  pdfLike,
  removeDir,
  request,
  runTsx,
  seed,
  serverEnv,
  sha256,
  sleep,
  startServer,
  stopAllServers,
  stopServer,
  tableRows,
  tempEntries,
  tempRoot,
  upload,
  type UploadOutcome,
} from "./server";

type Got = Extract<UploadOutcome, { kind: "receipt" }>;

let root = "";

afterAll(async () => {
  await stopAllServers();
  if (root) removeDir(root);
});

describe("backup and restore", () => {
  it("backs up online while uploads go on, refuses to restore under a running server, and restores into a new DATA_DIR", async () => {
    root = tempRoot("backup");
    const dataDir = path.join(root, "data");
    const backupDir = path.join(root, "backup");
    const restoredDir = path.join(root, "restored");
    await seed(dataDir, 3410);
    const server = await startServer(dataDir, 3410);
    const tokens = await memberTokens(server);

    // The load: six clients sending small documents back to back, two sending 1 MB ones.
    const got: Got[] = [];
    const others: UploadOutcome[] = [];
    let stop = false;
    const load = Promise.all(
      Array.from({ length: 8 }, async (_, client) => {
        for (let k = 0; k < 500 && !stop; k++) {
          const size = client >= 6 ? 1024 * 1024 : 8192 + ((client * 31 + k) % 9) * 4096;
          const outcome = await upload(server, tokens[client % tokens.length], pdfLike(size, `load-${client}-${k}`), { title: `Load ${client}/${k}` });
          if (outcome.kind === "receipt") got.push(outcome);
          else others.push(outcome);
        }
      }),
    );
    for (let i = 0; i < 200 && got.length < 30; i++) await sleep(100);
    expect(got.length, "the load is running").toBeGreaterThanOrEqual(30);

    const backupStarted = performance.now();
    const before = [...got];
    const backup = await runTsx("scripts/backup.ts", ["--out", backupDir], { ...serverEnv(dataDir, 3410) });
    const backupEnded = performance.now();
    await sleep(300);
    stop = true;
    await load;
    expect(backup.code, backup.stdout + backup.stderr).toBe(0);
    expect(others, "no upload failed or was refused during the backup").toEqual([]);
    const during = got.filter((g) => g.at > backupStarted && g.at < backupEnded);
    expect(during.length, "uploads were answered while the backup ran").toBeGreaterThan(0);

    // Restoring over the live directory is refused while the server has it open.
    const refused = await runTsx("scripts/restore.ts", ["--from", backupDir], { ...serverEnv(dataDir, 3410) });
    expect(refused.code).not.toBe(0);
    expect(refused.stderr).toMatch(/Refusing to restore: process\(es\) \d+/);
    expect(readdirSync(root).sort()).toEqual(["backup", "data"]);

    const live = inspectStore(dataDir, got.map((g) => g.receipt));
    expect(live.integrity).toBe("ok");
    expect(live.receiptsMissing).toEqual([]);
    await stopServer(server);

    // The backup on its own: consistent, complete, and everything answered before it started is in it.
    const manifest = JSON.parse(readFileSync(path.join(backupDir, "manifest.json"), "utf8")) as {
      database: { sha256: string; counts: Record<string, number> };
      files: { count: number; list: { sha256: string }[] };
    };
    expect(readdirSync(backupDir).sort()).toEqual(["files", "manifest.json", "tracker.db"]);
    expect(manifest.database.sha256).toBe(sha256(readFileSync(path.join(backupDir, "tracker.db"))));
    const copy = inspectStore(backupDir, before.map((g) => g.receipt));
    expect(copy.integrity).toBe("ok");
    expect(copy.receiptsMissing).toEqual([]);
    expect(copy.rowsWithoutFile).toEqual([]);
    expect(copy.filesWithoutRow).toEqual([]);
    expect(copy.badHashes).toEqual([]);
    expect(manifest.files.count).toBe(copy.counts.storedFiles);
    expect(manifest.database.counts.contributions).toBe(copy.counts.contributions);
    expect(copy.counts.contributions).toBeGreaterThanOrEqual(before.length);
    expect(copy.counts.contributions).toBeLessThanOrEqual(live.counts.contributions);
    expect(copy.counts.versions).toBeLessThanOrEqual(live.counts.versions);
    expect(copy.counts.storedFiles).toBeLessThanOrEqual(live.counts.storedFiles);
    const backupRows = tableRows(path.join(backupDir, "tracker.db"), "contributions");
    // A snapshot: a prefix of what the live database holds now, row for row.
    expect(tableRows(path.join(dataDir, "tracker.db"), "contributions").slice(0, backupRows.length)).toEqual(backupRows);
    console.log(
      `[backup] ${before.length} receipts before it, ${during.length} answered during it, ${copy.counts.contributions} contributions and ` +
        `${copy.counts.storedFiles} files in it, ${live.counts.contributions} live after the load. ${backup.stdout.split("\n").at(-2)?.trim() ?? ""}`,
    );

    // Restore into a new DATA_DIR and serve it.
    const restored = await runTsx("scripts/restore.ts", ["--from", backupDir], { ...serverEnv(restoredDir, 3411) });
    expect(restored.code, restored.stdout + restored.stderr).toBe(0);
    expect(readdirSync(restoredDir).sort()).toEqual(["files", "tmp", "tracker.db"]);
    expect(tableRows(path.join(restoredDir, "tracker.db"), "contributions")).toEqual(backupRows);
    const again = await startServer(restoredDir, 3411);
    const list = await request(again, "GET", `/api/v1/meetings/${MEETING}/contributions`, { token: tokens[0] });
    expect(list.status).toBe(200);
    const large = before.filter((g) => g.bytes.length >= 1024 * 1024).slice(0, 2);
    for (const g of [...before.slice(0, 4), ...large]) {
      const file = await request(again, "GET", `/api/v1/contributions/${g.receipt.id}/file`, { token: g.token });
      expect(file.status).toBe(200);
      expect(file.body.equals(g.bytes), `the bytes of contribution ${g.receipt.id}`).toBe(true);
    }
    const lastInBackup = Math.max(...(backupRows as { id: number }[]).map((r) => r.id));
    const later = got.find((g) => g.receipt.id > lastInBackup);
    if (later) {
      const missing = await request(again, "GET", `/api/v1/contributions/${later.receipt.id}/file`, { token: later.token });
      expect(missing.status, "what came after the backup is not in the restore").toBe(404);
    }
    expect(tempEntries(restoredDir)).toEqual([]);
    await stopServer(again);
    const served = inspectStore(restoredDir, before.map((g) => g.receipt));
    expect([served.integrity, served.receiptsMissing, served.rowsWithoutFile, served.filesWithoutRow]).toEqual(["ok", [], [], []]);
    expect(tableRows(path.join(restoredDir, "tracker.db"), "contributions")).toEqual(backupRows);

    // Restoring over an existing DATA_DIR keeps the old one aside, never deletes it.
    const over = await runTsx("scripts/restore.ts", ["--from", backupDir], { ...serverEnv(restoredDir, 3411) });
    expect(over.code, over.stdout + over.stderr).toBe(0);
    const kept = readdirSync(root).filter((n) => n.startsWith("restored.before-restore-"));
    expect(kept).toHaveLength(1);
    expect(existsSync(path.join(root, kept[0], "tracker.db"))).toBe(true);
    expect(existsSync(path.join(restoredDir, "tracker.db-wal"))).toBe(false);
  });
});
