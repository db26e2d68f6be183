// npm start: the real thing. Migrates, seeds reference data only, serves with the real clock.
import { buildIfNeeded, bin, run } from "./lib.mjs";

if (process.env.SIMULATED_NOW) console.warn("Warning: SIMULATED_NOW is set; the clock will not be real.");
if (!process.env.SMTP_URL) {
  console.warn("Warning: SMTP_URL is not set. No receipt or decision e-mail will leave this server: they wait in the mail queue until SMTP_URL is set and the server restarted.");
}
if (!process.env.NEXTAUTH_SECRET) {
  console.error("Set NEXTAUTH_SECRET (a long random string) before starting in production.");
  process.exit(1);
}
const port = process.env.PORT ?? "3000";
const env = { DEMO_MODE: "0", NODE_ENV: "production" };
if ((await buildIfNeeded()) !== 0) process.exit(1);
if ((await run(bin("tsx"), ["scripts/setup-db.ts"], env)) !== 0) process.exit(1);
process.exit(await run(bin("next"), ["start", "-p", port], env));
