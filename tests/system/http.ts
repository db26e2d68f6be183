// The built server with extra settings (MAX_UPLOAD_MB…), a raw HTTP client with full control of the headers, the
// next-auth sign-in flow (session cookies), bearer tokens and multipart bodies, for the access-control and bad-input tests.
import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, readdirSync, statSync } from "node:fs";
import http from "node:http";
import path from "node:path";
import Database from "better-sqlite3";
import { DEMO_PASSWORD } from "@/lib/config/demo";
import { PORT_OFFSET, ROOT, SERVE_SCRIPT, seed, serverEnv, sleep } from "./server";

export type Srv = { port: number; base: string; origin: string; dataDir: string; child: ChildProcess; exited: Promise<void>; output: () => string };

const started = new Set<Srv>();

/** Migrates and seeds dataDir, then starts the server (scripts/serve.mjs) with the system tests' environment plus `extraEnv`. */
export async function startSeededServer(dataDir: string, port: number, extraEnv: Record<string, string> = {}, beforeStart?: (dbFile: string) => void): Promise<Srv> {
  port += PORT_OFFSET;
  await seed(dataDir, port);
  beforeStart?.(path.join(dataDir, "tracker.db"));
  const child = spawn(process.execPath, [SERVE_SCRIPT, "-p", String(port), "-H", "127.0.0.1"], {
    cwd: ROOT,
    env: { ...serverEnv(dataDir, port), ...extraEnv },
    stdio: ["ignore", "pipe", "pipe"],
    detached: true,
  });
  let log = "";
  const keep = (d: Buffer) => {
    log = (log + d.toString()).slice(-40_000);
  };
  child.stdout!.on("data", keep);
  child.stderr!.on("data", keep);
  const exited = new Promise<void>((resolve) => child.on("exit", () => resolve()));
  const srv: Srv = { port, base: `http://127.0.0.1:${port}`, origin: `http://127.0.0.1:${port}`, dataDir, child, exited, output: () => log };
  started.add(srv);
  let gone = false;
  void exited.then(() => (gone = true));
  for (let i = 0; i < 240; i++) {
    if (gone) throw new Error(`the server exited at start:\n${log}`);
    try {
      const res = await send(srv, "GET", "/api/v1/clock", { timeoutMs: 2000 });
      if (res.status === 200) return srv;
    } catch {
      /* not listening yet */
    }
    await sleep(250);
  }
  throw new Error(`the server did not answer within 60 s:\n${log}`);
}

/** For afterAll: SIGKILL to every server this helper started (by its own process group id). */
export async function stopStartedServers(): Promise<void> {
  for (const srv of [...started]) {
    if (srv.child.exitCode === null && srv.child.signalCode === null) {
      try {
        process.kill(-srv.child.pid!, "SIGKILL");
      } catch {
        /* already gone */
      }
    }
    await Promise.race([srv.exited, sleep(10_000)]);
    started.delete(srv);
  }
}

// ------------------------------------------------------------------ HTTP

export type Res = {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
  text: () => string;
  json: () => Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
  location: string | null;
};

export type SendOpts = {
  headers?: Record<string, string>;
  body?: Buffer | string;
  /** a JSON body (sets Content-Type) */
  json?: unknown;
  cookie?: string | null;
  token?: string | null;
  /** the browser's Origin header (the server's own origin for the form path) */
  origin?: string | null;
  timeoutMs?: number;
};

/** One request on its own connection; nothing is added that the caller did not ask for (but Host). */
export function send(srv: Pick<Srv, "port">, method: string, urlPath: string, opts: SendOpts = {}): Promise<Res> {
  return new Promise((resolve, reject) => {
    const headers: Record<string, string> = { "accept-language": "en", ...(opts.headers ?? {}) };
    let body: Buffer | undefined = opts.body === undefined ? undefined : Buffer.isBuffer(opts.body) ? opts.body : Buffer.from(opts.body, "utf8");
    if (opts.json !== undefined) {
      body = Buffer.from(JSON.stringify(opts.json));
      headers["content-type"] ??= "application/json";
    }
    if (body) headers["content-length"] ??= String(body.length);
    if (opts.cookie) headers.cookie = opts.cookie;
    if (opts.token) headers.authorization = `Bearer ${opts.token}`;
    if (opts.origin) headers.origin = opts.origin;
    const req = http.request({ host: "127.0.0.1", port: srv.port, method, path: urlPath, headers, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () => {
        const all = Buffer.concat(chunks);
        const location = typeof res.headers.location === "string" ? res.headers.location : null;
        resolve({
          status: res.statusCode ?? 0,
          headers: res.headers,
          body: all,
          text: () => all.toString("utf8"),
          json: () => JSON.parse(all.toString("utf8")),
          location,
        });
      });
      res.on("error", reject);
    });
    req.setTimeout(opts.timeoutMs ?? 60_000, () => req.destroy(new Error(`timeout: ${method} ${urlPath}`)));
    req.on("error", reject);
    req.end(body);
  });
}

