// The mail worker of the server process: sends what the mail queue holds, retries with back-off, gives up loudly.
//
// Started once per server process by instrumentation.ts (never during `next build`, never in scripts). It sends
// at start whatever an earlier process committed but did not send, then whenever a commit queues mail, and
// every POLL_MS for retries. A message is marked sent only after the transport has accepted it, so delivery is
// at least once: a crash between the two sends it again (same Message-ID; the demo outbox rewrites its one file).
import "server-only";
import { systemNow } from "@/lib/time/clock";
import { settings } from "@/lib/config/settings";
import { dueMail, mailQueueCounts, onMailQueued, pruneSentMail, recordMailOutcomes, type MailOutcome } from "@/lib/data/mail-queue";
import { renderQueuedMail, type RenderedMail } from "@/lib/data/notifications";
import type { QueuedMail } from "@/db/schema";
import { closeMailTransports, mailRoute, outboxDir, sendMail } from "@/lib/mail/transport";

/** After this many failed attempts a message is given up (marked failed, and logged). */
export const MAX_ATTEMPTS = 10;
const RETRY_BASE_MS = 30_000;
const RETRY_CAP_MS = 2 * 60 * 60_000;
/** How long a sent message's row is kept. */
export const KEEP_SENT_MS = 30 * 24 * 60 * 60_000;
const POLL_MS = 15_000;
const BATCH = 50;
const CONCURRENCY = 4;
/** Without a relay in production, how often the log says how much mail waits. */
const REMINDER_MS = 60 * 60_000;

/** The wait before attempt n+1 after n failed attempts: 30 s, 1 min, 2 min, … doubling, at most 2 h (about 6 h 20 min in all). */
export function retryDelayMs(failedAttempts: number): number {
  return Math.min(RETRY_BASE_MS * 2 ** Math.max(0, failedAttempts - 1), RETRY_CAP_MS);
}

/** The rendered message; an exception (a fault of ours, which a fix and a restart cure) is retried like a transport error. */
function renderOrThrown(row: QueuedMail): RenderedMail | { ok: false; error: string; thrown: true } {
  try {
    return renderQueuedMail(row);
  } catch (error) {
    return { ok: false, error: `rendering failed: ${error instanceof Error ? error.message : String(error)}`, thrown: true };
  }
}

export type DeliveryReport = { claimed: number; sent: number; retried: number; failed: number; held: number };

/**
 * One pass over the due messages (at most `limit`): render, send, record. `at` is the machine's time (tests
 * pass it to step through the back-off without waiting). Without a relay in production nothing is sent and no
 * attempt is spent: the messages wait for SMTP_URL.
 */
export async function deliverDueMail(opts: { at?: number; limit?: number } = {}): Promise<DeliveryReport> {
  const at = opts.at ?? systemNow();
  const rows = dueMail(at, opts.limit ?? BATCH);
  const report: DeliveryReport = { claimed: rows.length, sent: 0, retried: 0, failed: 0, held: 0 };
  if (rows.length === 0) return report;
  if (mailRoute() === "none") {
    report.held = rows.length;
    return report;
  }
  const outcomes: MailOutcome[] = [];
  let next = 0;
  const lane = async () => {
    while (next < rows.length) {
      const row = rows[next++];
      const rendered = renderOrThrown(row);
      // A message that cannot be rendered (what it reports is gone) will not render later either: given up at once.
      const result = rendered.ok ? await sendMail(rendered.message) : { ok: false as const, error: rendered.error };
      const done = systemNow();
      if (result.ok && rendered.ok) {
        outcomes.push({ id: row.id, sent: true, subject: rendered.message.subject, at: done });
        report.sent += 1;
        continue;
      }
      const error = result.ok ? "" : result.error;
      const attempts = row.attempts + 1;
      const giveUp = (!rendered.ok && !("thrown" in rendered)) || attempts >= MAX_ATTEMPTS;
      outcomes.push({ id: row.id, sent: false, error, at: done, retryAt: giveUp ? null : at + retryDelayMs(attempts) });
      if (giveUp) {
        report.failed += 1;
        console.error(`Mail ${row.id} (${row.kind} to ${row.toAddresses.join(", ")}) given up after ${attempts} attempt(s): ${error}`);
      } else {
        report.retried += 1;
        console.warn(`Mail ${row.id} (${row.kind}) not sent, attempt ${attempts} of ${MAX_ATTEMPTS}, next in ${Math.round(retryDelayMs(attempts) / 1000)} s: ${error}`);
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(CONCURRENCY, rows.length) }, lane));
  await recordMailOutcomes(outcomes);
  return report;
}

