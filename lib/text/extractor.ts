// Runs text extraction in one long-lived worker thread: a capped heap, a hard time limit, a new thread after a failure.
import "server-only";
import path from "node:path";
import { Worker, type WorkerOptions } from "node:worker_threads";
import type { ExtractJob, ExtractReply } from "./extract-worker";
import type { ExtractKind } from "./extract";
import { DEFAULT_LIMITS, type ExtractLimits } from "./extracted";

export type ThreadOutcome =
  /** the worker read the file and stored the result itself (stored: false when the lease had been lost) */
  | { kind: "stored"; state: "done" | "no_text"; chars: number; stored: boolean }
  /** the thread had to be stopped (time) or died of its heap limit: a bomb, marked no_text (limits) by the caller */
  | { kind: "limits"; why: "time" | "memory" }
  /** something unexpected (a missing file, a database error): retried later */
  | { kind: "error"; error: string };

type Pending = { jobId: number; resolve: (outcome: ThreadOutcome) => void; timer: NodeJS.Timeout };

type ThreadState = { worker: Worker; pending: Pending | null };

const g = globalThis as unknown as { __trackerExtractor?: ThreadState; __trackerExtractorJob?: number };

/**
 * The thread runs the TypeScript sources through tsx, as `npm start`'s database setup does: Next's bundler (16.4)
 * does not build worker_threads entry points, and the DOCX walker it needs is TypeScript. Loaded from the checkout
 * (the server's working directory), the same way in the server, under Vitest and in the benchmark.
 */
function newWorker(options: WorkerOptions): Worker {
  const file = path.join(/*turbopackIgnore: true*/ process.cwd(), "lib", "text", "extract-worker.ts");
  return new Worker(`require("tsx/cjs/api").register(); require(${JSON.stringify(file)});`, { ...options, eval: true });
}

function spawn(limits: ExtractLimits): ThreadState {
  const worker = newWorker({
    resourceLimits: { maxOldGenerationSizeMb: limits.heapMb, maxYoungGenerationSizeMb: 32 },
    // pdf.js logs its warnings (a broken font, a bad xref) to the console: not the server's log.
    stdout: true,
    stderr: true,
  });
  worker.stdout.resume();
  worker.stderr.resume();
  const state: ThreadState = { worker, pending: null };
  const fail = (outcome: ThreadOutcome) => {
    const p = state.pending;
    state.pending = null;
    if (g.__trackerExtractor === state) g.__trackerExtractor = undefined;
    if (p) {
      clearTimeout(p.timer);
      p.resolve(outcome);
    }
  };
  worker.on("message", (reply: ExtractReply) => {
    const p = state.pending;
    if (!p || p.jobId !== reply.jobId) return;
    state.pending = null;
    clearTimeout(p.timer);
    p.resolve(reply.ok ? { kind: "stored", state: reply.state, chars: reply.chars, stored: reply.stored } : { kind: "error", error: reply.error });
  });
  worker.on("error", (error: Error & { code?: string }) => {
    fail(error.code === "ERR_WORKER_OUT_OF_MEMORY" ? { kind: "limits", why: "memory" } : { kind: "error", error: `${error.name}: ${error.message}` });
  });
  worker.on("exit", (code) => fail({ kind: "error", error: `the extraction thread stopped (exit ${code})` }));
  // The thread never keeps a process alive (tests, scripts): the server's own work does.
  worker.unref();
  return state;
}

/**
 * Extracts one file's text in the worker thread, which stores it under the job's lease. One job at a time (the
 * queue waits for each); a job over the hard time limit stops the thread, and the next job gets a new one.
 */
export function extractInThread(
  job: { fileId: number; leaseUntil: number; path: string; kind: ExtractKind; dbPath: string; at: number },
  limits: ExtractLimits = DEFAULT_LIMITS,
): Promise<ThreadOutcome> {
  g.__trackerExtractor ??= spawn(limits);
  const state = g.__trackerExtractor;
  if (state.pending) return Promise.resolve({ kind: "error", error: "the extraction thread is busy" });
  const jobId = (g.__trackerExtractorJob = (g.__trackerExtractorJob ?? 0) + 1);
  return new Promise<ThreadOutcome>((resolve) => {
    const timer = setTimeout(() => {
      if (state.pending?.jobId !== jobId) return;
      state.pending = null;
      if (g.__trackerExtractor === state) g.__trackerExtractor = undefined;
      void state.worker.terminate();
      resolve({ kind: "limits", why: "time" });
    }, limits.hardTimeMs);
    timer.unref();
    state.pending = { jobId, resolve, timer };
    const message: ExtractJob = { jobId, limits, ...job };
    state.worker.postMessage(message);
  });
}

/** Stops the thread (tests, and a server shutting down). */
export async function stopExtractorThread(): Promise<void> {
  const state = g.__trackerExtractor;
  g.__trackerExtractor = undefined;
  if (state) await state.worker.terminate();
}