function cookiePairs(setCookie: string[] | undefined): Map<string, string> {
  const out = new Map<string, string>();
  for (const line of setCookie ?? []) {
    const [pair] = line.split(";");
    const eq = pair.indexOf("=");
    if (eq > 0) out.set(pair.slice(0, eq).trim(), pair.slice(eq + 1).trim());
  }
  return out;
}

export const SESSION_COOKIE = "next-auth.session-token";

/**
 * Signs in through next-auth's credentials flow as a browser does: GET /api/auth/csrf (cookie jar), then
 * POST /api/auth/callback/credentials form-encoded with csrfToken, email, password, json=true.
 * Returns the Cookie header value carrying the session token.
 */
export async function signIn(srv: Srv, email: string, password = DEMO_PASSWORD): Promise<string> {
  const csrf = await send(srv, "GET", "/api/auth/csrf");
  if (csrf.status !== 200) throw new Error(`csrf: ${csrf.status}`);
  const jar = cookiePairs(csrf.headers["set-cookie"]);
  const form = new URLSearchParams({ csrfToken: String(csrf.json().csrfToken), email, password, json: "true" }).toString();
  const res = await send(srv, "POST", "/api/auth/callback/credentials", {
    body: form,
    headers: { "content-type": "application/x-www-form-urlencoded", cookie: [...jar].map(([k, v]) => `${k}=${v}`).join("; ") },
  });
  const session = cookiePairs(res.headers["set-cookie"]).get(SESSION_COOKIE);
  if (!session) throw new Error(`no session for ${email}: ${res.status} ${res.text().slice(0, 300)}`);
  return `${SESSION_COOKIE}=${session}`;
}

/** POST /api/v1/tokens. */
export async function issueToken(srv: Srv, email: string, label = "system test"): Promise<{ id: number; token: string }> {
  const res = await send(srv, "POST", "/api/v1/tokens", { json: { email, password: DEMO_PASSWORD, label } });
  if (res.status !== 201) throw new Error(`no token for ${email}: ${res.status} ${res.text()}`);
  const body = res.json();
  return { id: Number(body.id), token: String(body.token) };
}

// ------------------------------------------------------------------ multipart

export type Part =
  | { name: string; value: string; contentType?: string }
  /** `disposition`: the Content-Disposition header's value verbatim (e.g. an RFC 5987 filename*=UTF-8''…) */
  | { name: string; filename: string; data: Buffer; contentType?: string; disposition?: string };

/** A multipart/form-data body built byte by byte (so that hostile file names and broken bodies are possible). */
export function multipart(parts: Part[], boundary = `----acl-${randomBytes(12).toString("hex")}`): { body: Buffer; contentType: string; boundary: string } {
  const chunks: Buffer[] = [];
  for (const p of parts) {
    if ("filename" in p) {
      chunks.push(
        Buffer.from(
          `--${boundary}\r\nContent-Disposition: ${p.disposition ?? `form-data; name="${p.name}"; filename="${p.filename}"`}\r\nContent-Type: ${p.contentType ?? "application/octet-stream"}\r\n\r\n`,
          "utf8",
        ),
        p.data,
        Buffer.from("\r\n"),
      );
    } else {
      const type = p.contentType ? `Content-Type: ${p.contentType}\r\n` : "";
      chunks.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${p.name}"\r\n${type}\r\n${p.value}\r\n`, "utf8"));
    }
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return { body: Buffer.concat(chunks), contentType: `multipart/form-data; boundary=${boundary}`, boundary };
}

/** The upload a browser form sends: `metadata` as JSON and the one `file`. */
export function uploadBody(metadata: unknown, file: { name: string; data: Buffer; contentType?: string }): { body: Buffer; contentType: string } {
  return multipart([
    { name: "metadata", value: typeof metadata === "string" ? metadata : JSON.stringify(metadata) },
    { name: "file", filename: file.name, data: file.data, contentType: file.contentType },
  ]);
}

// ------------------------------------------------------------------ the data directory

export function filesUnder(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    return statSync(full).isDirectory() ? filesUnder(full) : [full];
  });
}

/** Runs fn on the live database file (WAL, busy timeout), as a second process would. */
export function withDb<T>(dataDir: string, fn: (db: Database.Database) => T): T {
  const db = new Database(path.join(dataDir, "tracker.db"));
  db.pragma("busy_timeout = 5000");
  try {
    return fn(db);
  } finally {
    db.close();
  }
}

export function countRows(dataDir: string): { contributions: number; versions: number; storedFiles: number; lateRequests: number } {
  return withDb(dataDir, (db) => {
    const n = (t: string) => (db.prepare(`SELECT count(*) AS n FROM ${t}`).get() as { n: number }).n;
    return { contributions: n("contributions"), versions: n("contribution_versions"), storedFiles: n("stored_files"), lateRequests: n("late_requests") };
  });
}
