// npm run bench: the deadline burst (tracker and a bare baseline), a 200 MB upload, reading at 20,000
// contributions in one meeting, and a decade of ITU-T (200,000 contributions over 12 study groups and about 250
// meetings: the daily pages and API, the CSV export, memory, an online backup and a verified restore), on loopback.
// Prints a table with each goal and writes bench-results/bench-<ts>.md and .json.
// A benchmark reports, it does not assert: the exit code is non-zero only if the integrity check fails (a lost receipt,
// a number gap, a backup that does not restore whole) or the run could not finish.
import { createHash } from "node:crypto";
import { copyFileSync, cpSync, createReadStream, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import os from "node:os";
import path from "node:path";
import { bin, buildIfNeeded, needsBuild, root, SERVER_HEAP_MB } from "../lib.mjs";
import { startAttack } from "./attack.mjs";
import { runBurst, uploadLargeFile, warmUp } from "./burst.mjs";
import { seedContributions } from "./seed-reading.mjs";
import { SCALE_NOW, scaleTargets, seedScale } from "./seed-scale.mjs";
import { longVersions, makeDocxSync } from "./seed-text.mjs";
import { json, killAllChildrenSync, latencySummary, mb, request, rssSampler, sleep, startChild, stopChild, treeCpuSeconds, treeRssBytes, waitForHttp } from "./util.mjs";

const require = createRequire(import.meta.url);
const Database = require("better-sqlite3");

// TEST_PORT_OFFSET moves the ports, as for the system tests, when several checkouts share the machine.
const TRACKER_PORT = 3300 + (Number(process.env.TEST_PORT_OFFSET) || 0);
const BASELINE_PORT = TRACKER_PORT + 1;
const FLOOR_PORT = TRACKER_PORT + 2;
const MEETING = "SG20-2020-07";
const PASSWORD = "demo-password-2020";
const MEMBERS = ["delegate@admin-ch.example", "delegate@telco.example", "delegate@university.example", "delegate@associate-sg20.example"];
const RAPPORTEUR = "rapporteur.q3@sg20.example";
const SECRETARIAT = "tsb.sg20@secretariat.example";

const BURST = { count: Number(process.env.BENCH_BURST ?? 500), concurrency: Number(process.env.BENCH_CONCURRENCY ?? 50), budgetMs: 150_000 };
const LARGE_BYTES = Number(process.env.BENCH_LARGE_MB ?? 200) * 1024 * 1024;
const READ = { contributions: Number(process.env.BENCH_ROWS ?? 20_000), warmup: 10, requests: 200, warmupMs: 5_000, budgetMs: 25_000 };
const SCALE = {
  contributions: Number(process.env.BENCH_SCALE_CONTRIBUTIONS ?? 200_000),
  warmup: 5,
  requests: Number(process.env.BENCH_SCALE_REQUESTS ?? 100),
  warmupMs: 10_000,
  budgetMs: 40_000,
  csvRuns: 10,
};

/** The search phase: BENCH_SEARCH_ROWS contributions of about BENCH_SEARCH_WORDS words each, read by the extraction queue. */
const SEARCH = {
  contributions: Number(process.env.BENCH_SEARCH_ROWS ?? process.env.BENCH_ROWS ?? 20_000),
  words: Number(process.env.BENCH_SEARCH_WORDS ?? 600),
  pages: Number(process.env.BENCH_DIFF_PAGES ?? 100),
  extractionBudgetMs: Number(process.env.BENCH_EXTRACTION_BUDGET_S ?? 1200) * 1000,
};

/**
 * The attack phase: the burst again, on a server of its own, alone before and after it runs while attackers do (issue 10). How
 * many of each: concurrent 100 MB JSON bodies, uploads trickled at 1 KB/s, loops sending the hostile DOCX to the
 * cover-page reader, and a password spray (loops, requests per second at most, source addresses).
 */
const ATTACK = {
  json: Number(process.env.BENCH_ATTACK_JSON ?? 6),
  slow: Number(process.env.BENCH_ATTACK_SLOW ?? 10),
  cover: Number(process.env.BENCH_ATTACK_COVER ?? 3),
  sprayPerSecond: Number(process.env.BENCH_ATTACK_SPRAY_RATE ?? 20),
  sprayClients: Number(process.env.BENCH_ATTACK_SPRAY_RATE ?? 20) > 0 ? 2 : 0,
  sprayAddresses: 16,
  // The attack is under way (bodies in flight, slow uploads open) before the honest burst starts.
  leadMs: 2000,
};

/** BENCH_PARTS=burst,baseline,floor,attack,read,scale,search runs only some phases (while working on one figure); the default is all. */
const PARTS = new Set((process.env.BENCH_PARTS ?? "burst,baseline,floor,attack,read,scale,search").split(",").map((p) => p.trim()));

// The burst's goals are issue 15's: throughput at least 0.8x the bare Node baseline's, p99 at most 1.25x its p99.
const GOALS = {
  throughputRatio: 0.8,
  burstP99Ratio: 1.25,
  rssGrowthMb: 64,
  attackThroughputRatio: 0.8,
  attackHonestFailures: 0,
  attackRssGrowthMb: 128,
  readP95Ms: 200,
  scaleP95Ms: 100,
  scaleRssMb: 300,
  scaleCsvMs: 1000,
  searchP95Ms: 100,
  diffMs: 1000,
};

const stamp = new Date().toISOString().replace(/[:.]/g, "-");
const resultsDir = path.join(root, "bench-results");
const tmp = path.join(resultsDir, `tmp-${stamp}`);
const log = (...args) => console.log(`[bench ${new Date().toISOString().slice(11, 19)}]`, ...args);

process.on("exit", killAllChildrenSync);
for (const signal of ["SIGINT", "SIGTERM"]) {
  process.on(signal, () => {
    killAllChildrenSync();
    rmSync(tmp, { recursive: true, force: true });
    process.exit(130);
  });
}

// ---------------------------------------------------------------- servers

function trackerEnv(dataDir, simulatedNow = "2020-06-23T12:00:00Z") {
  return {
    DEMO_MODE: "1",
    DATA_DIR: dataDir,
    SIMULATED_NOW: simulatedNow,
    NEXTAUTH_URL: `http://127.0.0.1:${TRACKER_PORT}`,
    NEXTAUTH_SECRET: "bench-secret",
    NODE_ENV: "production",
    NEXT_TELEMETRY_DISABLED: "1",
    MAX_UPLOAD_MB: "250",
  };
}

async function setupDb(dataDir) {
  const child = startChild(bin("tsx"), ["scripts/setup-db.ts"], { cwd: root, env: trackerEnv(dataDir), logFile: path.join(tmp, "setup-db.log") });
  const { code } = await child.exited;
  if (code !== 0) throw new Error(`setup-db failed (exit ${code}); see ${path.join(tmp, "setup-db.log")}`);
}

const buildIdFile = path.join(root, ".next", "BUILD_ID");
const appDir = path.join(tmp, "app");

/**
 * Other people rebuild .next in this checkout while the benchmark runs, and the server loads route code
 * lazily: the server runs from a private copy of the build (node_modules, db and public linked).
 */
async function ensureBuildSnapshot() {
  const waitForBuildId = async (ms) => {
    for (const until = Date.now() + ms; !existsSync(buildIdFile) && Date.now() < until; ) await sleep(2000);
    return existsSync(buildIdFile);
  };
  if (!(await waitForBuildId(existsSync(buildIdFile) ? 0 : 120_000)) || needsBuild()) {
    // One attempt: a failure is either a broken tree (nothing to benchmark) or a concurrent build (wait for its result).
    if ((await buildIfNeeded()) !== 0 && !(await waitForBuildId(60_000))) {
      throw new Error("next build failed and no other build produced .next/BUILD_ID: the application does not build right now");
    }
  }
  for (let attempt = 1; attempt <= 5; attempt++) {
    await waitForBuildId(120_000);
    const id = existsSync(buildIdFile) ? readFileSync(buildIdFile, "utf8") : null;
    rmSync(appDir, { recursive: true, force: true });
    mkdirSync(appDir, { recursive: true });
    try {
      cpSync(path.join(root, ".next"), path.join(appDir, ".next"), {
        recursive: true,
        verbatimSymlinks: true,
        filter: (src) => !/[\\/]\.next[\\/](cache|trace|trace-build|turbopack|lock|diagnostics)$/.test(src),
      });
    } catch (error) {
      log(`copying the build failed (${error.message}); retrying`);
      await sleep(3000);
      continue;
    }
    const after = existsSync(buildIdFile) ? readFileSync(buildIdFile, "utf8") : null;
    if (id && id === after && existsSync(path.join(appDir, ".next", "BUILD_ID"))) {
      // lib/ and tsconfig.json: the text-extraction thread loads its TypeScript through tsx (lib/text/extractor.ts).
      for (const name of ["node_modules", "db", "public", "lib", "tsconfig.json"]) symlinkSync(path.join(root, name), path.join(appDir, name));
      for (const name of ["package.json", "next.config.js"]) copyFileSync(path.join(root, name), path.join(appDir, name));
      return id.trim();
    }
    log("the build changed while it was copied; copying again");
    await sleep(3000);
  }
  throw new Error("could not take a stable copy of the build");
}

/** BENCH_PROFILE_DIR: the servers write V8 CPU profiles there when they stop (open them in Chrome's DevTools). */
const profile = process.env.BENCH_PROFILE_DIR ? ["--cpu-prof", `--cpu-prof-dir=${path.resolve(process.env.BENCH_PROFILE_DIR)}`] : [];

async function startTracker(dataDir, logName, simulatedNow) {
  // With the heap cap of npm start (scripts/lib.mjs), so that its memory is what production's would be.
  const child = startChild(process.execPath, [...profile, `--max-old-space-size=${SERVER_HEAP_MB}`, path.join(root, "scripts/serve.mjs"), "-p", String(TRACKER_PORT), "-H", "127.0.0.1"], {
    cwd: appDir,
    env: trackerEnv(dataDir, simulatedNow),
    logFile: path.join(tmp, logName),
  });
  await waitForHttp(TRACKER_PORT, "/api/v1/clock", 60_000, child);
  return child;
}

async function createToken(email, label) {
  const res = await request({
    port: TRACKER_PORT,
    method: "POST",
    path: "/api/v1/tokens",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ email, password: PASSWORD, label }),
  });
  const body = res.status === 201 ? json(res) : null;
  if (!body?.token) throw new Error(`POST /api/v1/tokens for ${email}: ${res.status ?? res.error} ${res.body?.toString().slice(0, 300) ?? ""}`);
  return { email, token: body.token };
}

