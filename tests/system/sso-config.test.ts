// The built server refuses a single sign-on it could not honour: it exits at start, naming the setting,
// rather than failing at the first sign-in (lib/config/startup.ts → signInSettings).
import path from "node:path";
import { describe, expect, it } from "vitest";
import { PORT_OFFSET, removeDir, ROOT, runCommand, serverEnv, tempRoot } from "./server";

const PORT = 3580 + PORT_OFFSET;
const NEXT = path.join(ROOT, "node_modules", "next", "dist", "bin", "next");

async function start(extra: Record<string, string>): Promise<{ code: number | null; output: string }> {
  const dataDir = tempRoot("sso-config");
  // Nothing is served: the configuration is judged before the database is opened. A server that starts
  // instead runs into the bound and fails the test.
  try {
    const { code, stdout, stderr } = await runCommand(process.execPath, [NEXT, "start", "-p", String(PORT), "-H", "127.0.0.1"], { ...serverEnv(dataDir, PORT), ...extra }, 60_000);
    return { code, output: stdout + stderr };
  } finally {
    removeDir(dataDir);
  }
}

describe("single sign-on settings the server refuses at start", () => {
  it("an issuer without its client", async () => {
    const { code, output } = await start({ OIDC_ISSUER: "https://idp.itu.example" });
    expect(code).not.toBe(0);
    expect(output).toContain("single sign-on needs OIDC_CLIENT_ID and OIDC_CLIENT_SECRET as well as OIDC_ISSUER");
  });

  it("passwords turned off with no provider to sign in with", async () => {
    const { code, output } = await start({ PASSWORD_SIGN_IN: "0" });
    expect(code).not.toBe(0);
    expect(output).toContain("PASSWORD_SIGN_IN=0 needs single sign-on");
  });
});
