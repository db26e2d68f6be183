// Failures judged before the reader's language is known: zod issues as catalog keys, field reasons as values (lib/present/failures.ts says them).
import type { z } from "zod";
import { failT, type ErrorCode, type Failure, type FailureParams, type FieldReason } from "@/lib/domain/failures";
import type { MessageKey } from "@/lib/i18n/keys";

// ---------------------------------------------------------------- zod issues

/**
 * A zod message that is a catalog key: "api.validation.required" or, with parameters,
 * 'api.validation.tooLong {"label":"api.validation.label.title","count":612,"max":500}'.
 * A parameter whose value is itself a catalog key is shown translated (a field's name).
 */
export function zodMessage(key: MessageKey, params?: Record<string, string | number>): string {
  return params ? `${key} ${JSON.stringify(params)}` : key;
}

// ---------------------------------------------------------------- field reasons

export type FieldMessage = MessageKey | [MessageKey, FailureParams?];

/** Field reasons from catalog keys. */
export function fieldReasons(messages: Record<string, FieldMessage>): Record<string, FieldReason> {
  const fields: Record<string, FieldReason> = {};
  for (const [field, message] of Object.entries(messages)) {
    const [key, params] = Array.isArray(message) ? message : [message, undefined];
    fields[field] = params ? { key, params } : { key };
  }
  return fields;
}

/** The reasons of a zod error: the first issue of each field, as zod made it. */
export function zodFieldReasons(error: z.ZodError): Record<string, FieldReason> {
  const fields: Record<string, FieldReason> = {};
  for (const issue of error.issues) {
    const key = issue.path.join(".") || "body";
    fields[key] ??= { issue };
  }
  return fields;
}

/** A failure with field reasons. */
export function failWithFields(code: ErrorCode, key: MessageKey, params: FailureParams | undefined, fields: Record<string, FieldReason>, extra: Pick<Failure, "details"> = {}): Failure {
  return failT(code, key, params, { ...extra, fields });
}

/** failT with field messages from catalog keys: `failFields("invalid", "api.x", undefined, { reason: "api.field.required" })`. */
export function failFields(
  code: ErrorCode,
  key: MessageKey,
  params: FailureParams | undefined,
  fieldMessages: Record<string, FieldMessage>,
  extra: Pick<Failure, "details"> = {},
): Failure {
  return failWithFields(code, key, params, fieldReasons(fieldMessages), extra);
}

/** "Some fields need your attention: …", listing each field's reason in the reader's language. */
export function invalidFieldReasons(fields: Record<string, FieldReason>, key: MessageKey = "api.invalid.someFields"): Failure {
  return failWithFields("invalid", key, { list: { fieldList: true } }, fields);
}

/** invalidFieldReasons for field messages given as catalog keys. */
export function invalidFields(fieldMessages: Record<string, FieldMessage>, key?: MessageKey): Failure {
  return invalidFieldReasons(fieldReasons(fieldMessages), key);
}
