// The server of the browser tests: a fresh demo database under test-results/ with the demo's content (what a
// newcomer sees after npm run demo), the built app, a simulated clock.
import { rmSync } from "node:fs";
import path from "node:path";
import { bin, root, run, serve } from "./lib.mjs";

const port = process.env.E2E_PORT ?? "3100";
// A second server (the single sign-on tests) names its own data directory.
const dataDir = path.join(root, "test-results", process.env.E2E_DATA_NAME ?? "e2e-data");
rmSync(dataDir, { recursive: true, force: true });
const env = {
  DEMO_MODE: "1",
  DEMO_CONTENT: "1",
  DATA_DIR: dataDir,
  SIMULATED_NOW: "2020-06-23T18:00:00+02:00",
  NEXTAUTH_URL: `http://127.0.0.1:${port}`,
  NEXTAUTH_SECRET: "e2e-only-secret-0123456789abcdef",
  NODE_ENV: "production",
  MAIL_OUTBOX: "1",
};
// A spec that starts its own server (tests/e2e/sso-servers.ts) gives it a pipe as stdin and its own process
// group: when the spec's process ends, however it ends, the pipe closes and the whole group stops.
if (process.env.E2E_EXIT_WITH_PARENT === "1") {
  process.stdin.on("end", () => process.kill(0, "SIGTERM"));
  process.stdin.resume();
}
if ((await run(bin("tsx"), ["--conditions=react-server", "scripts/setup-db.ts"], env)) !== 0) process.exit(1);
process.exit(await serve(["-p", port, "-H", "127.0.0.1"], env));
