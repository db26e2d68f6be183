// The real, built server in a child process (next start on a temp DATA_DIR), an HTTP client for it, and the storage checks.
import { spawn, type ChildProcess } from "node:child_process";
import { createHash, randomBytes } from "node:crypto";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { DEMO_PASSWORD, SG20_MEETING_CODE } from "@/lib/config/demo";

export const ROOT = path.resolve(__dirname, "../..");
export const MEETING = SG20_MEETING_CODE;
export const MEMBERS = ["delegate@admin-ch.example", "delegate@telco.example", "delegate@university.example", "delegate@associate-sg20.example"] as const;

const NEXT_BIN = path.join(ROOT, "node_modules", "next", "dist", "bin", "next");
const TSX_BIN = path.join(ROOT, "node_modules", ".bin", "tsx");

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export function sha256(bytes: Buffer): string {
  return createHash("sha256").update(bytes).digest("hex");
}

/** A fresh temp directory; the server's data goes in <root>/data, backups and restores beside it. */
/** Lets several checkouts run the system tests at once on one machine (TEST_PORT_OFFSET=100, 200, …). */
export const PORT_OFFSET = Number(process.env.TEST_PORT_OFFSET ?? 0);

export function tempRoot(label: string): string {
  return mkdtempSync(path.join(os.tmpdir(), `tracker-system-${label}-`));
}

export function serverEnv(dataDir: string, port: number): NodeJS.ProcessEnv {
  return {
    ...process.env,
    DEMO_MODE: "1",
    DATA_DIR: dataDir,
    SIMULATED_NOW: "2020-06-23T12:00:00Z",
    NEXTAUTH_URL: `http://127.0.0.1:${port}`,
    NEXTAUTH_SECRET: "system-test-only-secret-0123456789abcdef",
    NODE_ENV: "production",
    NEXT_TELEMETRY_DISABLED: "1",
  };
}