type WorkerState = {
  stopped: boolean;
  timer: NodeJS.Timeout | null;
  pass: Promise<void> | null;
  again: boolean;
  lastReminder: number;
  lastPrune: number;
};

// globalThis: instrumentation and the route handlers may hold separate copies of this module.
const g = globalThis as unknown as { __trackerMailWorker?: WorkerState };

function describeRoute(): string {
  const route = mailRoute();
  if (route === "smtp") return `through SMTP (${new URL(settings().smtpUrl!).host})`;
  if (route === "outbox") return `into the demo outbox (${outboxDir()})`;
  return "nowhere: SMTP_URL is not set";
}

function housekeeping(state: WorkerState): void {
  const at = systemNow();
  if (at - state.lastPrune >= REMINDER_MS) {
    state.lastPrune = at;
    pruneSentMail(KEEP_SENT_MS, at);
  }
  if (mailRoute() === "none" && at - state.lastReminder >= REMINDER_MS) {
    state.lastReminder = at;
    const { waiting } = mailQueueCounts();
    if (waiting > 0) console.error(`Mail: ${waiting} e-mail(s) (receipts, decisions) are waiting because SMTP_URL is not set; they go out once it is.`);
  }
}

async function runPasses(state: WorkerState): Promise<void> {
  do {
    state.again = false;
    try {
      housekeeping(state);
      // A full batch that made progress means more may be due: go on at once. (Held mail makes none.)
      for (;;) {
        const report = await deliverDueMail();
        if (state.stopped || report.claimed < BATCH || report.held > 0) break;
      }
    } catch (error) {
      // The database was busy or closed under us: the next wake or poll tries again.
      console.error("Mail worker pass failed:", error);
    }
  } while (state.again && !state.stopped);
}

function wake(): void {
  const state = g.__trackerMailWorker;
  if (!state || state.stopped) return;
  if (state.pass) {
    state.again = true;
    return;
  }
  state.pass = runPasses(state).finally(() => {
    state.pass = null;
  });
}

/** Starts the worker of this process (once; later calls do nothing). Returns whether it started now. */
export function startMailWorker(opts: { pollMs?: number; stopOnSignals?: boolean } = {}): boolean {
  if (g.__trackerMailWorker && !g.__trackerMailWorker.stopped) return false;
  const state: WorkerState = { stopped: false, timer: null, pass: null, again: false, lastReminder: 0, lastPrune: 0 };
  g.__trackerMailWorker = state;
  let counts = "";
  try {
    const { waiting, failed } = mailQueueCounts();
    counts = `; ${waiting} waiting, ${failed} given up`;
  } catch (error) {
    // A database that cannot be opened now is the requests' problem too; the passes will try again.
    console.error("Mail: the queue could not be read at start:", error);
  }
  const line = `Mail: sending ${describeRoute()}${counts}.`;
  if (mailRoute() === "none") {
    console.error(`${line}\nMail: without SMTP_URL no receipt or decision e-mail leaves this server. They are kept in the mail queue and sent once SMTP_URL is set and the server restarted.`);
  } else console.log(line);
  onMailQueued(wake);
  // Not to keep the process alive: a server that is asked to stop stops.
  state.timer = setInterval(wake, opts.pollMs ?? POLL_MS);
  state.timer.unref();
  setImmediate(wake);
  if (opts.stopOnSignals) {
    // Next closes the server and exits on these signals; the worker stops taking work at once. A message being
    // sent as the process ends was not marked sent: the next process sends it.
    for (const signal of ["SIGTERM", "SIGINT"] as const) {
      process.once(signal, () => {
        void stopMailWorker();
        // Alone on this signal (NEXT_MANUAL_SIG_HANDLE), a listener would swallow it: let it end the process as usual.
        if (process.listenerCount(signal) === 0) process.kill(process.pid, signal);
      });
    }
  }
  return true;
}

/** Stops taking new work and waits for the pass in progress (its outcomes are recorded before it ends). */
export async function stopMailWorker(): Promise<void> {
  const state = g.__trackerMailWorker;
  if (!state || state.stopped) return;
  state.stopped = true;
  if (state.timer) clearInterval(state.timer);
  onMailQueued(null);
  await state.pass;
  closeMailTransports();
}
