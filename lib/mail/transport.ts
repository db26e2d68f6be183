// Sends e-mail: through SMTP when SMTP_URL is set, otherwise into <DATA_DIR>/outbox/ as .eml files (demo and tests).
import "server-only";
import { randomBytes } from "node:crypto";
import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import nodemailer, { type Transporter } from "nodemailer";
import { now } from "@/lib/time/clock";
import { settings } from "@/lib/config/settings";
import { ensureDir } from "@/lib/files/storage";

export type MailMessage = { to: string[]; cc?: string[]; subject: string; text: string; html?: string };
export type MailResult = { ok: true; id: string } | { ok: false; error: string };

/** The outbox of the demo: one .eml file per message, named so that a plain sort is chronological. */
export function outboxDir(): string {
  return path.join(settings().dataDir, "outbox");
}

/** "20200623T215959123Z": the instant in UTC, fixed width, so names sort by time. */
function sortableStamp(ms: number): string {
  return new Date(ms).toISOString().replace(/[-:.]/g, "");
}

// Timeouts kept short: the receipt is shown only once the mail attempt is over, and a dead relay must not hold it for minutes.
const SMTP_TIMEOUTS = { connectionTimeout: 10_000, greetingTimeout: 10_000, socketTimeout: 30_000 };

const g = globalThis as unknown as { __trackerSmtp?: { url: string; transport: Transporter }; __trackerOutbox?: Transporter };

/** The demo's outbox transport, which renders a message to bytes: made once. */
function outboxTransport(): Transporter {
  g.__trackerOutbox ??= nodemailer.createTransport({ streamTransport: true, buffer: true });
  return g.__trackerOutbox;
}

function smtpTransport(url: string): Transporter {
  if (g.__trackerSmtp?.url !== url) g.__trackerSmtp = { url, transport: nodemailer.createTransport({ url, ...SMTP_TIMEOUTS }) };
  return g.__trackerSmtp.transport;
}

/** Sends one message. Never throws: a failure comes back as a value with its reason. */
export async function sendMail(message: MailMessage): Promise<MailResult> {
  if (message.to.length === 0) return { ok: false, error: "The message has no recipient." };
  try {
    const { smtpUrl, mailFrom } = settings();
    const at = now();
    const mail = {
      from: mailFrom,
      to: message.to,
      cc: message.cc && message.cc.length > 0 ? message.cc : undefined,
      subject: message.subject,
      text: message.text,
      html: message.html,
      // Otherwise nodemailer stamps the system time, which would disagree with a simulated clock.
      date: new Date(at),
    };
    if (smtpUrl) {
      const info = await smtpTransport(smtpUrl).sendMail(mail);
      return { ok: true, id: String(info.messageId) };
    }
    const dir = outboxDir();
    await ensureDir(dir);
    const info = await outboxTransport().sendMail(mail);
    const id = `${sortableStamp(at)}-${randomBytes(6).toString("hex")}`;
    const file = path.join(dir, `${id}.eml`);
    await writeFile(file, info.message as Buffer, { flag: "wx" }).catch(async (error: NodeJS.ErrnoException) => {
      // The folder was removed while the server ran: make it again, once.
      if (error.code !== "ENOENT") throw error;
      await mkdir(dir, { recursive: true });
      await writeFile(file, info.message as Buffer, { flag: "wx" });
    });
    return { ok: true, id };
  } catch (error) {
    return { ok: false, error: error instanceof Error ? error.message : String(error) };
  }
}
