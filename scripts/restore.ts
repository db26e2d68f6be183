// Restores a backup made by scripts/backup.ts into DATA_DIR, with the server stopped.
//
//   npm run restore -- --from backups/backup-20200623T120000Z [--force]
//
// 1. Verifies the backup: manifest.json present, the database copy's SHA-256, every file's SHA-256
//    and size, and that every stored_files row of the copy has its file.
// 2. Refuses while a process has anything under DATA_DIR open (Linux: /proc/<pid>/fd of processes this
//    user may inspect): stop the server first. --force skips this check; the restore then moves the
//    directory away from under the running server, which keeps writing into the moved-aside copy.
// 3. Builds the restored directory beside DATA_DIR (<DATA_DIR>.restoring-<stamp>), with no -wal/-shm,
//    fsyncs it and runs PRAGMA integrity_check and foreign_key_check there.
// 4. Only then moves the current DATA_DIR aside to <DATA_DIR>.before-restore-<stamp> (never deleted: remove
//    it yourself once satisfied) and renames the restored directory into place.
// DATA_DIR may also be a new directory: that restores a copy of the data elsewhere.
import { existsSync, mkdirSync, readdirSync, readFileSync, readlinkSync, realpathSync, rmdirSync, statSync } from "node:fs";
import { rename } from "node:fs/promises";
import path from "node:path";
import { parseArgs } from "node:util";
import Database from "better-sqlite3";
import { settings } from "../lib/config/settings";
import { copyHashed, eachLimited, fsyncPath, relativeStoredPath, SHA256, sha256OfFile, utcStamp } from "./backup-files";
import type { Manifest, ManifestFile } from "./backup";

/**
 * The processes (other than this one) holding a file under dir open, from /proc/<pid>/fd; null where
 * there is no /proc, so nothing can be said. Processes of other users are invisible unless run as root.
 */
function processesUsing(dir: string): number[] | null {
  if (!existsSync("/proc/self/fd")) return null;
  let real: string;
  try {
    real = realpathSync(dir);
  } catch {
    return [];
  }
  const found: number[] = [];
  for (const name of readdirSync("/proc")) {
    if (!/^\d+$/.test(name) || Number(name) === process.pid) continue;
    let fds: string[];
    try {
      fds = readdirSync(`/proc/${name}/fd`);
    } catch {
      continue;
    }
    for (const fd of fds) {
      let target: string;
      try {
        target = readlinkSync(`/proc/${name}/fd/${fd}`);
      } catch {
        continue;
      }
      if (target === real || target.startsWith(real + path.sep)) {
        found.push(Number(name));
        break;
      }
    }
  }
  return found;
}

function fail(message: string): never {
  console.error(message);
  process.exit(1);
}

function readManifest(from: string): Manifest {
  const file = path.join(from, "manifest.json");
  if (!existsSync(file)) fail(`${from} has no manifest.json: it is not a backup, or the backup did not finish.`);
  let manifest: Manifest;
  try {
    manifest = JSON.parse(readFileSync(file, "utf8")) as Manifest;
  } catch {
    fail(`${file} is not valid JSON.`);
  }
  if (manifest.format !== "itu-t-contribution-tracker-backup" || manifest.version !== 1) fail(`${file} is not a version 1 tracker backup manifest.`);
  if (!Array.isArray(manifest.files?.list) || manifest.files.list.length !== manifest.files.count) fail(`${file}: the file list does not match its count.`);
  return manifest;
}