/** The next-auth credentials flow with a cookie jar: csrf, callback, keep the session cookie. */
async function signIn(email) {
  const jar = new Map();
  const keep = (res) => {
    for (const line of [res.headers?.["set-cookie"] ?? []].flat()) {
      const [pair] = line.split(";");
      const eq = pair.indexOf("=");
      jar.set(pair.slice(0, eq).trim(), pair.slice(eq + 1).trim());
    }
  };
  const cookie = () => [...jar].map(([k, v]) => `${k}=${v}`).join("; ");
  const csrf = await request({ port: TRACKER_PORT, path: "/api/auth/csrf" });
  keep(csrf);
  const csrfToken = json(csrf)?.csrfToken;
  if (!csrfToken) throw new Error(`GET /api/auth/csrf: ${csrf.status ?? csrf.error}`);
  const form = new URLSearchParams({ csrfToken, email, password: PASSWORD, json: "true", callbackUrl: `http://127.0.0.1:${TRACKER_PORT}/` });
  const res = await request({
    port: TRACKER_PORT,
    method: "POST",
    path: "/api/auth/callback/credentials",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie: cookie() },
    body: form.toString(),
  });
  keep(res);
  if (![...jar.keys()].some((k) => k.includes("session-token"))) throw new Error(`sign-in of ${email} gave no session cookie (status ${res.status ?? res.error})`);
  const session = json(await request({ port: TRACKER_PORT, path: "/api/auth/session", headers: { cookie: cookie() } }));
  if (!session?.user?.id) throw new Error(`sign-in of ${email}: /api/auth/session has no user`);
  return cookie();
}

// ---------------------------------------------------------------- the burst and its integrity

function burstFigures(run) {
  const ok = run.outcomes.filter((o) => o.status === 201);
  const errors = run.outcomes.filter((o) => o.status !== 201);
  const byKind = {};
  for (const e of errors) {
    const key = e.error ? `client: ${e.error}` : `${e.status} ${e.receipt?.code ?? ""}`.trim();
    byKind[key] = (byKind[key] ?? 0) + 1;
  }
  return {
    attempted: run.attempted,
    ok: ok.length,
    errors: errors.length,
    errorKinds: byKind,
    wallSeconds: run.wallMs / 1000,
    throughput: ok.length / (run.wallMs / 1000),
    latencyMs: latencySummary(run.outcomes.filter((o) => o.status === 201).map((o) => o.ms)),
    mbPerSecond: (ok.length * (run.outcomes[0]?.size ?? 0)) / (1024 * 1024) / (run.wallMs / 1000),
  };
}

function sha256File(file) {
  return new Promise((resolve, reject) => {
    const hash = createHash("sha256");
    createReadStream(file)
      .on("data", (c) => hash.update(c))
      .on("error", reject)
      .on("end", () => resolve(hash.digest("hex")));
  });
}

const storedPath = (dataDir, sha) => path.join(dataDir, "files", sha.slice(0, 2), sha.slice(2, 4), sha);

/** Every 201 receipt is in the database with its file on disk (SHA-256 re-computed), and the numbers are 1..N. */
async function checkIntegrity(dataDir, outcomes, meetingCode) {
  const db = new Database(path.join(dataDir, "tracker.db"), { readonly: true, fileMustExist: true });
  try {
    const meeting = db.prepare("select id from meetings where code = ?").get(meetingCode);
    const byId = db.prepare(
      `select c.id, c.number, c.meeting_id as meetingId, f.sha256, f.size from contributions c
       join contribution_versions v on v.contribution_id = c.id and v.kind = 'original' and v.ordinal = 0
       join stored_files f on f.id = v.file_id where c.id = ?`,
    );
    const problems = [];
    const receipts = outcomes.filter((o) => o.status === 201);
    for (const o of receipts) {
      const r = o.receipt ?? {};
      if (r.sha256 !== o.sha256) problems.push(`upload ${o.index}: the receipt's sha256 ${r.sha256} is not that of the bytes sent (${o.sha256})`);
      const row = byId.get(r.id);
      if (!row) {
        problems.push(`upload ${o.index}: receipt id ${r.id} (number ${r.number}) is not in the database`);
        continue;
      }
      if (row.number !== r.number) problems.push(`contribution ${r.id}: number ${row.number} in the database, ${r.number} on the receipt`);
      if (row.sha256 !== o.sha256) problems.push(`contribution ${r.id}: file ${row.sha256} in the database, ${o.sha256} sent`);
      const file = storedPath(dataDir, o.sha256);
      if (!existsSync(file)) problems.push(`contribution ${r.id}: its file ${o.sha256} is not on disk`);
      else if ((await sha256File(file)) !== o.sha256) problems.push(`contribution ${r.id}: the file on disk does not hash to ${o.sha256}`);
    }
    const receiptNumbers = receipts.map((o) => o.receipt?.number);
    const duplicateReceipts = receiptNumbers.length - new Set(receiptNumbers).size;
    const numbers = db
      .prepare("select number from contributions where meeting_id = ? and number is not null order by number")
      .all(meeting.id)
      .map((r) => r.number);
    const rows = db.prepare("select count(*) as n from contributions where meeting_id = ?").get(meeting.id).n;
    let gaps = 0;
    let duplicates = duplicateReceipts;
    for (let i = 0; i < numbers.length; i++) {
      if (i > 0 && numbers[i] === numbers[i - 1]) duplicates++;
      else if (numbers[i] !== (i === 0 ? 1 : numbers[i - 1] + 1)) gaps++;
    }
    if (gaps) problems.push(`${gaps} gap(s) in the numbers (${numbers.length} numbered, highest ${numbers.at(-1)})`);
    if (duplicates) problems.push(`${duplicates} duplicate number(s)`);
    return {
      receipts: receipts.length,
      lost: problems.filter((p) => !/gap|duplicate/.test(p)).length,
      numbered: numbers.length,
      lowest: numbers[0] ?? null,
      highest: numbers.at(-1) ?? null,
      gaps,
      duplicates,
      rowsWithoutReceipt: rows - receipts.length,
      problems: problems.slice(0, 20),
      ok: problems.length === 0,
    };
  } finally {
    db.close();
  }
}

async function trackerPhase(report) {
  const dataDir = path.join(tmp, "tracker");
  await setupDb(dataDir);
  copyFileSync(path.join(dataDir, "tracker.db"), path.join(tmp, "pristine.db"));
  log("starting the tracker (scripts/serve.mjs) on port", TRACKER_PORT);
  const server = await startTracker(dataDir, "tracker-burst.log");
  try {
    const tokens = [];
    for (const email of MEMBERS) tokens.push(await createToken(email, "bench"));
    // A server at a deadline has been running for weeks: load the route's code first (a GET of the route, then
    // uploads it reads in full and refuses), so the burst does not measure module loading and compilation.
    for (const t of tokens) await request({ port: TRACKER_PORT, path: `/api/v1/meetings/${MEETING}/contributions`, headers: { authorization: `Bearer ${t.token}` } });
    const warm = await warmUp({ port: TRACKER_PORT, path: `/api/v1/meetings/${MEETING}/contributions`, token: tokens[0].token });
    if (warm.some((s) => s !== 415)) throw new Error(`warm-up uploads should be refused as not a PDF (415), got ${warm.join(", ")}`);

    log(`deadline burst on the tracker: ${BURST.count} x 1 MB from ${BURST.concurrency} clients`);
    const idleRss = treeRssBytes(server.pid);
    const sampler = rssSampler(server.pid, 100);
    const cpuBefore = treeCpuSeconds(server.pid);
    const run = await runBurst({ port: TRACKER_PORT, path: `/api/v1/meetings/${MEETING}/contributions`, tokens, ...BURST });
    const cpuSeconds = treeCpuSeconds(server.pid) - cpuBefore;
    const rss = sampler.stop();
    report.tracker = { ...burstFigures(run), cpuSeconds, rss: { idleMb: mb(idleRss), peakMb: mb(rss.peak) } };
    log("tracker burst:", JSON.stringify({ ok: report.tracker.ok, errors: report.tracker.errors, throughput: report.tracker.throughput.toFixed(1), p99: report.tracker.latencyMs.p99?.toFixed(0) }));

    log("integrity check (database read-only, files re-hashed)");
    report.integrity = await checkIntegrity(dataDir, run.outcomes, MEETING);
    log("integrity:", report.integrity.ok ? "OK" : report.integrity.problems.join("; "));

    log(`large file: ${mb(LARGE_BYTES)} MB streamed upload`);
    const before = [];
    for (let i = 0; i < 10; i++) {
      before.push(treeRssBytes(server.pid));
      await sleep(50);
    }
    const baseRss = before.sort((a, b) => a - b)[Math.floor(before.length / 2)];
    const large = rssSampler(server.pid, 50);
    const up = await uploadLargeFile({ port: TRACKER_PORT, path: `/api/v1/meetings/${MEETING}/contributions`, token: tokens[1].token, size: LARGE_BYTES });
    const peak = large.stop();
    let receipt = null;
    try {
      receipt = JSON.parse(up.body ?? "");
    } catch {
      receipt = null;
    }
    let stored = null;
    if (up.status === 201 && receipt?.sha256) {
      const file = storedPath(dataDir, receipt.sha256);
      stored = existsSync(file) ? (await sha256File(file)) === up.sha256 : false;
    }
    report.large = {
      sizeMb: mb(LARGE_BYTES),
      status: up.status ?? up.error,
      error: up.status === 201 ? null : (up.error ?? up.body?.slice(0, 300) ?? null),
      seconds: up.ms / 1000,
      receiptMatches: receipt?.sha256 === up.sha256,
      fileOnDiskMatches: stored,
      rssBeforeMb: mb(baseRss),
      rssPeakMb: mb(peak.peak),
      rssGrowthMb: mb(peak.peak - baseRss),
      samples: peak.samples,
    };
    log("large file:", JSON.stringify(report.large));
  } finally {
    await stopChild(server);
  }
}

