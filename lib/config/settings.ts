// The environment settings, validated once: DATA_DIR, MAX_UPLOAD_MB, MAX_JSON_BODY_KB, DEMO_MODE and the mail settings.
import path from "node:path";
import { z } from "zod";

const schema = z.object({
  DATA_DIR: z.string().default("data"),
  MAX_UPLOAD_MB: z.coerce.number().positive().max(2048).default(50),
  // Every JSON body of the API (and next-auth's forms) is refused above this, before it is read whole.
  MAX_JSON_BODY_KB: z.coerce.number().int().min(1).max(10_240).default(64),
  DEMO_MODE: z.enum(["0", "1"]).default("0"),
  SMTP_URL: z.string().optional(),
  MAIL_FROM: z.string().default("ITU-T contribution tracker <no-reply@tracker.example>"),
});

export type Settings = { dataDir: string; maxUploadBytes: number; maxJsonBodyBytes: number; demoMode: boolean; smtpUrl: string | null; mailFrom: string };

let cached: { key: string; value: Settings } | undefined;

/** Validated once per distinct environment (tests change it; a server does not). */
export function settings(): Settings {
  const key = [process.env.DATA_DIR, process.env.MAX_UPLOAD_MB, process.env.MAX_JSON_BODY_KB, process.env.DEMO_MODE, process.env.SMTP_URL, process.env.MAIL_FROM].join("\u0000");
  if (cached?.key === key) return cached.value;
  const env = schema.parse(process.env);
  const value: Settings = {
    dataDir: path.resolve(/*turbopackIgnore: true*/ env.DATA_DIR),
    maxUploadBytes: Math.round(env.MAX_UPLOAD_MB * 1024 * 1024),
    maxJsonBodyBytes: env.MAX_JSON_BODY_KB * 1024,
    demoMode: env.DEMO_MODE === "1",
    smtpUrl: env.SMTP_URL ?? null,
    mailFrom: env.MAIL_FROM,
  };
  cached = { key, value };
  return value;
}

export function isDemoMode(): boolean {
  return process.env.DEMO_MODE === "1";
}