async function main(): Promise<void> {
  const { values, positionals } = parseArgs({ options: { from: { type: "string" }, force: { type: "boolean", default: false } }, allowPositionals: true });
  const fromArg = values.from ?? positionals[0];
  if (!fromArg) fail("Usage: npm run restore -- --from <backup directory> [--force]   (restores into DATA_DIR)");
  const from = path.resolve(fromArg);
  const dataDir = settings().dataDir;
  const stamp = utcStamp(new Date());

  // 1. The backup is checked completely before anything is touched.
  const manifest = readManifest(from);
  const dbBackup = path.join(from, "tracker.db");
  if (!existsSync(dbBackup)) fail(`${dbBackup} is missing.`);
  if ((await sha256OfFile(dbBackup)) !== manifest.database.sha256) fail(`${dbBackup} does not match the SHA-256 in the manifest: the backup is damaged.`);
  for (const f of manifest.files.list) if (!SHA256.test(f.sha256)) fail(`The manifest lists a malformed hash: ${f.sha256}`);
  const listed = new Set(manifest.files.list.map((f) => f.sha256));
  const backupDb = new Database(dbBackup, { readonly: true, fileMustExist: true });
  let rows: ManifestFile[];
  try {
    rows = backupDb.prepare("SELECT sha256, size FROM stored_files").all() as ManifestFile[];
  } finally {
    backupDb.close();
  }
  const unlisted = rows.filter((r) => !listed.has(r.sha256));
  if (unlisted.length > 0) fail(`${unlisted.length} stored_files row(s) of the backup have no file in the manifest, e.g. ${unlisted[0].sha256}.`);

  // 2. Nobody may be using DATA_DIR.
  if (existsSync(dataDir) && !values.force) {
    const users = processesUsing(dataDir);
    if (users === null) fail(`Cannot tell on this system whether a server is using ${dataDir}. Stop the server, then run again with --force.`);
    if (users.length > 0) fail(`Refusing to restore: process(es) ${users.join(", ")} have files under ${dataDir} open. Stop the server first (or pass --force).`);
  }

  // 3. The restored directory is built and verified beside DATA_DIR (same file system, so the final rename is atomic).
  const parent = path.dirname(dataDir);
  mkdirSync(parent, { recursive: true });
  const staging = `${dataDir}.restoring-${stamp}`;
  if (existsSync(staging)) fail(`${staging} exists already: remove it or try again in a second.`);
  mkdirSync(path.join(staging, "tmp"), { recursive: true });
  const db = path.join(staging, "tracker.db");
  const dbCopied = await copyHashed(dbBackup, db);
  if (dbCopied.sha256 !== manifest.database.sha256) fail(`The database copy in ${staging} does not match the manifest.`);
  const problems: string[] = [];
  const dirs = new Set(manifest.files.list.map((f) => path.dirname(path.join(staging, relativeStoredPath(f.sha256)))));
  for (const dir of dirs) mkdirSync(dir, { recursive: true });
  await eachLimited(manifest.files.list, 4, async (f) => {
    const rel = relativeStoredPath(f.sha256);
    const src = path.join(from, rel);
    if (!existsSync(src)) {
      problems.push(`missing in the backup: ${rel}`);
      return;
    }
    const copied = await copyHashed(src, path.join(staging, rel));
    if (copied.sha256 !== f.sha256) problems.push(`damaged in the backup: ${rel} has content ${copied.sha256}`);
    else if (copied.size !== f.size) problems.push(`size mismatch: ${rel} is ${copied.size} bytes, the manifest says ${f.size}`);
  });
  if (problems.length > 0) fail(`Restore aborted, ${dataDir} untouched (partial copy left in ${staging}):\n  ${problems.slice(0, 50).join("\n  ")}`);
  for (const dir of [...dirs].sort().reverse()) await fsyncPath(dir);
  for (const dir of new Set([...dirs].map((d) => path.dirname(d)))) await fsyncPath(dir);
  if (existsSync(path.join(staging, "files"))) await fsyncPath(path.join(staging, "files"));
  else mkdirSync(path.join(staging, "files"));

  const restored = new Database(db, { fileMustExist: true });
  try {
    const check = restored.pragma("integrity_check", { simple: true });
    if (check !== "ok") fail(`integrity_check of the restored database failed: ${String(check)} (left in ${staging}, ${dataDir} untouched).`);
    const fk = restored.pragma("foreign_key_check") as unknown[];
    if (fk.length > 0) fail(`foreign_key_check found ${fk.length} problem(s) in the restored database (left in ${staging}, ${dataDir} untouched).`);
    const files = (restored.prepare("SELECT count(*) AS n FROM stored_files").get() as { n: number }).n;
    if (files !== manifest.files.count) fail(`The restored database has ${files} stored_files rows, the manifest ${manifest.files.count}.`);
  } finally {
    restored.close();
  }
  // Checking must not have left a journal beside the file.
  for (const side of ["-wal", "-shm", "-journal"]) if (existsSync(db + side)) fail(`Unexpected ${db}${side} after the checks.`);
  await fsyncPath(db);
  await fsyncPath(staging);

  // 4. The swap: the current data is kept, never deleted.
  let keptAs: string | null = null;
  if (existsSync(dataDir)) {
    if (!statSync(dataDir).isDirectory()) fail(`${dataDir} is not a directory.`);
    if (readdirSync(dataDir).length === 0) rmdirSync(dataDir);
    else {
      keptAs = `${dataDir}.before-restore-${stamp}`;
      await rename(dataDir, keptAs);
    }
  }
  await rename(staging, dataDir);
  await fsyncPath(parent);

  console.log(
    `Restored ${from} (made ${manifest.createdAt}) into ${dataDir}\n` +
      `  database: integrity_check ok, ${Object.entries(manifest.database.counts).map(([t, n]) => `${t} ${n}`).join(", ")}\n` +
      `  files: ${manifest.files.count}, each verified against its SHA-256\n` +
      (keptAs ? `  the previous data is kept in ${keptAs}` : `  ${dataDir} did not exist before (or was empty)`),
  );
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