/** Runs a command to its end (bounded), with its output captured. */
export function runCommand(cmd: string, args: string[], env: NodeJS.ProcessEnv, timeoutMs = 120_000): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { cwd: ROOT, env, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d: Buffer) => (stdout += d.toString()));
    child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      reject(new Error(`${cmd} ${args.join(" ")} took over ${timeoutMs} ms\n${stdout}\n${stderr}`));
    }, timeoutMs);
    child.on("error", reject);
    child.on("exit", (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

export function runTsx(script: string, args: string[], env: NodeJS.ProcessEnv) {
  return runCommand(TSX_BIN, [script, ...args], env);
}

/** Migrates and seeds the demo into dataDir, as `npm run demo` does. */
export async function seed(dataDir: string, port: number): Promise<void> {
  const result = await runTsx("scripts/setup-db.ts", [], serverEnv(dataDir, port));
  if (result.code !== 0) throw new Error(`setup-db failed:\n${result.stdout}\n${result.stderr}`);
}

// ------------------------------------------------------------------ the server process

export type Server = { port: number; dataDir: string; child: ChildProcess; exited: Promise<void>; output: () => string; base: string };

const running = new Set<Server>();

/** Starts `next start` on dataDir in its own process group and waits until GET /api/v1/clock answers. */
export async function startServer(dataDir: string, requestedPort: number, extraEnv: Record<string, string> = {}): Promise<Server> {
  const port = requestedPort + PORT_OFFSET;
  const child = spawn(process.execPath, [NEXT_BIN, "start", "-p", String(port), "-H", "127.0.0.1"], {
    cwd: ROOT,
    env: { ...serverEnv(dataDir, port), ...extraEnv },
    stdio: ["ignore", "pipe", "pipe"],
    detached: true,
  });
  let log = "";
  const keep = (d: Buffer) => {
    log = (log + d.toString()).slice(-20_000);
  };
  child.stdout!.on("data", keep);
  child.stderr!.on("data", keep);
  const exited = new Promise<void>((resolve) => child.on("exit", () => resolve()));
  const server: Server = { port, dataDir, child, exited, output: () => log, base: `http://127.0.0.1:${port}` };
  running.add(server);
  let gone = false;
  void exited.then(() => (gone = true));
  for (let i = 0; i < 240; i++) {
    if (gone) throw new Error(`the server exited at start:\n${log}`);
    try {
      const res = await request(server, "GET", "/api/v1/clock", { timeoutMs: 2000 });
      if (res.status === 200) return server;
    } catch {
      /* not listening yet */
    }
    await sleep(250);
  }
  await killServer(server);
  throw new Error(`the server did not answer within 60 s:\n${log}`);
}

/** SIGKILL to the whole process group: no shutdown handler, no flush, as in a crash. */
export async function killServer(server: Server, signal: NodeJS.Signals = "SIGKILL"): Promise<void> {
  if (server.child.exitCode === null && server.child.signalCode === null) {
    try {
      process.kill(-server.child.pid!, signal);
    } catch {
      /* already gone */
    }
  }
  await Promise.race([server.exited, sleep(10_000)]);
  running.delete(server);
}

/** A clean stop (SIGTERM), falling back to SIGKILL. */
export async function stopServer(server: Server): Promise<void> {
  if (server.child.exitCode === null && server.child.signalCode === null) {
    try {
      process.kill(-server.child.pid!, "SIGTERM");
    } catch {
      /* already gone */
    }
    await Promise.race([server.exited, sleep(5_000)]);
  }
  await killServer(server, "SIGKILL");
}

/** For afterAll: no server outlives its test file. */
export async function stopAllServers(): Promise<void> {
  for (const server of [...running]) await killServer(server);
}

// ------------------------------------------------------------------ HTTP

export type Answer = { status: number; body: Buffer; json: () => Record<string, unknown> };

/** One request on a new connection (no keep-alive, so nothing stale survives a server restart). */
export function request(
  server: Pick<Server, "port">,
  method: string,
  urlPath: string,
  opts: { token?: string; json?: unknown; timeoutMs?: number } = {},
): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const body = opts.json === undefined ? undefined : Buffer.from(JSON.stringify(opts.json));
    const headers: Record<string, string> = {};
    if (opts.token) headers.authorization = `Bearer ${opts.token}`;
    if (body) {
      headers["content-type"] = "application/json";
      headers["content-length"] = String(body.length);
    }
    const req = http.request({ host: "127.0.0.1", port: server.port, method, path: urlPath, headers, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () => {
        const all = Buffer.concat(chunks);
        resolve({ status: res.statusCode ?? 0, body: all, json: () => JSON.parse(all.toString("utf8")) as Record<string, unknown> });
      });
      res.on("error", reject);
    });
    req.setTimeout(opts.timeoutMs ?? 30_000, () => req.destroy(new Error("timeout")));
    req.on("error", reject);
    req.end(body);
  });
}

/** Bearer tokens for the four demo members, through POST /api/v1/tokens. */
export async function memberTokens(server: Server): Promise<string[]> {
  const tokens: string[] = [];
  for (const email of MEMBERS) {
    const res = await request(server, "POST", "/api/v1/tokens", { json: { email, password: DEMO_PASSWORD, label: "system test" } });
    if (res.status !== 201) throw new Error(`no token for ${email}: ${res.status} ${res.body.toString()}`);
    tokens.push(String(res.json().token));
  }
  return tokens;
}

/** A distinct PDF-like document of about `size` bytes (the server checks the magic, not the PDF structure). */
export function pdfLike(size: number, label: string): Buffer {
  const head = Buffer.from(`%PDF-1.4\n% ${label} ${randomBytes(8).toString("hex")}\n`);
  const tail = Buffer.from("\n%%EOF\n");
  return Buffer.concat([head, randomBytes(Math.max(0, size - head.length - tail.length)), tail]);
}

