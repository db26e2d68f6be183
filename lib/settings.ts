// The environment settings, validated once: DATA_DIR, MAX_UPLOAD_MB, DEMO_MODE and the mail settings.
import path from "node:path";
import { z } from "zod";

const schema = z.object({
  DATA_DIR: z.string().default("data"),
  MAX_UPLOAD_MB: z.coerce.number().positive().max(2048).default(50),
  DEMO_MODE: z.enum(["0", "1"]).default("0"),
  SMTP_URL: z.string().optional(),
  MAIL_FROM: z.string().default("ITU-T contribution tracker <no-reply@tracker.example>"),
});

export type Settings = { dataDir: string; maxUploadBytes: number; demoMode: boolean; smtpUrl: string | null; mailFrom: string };

export function settings(): Settings {
  const env = schema.parse(process.env);
  return {
    dataDir: path.resolve(/*turbopackIgnore: true*/ env.DATA_DIR),
    maxUploadBytes: Math.round(env.MAX_UPLOAD_MB * 1024 * 1024),
    demoMode: env.DEMO_MODE === "1",
    smtpUrl: env.SMTP_URL ?? null,
    mailFrom: env.MAIL_FROM,
  };
}

export function isDemoMode(): boolean {
  return process.env.DEMO_MODE === "1";
}
