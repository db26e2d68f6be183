// The secret that signs session cookies: NEXTAUTH_SECRET, or for a demo one made once per DATA_DIR; never a constant.
import { randomBytes } from "node:crypto";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { settings } from "@/lib/config/settings";

export const DEMO_SECRET_FILE = "session-secret";

const g = globalThis as unknown as { __trackerDemoSecret?: { dir: string; secret: string } };

/**
 * The demo's secret, in DATA_DIR/session-secret (readable by the owner only): made at the first start
 * and kept, so that sessions survive a restart of the same demo, while two demos never share one and
 * nobody can sign a session for a demo they do not run. Two processes starting at once agree: the
 * file is created exclusively, and the loser reads the winner's.
 */
function demoSecret(dataDir: string): string {
  if (g.__trackerDemoSecret?.dir === dataDir) return g.__trackerDemoSecret.secret;
  const file = path.join(dataDir, DEMO_SECRET_FILE);
  mkdirSync(dataDir, { recursive: true });
  try {
    writeFileSync(file, randomBytes(48).toString("base64url") + "\n", { flag: "wx", mode: 0o600 });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
  }
  const secret = readFileSync(file, "utf8").trim();
  if (secret.length < 32) throw new Error(`${file} holds no usable session secret; delete it and start again.`);
  g.__trackerDemoSecret = { dir: dataDir, secret };
  return secret;
}

/** NEXTAUTH_SECRET (or AUTH_SECRET); in demo mode without one, the DATA_DIR's own. Anything else is refused at start. */
export function sessionSecret(): string {
  const given = process.env.NEXTAUTH_SECRET || process.env.AUTH_SECRET;
  if (given) return given;
  const { demoMode, dataDir } = settings();
  if (demoMode) return demoSecret(dataDir);
  throw new Error("NEXTAUTH_SECRET is not set. Set it to a long random string (openssl rand -base64 48); only the demo (DEMO_MODE=1) makes its own.");
}
