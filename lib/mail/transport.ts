// Sends e-mail: through SMTP when SMTP_URL is set; in the demo, into <DATA_DIR>/outbox/ as .eml files; otherwise not at all.
import "server-only";
import { randomBytes } from "node:crypto";
import { mkdir, rename, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import nodemailer, { type Transporter } from "nodemailer";
import { now } from "@/lib/time/clock";
import { settings } from "@/lib/config/settings";
import { ensureDir } from "@/lib/files/storage";

export type MailMessage = {
  to: string[];
  cc?: string[];
  subject: string;
  text: string;
  html?: string;
  /** when the message was made, as its Date header says (RFC 5322: when it was ready to be sent); default now */
  date?: number;
  /** the mail_queue row it comes from: a retry keeps its Message-ID and rewrites its one outbox file */
  queueId?: number;
  /** for the demo outbox's reader (who may read what): written as X-Tracker-* headers into .eml files only, never sent */
  tags?: { kind: string; studyGroups: string[] };
};
export type MailResult = { ok: true; id: string } | { ok: false; error: string };

/**
 * Where mail goes. With SMTP_URL, to that relay. Without it, in the demo, to the outbox that the app shows.
 * Without it in production, nowhere: the queue holds every message until a relay is configured (see README).
 */
export type MailRoute = "smtp" | "outbox" | "none";

export function mailRoute(): MailRoute {
  const s = settings();
  if (s.smtpUrl) return "smtp";
  return s.demoMode ? "outbox" : "none";
}

/** The outbox of the demo: one .eml file per message, named so that a plain sort is chronological. */
export function outboxDir(): string {
  return path.join(settings().dataDir, "outbox");
}

/** "20200623T215959123Z": the instant in UTC, fixed width, so names sort by time. */
function sortableStamp(ms: number): string {
  return new Date(ms).toISOString().replace(/[-:.]/g, "");
}

// Timeouts kept short: a dead relay must not hold a worker's batch for minutes (nodemailer waits up to 10 min).
// They go into the URL because nodemailer, given a `url`, takes its options from the URL alone.
const SMTP_DEFAULTS: Record<string, string> = { pool: "true", maxConnections: "4", connectionTimeout: "10000", greetingTimeout: "10000", socketTimeout: "30000" };

const g = globalThis as unknown as { __trackerSmtp?: { url: string; transport: Transporter }; __trackerOutbox?: Transporter };

/** The demo's outbox transport, which renders a message to bytes: made once. */
function outboxTransport(): Transporter {
  g.__trackerOutbox ??= nodemailer.createTransport({ streamTransport: true, buffer: true });
  return g.__trackerOutbox;
}

export function smtpUrlWithDefaults(url: string): string {
  const parsed = new URL(url);
  for (const [key, value] of Object.entries(SMTP_DEFAULTS)) if (!parsed.searchParams.has(key)) parsed.searchParams.set(key, value);
  return parsed.toString();
}

function smtpTransport(url: string): Transporter {
  if (g.__trackerSmtp?.url !== url) {
    g.__trackerSmtp?.transport.close();
    g.__trackerSmtp = { url, transport: nodemailer.createTransport(smtpUrlWithDefaults(url)) };
  }
  return g.__trackerSmtp.transport;
}

/** Closes the SMTP connections kept open (the worker, when it stops). */
export function closeMailTransports(): void {
  g.__trackerSmtp?.transport.close();
  g.__trackerSmtp = undefined;
}

/** The domain of the sender's address, for Message-IDs. */
function senderDomain(from: string): string {
  return /@([A-Za-z0-9.-]+)/.exec(from)?.[1] ?? "tracker.invalid";
}

/** Writes the file under a temporary name, then renames it: a reader never sees half a message, and a retry replaces it. */
async function writeOutboxFile(dir: string, name: string, bytes: Buffer, replace: boolean): Promise<void> {
  const file = path.join(dir, `${name}.eml`);
  if (!replace) {
    await writeFile(file, bytes, { flag: "wx" });
    return;
  }
  const temp = path.join(dir, `.${name}.${randomBytes(4).toString("hex")}.tmp`);
  try {
    await writeFile(temp, bytes);
    await rename(temp, file);
  } finally {
    await rm(temp, { force: true });
  }
}

/** Sends one message. Never throws: a failure comes back as a value with its reason. */
export async function sendMail(message: MailMessage): Promise<MailResult> {
  if (message.to.length === 0) return { ok: false, error: "The message has no recipient." };
  try {
    const { smtpUrl, mailFrom } = settings();
    const route = mailRoute();
    if (route === "none") return { ok: false, error: "No mail relay: SMTP_URL is not set." };
    const at = message.date ?? now();
    const mail = {
      from: mailFrom,
      to: message.to,
      cc: message.cc && message.cc.length > 0 ? message.cc : undefined,
      subject: message.subject,
      text: message.text,
      html: message.html,
      // Otherwise nodemailer stamps the system time, which would disagree with a simulated clock.
      date: new Date(at),
      // The same message sent twice (a retry after a crash) carries the same id, so a mail client can fold the two.
      messageId: message.queueId === undefined ? undefined : `<mail-${message.queueId}-${at}@${senderDomain(mailFrom)}>`,
    };
    if (route === "smtp") {
      const info = await smtpTransport(smtpUrl!).sendMail(mail);
      return { ok: true, id: String(info.messageId) };
    }
    const dir = outboxDir();
    await ensureDir(dir);
    const headers = message.tags ? { "X-Tracker-Kind": message.tags.kind, "X-Tracker-Study-Group": message.tags.studyGroups.join(", ") } : undefined;
    const info = await outboxTransport().sendMail({ ...mail, headers });
    // A queued message has one file, named by its row: sent again after a crash, it replaces itself.
    const id = `${sortableStamp(at)}-${message.queueId === undefined ? randomBytes(6).toString("hex") : `q${message.queueId}`}`;
    const write = () => writeOutboxFile(dir, id, info.message as Buffer, message.queueId !== undefined);
    await write().catch(async (error: NodeJS.ErrnoException) => {
      // The folder was removed while the server ran: make it again, once.
      if (error.code !== "ENOENT") throw error;
      await mkdir(dir, { recursive: true });
      await write();
    });
    return { ok: true, id };
  } catch (error) {
    return { ok: false, error: error instanceof Error ? error.message : String(error) };
  }
}
