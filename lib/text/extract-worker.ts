// The extraction worker thread: reads one file's text at a time and stores it with its own database connection.
//
// It runs beside the server's event loop (lib/text/extractor.ts starts it), so neither parsing a PDF nor indexing
// its text (the FTS5 triggers run on the UPDATE below) ever holds the requests up. Its heap is capped and the
// server stops it if a file takes too long: that is how a bomb is stopped.
import { parentPort } from "node:worker_threads";
import Database from "better-sqlite3";
import { extractText, type ExtractKind } from "./extract";
import type { Extracted, ExtractLimits } from "./extracted";

export type ExtractJob = {
  jobId: number;
  fileId: number;
  /** the lease the server took: the result is stored only while the job is still this one's */
  leaseUntil: number;
  path: string;
  kind: ExtractKind;
  dbPath: string;
  limits: ExtractLimits;
  /** the simulated or real instant at the start, stored as extracted_at */
  at: number;
};

export type ExtractReply =
  | { jobId: number; ok: true; state: Extracted["state"]; chars: number; stored: boolean }
  | { jobId: number; ok: false; error: string };

let db: Database.Database | undefined;
let dbPath = "";

function connection(path: string): Database.Database {
  if (!db || dbPath !== path) {
    db?.close();
    db = new Database(path, { fileMustExist: true });
    db.pragma("journal_mode = WAL");
    // A text lost to a power cut is read again (the job stays pending): no need to wait for the disk here.
    db.pragma("synchronous = NORMAL");
    db.pragma("busy_timeout = 10000");
    dbPath = path;
  }
  return db;
}

function store(job: ExtractJob, result: Extracted, elapsed: number): boolean {
  const text = result.state === "done" ? result.text : null;
  const changed = connection(job.dbPath)
    .prepare(
      `UPDATE file_texts SET state = ?, reason = ?, text = ?, chars = ?, pages = ?, truncated = ?, elapsed_ms = ?,
         extracted_at = ?, lease_until = NULL
       WHERE file_id = ? AND state = 'pending' AND lease_until = ?`,
    )
    .run(
      result.state,
      result.state === "no_text" ? result.reason : null,
      text,
      text?.length ?? null,
      result.pages,
      result.state === "done" && result.truncated ? 1 : 0,
      elapsed,
      job.at,
      job.fileId,
      job.leaseUntil,
    );
  return changed.changes === 1;
}

parentPort?.on("message", async (job: ExtractJob) => {
  let reply: ExtractReply;
  const started = performance.now();
  try {
    const result = await extractText(job.path, job.kind, job.limits);
    const stored = store(job, result, Math.round(performance.now() - started));
    reply = { jobId: job.jobId, ok: true, state: result.state, chars: result.state === "done" ? result.text.length : 0, stored };
  } catch (error) {
    reply = { jobId: job.jobId, ok: false, error: error instanceof Error ? `${error.name}: ${error.message}` : String(error) };
  }
  parentPort?.postMessage(reply);
});
