// Shared helpers of the benchmark: child processes (always killed on exit), HTTP on loopback, statistics, RSS.
import { spawn } from "node:child_process";
import { createWriteStream, readdirSync, readFileSync } from "node:fs";
import http from "node:http";

// ---------------------------------------------------------------- children

const children = new Set();

/** Spawns a child in its own process group, so it and whatever it starts can be killed together. */
export function startChild(cmd, args, { env = {}, cwd, logFile } = {}) {
  const child = spawn(cmd, args, { cwd, env: { ...process.env, ...env }, stdio: ["ignore", "pipe", "pipe"], detached: true });
  children.add(child);
  child.exited = new Promise((resolve) => child.on("exit", (code, signal) => resolve({ code, signal })));
  child.exited.then(() => children.delete(child));
  if (logFile) {
    const log = createWriteStream(logFile, { flags: "a" });
    child.stdout.pipe(log);
    child.stderr.pipe(log);
  } else {
    child.stdout.resume();
    child.stderr.resume();
  }
  return child;
}

function signalGroup(child, signal) {
  try {
    process.kill(-child.pid, signal);
  } catch {
    try {
      child.kill(signal);
    } catch {
      // already gone
    }
  }
}

/** SIGTERM to the child's group, SIGKILL after `graceMs`. */
export async function stopChild(child, graceMs = 5000) {
  if (!child || child.exitCode !== null || child.signalCode !== null) return;
  signalGroup(child, "SIGTERM");
  const timer = setTimeout(() => signalGroup(child, "SIGKILL"), graceMs);
  await child.exited;
  clearTimeout(timer);
}

/** Last resort on exit: every child still alive gets SIGKILL (synchronous, works in process.on("exit")). */
export function killAllChildrenSync() {
  for (const child of children) signalGroup(child, "SIGKILL");
}

// ---------------------------------------------------------------- HTTP

export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/**
 * One request on loopback. `body` is a Buffer, a string, or an array of Buffers written in order.
 * Resolves with { status, headers, body (Buffer), ms } or { error, ms }; never rejects.
 */
export function request({ port, method = "GET", path, headers = {}, body, agent, timeoutMs = 60_000 }) {
  return new Promise((resolve) => {
    const started = performance.now();
    let settled = false;
    const finish = (value) => {
      if (settled) return;
      settled = true;
      resolve({ ...value, ms: performance.now() - started });
    };
    const parts = body === undefined ? [] : Array.isArray(body) ? body : [Buffer.from(body)];
    const length = parts.reduce((n, p) => n + p.length, 0);
    const req = http.request(
      { host: "127.0.0.1", port, method, path, agent, headers: { ...(parts.length ? { "content-length": String(length) } : {}), ...headers } },
      (res) => {
        const chunks = [];
        res.on("data", (c) => chunks.push(c));
        res.on("end", () => finish({ status: res.statusCode, headers: res.headers, body: Buffer.concat(chunks) }));
        res.on("error", (error) => finish({ error: String(error) }));
      },
    );
    req.setTimeout(timeoutMs, () => req.destroy(new Error(`timeout after ${timeoutMs} ms`)));
    req.on("error", (error) => finish({ error: String(error.message ?? error) }));
    for (const p of parts) req.write(p);
    req.end();
  });
}

export function json(res) {
  try {
    return JSON.parse(res.body.toString("utf8"));
  } catch {
    return null;
  }
}

/** Polls GET `path` until it answers 200, for at most `timeoutMs`. */
export async function waitForHttp(port, path, timeoutMs, child) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child && (child.exitCode !== null || child.signalCode !== null)) throw new Error(`the server on port ${port} exited before it was ready`);
    const res = await request({ port, path, timeoutMs: 2000 });
    if (res.status === 200) return;
    await sleep(200);
  }
  throw new Error(`no answer from http://127.0.0.1:${port}${path} within ${timeoutMs} ms`);
}

// ---------------------------------------------------------------- statistics

/** Nearest-rank percentile of an unsorted list; null when empty. */
export function percentile(values, p) {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1];
}

export function latencySummary(values) {
  return {
    n: values.length,
    p50: percentile(values, 50),
    p95: percentile(values, 95),
    p99: percentile(values, 99),
    max: values.length ? Math.max(...values) : null,
  };
}

// ---------------------------------------------------------------- memory

function rssKb(pid) {
  try {
    const m = /VmRSS:\s+(\d+)\s+kB/.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
    return m ? Number(m[1]) : 0;
  } catch {
    return 0;
  }
}

function descendants(pid) {
  const parentOf = new Map();
  for (const name of readdirSync("/proc")) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, "utf8");
      // the command name may contain spaces and parentheses: the ppid is the 2nd field after the last ')'
      const after = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      parentOf.set(Number(name), Number(after[1]));
    } catch {
      // gone meanwhile
    }
  }
  const out = [];
  const queue = [pid];
  while (queue.length) {
    const p = queue.shift();
    for (const [child, parent] of parentOf) {
      if (parent !== p) continue;
      out.push(child);
      queue.push(child);
    }
  }
  return out;
}

/** The RSS (bytes) of a process and all its descendants: `next start` may serve from a child process. */
export function treeRssBytes(pid) {
  return [pid, ...descendants(pid)].reduce((sum, p) => sum + rssKb(p) * 1024, 0);
}

/** CPU seconds (user + system) a process and its descendants have used: /proc/<pid>/stat fields 14 and 15. */
export function treeCpuSeconds(pid) {
  const ticksPerSecond = 100; // USER_HZ on Linux
  let ticks = 0;
  for (const p of [pid, ...descendants(pid)]) {
    try {
      const stat = readFileSync(`/proc/${p}/stat`, "utf8");
      const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      ticks += Number(fields[11]) + Number(fields[12]);
    } catch {
      // the process has ended
    }
  }
  return ticks / ticksPerSecond;
}

/** Samples the tree's RSS every `everyMs` until stop() is called; the process list is re-read once a second. */
export function rssSampler(pid, everyMs = 50) {
  let pids = [pid, ...descendants(pid)];
  let lastScan = Date.now();
  const samples = [];
  const sample = () => {
    if (Date.now() - lastScan > 1000) {
      pids = [pid, ...descendants(pid)];
      lastScan = Date.now();
    }
    samples.push(pids.reduce((sum, p) => sum + rssKb(p) * 1024, 0));
  };
  sample();
  const timer = setInterval(sample, everyMs);
  return {
    samples,
    stop() {
      clearInterval(timer);
      sample();
      return { samples: samples.length, peak: Math.max(...samples), last: samples[samples.length - 1] };
    },
  };
}

export const mb = (bytes) => (bytes === null || bytes === undefined ? null : Math.round((bytes / (1024 * 1024)) * 10) / 10);
