// Migrates the database under DATA_DIR and seeds it: reference data always, demo accounts with DEMO_MODE=1 only.
import path from "node:path";
import { openDb } from "../db/client";
import { seedDemo, seedReferenceData } from "../db/seed";
import { now } from "../lib/time/clock";
import { settings } from "../lib/config/settings";

async function main() {
  const { dataDir, demoMode } = settings();
  const db = openDb(path.join(dataDir, "tracker.db"));
  if (demoMode) await seedDemo(db, now());
  else seedReferenceData(db, now());
  db.$client.close();
  console.log(`Database ready in ${dataDir}${demoMode ? " (demo accounts seeded)" : ""}.`);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
