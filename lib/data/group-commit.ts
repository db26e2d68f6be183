// Group commit for uploads: the writes of submissions that finish in the same turn of the event loop share
// one transaction, and so one fsync of the write-ahead log, each inside its own savepoint.
//
// With synchronous=FULL every COMMIT waits for the disk, and better-sqlite3 waits on the main thread: in the
// deadline-burst benchmark that wait was the largest single cost of an upload (about 5 ms of 30). Fifty
// delegates uploading at once finish their files within milliseconds of each other; committing their rows
// together keeps every promise (a receipt is shown only after the commit that holds its row is on disk)
// and pays the disk once.
import "server-only";
import type Database from "better-sqlite3";
import type { DB } from "@/db/client";

type Tx = Parameters<Parameters<DB["transaction"]>[0]>[0];

type Job = { work: (tx: Tx) => unknown; resolve: (value: unknown) => void; reject: (error: unknown) => void };

/** At most this many uploads in one transaction, so one batch never holds the writer for long. */
const MAX_BATCH = 64;

const pending = new WeakMap<Database.Database, { db: DB; jobs: Job[] }>();

function flush(client: Database.Database): void {
  const queue = pending.get(client);
  if (!queue) return;
  pending.delete(client);
  for (let i = 0; i < queue.jobs.length; i += MAX_BATCH) runBatch(queue.db, queue.jobs.slice(i, i + MAX_BATCH));
}

function runBatch(db: DB, jobs: Job[]): void {
  const outcomes: Array<{ ok: true; value: unknown } | { ok: false; error: unknown }> = [];
  try {
    db.transaction(
      (tx) => {
        for (const job of jobs) {
          try {
            // A savepoint: a job that throws undoes its own writes only.
            outcomes.push({ ok: true, value: tx.transaction((inner) => job.work(inner)) });
          } catch (error) {
            outcomes.push({ ok: false, error });
          }
        }
      },
      { behavior: "immediate" },
    );
  } catch (error) {
    // The transaction itself failed (BEGIN or COMMIT): nothing of this batch is stored.
    for (const job of jobs) job.reject(error);
    return;
  }
  jobs.forEach((job, i) => {
    const outcome = outcomes[i];
    if (outcome.ok) job.resolve(outcome.value);
    else job.reject(outcome.error);
  });
}

/**
 * Runs `work` inside a write transaction shared with the other uploads of this turn of the event loop,
 * and resolves once that transaction is committed (durable), or rejects with what `work` threw (its
 * writes undone) or with the error of the commit. `work` must be synchronous, as a better-sqlite3
 * transaction is.
 */
export function commitTogether<T>(db: DB, work: (tx: Tx) => T): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const client = db.$client;
    let queue = pending.get(client);
    if (!queue) {
      queue = { db, jobs: [] };
      pending.set(client, queue);
      setImmediate(() => flush(client));
    }
    queue.jobs.push({ work, resolve: resolve as (value: unknown) => void, reject });
  });
}
