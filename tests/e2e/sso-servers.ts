// The single sign-on tests' own servers: the real `oidc-provider` on loopback and a tracker configured for it
// (password sign-in off but for the break-glass secretariat), started by the spec so the other specs pay nothing.
import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";

const root = path.resolve(__dirname, "../..");
const base = Number(process.env.E2E_PORT ?? 3100);
export const TRACKER_PORT = base + 1;
export const PROVIDER_PORT = base + 2;
export const TRACKER_URL = `http://127.0.0.1:${TRACKER_PORT}`;
export const ISSUER = `http://127.0.0.1:${PROVIDER_PORT}`;
export const PROVIDER_NAME = "ITU";
export const BREAK_GLASS = "tsb.sg20@secretariat.example";
/** Listed as break-glass by mistake: a delegate, whose password must still not work. */
export const LISTED_DELEGATE = "delegate@admin-ch.example";

export type Servers = { stopProvider: () => Promise<void>; stop: () => Promise<void>; log: () => string };

function start(args: string[], env: Record<string, string>, ready: (output: string) => boolean, timeoutMs: number, sink: string[]): Promise<ChildProcess> {
  return new Promise((resolve, reject) => {
    // Its own process group: the tracker's script starts `next start` as a child, and both must stop.
    // stdin is a pipe that only this process holds: it closes when this process ends, and the servers follow.
    const child = spawn(process.execPath, args, {
      cwd: root,
      env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1", EXIT_WITH_PARENT: "1", E2E_EXIT_WITH_PARENT: "1", ...env },
      detached: true,
      stdio: ["pipe", "pipe", "pipe"],
    });
    let output = "";
    const timer = setTimeout(() => reject(new Error(`${args.join(" ")} did not start in ${timeoutMs} ms:\n${output}`)), timeoutMs);
    const onData = (chunk: Buffer) => {
      const text = chunk.toString();
      output += text;
      sink.push(text);
      if (ready(output)) {
        clearTimeout(timer);
        resolve(child);
      }
    };
    child.stdout!.on("data", onData);
    child.stderr!.on("data", onData);
    child.on("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`${args.join(" ")} exited with ${code} before it was ready:\n${output}`));
    });
  });
}

function stopGroup(child: ChildProcess | undefined): Promise<void> {
  if (!child?.pid || child.exitCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once("exit", () => resolve());
    try {
      process.kill(-child.pid!, "SIGTERM");
    } catch {
      resolve();
    }
  });
}

async function waitForHttp(url: string, timeoutMs: number): Promise<void> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    try {
      const res = await fetch(url);
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    if (Date.now() > until) throw new Error(`${url} did not answer in ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

export async function startServers(): Promise<Servers> {
  const sink: string[] = [];
  const provider = await start(
    ["tests/support/oidc-provider.mjs", "--port", String(PROVIDER_PORT), "--tracker", TRACKER_URL],
    {},
    (out) => out.includes("oidc-provider ready"),
    15_000,
    sink,
  );
  let tracker: ChildProcess | undefined;
  try {
    tracker = await start(
      ["scripts/e2e-server.mjs"],
      {
        E2E_PORT: String(TRACKER_PORT),
        E2E_DATA_NAME: "e2e-sso-data",
        OIDC_ISSUER: ISSUER,
        OIDC_CLIENT_ID: "tracker",
        OIDC_CLIENT_SECRET: "tracker-test-secret",
        OIDC_NAME: PROVIDER_NAME,
        // Addresses of Example Telecom may ask for an account; others are simply unknown.
        OIDC_PENDING_ACCOUNTS: "telco.example",
        PASSWORD_SIGN_IN: "0",
        BREAK_GLASS_EMAILS: `${BREAK_GLASS}, ${LISTED_DELEGATE}`,
      },
      (out) => /Ready (in|on)|started server|Local:/.test(out),
      120_000,
      sink,
    );
    await waitForHttp(`${TRACKER_URL}/api/v1/clock`, 60_000);
  } catch (error) {
    await stopGroup(tracker);
    await stopGroup(provider);
    throw error;
  }
  return {
    stopProvider: () => stopGroup(provider),
    stop: async () => {
      await stopGroup(tracker);
      await stopGroup(provider);
    },
    log: () => sink.join(""),
  };
}
