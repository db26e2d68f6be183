// npm run demo: build if needed, migrate and seed the demo (accounts and, on a new DATA_DIR, the two meetings'
// content), then serve it with the simulated clock. DEMO_CONTENT=0 leaves the meetings empty.
import { buildIfNeeded, bin, run, serve } from "./lib.mjs";

const port = process.env.PORT ?? "3000";
const env = {
  DEMO_MODE: "1",
  DEMO_CONTENT: process.env.DEMO_CONTENT ?? "1",
  DATA_DIR: process.env.DATA_DIR ?? "data",
  SIMULATED_NOW: process.env.SIMULATED_NOW ?? "2020-06-23T18:00:00+02:00",
  NEXTAUTH_URL: process.env.NEXTAUTH_URL ?? `http://localhost:${port}`,
  NODE_ENV: "production",
};

if ((await buildIfNeeded({ TRACKER_SKIP_TYPECHECK: "1" })) !== 0) process.exit(1);
if ((await run(bin("tsx"), ["--conditions=react-server", "scripts/setup-db.ts"], env)) !== 0) process.exit(1);
console.log(`\nDemo: http://localhost:${port}  (simulated clock from ${env.SIMULATED_NOW}; password demo-password-2020)\n`);
process.exit(await serve(["-p", port], env));
