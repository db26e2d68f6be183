// The text-extraction loop of a server process: takes the queue's jobs one at a time, after their uploads committed.
//
// Nothing of this runs on a request's path: an upload only commits its file's row (a trigger adds the job in the same
// transaction). Here the loop claims the job, the worker thread (lib/text/extractor.ts) reads the file and stores the
// text (the FTS5 triggers index it in that thread's transaction), and a failure is retried with back-off. Jobs are
// rows: a crash loses none, and one interrupted mid-way is taken again when its lease runs out.
//
// The deadline burst comes first: while uploads are arriving (a new stored file since the last look), the loop reads
// at most one file every few seconds, and runs flat out again once they stop.
import "server-only";
import path from "node:path";
import { dataDir } from "@/db/client";
import { claimTextJob, latestStoredFileId, markTextLimits, retryTextJob, type ClaimedJob } from "@/lib/data/text-jobs";
import { storedPath } from "@/lib/files/storage";
import { extractInThread } from "@/lib/text/extractor";
import { DEFAULT_LIMITS } from "@/lib/text/extracted";
import { now, systemNow } from "@/lib/time/clock";

const IDLE_POLL_MS = 2_000;
const BUSY_PAUSE_MS = 5_000;
/** A claimed job is taken again after this if its server did not finish it (it died). */
const LEASE_MS = DEFAULT_LIMITS.hardTimeMs + 60_000;

type LoopState = { running: boolean; timer: NodeJS.Timeout | null; lastFileId: number | null; lastBusyAt: number; stopped: boolean };

const g = globalThis as unknown as { __trackerTextLoop?: LoopState };

export type JobResult = { fileId: number; outcome: "done" | "no_text" | "limits" | "retry" | "failed" | "lost_lease" };

/** Runs one due job, if there is one. Exported for tests, which drive the queue step by step. */
export async function runOneTextJob(): Promise<JobResult | null> {
  const job = claimTextJob(systemNow(), LEASE_MS);
  if (!job) return null;
  return runJob(job);
}

async function runJob(job: ClaimedJob): Promise<JobResult> {
  const started = systemNow();
  const outcome = await extractInThread({
    fileId: job.fileId,
    leaseUntil: job.leaseUntil,
    path: storedPath(job.sha256),
    kind: job.kind,
    dbPath: path.join(dataDir(), "tracker.db"),
    at: now(),
  });
  if (outcome.kind === "stored") return { fileId: job.fileId, outcome: outcome.stored ? outcome.state : "lost_lease" };
  if (outcome.kind === "limits") {
    markTextLimits(job, now(), systemNow() - started);
    console.warn(`Text extraction of file ${job.fileId} stopped by the ${outcome.why} limit: marked "no text".`);
    return { fileId: job.fileId, outcome: "limits" };
  }
  const next = retryTextJob(job, systemNow(), now());
  console.warn(`Text extraction of file ${job.fileId} (attempt ${job.attempts}) failed: ${outcome.error}${next === "failed" ? "; given up" : "; will retry"}`);
  return { fileId: job.fileId, outcome: next };
}

function schedule(state: LoopState, ms: number): void {
  if (state.stopped) return;
  state.timer = setTimeout(() => void tick(state), ms);
  state.timer.unref();
}

async function tick(state: LoopState): Promise<void> {
  state.timer = null;
  if (state.running || state.stopped) return;
  state.running = true;
  let delay = IDLE_POLL_MS;
  try {
    const latest = latestStoredFileId();
    const t = systemNow();
    if (state.lastFileId !== null && latest !== state.lastFileId) state.lastBusyAt = t;
    state.lastFileId = latest;
    const busy = t - state.lastBusyAt < BUSY_PAUSE_MS;
    const result = await runOneTextJob();
    // Back to back while idle (a timer of 0 lets requests in between); one per pause while uploads arrive.
    if (result) delay = busy ? BUSY_PAUSE_MS : 0;
  } catch (error) {
    console.error("Text extraction loop:", error);
  } finally {
    state.running = false;
  }
  schedule(state, delay);
}

/** Starts the loop once per process (a second call does nothing). */
export function startTextExtraction(): void {
  if (g.__trackerTextLoop && !g.__trackerTextLoop.stopped) return;
  const state: LoopState = { running: false, timer: null, lastFileId: null, lastBusyAt: 0, stopped: false };
  g.__trackerTextLoop = state;
  schedule(state, 1_000);
}

export function stopTextExtraction(): void {
  const state = g.__trackerTextLoop;
  if (!state) return;
  state.stopped = true;
  if (state.timer) clearTimeout(state.timer);
}
