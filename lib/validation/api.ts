// zod schemas of the API's JSON bodies.
import { z } from "zod";
import type { Locale } from "@/lib/i18n/config";
import { issueText, zodMessage } from "@/lib/validation/messages";

export const tokenRequest = z.object({
  email: z.string().trim().min(1, zodMessage("api.validation.token.emailRequired")).max(320),
  password: z.string().min(1, zodMessage("api.validation.token.passwordRequired")).max(1000),
  label: z.string().trim().min(1, zodMessage("api.validation.token.labelRequired")).max(100),
});

/** Parses a JSON body; a malformed one becomes an `invalid` failure rather than an exception. */
export async function readJson(request: Request): Promise<{ ok: true; value: unknown } | { ok: false }> {
  try {
    return { ok: true, value: await request.json() };
  } catch {
    return { ok: false };
  }
}

/** Field name → the first issue's message, in the reader's language (English by default). */
export function fieldErrors(error: z.ZodError, locale: Locale = "en"): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const issue of error.issues) {
    const key = issue.path.join(".") || "body";
    fields[key] ??= issueText(issue, locale);
  }
  return fields;
}