/** The burst on one of the floors (no tokens, no integrity check: they store what they are sent), with its server's CPU. */
async function floorBurst(name, server, port, uploadPath) {
  log(`deadline burst on the ${name}: ${BURST.count} x 1 MB from ${BURST.concurrency} clients`);
  const cpuBefore = treeCpuSeconds(server.pid);
  const run = await runBurst({ port, path: uploadPath, tokens: [{ email: "floor", token: "none" }], ...BURST });
  const figures = { ...burstFigures(run), cpuSeconds: treeCpuSeconds(server.pid) - cpuBefore };
  log(`${name} burst:`, JSON.stringify({ ok: figures.ok, errors: figures.errors, throughput: figures.throughput.toFixed(1), p99: figures.latencyMs.p99?.toFixed(0) }));
  return figures;
}

async function baselinePhase(report) {
  const dataDir = path.join(tmp, "baseline");
  log("starting the baseline server on port", BASELINE_PORT);
  const server = startChild(process.execPath, [...profile, path.join(root, "scripts/bench/baseline-server.mjs"), String(BASELINE_PORT), dataDir], { cwd: root, logFile: path.join(tmp, "baseline.log") });
  try {
    await waitForHttp(BASELINE_PORT, "/", 20_000, server);
    report.baseline = await floorBurst("baseline", server, BASELINE_PORT, "/upload");
  } finally {
    await stopChild(server);
  }
}

/**
 * The same burst on the baseline's work inside a bare Next.js route handler (scripts/bench/next-floor, built into the
 * results folder): what any App Router upload costs before a line of the tracker runs, on the same machine, same run.
 */
async function nextFloorPhase(report) {
  const appDir = path.join(tmp, "next-floor");
  cpSync(path.join(root, "scripts/bench/next-floor"), appDir, { recursive: true });
  copyFileSync(path.join(root, "scripts/bench/floor-upload.mjs"), path.join(tmp, "floor-upload.mjs"));
  log("building the Next.js floor app");
  const build = startChild(bin("next"), ["build"], { cwd: appDir, env: { NEXT_TELEMETRY_DISABLED: "1" }, logFile: path.join(tmp, "next-floor-build.log") });
  const { code } = await build.exited;
  if (code !== 0) throw new Error(`the Next.js floor app did not build (exit ${code}); see ${path.join(tmp, "next-floor-build.log")}`);
  log("starting the Next.js floor server on port", FLOOR_PORT);
  const server = startChild(process.execPath, [...profile, `--max-old-space-size=${SERVER_HEAP_MB}`, path.join(root, "scripts/serve.mjs"), "-p", String(FLOOR_PORT), "-H", "127.0.0.1"], {
    cwd: appDir,
    env: { FLOOR_DATA_DIR: path.join(tmp, "next-floor-data"), NODE_ENV: "production", NEXT_TELEMETRY_DISABLED: "1" },
    logFile: path.join(tmp, "next-floor.log"),
  });
  try {
    await waitForHttp(FLOOR_PORT, "/api/upload", 60_000, server);
    await warmUp({ port: FLOOR_PORT, path: "/api/upload", token: "none" });
    report.nextFloor = await floorBurst("Next.js floor", server, FLOOR_PORT, "/api/upload");
  } finally {
    await stopChild(server);
  }
}

// ---------------------------------------------------------------- the burst under attack

/** Every demo account: the password spray's targets. */
const DEMO_ACCOUNTS = [SECRETARIAT, RAPPORTEUR, "rapporteur.q6@sg20.example", ...MEMBERS, "delegate@associate-sg17.example"];

/** This process's CPU time (all its threads: the honest clients, and the attackers' worker) since `before`. */
function cpuSecondsSince(before) {
  const used = process.cpuUsage(before);
  return (used.user + used.system) / 1e6;
}

/** The median of ten RSS samples 50 ms apart: a resting figure, not one caught in a collection. */
async function restingRss(pid) {
  const samples = [];
  for (let i = 0; i < 10; i++) {
    samples.push(treeRssBytes(pid));
    await sleep(50);
  }
  return samples.sort((a, b) => a - b)[Math.floor(samples.length / 2)];
}

/**
 * The burst on a server of its own, alone, then under attack, then alone again, so that the attacked burst is compared
 * with unattacked ones in the same run on the same server (whatever other phases ran). The attackers start
 * ATTACK.leadMs before the attacked burst and stop when it ends; the server's RSS is sampled throughout, against its
 * resting figure just before.
 */