export type Receipt = { id: number; versionId: number; number: number | null; sha256: string; receivedAt: string; size: number };
export type UploadOutcome =
  | { kind: "receipt"; receipt: Receipt; token: string; bytes: Buffer; at: number }
  | { kind: "refused"; status: number; body: string }
  | { kind: "failed"; error: string };

/**
 * POST /api/v1/meetings/SG20-2020-07/contributions, multipart `metadata` + `file`. With `delayMs` the body
 * is written `chunkBytes` at a time with a pause after each chunk, so the request is still mid-body for a while.
 */
export function upload(
  server: Pick<Server, "port">,
  token: string,
  bytes: Buffer,
  opts: { title?: string; chunkBytes?: number; delayMs?: number; timeoutMs?: number } = {},
): Promise<UploadOutcome> {
  const boundary = `----system-test-${randomBytes(12).toString("hex")}`;
  const metadata = {
    title: opts.title ?? "System test contribution",
    questions: ["Q3/20"],
    purpose: "Proposal",
    contacts: [{ name: "Test Delegate", organization: "Test Org", country: "Switzerland", phone: "+41 22 730 51 11", email: "test.delegate@example.org" }],
  };
  const parts = [
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="metadata"\r\nContent-Type: application/json\r\n\r\n${JSON.stringify(metadata)}\r\n` +
        `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="contribution.pdf"\r\nContent-Type: application/pdf\r\n\r\n`,
    ),
    bytes,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ];
  const body = Buffer.concat(parts);
  const chunk = opts.chunkBytes ?? body.length;
  return new Promise<UploadOutcome>((resolve) => {
    let settled = false;
    const finish = (outcome: UploadOutcome) => {
      if (!settled) {
        settled = true;
        resolve(outcome);
      }
    };
    const req = http.request(
      {
        host: "127.0.0.1",
        port: server.port,
        method: "POST",
        path: `/api/v1/meetings/${MEETING}/contributions`,
        agent: false,
        headers: { authorization: `Bearer ${token}`, "content-type": `multipart/form-data; boundary=${boundary}`, "content-length": String(body.length) },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("error", (e) => finish({ kind: "failed", error: String(e) }));
        res.on("end", () => {
          const text = Buffer.concat(chunks).toString("utf8");
          if (res.statusCode === 201) {
            try {
              finish({ kind: "receipt", receipt: JSON.parse(text) as Receipt, token, bytes, at: performance.now() });
            } catch (e) {
              finish({ kind: "failed", error: `unreadable receipt: ${String(e)}` });
            }
          } else finish({ kind: "refused", status: res.statusCode ?? 0, body: text });
        });
      },
    );
    req.setTimeout(opts.timeoutMs ?? 60_000, () => req.destroy(new Error("timeout")));
    req.on("error", (e) => finish({ kind: "failed", error: String(e) }));
    void (async () => {
      for (let offset = 0; offset < body.length && !req.destroyed && !settled; offset += chunk) {
        const ok = req.write(body.subarray(offset, offset + chunk));
        if (!ok) {
          await new Promise<void>((resolve) => {
            const go = () => {
              req.off("drain", go);
              req.off("close", go);
              resolve();
            };
            req.on("drain", go);
            req.on("close", go);
          });
        }
        if (opts.delayMs) await sleep(opts.delayMs);
      }
      if (!req.destroyed && !settled) req.end();
    })();
  });
}

// ------------------------------------------------------------------ what is on disk

export function storedRel(sha: string): string {
  return path.join("files", sha.slice(0, 2), sha.slice(2, 4), sha);
}

/** Every file under <dir>/files, by name (the SHA-256 it claims). */
export function listStoredFiles(dir: string): Map<string, string> {
  const found = new Map<string, string>();
  const walk = (d: string) => {
    if (!existsSync(d)) return;
    for (const entry of readdirSync(d, { withFileTypes: true })) {
      const full = path.join(d, entry.name);
      if (entry.isDirectory()) walk(full);
      else found.set(entry.name, full);
    }
  };
  walk(path.join(dir, "files"));
  return found;
}

export type StoreReport = {
  integrity: string;
  receiptsMissing: string[];
  rowsWithoutFile: string[];
  filesWithoutRow: string[];
  badHashes: string[];
  duplicateNumbers: number[];
  numbers: number[];
  counts: { contributions: number; versions: number; storedFiles: number };
};

/** Reads a data (or backup) directory read-only and reports every way in which rows, files and receipts disagree. */
export function inspectStore(dir: string, receipts: Receipt[]): StoreReport {
  const db = new Database(path.join(dir, "tracker.db"), { readonly: true, fileMustExist: true });
  try {
    const integrity = String(db.pragma("integrity_check", { simple: true }));
    const byVersion = db.prepare(
      `SELECT c.id AS id, c.number AS number, v.received_at AS receivedAt, f.sha256 AS sha256, f.size AS size
         FROM contribution_versions v JOIN contributions c ON c.id = v.contribution_id JOIN stored_files f ON f.id = v.file_id
        WHERE v.id = ?`,
    );
    const receiptsMissing: string[] = [];
    for (const r of receipts) {
      const row = byVersion.get(r.versionId) as { id: number; number: number | null; receivedAt: number; sha256: string; size: number } | undefined;
      const problem = !row
        ? "no row"
        : row.id !== r.id
          ? `contribution ${row.id}`
          : row.number !== r.number
            ? `number ${row.number}`
            : row.sha256 !== r.sha256
              ? `sha256 ${row.sha256}`
              : new Date(row.receivedAt).toISOString() !== r.receivedAt
                ? `receivedAt ${new Date(row.receivedAt).toISOString()}`
                : null;
      if (problem) receiptsMissing.push(`receipt of version ${r.versionId} (contribution ${r.id}, no. ${r.number}): ${problem}`);
    }
    const rows = db.prepare("SELECT sha256, size FROM stored_files").all() as { sha256: string; size: number }[];
    const files = listStoredFiles(dir);
    const rowsWithoutFile = rows.filter((r) => !files.has(r.sha256)).map((r) => r.sha256);
    const known = new Set(rows.map((r) => r.sha256));
    const filesWithoutRow = [...files.keys()].filter((name) => !known.has(name));
    const badHashes: string[] = [];
    for (const [name, full] of files) {
      const content = readFileSync(full);
      if (sha256(content) !== name || path.relative(dir, full) !== storedRel(name)) badHashes.push(name);
      else {
        const row = rows.find((r) => r.sha256 === name);
        if (row && row.size !== content.length) badHashes.push(`${name} (size)`);
      }
    }
    const numbers = (db.prepare("SELECT number FROM contributions WHERE number IS NOT NULL ORDER BY number").all() as { number: number }[]).map((r) => r.number);
    const duplicateNumbers = numbers.filter((n, i) => i > 0 && numbers[i - 1] === n);
    const count = (table: string) => (db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
    return {
      integrity,
      receiptsMissing,
      rowsWithoutFile,
      filesWithoutRow,
      badHashes,
      duplicateNumbers,
      numbers,
      counts: { contributions: count("contributions"), versions: count("contribution_versions"), storedFiles: count("stored_files") },
    };
  } finally {
    db.close();
  }
}

/** The rows of a table, in id order, for comparing two databases. */
export function tableRows(dbFile: string, table: string): unknown[] {
  const db = new Database(dbFile, { readonly: true, fileMustExist: true });
  try {
    return db.prepare(`SELECT * FROM ${table} ORDER BY id`).all();
  } finally {
    db.close();
  }
}

export function tempEntries(dataDir: string): string[] {
  const dir = path.join(dataDir, "tmp");
  return existsSync(dir) ? readdirSync(dir) : [];
}

export function removeDir(dir: string): void {
  if (process.env.KEEP_SYSTEM_DATA !== "1") rmSync(dir, { recursive: true, force: true });
}
