// A fresh SQLite file with the real migrations (and optionally the demo seed) for each integration test file.
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { openDb, setDbForTests, type DB } from "@/db/client";
import { seedDemo } from "@/db/seed";
import { pinClock } from "@/lib/time/clock";

export const SG20_DEADLINE = Date.parse("2020-06-23T22:00:00.000Z");

export type TestEnv = { db: DB; dataDir: string; cleanup: () => void };

/** Opens a new database file under a temp DATA_DIR, runs the migrations, seeds the demo, pins the clock. */
export async function freshEnv(opts: { seed?: boolean; at?: number } = {}): Promise<TestEnv> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), "tracker-test-"));
  process.env.DATA_DIR = dataDir;
  const db = openDb(path.join(dataDir, "tracker.db"));
  setDbForTests(db);
  const at = opts.at ?? Date.parse("2020-06-23T16:00:00.000Z");
  pinClock(at);
  if (opts.seed ?? true) await seedDemo(db, at);
  return {
    db,
    dataDir,
    cleanup: () => {
      setDbForTests(undefined);
      db.$client.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
