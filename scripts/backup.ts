// Online backup while the server runs: the SQLite backup API for tracker.db, then the content-addressed files its rows name.
//
//   npm run backup                      → <parent of DATA_DIR>/backups/backup-<UTC stamp>/
//   npm run backup -- --out /srv/bak/x  → that directory (it must not exist, or be empty)
//
// Why this is consistent without stopping the server:
// - tracker.db is copied by sqlite3_backup in ONE step, i.e. inside one read transaction: a snapshot of
//   the last commit. In WAL mode a reader never blocks the server's writers (the WAL only grows a little
//   until the copy is done), and a single step cannot be restarted by writes made meanwhile.
// - Stored files are immutable and named by their SHA-256, and the server moves a file into place
//   (fsynced) BEFORE the transaction that writes its row commits. So every stored_files row in the
//   snapshot names a file that already exists, and copying the files after the snapshot is consistent.
//   Files of uploads committed after the snapshot are simply not copied.
// - Every copied file is hashed while it is copied and compared with its name and recorded size.
// - manifest.json is written last (temp file + rename): a backup directory without it is incomplete.
//
// Not copied: tmp/ (uploads in progress) and outbox/ (the demo's e-mail files; production uses SMTP).
import { existsSync, mkdirSync, readdirSync, statSync } from "node:fs";
import { rename, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import Database from "better-sqlite3";
import { settings } from "../lib/config/settings";
import { copyHashed, eachLimited, fsyncPath, relativeStoredPath, SHA256, sha256OfFile, utcStamp } from "./backup-files";

export type ManifestFile = { sha256: string; size: number };
export type Manifest = {
  format: "itu-t-contribution-tracker-backup";
  version: 1;
  createdAt: string;
  sourceDataDir: string;
  durationMs: number;
  database: { file: "tracker.db"; bytes: number; sha256: string; integrityCheck: "ok"; counts: Record<string, number> };
  files: { count: number; bytes: number; list: ManifestFile[] };
};

/** Tables whose row counts go into the manifest (and are compared at restore). */
const COUNTED_TABLES = ["contributions", "contribution_versions", "stored_files", "users", "api_tokens", "audit_log", "late_requests"];

function countRows(db: Database.Database): Record<string, number> {
  const present = new Set((db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as { name: string }[]).map((r) => r.name));
  const counts: Record<string, number> = {};
  for (const table of COUNTED_TABLES) {
    if (present.has(table)) counts[table] = (db.prepare(`SELECT count(*) AS n FROM "${table}"`).get() as { n: number }).n;
  }
  return counts;
}

function isInside(child: string, parent: string): boolean {
  const rel = path.relative(parent, child);
  return rel === "" || (!rel.startsWith("..") && !path.isAbsolute(rel));
}

async function main(): Promise<number> {
  const { values } = parseArgs({ options: { out: { type: "string" } } });
  const started = new Date();
  const t0 = performance.now();
  const dataDir = settings().dataDir;
  const source = path.join(dataDir, "tracker.db");
  if (!existsSync(source)) {
    console.error(`No database at ${source}: set DATA_DIR to the server's data directory.`);
    return 1;
  }
  const out = path.resolve(values.out ?? path.join(path.dirname(dataDir), "backups", `backup-${utcStamp(started)}`));
  if (isInside(out, dataDir)) {
    console.error(`The backup must not go inside DATA_DIR (${dataDir}).`);
    return 1;
  }
  if (existsSync(out) && readdirSync(out).length > 0) {
    console.error(`${out} exists and is not empty: give a new --out directory.`);
    return 1;
  }
  mkdirSync(out, { recursive: true });
  // Best effort: the server comes first on a small machine.
  try {
    os.setPriority(10);
  } catch {
    /* not permitted: run at normal priority */
  }

  // 1. The database: one consistent snapshot through the online backup API, on a connection of our own.
  const dbCopy = path.join(out, "tracker.db");
  const live = new Database(source, { readonly: true, fileMustExist: true });
  try {
    live.pragma("busy_timeout = 10000");
    // The first step (0 pages) only measures; returning the maximum makes the next step copy every page at once.
    await live.backup(dbCopy, { progress: () => 0x7fffffff });
  } finally {
    live.close();
  }

  // The copy becomes a self-contained rollback-journal file (no -wal/-shm beside it); the server sets WAL again when it opens it.
  const copy = new Database(dbCopy);
  let hashes: ManifestFile[];
  let counts: Record<string, number>;
  try {
    copy.pragma("journal_mode = DELETE");
    const check = copy.pragma("integrity_check", { simple: true });
    if (check !== "ok") {
      console.error(`integrity_check of the copied database failed: ${String(check)}`);
      return 1;
    }
    hashes = copy.prepare("SELECT sha256, size FROM stored_files ORDER BY sha256").all() as ManifestFile[];
    counts = countRows(copy);
  } finally {
    copy.close();
  }
  await fsyncPath(dbCopy);
  const dbBytes = statSync(dbCopy).size;
  const dbSha256 = await sha256OfFile(dbCopy);

  // 2. The files named by the snapshot's rows: already in place before their rows committed, and never changed.
  const problems: string[] = [];
  const dirs = new Set<string>();
  for (const f of hashes) {
    if (!SHA256.test(f.sha256)) problems.push(`stored_files has a malformed hash: ${f.sha256}`);
    else dirs.add(path.dirname(path.join(out, relativeStoredPath(f.sha256))));
  }
  for (const dir of dirs) mkdirSync(dir, { recursive: true });
  let fileBytes = 0;
  await eachLimited(
    hashes.filter((f) => SHA256.test(f.sha256)),
    4,
    async (f) => {
      const rel = relativeStoredPath(f.sha256);
      const src = path.join(dataDir, rel);
      if (!existsSync(src)) {
        problems.push(`missing in DATA_DIR: ${rel}`);
        return;
      }
      const copied = await copyHashed(src, path.join(out, rel));
      if (copied.sha256 !== f.sha256) problems.push(`hash mismatch: ${rel} has content ${copied.sha256}`);
      else if (copied.size !== f.size) problems.push(`size mismatch: ${rel} is ${copied.size} bytes, its row says ${f.size}`);
      fileBytes += copied.size;
    },
  );
  if (problems.length > 0) {
    console.error(`Backup INCOMPLETE (no manifest written) in ${out}:\n  ${problems.slice(0, 50).join("\n  ")}${problems.length > 50 ? `\n  … and ${problems.length - 50} more` : ""}`);
    return 1;
  }
  // The new directory entries must survive a power cut as well as the files' contents.
  for (const dir of [...dirs].sort().reverse()) await fsyncPath(dir);
  for (const dir of [...new Set([...dirs].map((d) => path.dirname(d)))]) await fsyncPath(dir);
  if (dirs.size > 0) await fsyncPath(path.join(out, "files"));

  // 3. The manifest, last: its presence says the backup is complete.
  const manifest: Manifest = {
    format: "itu-t-contribution-tracker-backup",
    version: 1,
    createdAt: started.toISOString(),
    sourceDataDir: dataDir,
    durationMs: Math.round(performance.now() - t0),
    database: { file: "tracker.db", bytes: dbBytes, sha256: dbSha256, integrityCheck: "ok", counts },
    files: { count: hashes.length, bytes: fileBytes, list: hashes.map((f) => ({ sha256: f.sha256, size: f.size })) },
  };
  const temp = path.join(out, "manifest.json.tmp");
  await writeFile(temp, JSON.stringify(manifest, null, 2) + "\n", { flag: "wx" });
  await fsyncPath(temp);
  await rename(temp, path.join(out, "manifest.json"));
  await fsyncPath(out);

  const mb = (n: number) => `${(n / (1024 * 1024)).toFixed(1)} MB`;
  console.log(
    `Backup complete in ${out}\n` +
      `  database: ${mb(dbBytes)}, integrity_check ok, sha256 ${dbSha256}\n` +
      `  rows: ${Object.entries(counts).map(([t, n]) => `${t} ${n}`).join(", ")}\n` +
      `  files: ${hashes.length} (${mb(fileBytes)}), each verified against its SHA-256\n` +
      `  took ${(manifest.durationMs / 1000).toFixed(1)} s. Restore with: npm run restore -- --from ${out}`,
  );
  return 0;
}

main().then(
  (code) => process.exit(code),
  (error) => {
    console.error(error);
    process.exit(1);
  },
);
