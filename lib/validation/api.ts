// zod schemas of the API's JSON bodies.
import { z } from "zod";
import { zodMessage } from "@/lib/validation/messages";

/** A token's label, as the API's POST /tokens and the account page's form both take it. */
export const tokenLabel = z
  .string({ error: zodMessage("common.account.tokens.error.labelMissing") })
  .trim()
  .min(1, zodMessage("common.account.tokens.error.labelMissing"))
  .max(100, zodMessage("common.account.tokens.error.labelTooLong"));

export const tokenRequest = z.object({
  email: z.string().trim().min(1, zodMessage("api.validation.token.emailRequired")).max(320),
  password: z.string().min(1, zodMessage("api.validation.token.passwordRequired")).max(1000),
  label: tokenLabel,
});

/** A positive integer id in a path (/contributions/12); anything else is a page that does not exist. */
export const idParam = z
  .string()
  .regex(/^\d{1,15}$/)
  .transform(Number)
  .refine((n) => n > 0);

/** A code in a path (a meeting's SG20-2020-07, a Question's Q3-20): any text; the data layer says whether it exists. */
export const codeParam = z.string();

/** ?version=<id> of a download: a number, or NaN, which names no version (not_found, as an unknown id). */
export const versionQuery = z.object({
  version: z
    .string()
    .optional()
    .transform((v) => (v === undefined ? undefined : Number(v)))
    .describe("A version id; the current version by default."),
});

/** ?format=csv: the CSV export instead of JSON. */
export const formatQuery = z.object({ format: z.string().optional().describe("csv: the CSV export instead of JSON.") });

/** PUT /clock: the instant to move the simulated clock to (the banner's form turns its Geneva wall time into it). */
export const clockBody = z.object({ now: z.iso.datetime({ offset: true }) });
