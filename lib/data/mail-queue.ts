// The mail queue: e-mail that a commit promised, written inside that commit and sent later by lib/mail/worker.ts.
import "server-only";
import { and, asc, count, isNotNull, isNull, lt, lte, sql } from "drizzle-orm";
import { getDb } from "@/db/client";
import { mailQueue, type QueuedMail } from "@/db/schema";
import type { MailKind } from "@/lib/domain";
import { systemNow } from "@/lib/time/clock";
import { commitTogether } from "@/lib/data/group-commit";
import { prepared, type PreparableConn } from "@/lib/data/prepared";

export type NewMail = {
  kind: MailKind;
  /** the committing transaction's instant (tracker clock) */
  createdAt: number;
  studyGroupId: number;
  to: string[];
  cc?: string[];
  versionId?: number | null;
  lateRequestId?: number | null;
};

const p = sql.placeholder;

const insertMail = prepared((db) =>
  db
    .insert(mailQueue)
    .values({
      createdAt: p("createdAt"),
      kind: p("kind"),
      versionId: p("versionId"),
      lateRequestId: p("lateRequestId"),
      studyGroupId: p("studyGroupId"),
      toAddresses: p("toAddresses"),
      ccAddresses: p("ccAddresses"),
      nextAttemptAt: p("nextAttemptAt"),
    })
    .prepare(),
);

// A process-wide hook (globalThis: Next may load this module more than once), set by the worker that runs here.
const g = globalThis as unknown as { __trackerMailWake?: (() => void) | null };

/** The worker registers how to be woken; null when it stops. */
export function onMailQueued(wake: (() => void) | null): void {
  g.__trackerMailWake = wake;
}

/**
 * Adds a message to the queue inside the caller's transaction (or savepoint): it exists if and only if that
 * transaction commits. The worker is woken on a later turn of the event loop, after the commit.
 */
export function enqueueMail(tx: PreparableConn, mail: NewMail): void {
  if (mail.to.length === 0) return;
  insertMail(tx).run({
    createdAt: mail.createdAt,
    kind: mail.kind,
    versionId: mail.versionId ?? null,
    lateRequestId: mail.lateRequestId ?? null,
    studyGroupId: mail.studyGroupId,
    toAddresses: mail.to,
    ccAddresses: mail.cc ?? [],
    nextAttemptAt: systemNow(),
  });
  const wake = g.__trackerMailWake;
  // setImmediate: a better-sqlite3 transaction is synchronous, so the worker runs only once it has committed.
  if (wake) setImmediate(wake);
}

const dueRows = prepared((db) =>
  db
    .select()
    .from(mailQueue)
    .where(and(isNull(mailQueue.sentAt), isNull(mailQueue.failedAt), lte(mailQueue.nextAttemptAt, p("at"))))
    .orderBy(asc(mailQueue.nextAttemptAt), asc(mailQueue.id))
    .limit(p("limit"))
    .prepare(),
);

/** The messages due at `at` (machine time), oldest first. */
export function dueMail(at: number, limit: number): QueuedMail[] {
  return dueRows(getDb()).all({ at, limit });
}

export type MailOutcome =
  | { id: number; sent: true; subject: string; at: number }
  | { id: number; sent: false; error: string; at: number; retryAt: number | null };

/**
 * Records what the transport said, all in one commit shared with the uploads of the moment: sent (only once the
 * transport has accepted the message), or tried again later (`retryAt`), or given up (`retryAt` null).
 */
export async function recordMailOutcomes(outcomes: MailOutcome[]): Promise<void> {
  if (outcomes.length === 0) return;
  await commitTogether(getDb(), (tx) => {
    for (const o of outcomes) {
      const where = sql`${mailQueue.id} = ${o.id}`;
      if (o.sent) {
        tx.update(mailQueue).set({ sentAt: o.at, subject: o.subject, lastError: null }).where(where).run();
      } else {
        tx.update(mailQueue)
          .set({
            attempts: sql`${mailQueue.attempts} + 1`,
            lastError: o.error.slice(0, 1000),
            ...(o.retryAt === null ? { failedAt: o.at } : { nextAttemptAt: o.retryAt }),
          })
          .where(where)
          .run();
      }
    }
  });
}

/** How many messages wait, and how many were given up: for the worker's log lines. */
export function mailQueueCounts(): { waiting: number; failed: number } {
  const db = getDb();
  const [waiting] = db.select({ n: count() }).from(mailQueue).where(and(isNull(mailQueue.sentAt), isNull(mailQueue.failedAt))).all();
  const [failed] = db.select({ n: count() }).from(mailQueue).where(isNotNull(mailQueue.failedAt)).all();
  return { waiting: waiting.n, failed: failed.n };
}

/** Sent messages older than `keepMs` leave the table (the mail itself has gone); failed ones stay for the operator. */
export function pruneSentMail(keepMs: number, at = systemNow()): number {
  return getDb()
    .delete(mailQueue)
    .where(and(isNotNull(mailQueue.sentAt), lt(mailQueue.sentAt, at - keepMs)))
    .run().changes;
}
