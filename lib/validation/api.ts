// zod schemas of the API's JSON bodies.
import { z } from "zod";

export const tokenRequest = z.object({
  email: z.string().trim().min(1, "The e-mail address is required.").max(320),
  password: z.string().min(1, "The password is required.").max(1000),
  label: z.string().trim().min(1, "Give the token a label, e.g. 'upload script'.").max(100),
});

/** Parses a JSON body; a malformed one becomes an `invalid` failure rather than an exception. */
export async function readJson(request: Request): Promise<{ ok: true; value: unknown } | { ok: false }> {
  try {
    return { ok: true, value: await request.json() };
  } catch {
    return { ok: false };
  }
}

export function fieldErrors(error: z.ZodError): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const issue of error.issues) {
    const key = issue.path.join(".") || "body";
    fields[key] ??= issue.message;
  }
  return fields;
}
