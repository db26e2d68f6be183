// Migrates the database under DATA_DIR and seeds it: reference data always, demo accounts with DEMO_MODE=1 only.
import path from "node:path";
import { openDb } from "../db/client";
import { seedDemo, seedReferenceData } from "../db/seed";
import { now } from "../lib/time/clock";
import { settings, signInSettings } from "../lib/config/settings";

async function main() {
  const { dataDir, demoMode } = settings();
  // A wrong sign-in setting stops the start here, with a message naming it, rather than at the first sign-in.
  const { oidc, passwordSignIn } = signInSettings();
  const db = openDb(path.join(dataDir, "tracker.db"));
  if (demoMode) await seedDemo(db, now());
  else seedReferenceData(db, now());
  db.$client.close();
  console.log(`Database ready in ${dataDir}${demoMode ? " (demo accounts seeded)" : ""}.`);
  if (oidc) console.log(`Single sign-on with ${oidc.issuer}${passwordSignIn ? "" : "; password sign-in only for the break-glass accounts"}.`);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
