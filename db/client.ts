// The one better-sqlite3 + Drizzle connection of the process, opened lazily and migrated on first use.
import Database from "better-sqlite3";
import { drizzle, type BetterSQLite3Database } from "drizzle-orm/better-sqlite3";
import { migrate } from "drizzle-orm/better-sqlite3/migrator";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import * as schema from "./schema";
import { storedFiles } from "./schema";
import { settings } from "../lib/config/settings";
import { sweepStorage } from "../lib/files/storage";

export type DB = BetterSQLite3Database<typeof schema> & { $client: Database.Database };

export const MIGRATIONS_FOLDER = path.join(/*turbopackIgnore: true*/ process.cwd(), "db", "migrations");

export function dataDir(): string {
  return settings().dataDir;
}

/**
 * Durability: WAL with synchronous=FULL, so a commit is on disk before the receipt is shown,
 * even if the machine loses power (NORMAL would only survive a process crash).
 */
export function openDb(file: string, opts: { migrate?: boolean } = {}): DB {
  if (file !== ":memory:") mkdirSync(path.dirname(file), { recursive: true });
  const sqlite = new Database(file);
  sqlite.pragma("journal_mode = WAL");
  sqlite.pragma("synchronous = FULL");
  sqlite.pragma("foreign_keys = ON");
  sqlite.pragma("busy_timeout = 5000");
  // A 32 MB page cache (SQLite's default is 2 MB): ten years of ITU-T are a 250 MB file, and the busiest Question's
  // queue alone touches some 20 MB of it; every page missed is a system call. Reads only: durability is unchanged.
  sqlite.pragma("cache_size = -32768");
  const db = drizzle(sqlite, { schema }) as DB;
  if (opts.migrate ?? true) migrate(db, { migrationsFolder: MIGRATIONS_FOLDER });
  return db;
}

const g = globalThis as unknown as { __trackerDb?: DB };

/** The pid of another running server that claimed DATA_DIR, or null (none, or it died). */
function liveOwner(): number | null {
  try {
    const pid = Number(readFileSync(path.join(dataDir(), "server.pid"), "utf8").trim());
    if (!Number.isInteger(pid) || pid <= 0 || pid === process.pid) return null;
    process.kill(pid, 0); // throws ESRCH when the process is gone
    return pid;
  } catch {
    return null;
  }
}

/**
 * The process-wide connection; survives dev hot reloads. Opening it is the server's start: the
 * migrations run, and what a crash may have left in storage (temp files, files without a row) is swept.
 */
export function getDb(): DB {
  if (!g.__trackerDb) {
    const db = openDb(path.join(dataDir(), "tracker.db"));
    const other = liveOwner();
    if (other !== null) {
      // Another live server uses this DATA_DIR: its uploads in flight are not leftovers of a crash.
      console.warn(`Another server (pid ${other}) uses ${dataDir()}; the start-up storage sweep is skipped.`);
    } else {
      const known = new Set(db.select({ sha256: storedFiles.sha256 }).from(storedFiles).all().map((r) => r.sha256));
      const swept = sweepStorage((hash) => known.has(hash));
      if (swept.temps + swept.orphans > 0) console.warn(`Storage sweep at start: ${swept.temps} temp file(s), ${swept.orphans} orphan file(s) removed.`);
    }
    writeFileSync(path.join(dataDir(), "server.pid"), String(process.pid));
    g.__trackerDb = db;
  }
  return g.__trackerDb;
}

/**
 * A script that drives the data layer (the demo's content) on the database it opened itself: getDb() then
 * answers with it, and neither writes server.pid nor sweeps storage, which belong to a starting server.
 */
export function adoptDb(db: DB | undefined): void {
  g.__trackerDb = db;
}

/** Tests swap in a fresh database. */
export function setDbForTests(db: DB | undefined): void {
  g.__trackerDb = db;
}