async function attackPhase(report) {
  const dataDir = path.join(tmp, "attack");
  mkdirSync(dataDir, { recursive: true });
  if (!existsSync(path.join(tmp, "pristine.db"))) {
    await setupDb(path.join(tmp, "setup"));
    copyFileSync(path.join(tmp, "setup", "tracker.db"), path.join(tmp, "pristine.db"));
  }
  copyFileSync(path.join(tmp, "pristine.db"), path.join(dataDir, "tracker.db"));
  const docxDir = path.join(tmp, "hostile-docx");
  mkdirSync(docxDir, { recursive: true });
  const made = await runTool("scripts/bench/hostile-docx.ts", [docxDir], {}, "hostile-docx.log");
  if (made.code !== 0) throw new Error(`could not make the hostile DOCX files: ${made.log}`);
  const docx = ["text-19mb.docx", "text-9mb.docx"].map((name) => ({ name, data: readFileSync(path.join(docxDir, name)) }));

  log("starting the tracker for the attack phase on port", TRACKER_PORT);
  const server = await startTracker(dataDir, "tracker-attack.log");
  try {
    const tokens = [];
    for (const email of MEMBERS) tokens.push(await createToken(email, "bench"));
    // The attacker has an account of its own (a member may submit, so its uploads are read, not refused at the door).
    const attacker = await createToken(MEMBERS[3], "attacker");
    const route = `/api/v1/meetings/${MEETING}/contributions`;
    const withdrawalPath = "/api/v1/contributions/1/withdrawal";
    // As in the burst phase, a server that has been running: every route the burst and the attackers use is loaded.
    for (const t of tokens) await request({ port: TRACKER_PORT, path: route, headers: { authorization: `Bearer ${t.token}` } });
    const warm = await warmUp({ port: TRACKER_PORT, path: route, token: tokens[0].token });
    if (warm.some((s) => s !== 415)) throw new Error(`warm-up uploads should be refused as not a PDF (415), got ${warm.join(", ")}`);
    const tooLarge = Buffer.from(JSON.stringify({ reason: "x".repeat(200 * 1024) }));
    for (const [url, auth] of [["/api/v1/tokens", {}], [withdrawalPath, { authorization: `Bearer ${attacker.token}` }]]) {
      const res = await request({ port: TRACKER_PORT, method: "POST", path: url, headers: { "content-type": "application/json", ...auth }, body: tooLarge });
      if (res.status !== 413) throw new Error(`a 200 KB JSON body to ${url} should be refused with 413, got ${res.status ?? res.error}`);
    }
    for (const f of docx) {
      const boundary = "----ctkBenchWarm";
      const body = [Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="warm.docx"\r\nContent-Type: application/octet-stream\r\n\r\n`), f.data, Buffer.from(`\r\n--${boundary}--\r\n`)];
      await request({ port: TRACKER_PORT, method: "POST", path: "/api/v1/cover-page", headers: { authorization: `Bearer ${attacker.token}`, "content-type": `multipart/form-data; boundary=${boundary}` }, body });
    }

    const burst = async (label) => {
      log(`${label}: ${BURST.count} x 1 MB from ${BURST.concurrency} clients`);
      const idle = await restingRss(server.pid);
      const sampler = rssSampler(server.pid, 100);
      const cpuBefore = treeCpuSeconds(server.pid);
      const clientBefore = process.cpuUsage();
      const run = await runBurst({ port: TRACKER_PORT, path: route, tokens, ...BURST });
      const figures = { ...burstFigures(run), cpuSeconds: treeCpuSeconds(server.pid) - cpuBefore, clientCpuSeconds: cpuSecondsSince(clientBefore) };
      const rss = sampler.stop();
      return { run, figures, idle, peak: rss.peak };
    };

    // Alone before the attack and again after it (A-B-A): the unattacked figures are those of both together, so that
    // neither a server warming up nor the machine's load drifting over the phase passes for the attack's effect.
    const before = await burst("attack phase, the burst alone (before the attack)");
    const attack = (report.attack = { settings: ATTACK });
    log("burst alone, before:", JSON.stringify({ ok: before.figures.ok, errors: before.figures.errors, throughput: before.figures.throughput.toFixed(1), p99: before.figures.latencyMs.p99?.toFixed(0) }));

    log(`attack: ${ATTACK.json} x 100 MB JSON bodies, ${ATTACK.slow} uploads at 1 KB/s, ${ATTACK.cover} x the hostile DOCX to the cover page, a spray of ${ATTACK.sprayPerSecond}/s from ${ATTACK.sprayAddresses} addresses`);
    const resting = await restingRss(server.pid);
    const sampler = rssSampler(server.pid, 100);
    const attackers = startAttack({
      port: TRACKER_PORT,
      meeting: MEETING,
      token: attacker.token,
      withdrawalPath,
      docx,
      json: ATTACK.json,
      slow: ATTACK.slow,
      cover: ATTACK.cover,
      sprayClients: ATTACK.sprayClients,
      sprayPerSecond: ATTACK.sprayPerSecond,
      sprayAddresses: ATTACK.sprayAddresses,
      accounts: DEMO_ACCOUNTS,
    });
    let attacked;
    let outcomes;
    try {
      await sleep(ATTACK.leadMs);
      const cpuBefore = treeCpuSeconds(server.pid);
      const clientBefore = process.cpuUsage();
      const run = await runBurst({ port: TRACKER_PORT, path: route, tokens, ...BURST });
      attacked = { run, figures: { ...burstFigures(run), cpuSeconds: treeCpuSeconds(server.pid) - cpuBefore, clientCpuSeconds: cpuSecondsSince(clientBefore) } };
    } finally {
      outcomes = await attackers.stop();
    }
    const rss = sampler.stop();
    // After the attack: the server still answers, and what it holds once the attackers are gone.
    const after = await request({ port: TRACKER_PORT, path: "/api/v1/clock", timeoutMs: 10_000 });
    await sleep(2000);
    const afterRss = await restingRss(server.pid);
    // A slow upload given up by its client must leave nothing behind in DATA_DIR/tmp (the uploads stream there).
    const tmpDir = path.join(dataDir, "tmp");
    attack.tempFilesAfter = existsSync(tmpDir) ? readdirSync(tmpDir).length : 0;
    attack.attacked = { ...attacked.figures, rss: { restingMb: mb(resting), peakMb: mb(rss.peak), growthMb: mb(rss.peak - resting), afterMb: mb(afterRss) } };
    attack.attackers = outcomes;
    attack.serverAnswersAfter = after.status ?? after.error;
    log("burst under attack:", JSON.stringify({ ok: attacked.figures.ok, errors: attacked.figures.errors, throughput: attacked.figures.throughput.toFixed(1), p99: attacked.figures.latencyMs.p99?.toFixed(0), rss: attack.attacked.rss }));
    log("attackers:", JSON.stringify(outcomes));

    const afterwards = await burst("attack phase, the burst alone again (after the attack)");
    log("burst alone, after:", JSON.stringify({ ok: afterwards.figures.ok, errors: afterwards.figures.errors, throughput: afterwards.figures.throughput.toFixed(1), p99: afterwards.figures.latencyMs.p99?.toFixed(0) }));
    const both = burstFigures({ outcomes: [...before.run.outcomes, ...afterwards.run.outcomes], wallMs: before.run.wallMs + afterwards.run.wallMs, attempted: before.run.attempted + afterwards.run.attempted });
    const brief = ({ figures, idle, peak }) => ({ throughput: figures.throughput, latencyMs: figures.latencyMs, errors: figures.errors, cpuSeconds: figures.cpuSeconds, clientCpuSeconds: figures.clientCpuSeconds, rss: { idleMb: mb(idle), peakMb: mb(peak) } });
    attack.unattacked = {
      ...both,
      cpuSeconds: before.figures.cpuSeconds + afterwards.figures.cpuSeconds,
      clientCpuSeconds: before.figures.clientCpuSeconds + afterwards.figures.clientCpuSeconds,
      before: brief(before),
      after: brief(afterwards),
    };
    const alone = attack.unattacked;
    attack.throughputRatio = alone.throughput > 0 ? attacked.figures.throughput / alone.throughput : null;
    attack.p50Ratio = alone.latencyMs.p50 ? attacked.figures.latencyMs.p50 / alone.latencyMs.p50 : null;
    attack.p99Ratio = alone.latencyMs.p99 ? attacked.figures.latencyMs.p99 / alone.latencyMs.p99 : null;
    attack.honestFailures = attacked.figures.errors + (BURST.count - attacked.figures.attempted);
    // Throughput moves with the machine's load; the server's CPU time does much less. What the server spent on the
    // attackers: its CPU time during the attacked burst less what the honest uploads cost when alone.
    const honestCpu = alone.ok > 0 ? (alone.cpuSeconds / alone.ok) * attacked.figures.ok : 0;
    // On loopback the attackers' own sending runs on the same cores: the bench process's CPU beyond the honest clients'.
    const honestClientCpu = alone.ok > 0 ? (alone.clientCpuSeconds / alone.ok) * attacked.figures.ok : 0;
    attack.attackCpu = { seconds: attacked.figures.cpuSeconds - honestCpu, attackersSeconds: attacked.figures.clientCpuSeconds - honestClientCpu, overSeconds: attacked.figures.wallSeconds };

    log("integrity check of the three bursts (database read-only, files re-hashed)");
    attack.integrity = await checkIntegrity(dataDir, [...before.run.outcomes, ...attacked.run.outcomes, ...afterwards.run.outcomes], MEETING);
    log("integrity:", attack.integrity.ok ? "OK" : attack.integrity.problems.join("; "));
  } finally {
    await stopChild(server);
  }
}

// ---------------------------------------------------------------- reading at 20,000 contributions

/** 10 warm-up requests (at most `warmupMs`), then 200 sequential requests (at most `budgetMs`); `plan` changes these. */
async function measure(name, requestOf, check, plan = READ) {
  const times = [];
  let errors = 0;
  let firstError = null;
  let bytes = 0;
  const once = async () => {
    const res = await request({ port: TRACKER_PORT, timeoutMs: 30_000, ...requestOf() });
    const problem = res.error ?? (res.status !== 200 ? `HTTP ${res.status}` : check(res));
    if (problem) {
      errors++;
      firstError ??= problem;
    }
    return res;
  };
  const warmStart = Date.now();
  let warmups = 0;
  while (warmups < plan.warmup && (warmups === 0 || Date.now() - warmStart < plan.warmupMs)) {
    await once();
    warmups++;
  }
  const started = Date.now();
  const cpuBefore = plan.serverPid ? treeCpuSeconds(plan.serverPid) : null;
  while (times.length < plan.requests && Date.now() - started < plan.budgetMs) {
    const res = await once();
    times.push(res.ms);
    bytes = res.body?.length ?? bytes;
  }
  const summary = latencySummary(times);
  // The server's CPU time per request moves much less with the machine's load than the latency does.
  const cpuMsPerRequest = cpuBefore !== null && times.length > 0 ? Math.round(((treeCpuSeconds(plan.serverPid) - cpuBefore) * 1000 * 10) / times.length) / 10 : null;
  log(`${name}: n=${summary.n} p50=${summary.p50?.toFixed(1)} ms p95=${summary.p95?.toFixed(1)} ms${cpuMsPerRequest === null ? "" : ` server CPU ${cpuMsPerRequest} ms/request`} errors=${errors} (warm-up ${warmups})`);
  return { ...summary, cpuMsPerRequest, warmups, errors, firstError, bytes, truncated: summary.n < plan.requests };
}

async function readingPhase(report) {
  const dataDir = path.join(tmp, "read");
  mkdirSync(dataDir, { recursive: true });
  // The demo database as set up for the burst; made here when the burst was not run (BENCH_PARTS=read).
  if (!existsSync(path.join(tmp, "pristine.db"))) {
    await setupDb(path.join(tmp, "setup"));
    copyFileSync(path.join(tmp, "setup", "tracker.db"), path.join(tmp, "pristine.db"));
  }
  copyFileSync(path.join(tmp, "pristine.db"), path.join(dataDir, "tracker.db"));
  log(`seeding ${READ.contributions} contributions (one transaction)`);
  const t0 = Date.now();
  const seeded = seedContributions(path.join(dataDir, "tracker.db"), dataDir, { count: READ.contributions });
  report.seed = { ...seeded, seconds: (Date.now() - t0) / 1000 };
  log("seeded:", JSON.stringify(report.seed));

  const server = await startTracker(dataDir, "tracker-read.log");
  try {
    const rapporteurToken = (await createToken(RAPPORTEUR, "bench")).token;
    const secretariatToken = (await createToken(SECRETARIAT, "bench")).token;
    const rapporteurCookie = await signIn(RAPPORTEUR);
    const secretariatCookie = await signIn(SECRETARIAT);
    const bearer = (t) => ({ authorization: `Bearer ${t}` });
    const contains = (text) => (res) => (res.body.toString("utf8").includes(text) ? null : `the answer lacks "${text}"`);
    const q3total = (res) => {
      const body = json(res);
      return body && body.total >= seeded.q3 - 1 ? null : `total ${body?.total} where ${seeded.q3} were seeded`;
    };
    const endpoints = [
      { key: "queuePage", label: "Queue page GET /questions/Q3-20 (rapporteur, cookie)", goal: true, req: () => ({ path: "/questions/Q3-20", headers: { cookie: rapporteurCookie } }), check: contains("Q3/20") },
      { key: "queueApi", label: "Queue API GET /api/v1/questions/Q3-20/contributions (bearer)", goal: true, req: () => ({ path: "/api/v1/questions/Q3-20/contributions", headers: bearer(rapporteurToken) }), check: q3total },
      { key: "lateReportPage", label: `Late report page GET /meetings/${MEETING}/late-report (secretariat, cookie)`, goal: true, req: () => ({ path: `/meetings/${MEETING}/late-report`, headers: { cookie: secretariatCookie } }), check: contains("Awaiting decision") },
      { key: "lateReportApi", label: `Late report API GET /api/v1/meetings/${MEETING}/late-report (bearer)`, goal: true, req: () => ({ path: `/api/v1/meetings/${MEETING}/late-report`, headers: bearer(secretariatToken) }), check: (res) => (json(res)?.summary ? null : "no summary") },
      { key: "queueCsv", label: "CSV export GET /api/v1/questions/Q3-20/contributions?format=csv (bearer)", goal: false, req: () => ({ path: "/api/v1/questions/Q3-20/contributions?format=csv", headers: bearer(rapporteurToken) }), check: (res) => (res.body.toString("utf8").split("\n").length > seeded.q3 ? null : "fewer lines than contributions") },
    ];
    report.reading = {};
    for (const e of endpoints) report.reading[e.key] = { label: e.label, goal: e.goal, ...(await measure(e.label, e.req, e.check)) };

    // The ZIP stays whole: every seeded version has its file; one download as a check, not a benchmark.
    const zip = await request({ port: TRACKER_PORT, path: "/api/v1/questions/Q3-20/contributions.zip", headers: bearer(rapporteurToken), timeoutMs: 60_000 });
    report.zip = { status: zip.status ?? zip.error, bytes: zip.body?.length ?? 0, seconds: zip.ms / 1000 };
    log("ZIP check:", JSON.stringify(report.zip));
  } finally {
    await stopChild(server);
  }
}

// ---------------------------------------------------------------- a decade of ITU-T

/** A maintenance command (backup, restore) under the phase's environment: its exit code and wall time. */
async function runTool(script, args, env, logName) {
  const t0 = performance.now();
  const child = startChild(bin("tsx"), [script, ...args], { cwd: root, env, logFile: path.join(tmp, logName) });
  const { code } = await child.exited;
  return { code, seconds: (performance.now() - t0) / 1000, log: readFileSync(path.join(tmp, logName), "utf8").trim().split("\n").slice(-6).join("\n") };
}

function duBytes(dir) {
  let total = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    total += entry.isDirectory() ? duBytes(full) : statSync(full).size;
  }
  return total;
}

/** Whether the build being measured has a route (a phase measures only what exists on this branch). */
function builtRoute(route) {
  try {
    return route in JSON.parse(readFileSync(path.join(appDir, ".next", "server", "app-paths-manifest.json"), "utf8"));
  } catch {
    return false;
  }
}

async function scalePhase(report) {
  const dataDir = path.join(tmp, "scale");
  mkdirSync(dataDir, { recursive: true });
  if (!existsSync(path.join(tmp, "pristine.db"))) {
    await setupDb(path.join(tmp, "setup"));
    copyFileSync(path.join(tmp, "setup", "tracker.db"), path.join(tmp, "pristine.db"));
  }
  copyFileSync(path.join(tmp, "pristine.db"), path.join(dataDir, "tracker.db"));
  const dbFile = path.join(dataDir, "tracker.db");
  log(`seeding a decade of ITU-T: ${SCALE.contributions} contributions (one transaction)`);
  const t0 = Date.now();
  const seeded = seedScale(dbFile, dataDir, { contributions: SCALE.contributions });
  const seedSeconds = (Date.now() - t0) / 1000;
  const targets = scaleTargets(dbFile);
  const scale = (report.scale = { contributions: seeded.contributions, p95Ms: {}, seed: { ...seeded, seconds: seedSeconds, databaseMb: mb(statSync(dbFile).size) }, targets });
  log("seeded:", JSON.stringify(scale.seed));
  log("measuring:", JSON.stringify(targets));

  const server = await startTracker(dataDir, "tracker-scale.log", SCALE_NOW);
  const sampler = rssSampler(server.pid, 200);
  const answers = {};
  try {
    const rapporteurToken = (await createToken(targets.question.rapporteur, "bench")).token;
    const secretariatToken = (await createToken(targets.meeting.secretariat, "bench")).token;
    const memberToken = (await createToken(targets.organisation.member, "bench")).token;
    const rapporteurCookie = await signIn(targets.question.rapporteur);
    const secretariatCookie = await signIn(targets.meeting.secretariat);
    const memberCookie = await signIn(targets.organisation.member);
    const bearer = (t) => ({ authorization: `Bearer ${t}` });
    const cookie = (c) => ({ cookie: c });
    const contains = (text) => (res) => (res.body.toString("utf8").includes(text) ? null : `the answer lacks "${text}"`);
    const { meeting, question, organisation, contribution } = targets;
    const endpoints = [
      { key: "queuePage", label: `Queue page /questions/${question.slug} (busiest Question, ${question.contributions} documents; rapporteur)`, req: () => ({ path: `/questions/${question.slug}`, headers: cookie(rapporteurCookie) }), check: contains(question.code) },
      { key: "queueApi", label: `Queue API /api/v1/questions/${question.slug}/contributions`, req: () => ({ path: `/api/v1/questions/${question.slug}/contributions`, headers: bearer(rapporteurToken) }), check: (res) => (json(res)?.total === question.contributions ? null : `total ${json(res)?.total}, expected ${question.contributions}`) },
      { key: "lateReportPage", label: `Late report page /meetings/${meeting.code}/late-report (largest meeting, ${meeting.contributions} documents; secretariat)`, req: () => ({ path: `/meetings/${meeting.code}/late-report`, headers: cookie(secretariatCookie) }), check: contains(meeting.code) },
      { key: "lateReportApi", label: `Late report API /api/v1/meetings/${meeting.code}/late-report`, req: () => ({ path: `/api/v1/meetings/${meeting.code}/late-report`, headers: bearer(secretariatToken) }), check: (res) => (json(res)?.summary ? null : "no summary") },
      { key: "myContributionsPage", label: `My contributions /contributions (${organisation.name}, ${organisation.contributions} documents; member)`, req: () => ({ path: "/contributions", headers: cookie(memberCookie) }), check: contains(organisation.name) },
      { key: "documentsPage", label: `Document list page /meetings/${meeting.code}/documents (${meeting.admitted} admitted; member)`, req: () => ({ path: `/meetings/${meeting.code}/documents`, headers: cookie(memberCookie) }), check: contains(meeting.code) },
      { key: "documentsApi", label: `Document list API /api/v1/meetings/${meeting.code}/contributions`, req: () => ({ path: `/api/v1/meetings/${meeting.code}/contributions`, headers: bearer(memberToken) }), check: (res) => (json(res)?.total >= meeting.admitted && json(res)?.contributions?.length > 0 ? null : `total ${json(res)?.total}, expected at least ${meeting.admitted}`) },
      { key: "contributionPage", label: `One contribution /contributions/${contribution.id} (${contribution.versions} versions; member)`, req: () => ({ path: `/contributions/${contribution.id}`, headers: cookie(memberCookie) }), check: contains("Rev.") },
      { key: "contributionApi", label: `One contribution API /api/v1/contributions/${contribution.id}`, req: () => ({ path: `/api/v1/contributions/${contribution.id}`, headers: bearer(memberToken) }), check: (res) => (json(res)?.versions?.length ? null : "no versions") },
      { key: "homePage", label: "Home page / (meetings; member)", req: () => ({ path: "/", headers: cookie(memberCookie) }), check: contains(meeting.code.slice(0, 4)) },
      { key: "searchApi", label: "Search API /api/v1/search?q=quantum key distribution (member)", route: "/api/v1/search/route", req: () => ({ path: "/api/v1/search?q=quantum%20key%20distribution", headers: bearer(memberToken) }), check: () => null },
      { key: "searchQuestionApi", label: `Search API /api/v1/search?q=network&question=${question.slug} (the busiest Question's rapporteur)`, route: "/api/v1/search/route", req: () => ({ path: `/api/v1/search?q=network&question=${question.slug}`, headers: bearer(rapporteurToken) }), check: (res) => (json(res)?.total > 0 ? null : `total ${json(res)?.total}`) },
    ];
    scale.endpoints = {};
    scale.skipped = [];
    for (const e of endpoints) {
      if (e.route && !builtRoute(e.route)) {
        scale.skipped.push(e.key);
        log(`${e.label}: skipped (no such route in this build)`);
        continue;
      }
      scale.endpoints[e.key] = { label: e.label, ...(await measure(e.label, e.req, e.check, { ...SCALE, serverPid: server.pid })) };
      scale.p95Ms[e.key] = scale.endpoints[e.key].p95 === null ? null : Math.round(scale.endpoints[e.key].p95 * 10) / 10;
    }

    // The Question's CSV export: every row of the busiest queue, timed as a whole.
    const csvTimes = [];
    let csv = null;
    for (let i = 0; i <= SCALE.csvRuns; i++) {
      csv = await request({ port: TRACKER_PORT, path: `/api/v1/questions/${question.slug}/contributions?format=csv`, headers: bearer(rapporteurToken), timeoutMs: 60_000 });
      if (i > 0) csvTimes.push(csv.ms); // the first one loads the route
    }
    const csvLines = csv.body ? csv.body.toString("utf8").trimEnd().split("\n").length : 0;
    scale.csv = { status: csv.status ?? csv.error, rows: Math.max(0, csvLines - 1), bytes: csv.body?.length ?? 0, ...latencySummary(csvTimes) };
    log("CSV export:", JSON.stringify(scale.csv));

    // What the restored copy must answer alike.
    answers.contribution = (await request({ port: TRACKER_PORT, path: `/api/v1/contributions/${contribution.id}`, headers: bearer(memberToken) })).body?.toString("utf8");
    answers.lateReport = JSON.stringify(json(await request({ port: TRACKER_PORT, path: `/api/v1/meetings/${meeting.code}/late-report`, headers: bearer(secretariatToken) }))?.summary ?? null);
    answers.memberToken = memberToken;
    answers.secretariatToken = secretariatToken;

    // Online backup while the server serves: its time and size, and the queue API's latency meanwhile.
    const backupDir = path.join(tmp, "scale-backup");
    log("online backup (npm run backup) while the server runs");
    const during = [];
    let backingUp = true;
    const backup = runTool("scripts/backup.ts", ["--out", backupDir], trackerEnv(dataDir, SCALE_NOW), "scale-backup.log").finally(() => (backingUp = false));
    while (backingUp) {
      const res = await request({ port: TRACKER_PORT, path: `/api/v1/questions/${question.slug}/contributions`, headers: bearer(rapporteurToken) });
      if (res.status === 200) during.push(res.ms);
      await sleep(100);
    }
    const b = await backup;
    let manifest = null;
    try {
      manifest = JSON.parse(readFileSync(path.join(backupDir, "manifest.json"), "utf8"));
    } catch {
      manifest = null;
    }
    scale.backup = {
      ok: b.code === 0 && manifest !== null,
      seconds: b.seconds,
      databaseMb: manifest ? mb(manifest.database.bytes) : null,
      files: manifest?.files.count ?? null,
      filesMb: manifest ? mb(manifest.files.bytes) : null,
      totalMb: existsSync(backupDir) ? mb(duBytes(backupDir)) : null,
      queueApiDuringBackup: latencySummary(during),
      error: b.code === 0 ? null : b.log,
    };
    log("backup:", JSON.stringify(scale.backup));

    const rss = sampler.stop();
    scale.rss = { afterMb: mb(treeRssBytes(server.pid)), peakMb: mb(rss.peak) };
    log("server RSS:", JSON.stringify(scale.rss));
  } finally {
    sampler.stop();
    await stopChild(server);
  }

  // Restore into a fresh DATA_DIR (the server stopped), then prove the copy whole: integrity_check, the counts
  // of the manifest, and a server started on it answering the same as the original did.
  if (scale.backup?.ok) {
    const restoredDir = path.join(tmp, "scale-restored");
    log("restore (npm run restore) into a fresh DATA_DIR");
    const r = await runTool("scripts/restore.ts", ["--from", path.join(tmp, "scale-backup")], trackerEnv(restoredDir, SCALE_NOW), "scale-restore.log");
    scale.restore = { ok: false, seconds: r.seconds, error: r.code === 0 ? null : r.log };
    if (r.code === 0) {
      const manifest = JSON.parse(readFileSync(path.join(tmp, "scale-backup", "manifest.json"), "utf8"));
      const restored = new Database(path.join(restoredDir, "tracker.db"), { readonly: true, fileMustExist: true });
      let countsMatch = false;
      try {
        scale.restore.integrityCheck = restored.pragma("integrity_check", { simple: true });
        countsMatch = Object.entries(manifest.database.counts).every(([table, n]) => restored.prepare(`select count(*) as n from "${table}"`).get().n === n);
      } finally {
        restored.close();
      }
      const again = await startTracker(restoredDir, "tracker-restored.log", SCALE_NOW);
      try {
        const contribution = (await request({ port: TRACKER_PORT, path: `/api/v1/contributions/${targets.contribution.id}`, headers: { authorization: `Bearer ${answers.memberToken}` } })).body?.toString("utf8");
        const lateReport = JSON.stringify(json(await request({ port: TRACKER_PORT, path: `/api/v1/meetings/${targets.meeting.code}/late-report`, headers: { authorization: `Bearer ${answers.secretariatToken}` } }))?.summary ?? null);
        scale.restore.countsMatch = countsMatch;
        scale.restore.sameAnswers = contribution === answers.contribution && lateReport === answers.lateReport && answers.lateReport !== "null";
      } finally {
        await stopChild(again);
      }
      scale.restore.ok = scale.restore.integrityCheck === "ok" && countsMatch && scale.restore.sameAnswers;
    }
    log("restore:", JSON.stringify(scale.restore));
  }
}

// ---------------------------------------------------------------- search inside the documents

/** Waits (reading the database, read-only) until the extraction queue has no pending job; samples the server's CPU. */
async function waitForExtraction(dbPath, serverPid, budgetMs) {
  const started = Date.now();
  const cpuBefore = treeCpuSeconds(serverPid);
  const rss = rssSampler(serverPid, 500);
  let counts = null;
  let lastLog = 0;
  for (;;) {
    const db = new Database(dbPath, { readonly: true, fileMustExist: true });
    try {
      counts = Object.fromEntries(db.prepare("select state, count(*) as n from file_texts group by state").all().map((r) => [r.state, r.n]));
    } finally {
      db.close();
    }
    if (!counts.pending || Date.now() - started > budgetMs) break;
    if (Date.now() - lastLog > 15_000) {
      log(`extraction: ${JSON.stringify(counts)} after ${((Date.now() - started) / 1000).toFixed(0)} s`);
      lastLog = Date.now();
    }
    await sleep(1000);
  }
  const peak = rss.stop();
  return { seconds: (Date.now() - started) / 1000, counts, cpuSeconds: treeCpuSeconds(serverPid) - cpuBefore, rssPeakMb: mb(peak.peak), finished: !counts.pending };
}

function indexFigures(dbPath) {
  const db = new Database(dbPath, { readonly: true, fileMustExist: true });
  try {
    const bytes = (pattern) => db.prepare("select coalesce(sum(pgsize), 0) as b from dbstat where name like ?").get(pattern).b;
    const text = db.prepare("select count(*) as files, coalesce(sum(chars), 0) as chars, avg(elapsed_ms) as avgMs, max(elapsed_ms) as maxMs from file_texts where state = 'done'").get();
    return { indexMb: mb(bytes("search_index%")), textMb: mb(bytes("file_texts")), databaseMb: mb(db.prepare("select page_count * page_size as b from pragma_page_count(), pragma_page_size()").get().b), ...text };
  } finally {
    db.close();
  }
}

async function searchPhase(report) {
  const dataDir = path.join(tmp, "search");
  mkdirSync(dataDir, { recursive: true });
  if (!existsSync(path.join(tmp, "pristine.db"))) {
    await setupDb(path.join(tmp, "setup"));
    copyFileSync(path.join(tmp, "setup", "tracker.db"), path.join(tmp, "pristine.db"));
  }
  const dbPath = path.join(dataDir, "tracker.db");
  copyFileSync(path.join(tmp, "pristine.db"), dbPath);
  log(`seeding ${SEARCH.contributions} contributions as Word files of ~${SEARCH.words} words (one transaction)`);
  const t0 = Date.now();
  const seeded = seedContributions(dbPath, dataDir, { count: SEARCH.contributions, documents: "docx", words: SEARCH.words });
  report.searchSeed = { contributions: seeded.contributions, words: SEARCH.words, seconds: (Date.now() - t0) / 1000 };
  log("seeded:", JSON.stringify(report.searchSeed));

  const server = await startTracker(dataDir, "tracker-search.log");
  try {
    log("extraction and indexing of every version by the server's queue (after start-up)");
    const extraction = await waitForExtraction(dbPath, server.pid, SEARCH.extractionBudgetMs);
    report.extraction = { ...extraction, ...indexFigures(dbPath), filesPerSecond: extraction.counts.done ? (extraction.counts.done + (extraction.counts.no_text ?? 0)) / extraction.seconds : 0 };
    log("extraction:", JSON.stringify(report.extraction));

    const rapporteurToken = (await createToken(RAPPORTEUR, "bench search")).token;
    const memberToken = (await createToken(MEMBERS[1], "bench search")).token;
    const bearer = (t) => ({ authorization: `Bearer ${t}` });
    const queries = [
      ["one common word", "gateway"],
      ["two words", "smart interoperability"],
      ["a phrase", '"edge computing"'],
      ["a rare word", "bench12345"],
      ["Russian words", "интернет вещей"],
      ["a word with a filter", "gateway&question=Q3-20&state=active"],
      ["no match", "zzzunknownword"],
    ];
    let n = 0;
    const hasResults = (res) => (json(res)?.results ? null : "no results array");
    report.search = {};
    report.search.rapporteur = await measure("Search GET /api/v1/search (rapporteur, 7 kinds of query in turn)", () => {
      const [, q] = queries[n++ % queries.length];
      const [words, ...filters] = q.split("&");
      return { path: `/api/v1/search?q=${encodeURIComponent(words)}${filters.length ? `&${filters.join("&")}` : ""}`, headers: bearer(rapporteurToken) };
    }, hasResults);
    n = 0;
    report.search.member = await measure("Search GET /api/v1/search (member)", () => ({ path: `/api/v1/search?q=${encodeURIComponent(queries[n++ % 5][1])}`, headers: bearer(memberToken) }), hasResults);
    const common = await request({ port: TRACKER_PORT, path: `/api/v1/search?q=gateway`, headers: bearer(rapporteurToken) });
    report.search.commonTotal = json(common)?.total ?? null;

    // Two versions of a 100-page document: submitted and revised through the API, read by the queue, then compared.
    log(`comparison: two versions of ${SEARCH.pages} pages`);
    const { original, revised } = longVersions(SEARCH.pages);
    const delegate = (await createToken(MEMBERS[0], "bench diff")).token;
    const upload = async (urlPath, bytes, metadata) => {
      const boundary = `----bench${Date.now().toString(16)}`;
      const body = Buffer.concat([
        Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="metadata"\r\nContent-Type: application/json\r\n\r\n${JSON.stringify(metadata)}\r\n`),
        Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="long.docx"\r\nContent-Type: application/vnd.openxmlformats-officedocument.wordprocessingml.document\r\n\r\n`),
        bytes,
        Buffer.from(`\r\n--${boundary}--\r\n`),
      ]);
      const res = await request({ port: TRACKER_PORT, method: "POST", path: urlPath, headers: { ...bearer(delegate), "content-type": `multipart/form-data; boundary=${boundary}` }, body });
      if (res.status !== 201) throw new Error(`upload of the long document: ${res.status} ${res.body?.toString().slice(0, 300)}`);
      return json(res);
    };
    const contact = { name: "Bench", organization: "Bench", country: "Switzerland", email: "bench@admin-ch.example" };
    const first = await upload(`/api/v1/meetings/${MEETING}/contributions`, makeDocxSync(original), { title: `A ${SEARCH.pages}-page draft`, questions: ["Q3/20"], purpose: "Proposal", contacts: [contact] });
    const second = await upload(`/api/v1/contributions/${first.id}/revisions`, makeDocxSync(revised), { kind: "revision" });
    const diffPath = `/api/v1/contributions/${first.id}/diff?from=${first.versionId}&to=${second.versionId}`;
    const waited = Date.now();
    while (json(await request({ port: TRACKER_PORT, path: diffPath, headers: bearer(rapporteurToken) }))?.ready !== true) {
      if (Date.now() - waited > 120_000) throw new Error("the long versions were not extracted within 2 minutes");
      await sleep(250);
    }
    const db = new Database(dbPath, { readonly: true, fileMustExist: true });
    const longText = db.prepare("select t.chars, t.elapsed_ms as ms from contribution_versions v join file_texts t on t.file_id = v.file_id where v.id = ?").get(second.versionId);
    db.close();
    const saved = { ...READ };
    Object.assign(READ, { warmup: 2, requests: 20, budgetMs: 60_000 });
    try {
      report.diff = {
        pages: SEARCH.pages,
        characters: longText?.chars ?? null,
        extractionMs: longText?.ms ?? null,
        ...(await measure(`Comparison GET ${diffPath.replace(/\?.*/, "")} (${SEARCH.pages} pages each)`, () => ({ path: diffPath, headers: bearer(rapporteurToken) }), (res) => (json(res)?.ready ? null : "not ready"))),
      };
    } finally {
      Object.assign(READ, saved);
    }
  } finally {
    await stopChild(server);
  }
}

// ---------------------------------------------------------------- the table

const f1 = (v) => (v === null || v === undefined ? "—" : Number(v).toFixed(1));
const f0 = (v) => (v === null || v === undefined ? "—" : Number(v).toFixed(0));
const verdict = (ok) => (ok ? "PASS" : "MISS");

function table(report) {
  const t = report.tracker;
  const b = report.baseline;
  const ratio = t && b && b.throughput > 0 ? t.throughput / b.throughput : null;
  const p99Ratio = t?.latencyMs.p99 && b?.latencyMs.p99 ? t.latencyMs.p99 / b.latencyMs.p99 : null;
  const rows = [["Benchmark", "Figure", "Goal", "Result"]];
  if (t) {
    rows.push([
      `Deadline burst, tracker (${t.attempted} × 1 MB, ${BURST.concurrency} clients)`,
      `${f1(t.throughput)} req/s (${f1(t.mbPerSecond)} MB/s); p50 ${f0(t.latencyMs.p50)} / p95 ${f0(t.latencyMs.p95)} / p99 ${f0(t.latencyMs.p99)} ms; ${t.errors} errors; RSS ${t.rss.idleMb} → ${t.rss.peakMb} MB`,
      "",
      "",
    ]);
  }
  if (b) {
    rows.push([
      "Deadline burst, baseline (bare Node + busboy + SQLite, fsync)",
      `${f1(b.throughput)} req/s (${f1(b.mbPerSecond)} MB/s); p50 ${f0(b.latencyMs.p50)} / p95 ${f0(b.latencyMs.p95)} / p99 ${f0(b.latencyMs.p99)} ms; ${b.errors} errors`,
      "",
      "",
    ]);
  }
  const n = report.nextFloor;
  if (n) {
    rows.push([
      "Deadline burst, the baseline's work in a bare Next.js route handler",
      `${f1(n.throughput)} req/s (${f1(n.mbPerSecond)} MB/s); p50 ${f0(n.latencyMs.p50)} / p95 ${f0(n.latencyMs.p95)} / p99 ${f0(n.latencyMs.p99)} ms; ${n.errors} errors`,
      "",
      "",
    ]);
  }
  if (ratio !== null) rows.push(["Throughput tracker / baseline", `${ratio.toFixed(2)}×`, `≥ ${GOALS.throughputRatio}×`, verdict(ratio >= GOALS.throughputRatio)]);
  if (p99Ratio !== null) rows.push(["p99 tracker / baseline", `${p99Ratio.toFixed(2)}×`, `≤ ${GOALS.burstP99Ratio}×`, verdict(p99Ratio <= GOALS.burstP99Ratio)]);
  if (n && b && b.throughput > 0) {
    rows.push([
      "Throughput and p99, bare Next.js route / baseline: the framework's ceiling",
      `${(n.throughput / b.throughput).toFixed(2)}× / ${n.latencyMs.p99 && b.latencyMs.p99 ? (n.latencyMs.p99 / b.latencyMs.p99).toFixed(2) : "—"}×`,
      "(for information)",
      "",
    ]);
  }
  if (n && t && n.throughput > 0) rows.push(["Throughput tracker / bare Next.js route", `${(t.throughput / n.throughput).toFixed(2)}×`, "(for information)", ""]);
  // Throughput on a shared machine moves with its load; the server's CPU time per upload does not.
  const cpuPer = (x) => (x?.cpuSeconds != null && x.ok > 0 ? (x.cpuSeconds * 1000) / x.ok : null);
  if (cpuPer(t) !== null && cpuPer(b) !== null) {
    const floorCpu = cpuPer(n) !== null ? `, bare Next.js route ${f1(cpuPer(n))} ms` : "";
    rows.push(["Server CPU per upload, tracker / baseline", `${f1(cpuPer(t))} / ${f1(cpuPer(b))} ms (${(cpuPer(t) / cpuPer(b)).toFixed(2)}×)${floorCpu}`, "(for information)", ""]);
  }
  if (t) rows.push(["Burst errors, tracker", `${t.errors} of ${t.attempted}${t.errors ? ` (${Object.entries(t.errorKinds).map(([k, n]) => `${n}× ${k}`).join(", ")})` : ""}`, "0", verdict(t.errors === 0 && t.attempted === BURST.count)]);
  const i = report.integrity;
  if (i) {
    rows.push(["Lost receipts (DB row + file re-hashed)", `${i.lost} of ${i.receipts}`, "0", i.lost === 0 ? "PASS" : "FAIL"]);
    rows.push(["Numbers", `${i.numbered} numbered, ${i.lowest}..${i.highest}; ${i.gaps} gaps, ${i.duplicates} duplicates`, "1..N, no gap, no duplicate", i.gaps === 0 && i.duplicates === 0 ? "PASS" : "FAIL"]);
  }
  const l = report.large;
  if (l) {
    rows.push([
      `Large file (${l.sizeMb} MB, streamed)`,
      `HTTP ${l.status} in ${f1(l.seconds)} s; RSS ${f1(l.rssBeforeMb)} → peak ${f1(l.rssPeakMb)} MB: +${f1(l.rssGrowthMb)} MB; receipt hash ${l.receiptMatches ? "matches" : "DIFFERS"}`,
      `< ${GOALS.rssGrowthMb} MB growth`,
      verdict(l.status === 201 && l.rssGrowthMb < GOALS.rssGrowthMb),
    ]);
  }
  const a = report.attack;
  if (a) {
    const burstFig = (x) => `${f1(x.throughput)} req/s; p50 ${f0(x.latencyMs.p50)} / p95 ${f0(x.latencyMs.p95)} / p99 ${f0(x.latencyMs.p99)} ms; ${x.errors} errors; server CPU ${f1(cpuPer(x))} ms/upload`;
    const u = a.unattacked;
    const beforeAfter = u?.before && u?.after ? ` (before the attack ${f1(u.before.throughput)} req/s, p99 ${f0(u.before.latencyMs.p99)} ms; after it ${f1(u.after.throughput)} req/s, p99 ${f0(u.after.latencyMs.p99)} ms)` : "";
    if (u) rows.push([`Attack phase: the burst alone, before and after the attack (its own server, 2 × ${BURST.count} × 1 MB, ${BURST.concurrency} clients)`, `${burstFig(u)}${beforeAfter}`, "", ""]);
    const under = a.attacked;
    if (under) {
      const s = a.settings;
      rows.push([`The same burst under attack (same server, between the two)`, burstFig(under), "", ""]);
      if (u) {
        rows.push(["Honest throughput, under attack / alone", `${a.throughputRatio?.toFixed(2)}×`, `≥ ${GOALS.attackThroughputRatio}×`, verdict(a.throughputRatio != null && a.throughputRatio >= GOALS.attackThroughputRatio)]);
        rows.push(["Honest p50 / p99, under attack / alone", `${a.p50Ratio?.toFixed(2)}× / ${a.p99Ratio?.toFixed(2)}×`, "(for information)", ""]);
      }
      const kinds = Object.entries(under.errorKinds).map(([k, n]) => `${n}× ${k}`).join(", ");
      if (a.attackCpu) {
        const ac = a.attackCpu;
        const share = (sec) => `${f1(sec)} s (${f0((100 * sec) / ac.overSeconds)}% of one core)`;
        rows.push([
          "CPU spent on the attack during the attacked burst (under attack, less the honest uploads' cost alone)",
          `server ${share(ac.seconds)}; the attackers' own clients ${share(ac.attackersSeconds)}; over ${f1(ac.overSeconds)} s, on the same 2 cores`,
          "(for information)",
          "",
        ]);
      }
      const failures = under.errors + (BURST.count - under.attempted);
      rows.push(["Honest uploads failed under attack", `${failures} of ${BURST.count}${kinds ? ` (${kinds})` : ""}`, `${GOALS.attackHonestFailures}`, verdict(failures <= GOALS.attackHonestFailures)]);
      rows.push(["Server RSS under attack (VmRSS, sampled every 100 ms)", `${f1(under.rss.restingMb)} → peak ${f1(under.rss.peakMb)} MB: +${f1(under.rss.growthMb)} MB; ${f1(under.rss.afterMb)} MB after`, `< ${GOALS.attackRssGrowthMb} MB growth`, verdict(under.rss.growthMb < GOALS.attackRssGrowthMb)]);
      const outcomes = (o) => Object.entries(o).map(([k, n]) => `${n}× ${k}`).join(", ");
      const j = a.attackers.json;
      if (s.json > 0) rows.push([
        `Attacker: ${s.json} concurrent 100 MB JSON bodies (half to /tokens, half to a withdrawal with a token; declared and chunked)`,
        `${j.requests} sent: ${outcomes(j.byOutcome)}; answered after ${f1(j.mbSentWhenAnswered.median)} MB sent (max ${f1(j.mbSentWhenAnswered.max)}), in p50 ${f0(j.answerMs.p50)} / max ${f0(j.answerMs.max)} ms; at most ${f1(j.mbSentInAll.max)} MB sent before the cut`,
        "every one 413",
        verdict(j.requests > 0 && j.refused === j.requests),
      ]);
      const w = a.attackers.slow;
      if (s.slow > 0) rows.push([
        `Attacker: ${s.slow} uploads of 1 MB at 1 KB/s (valid token)`,
        `${w.connections} connections: ${outcomes(w.byOutcome)}; each open ${f1(w.connectionSeconds.min)}–${f1(w.connectionSeconds.max)} s, at most ${f1(w.kbSent.max)} KB sent`,
        "(for information)",
        "",
      ]);
      const c = a.attackers.cover;
      if (s.cover > 0) rows.push([
        `Attacker: ${s.cover} loops sending the hostile DOCX (${c.files.map((f) => `${f.name} ${f.kb} KB`).join(", ")}) to /cover-page`,
        `${c.requests} sent: ${outcomes(c.byOutcome)}; answered in ${Object.entries(c.answerMsByFile)
          .map(([name, l]) => `p50 ${f0(l.p50)} / max ${f0(l.max)} ms (${name})`)
          .join(", ")}`,
        "(for information)",
        "",
      ]);
      const p = a.attackers.spray;
      if (s.sprayClients > 0) rows.push([
        `Attacker: password spray, ${p.accounts} accounts from ${p.addresses} addresses (X-Forwarded-For forged), ≤ ${p.perSecond}/s`,
        `${p.requests} guesses: ${p.judged} judged (p50 ${f0(p.judgedMs.p50)} ms), ${p.throttled} throttled (p50 ${f0(p.throttledMs.p50)} ms), ${p.signedIn} signed in`,
        `≤ ${p.judgedBound} judged, 0 signed in`,
        verdict(p.judged <= p.judgedBound && p.signedIn === 0),
      ]);
      rows.push([
        "Server after the attack",
        `GET /api/v1/clock: ${a.serverAnswersAfter}; ${a.tempFilesAfter} upload temp files left in DATA_DIR/tmp`,
        "200, none left",
        verdict(a.serverAnswersAfter === 200 && a.tempFilesAfter === 0),
      ]);
    }
    const ai = a.integrity;
    if (ai) {
      rows.push(["Attack phase: lost receipts (the three bursts)", `${ai.lost} of ${ai.receipts}`, "0", ai.lost === 0 ? "PASS" : "FAIL"]);
      rows.push(["Attack phase: numbers", `${ai.numbered} numbered, ${ai.lowest}..${ai.highest}; ${ai.gaps} gaps, ${ai.duplicates} duplicates`, "1..N, no gap, no duplicate", ai.gaps === 0 && ai.duplicates === 0 ? "PASS" : "FAIL"]);
    }
  }
  for (const r of Object.values(report.reading ?? {})) {
    const fig = `p50 ${f1(r.p50)} / p95 ${f1(r.p95)} ms (n=${r.n}${r.truncated ? ", time-boxed" : ""}, ${Math.round(r.bytes / 1024)} KB)${r.errors ? `; ${r.errors} errors: ${r.firstError}` : ""}`;
    rows.push([`${r.label} @ ${READ.contributions.toLocaleString("en-US")}`, fig, r.goal ? `p95 < ${GOALS.readP95Ms} ms` : "(for information)", r.goal ? verdict(r.p95 !== null && r.p95 < GOALS.readP95Ms && r.errors === 0) : ""]);
  }
  const sc = report.scale;
  if (sc) {
    const n = sc.contributions.toLocaleString("en-US");
    rows.push([`Decade of ITU-T: seeded`, `${n} contributions, ${sc.seed.versions} versions, ${sc.seed.meetingsInAll} meetings of ${sc.seed.studyGroupsInAll} study groups (${sc.seed.years}), ${sc.seed.lateRequests} late requests; ${f0(sc.seed.seconds)} s; database ${f0(sc.seed.databaseMb)} MB`, "", ""]);
    for (const r of Object.values(sc.endpoints ?? {})) {
      const fig = `p50 ${f1(r.p50)} / p95 ${f1(r.p95)} ms; server CPU ${f1(r.cpuMsPerRequest)} ms/request (n=${r.n}${r.truncated ? ", time-boxed" : ""}, ${Math.round(r.bytes / 1024)} KB)${r.errors ? `; ${r.errors} errors: ${r.firstError}` : ""}`;
      rows.push([`${r.label} @ ${n}`, fig, `p95 < ${GOALS.scaleP95Ms} ms`, verdict(r.p95 !== null && r.p95 < GOALS.scaleP95Ms && r.errors === 0)]);
    }
    for (const key of sc.skipped ?? []) rows.push([`${key} @ ${n}`, "skipped: the route is not in this build", "", ""]);
    if (sc.csv) rows.push([`CSV export of ${sc.targets.question.code} (${sc.csv.rows} rows, ${f0(sc.csv.bytes / 1024)} KB)`, `p50 ${f0(sc.csv.p50)} / max ${f0(sc.csv.max)} ms (n=${sc.csv.n})`, `< ${GOALS.scaleCsvMs} ms`, verdict(sc.csv.status === 200 && sc.csv.max !== null && sc.csv.max < GOALS.scaleCsvMs)]);
    if (sc.rss) rows.push([`Server RSS @ ${n}`, `${f1(sc.rss.afterMb)} MB after the phase, peak ${f1(sc.rss.peakMb)} MB`, `< ${GOALS.scaleRssMb} MB`, verdict(sc.rss.peakMb < GOALS.scaleRssMb)]);
    if (sc.backup) {
      rows.push([
        "Online backup (npm run backup, server running)",
        sc.backup.ok ? `${f1(sc.backup.seconds)} s; ${f1(sc.backup.totalMb)} MB (database ${f1(sc.backup.databaseMb)} MB, ${sc.backup.files} files); queue API meanwhile p95 ${f0(sc.backup.queueApiDuringBackup.p95)} ms` : `failed: ${sc.backup.error}`,
        "",
        sc.backup.ok ? "" : "FAIL",
      ]);
    }
    if (sc.restore) {
      rows.push([
        "Restore into a fresh DATA_DIR (npm run restore), verified",
        sc.restore.ok ? `${f1(sc.restore.seconds)} s; integrity_check ok, counts as in the manifest, a server on the copy answers as the original` : `NOT verified: ${JSON.stringify(sc.restore)}`,
        "verified",
        sc.restore.ok ? "PASS" : "FAIL",
      ]);
    }
  }
  if (report.zip) rows.push(["ZIP of Q3/20 still whole (check)", `HTTP ${report.zip.status}, ${f1(report.zip.bytes / (1024 * 1024))} MB in ${f1(report.zip.seconds)} s`, "200", report.zip.status === 200 ? "PASS" : "MISS"]);
  const x = report.extraction;
  if (x) {
    rows.push([
      `Text extraction and indexing, ${report.searchSeed.contributions.toLocaleString("en-US")} Word files of ~${report.searchSeed.words} words`,
      `${x.finished ? "" : "UNFINISHED: "}${f0(x.seconds)} s (${f1(x.filesPerSecond)} files/s, ${f1(x.avgMs)} ms per file in the thread, max ${f0(x.maxMs)} ms); server CPU ${f0(x.cpuSeconds)} s, RSS peak ${f0(x.rssPeakMb)} MB; ${JSON.stringify(x.counts)}`,
      "(for information)",
      "",
    ]);
    rows.push(["Size: FTS5 index / texts / whole database", `${f1(x.indexMb)} / ${f1(x.textMb)} / ${f1(x.databaseMb)} MB (${f1(x.chars / 1e6)} M characters of text)`, "(for information)", ""]);
  }
  for (const [who, r] of Object.entries(report.search ?? {})) {
    if (typeof r !== "object" || r === null) continue;
    const fig = `p50 ${f1(r.p50)} / p95 ${f1(r.p95)} ms (n=${r.n}${r.truncated ? ", time-boxed" : ""})${r.errors ? `; ${r.errors} errors: ${r.firstError}` : ""}${who === "rapporteur" && report.search.commonTotal !== null ? `; "gateway" matches ${report.search.commonTotal}` : ""}`;
    rows.push([`Search GET /api/v1/search (${who}) @ ${(report.searchSeed?.contributions ?? 0).toLocaleString("en-US")}`, fig, `p95 < ${GOALS.searchP95Ms} ms`, verdict(r.p95 !== null && r.p95 < GOALS.searchP95Ms && r.errors === 0)]);
  }
  const d = report.diff;
  if (d) {
    rows.push([`Comparison of two ${d.pages}-page versions (${f0(d.characters / 1000)} K characters)`, `p50 ${f0(d.p50)} / p95 ${f0(d.p95)} ms (n=${d.n}); the ${d.pages}-page DOCX read in ${f0(d.extractionMs)} ms`, `< ${GOALS.diffMs} ms`, verdict(d.p95 !== null && d.p95 < GOALS.diffMs && d.errors === 0)]);
  }
  const widths = rows[0].map((_, c) => Math.max(...rows.map((r) => String(r[c]).length)));
  const line = (r) => `| ${r.map((cell, c) => String(cell).padEnd(widths[c])).join(" | ")} |`;
  return [line(rows[0]), `|${widths.map((w) => "-".repeat(w + 2)).join("|")}|`, ...rows.slice(1).map(line)].join("\n");
}

function machine() {
  const cpus = os.cpus();
  return {
    cpu: cpus[0]?.model ?? "unknown",
    cores: cpus.length,
    memoryGb: Math.round((os.totalmem() / 1024 ** 3) * 10) / 10,
    node: process.version,
    os: `${os.type()} ${os.release()}`,
    loadAverage: os.loadavg().map((l) => Math.round(l * 100) / 100),
  };
}

// ---------------------------------------------------------------- main

async function main() {
  const started = Date.now();
  const report = { startedAt: new Date().toISOString(), machine: machine(), settings: { burst: BURST, largeBytes: LARGE_BYTES, attack: ATTACK, read: READ, scale: SCALE, search: SEARCH }, goals: GOALS };
  log(`machine: ${report.machine.cpu} × ${report.machine.cores}, ${report.machine.memoryGb} GB, Node ${report.machine.node}`);
  mkdirSync(tmp, { recursive: true });
  let failure = null;
  try {
    report.buildId = await ensureBuildSnapshot();
    if (PARTS.has("burst")) await trackerPhase(report);
    if (PARTS.has("baseline")) await baselinePhase(report);
    if (PARTS.has("floor")) await nextFloorPhase(report);
    if (PARTS.has("attack")) await attackPhase(report);
    if (PARTS.has("read")) await readingPhase(report);
    if (PARTS.has("scale")) await scalePhase(report);
    if (PARTS.has("search")) await searchPhase(report);
  } catch (error) {
    failure = error;
    report.error = String(error?.stack ?? error);
  }
  report.seconds = (Date.now() - started) / 1000;
  const header = [
    `# Benchmark ${report.startedAt}`,
    "",
    `Machine: ${report.machine.cpu} × ${report.machine.cores} cores, ${report.machine.memoryGb} GB RAM, Node ${report.machine.node}, ${report.machine.os}. Load average at start ${report.machine.loadAverage.join(", ")}, at the end ${os.loadavg().map((l) => l.toFixed(2)).join(", ")}. Loopback; client and server share the cores.`,
    "",
    "",
  ].join("\n");
  const problems = [report.integrity, report.attack?.integrity]
    .filter((i) => i && !i.ok)
    .map((i) => `\n\nIntegrity problems:\n${i.problems.map((p) => `- ${p}`).join("\n")}`)
    .join("");
  const markdown = `${header}${table(report)}${problems}${failure ? `\n\nThe run stopped early: ${failure.message}` : ""}\n\nWhole run: ${report.seconds.toFixed(0)} s.\n`;
  mkdirSync(resultsDir, { recursive: true });
  const base = path.join(resultsDir, `bench-${stamp}`);
  writeFileSync(`${base}.md`, markdown);
  writeFileSync(`${base}.json`, JSON.stringify(report, null, 2) + "\n");
  console.log(`\n${markdown}\nWritten: ${path.relative(root, base)}.md and .json`);
  if (failure) {
    for (const name of ["tracker-burst.log", "tracker-attack.log", "hostile-docx.log", "tracker-read.log", "tracker-scale.log", "tracker-search.log", "baseline.log", "setup-db.log"]) {
      const file = path.join(tmp, name);
      if (existsSync(file)) console.error(`--- last lines of ${name}:\n${readFileSync(file, "utf8").split("\n").slice(-15).join("\n")}`);
    }
  }
  if (!process.env.BENCH_KEEP_TMP) rmSync(tmp, { recursive: true, force: true });
  // A lost receipt, or a backup that does not restore whole, is a failure of the product, not a slow figure.
  const lost = (report.integrity && !report.integrity.ok) || (report.attack?.integrity && !report.attack.integrity.ok) || (report.scale?.backup && !report.scale.backup.ok) || (report.scale?.restore && !report.scale.restore.ok);
  return lost ? 1 : failure ? 2 : 0;
}

main()
  .then((code) => process.exit(code))
  .catch((error) => {
    console.error(error);
    killAllChildrenSync();
    rmSync(tmp, { recursive: true, force: true });
    process.exit(2);
  });
