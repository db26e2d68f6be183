// The text-extraction queue in the database: each stored file's row in file_texts is its job (made by a trigger when
// the file's row commits). Jobs are claimed with a lease, retried with back-off, and given up after a few attempts.
import "server-only";
import { getDb, type DB } from "@/db/client";
import type { TextState } from "@/lib/domain";
import type { Actor } from "@/lib/auth/permissions";
import type { ExtractKind } from "@/lib/text/extract";
import type { NoTextReason } from "@/lib/text/extracted";

/** A job is tried at most this many times (a crash while it runs counts as a try). */
export const MAX_ATTEMPTS = 5;
/** The wait before try n+1 after a failed try n (ms). */
const BACKOFF_MS = [10_000, 60_000, 5 * 60_000, 30 * 60_000];

export function backoffAfter(attempt: number): number {
  return BACKOFF_MS[Math.min(Math.max(attempt, 1), BACKOFF_MS.length) - 1];
}

export type ClaimedJob = { fileId: number; sha256: string; kind: ExtractKind; attempts: number; leaseUntil: number };

/**
 * Takes the next job that is due: pending, its back-off over, and either never claimed or claimed by a process
 * whose lease ran out (it crashed, or was killed, mid-job). One UPDATE … RETURNING: two servers never take the same job.
 * `at` is system time (ms): leases and back-off follow the machine's clock, never a simulated one.
 */
export function claimTextJob(at: number, leaseMs: number, db: DB = getDb()): ClaimedJob | null {
  const leaseUntil = at + leaseMs;
  const row = db.$client
    .prepare(
      `UPDATE file_texts SET attempts = attempts + 1, lease_until = @leaseUntil
       WHERE file_id = (
         SELECT file_id FROM file_texts
         WHERE state = 'pending' AND next_attempt_at <= @at AND (lease_until IS NULL OR lease_until < @at)
         ORDER BY next_attempt_at, file_id LIMIT 1)
       RETURNING file_id AS fileId, attempts, lease_until AS leaseUntil`,
    )
    .get({ at, leaseUntil }) as { fileId: number; attempts: number; leaseUntil: number } | undefined;
  if (!row) return null;
  const file = db.$client.prepare("SELECT sha256, kind FROM stored_files WHERE id = ?").get(row.fileId) as { sha256: string; kind: ExtractKind };
  return { ...row, ...file };
}

/** A job stopped by the limits (time or heap): a bomb, or a file too big to read. Marked no_text, never tried again. */
export function markTextLimits(job: ClaimedJob, at: number, elapsedMs: number, db: DB = getDb()): void {
  finish(job, "no_text", "limits", at, elapsedMs, db);
}

/** A try that failed unexpectedly: tried again after the back-off, or marked failed after the last attempt. */
export function retryTextJob(job: ClaimedJob, systemAt: number, at: number, db: DB = getDb()): "retry" | "failed" {
  if (job.attempts >= MAX_ATTEMPTS) {
    finish(job, "failed", null, at, null, db);
    return "failed";
  }
  db.$client
    .prepare("UPDATE file_texts SET next_attempt_at = ?, lease_until = NULL WHERE file_id = ? AND state = 'pending' AND lease_until = ?")
    .run(systemAt + backoffAfter(job.attempts), job.fileId, job.leaseUntil);
  return "retry";
}

function finish(job: ClaimedJob, state: TextState, reason: NoTextReason | null, at: number, elapsedMs: number | null, db: DB): void {
  db.$client
    .prepare(
      `UPDATE file_texts SET state = ?, reason = ?, text = NULL, chars = NULL, extracted_at = ?, elapsed_ms = ?, lease_until = NULL
       WHERE file_id = ? AND state = 'pending' AND lease_until = ?`,
    )
    .run(state, reason, at, elapsedMs, job.fileId, job.leaseUntil);
}

/** The highest stored file id: when it moves, uploads are arriving (the queue then gives way, lib/jobs/text-extraction.ts). */
export function latestStoredFileId(db: DB = getDb()): number {
  return (db.$client.prepare("SELECT coalesce(max(id), 0) AS id FROM stored_files").get() as { id: number }).id;
}

export type TextQueueCounts = Record<TextState, number> & { retrying: number };

/** How the queue stands: how many files wait, were read, have no text, or failed; and how many wait for a retry. */
export function textQueueCounts(db: DB = getDb()): TextQueueCounts {
  const counts: TextQueueCounts = { pending: 0, done: 0, no_text: 0, failed: 0, retrying: 0 };
  for (const r of db.$client.prepare("SELECT state, count(*) AS n, sum(state = 'pending' AND attempts > 0) AS retrying FROM file_texts GROUP BY state").all() as Array<{
    state: TextState;
    n: number;
    retrying: number | null;
  }>) {
    counts[r.state] = r.n;
    if (r.state === "pending") counts.retrying = r.retrying ?? 0;
  }
  return counts;
}

/**
 * The state of the texts of a Question's contributions, for its reviewers (the rapporteur's queue shows it): how many
 * versions' texts were read, wait to be read, have none, or could not be read. Anyone else gets null.
 */
export function questionTextCounts(actor: Actor, questionId: number): TextQueueCounts | null {
  const client = getDb().$client;
  const q = client.prepare("SELECT study_group_id AS g FROM questions WHERE id = ?").get(questionId) as { g: number } | undefined;
  if (!q || (!actor.rapporteurQuestionIds.includes(questionId) && !actor.secretariatGroupIds.includes(q.g))) return null;
  const counts: TextQueueCounts = { pending: 0, done: 0, no_text: 0, failed: 0, retrying: 0 };
  const rows = client
    .prepare(
      `SELECT t.state, count(*) AS n, sum(t.state = 'pending' AND t.attempts > 0) AS retrying
       FROM contribution_questions cq JOIN contribution_versions v ON v.contribution_id = cq.contribution_id
       JOIN file_texts t ON t.file_id = v.file_id
       WHERE cq.question_id = ? GROUP BY t.state`,
    )
    .all(questionId) as Array<{ state: TextState; n: number; retrying: number | null }>;
  for (const r of rows) {
    counts[r.state] = r.n;
    if (r.state === "pending") counts.retrying = r.retrying ?? 0;
  }
  return counts;
}
