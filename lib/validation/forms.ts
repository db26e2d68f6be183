// A page's form parsed with the same schema as the API's body: the action turns its fields into that body first
// (a Geneva wall time into an ISO instant, a blank field into an absent one), and a field it cannot turn is refused
// beside zod's own issues, in one failure with a reason per field.
import type { z } from "zod";
import { ok, type Result } from "@/lib/domain/failures";
import type { MessageKey } from "@/lib/i18n/keys";
import { parseGenevaLocalInput } from "@/lib/time/geneva";
import { fieldReasons, invalidFieldReasons, zodFieldReasons } from "@/lib/validation/messages";

/** A text field's value; a file or a missing field is "". */
export function formText(formData: FormData, name: string): string {
  const value = formData.get(name);
  return typeof value === "string" ? value : "";
}

/** A text field as the body has it: "" (untouched, or a select's empty choice) is absent. */
export function formOptional(formData: FormData, name: string): string | undefined {
  return formText(formData, name) || undefined;
}

/**
 * A datetime-local field (Geneva wall time, as the form says) as the ISO instant the body carries:
 * `undefined` when left empty, `null` when it names no time (a 30 February, a wall time skipped by the clock change).
 */
export function genevaFieldInstant(formData: FormData, name: string): string | undefined | null {
  const value = formText(formData, name).trim();
  if (!value) return undefined;
  const at = parseGenevaLocalInput(value);
  return at === null ? null : new Date(at).toISOString();
}

/**
 * Parses a form's body with the input's schema. `unreadable` names the fields the form could not turn into the
 * body's shape, with what the form's reader should do; their reasons replace zod's for the same field.
 */
export function parseFormBody<S extends z.ZodType>(schema: S, body: Record<string, unknown>, unreadable: Record<string, MessageKey> = {}): Result<z.output<S>> {
  const parsed = schema.safeParse(body);
  const fields = { ...(parsed.success ? {} : zodFieldReasons(parsed.error)), ...fieldReasons(unreadable) };
  if (Object.keys(fields).length > 0 || !parsed.success) return invalidFieldReasons(fields);
  return ok(parsed.data);
}
