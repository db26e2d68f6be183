// Migrates the database under DATA_DIR and seeds it: reference data always, demo accounts with DEMO_MODE=1 only,
// and with DEMO_CONTENT=1 too the demo's two meetings full of contributions (run with tsx --conditions=react-server,
// as the content goes through the data layer, whose modules are marked server-only).
import path from "node:path";
import { adoptDb, openDb } from "../db/client";
import { seedDemo, seedReferenceData } from "../db/seed";
import { now } from "../lib/time/clock";
import { settings, signInSettings } from "../lib/config/settings";

async function main() {
  const { dataDir, demoMode } = settings();
  // A wrong sign-in setting stops the start here, with a message naming it, rather than at the first sign-in.
  const { oidc, passwordSignIn } = signInSettings();
  const withContent = demoMode && process.env.DEMO_CONTENT === "1";
  const db = openDb(path.join(dataDir, "tracker.db"));
  if (withContent) {
    const { DEMO_SEED_AT, generateDemoContent } = await import("./demo-content");
    // The accounts exist before the meetings they take part in.
    await seedDemo(db, DEMO_SEED_AT);
    // A seed that fails is run again on an empty DATA_DIR: its hundreds of small commits need not each wait
    // for the disk (the server reopens with synchronous=FULL). The end is made durable once, below.
    db.$client.pragma("synchronous = OFF");
    adoptDb(db);
    const summary = await generateDemoContent(db);
    adoptDb(undefined);
    db.$client.pragma("synchronous = FULL");
    db.$client.pragma("wal_checkpoint(TRUNCATE)");
    if (summary) {
      const meetings = Object.entries(summary.meetings)
        .map(([code, m]) => `${code}: ${m.contributions} contributions, ${m.withdrawn} withdrawn, ${m.lateRequests} late requests`)
        .join("; ");
      console.log(
        `Demo content in ${(summary.ms / 1000).toFixed(1)} s: ${summary.organisations + 0} new organisations, ${summary.accounts} new accounts; ${meetings}; ` +
          `${summary.versions.revisions} revisions, ${summary.versions.addenda} addenda, ${summary.versions.corrigenda} corrigenda; ` +
          `decisions ${JSON.stringify(summary.lateDecisions)}; ${summary.extensions} extensions; refused ${JSON.stringify(summary.refusedAttempts)}; ` +
          `${summary.reviews} review states, ${summary.comments} comments.`,
      );
    }
  } else if (demoMode) await seedDemo(db, now());
  else seedReferenceData(db, now());
  db.$client.close();
  console.log(`Database ready in ${dataDir}${demoMode ? ` (demo accounts seeded${withContent ? ", with the demo's meetings" : ""})` : ""}.`);
  if (oidc) console.log(`Single sign-on with ${oidc.issuer}${passwordSignIn ? "" : "; password sign-in only for the break-glass accounts"}.`);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
