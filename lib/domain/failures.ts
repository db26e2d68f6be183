// Expected failures as values: a code the API returns, an HTTP status, a catalog key and plain parameters; lib/present/failures.ts makes the words.
import type { z } from "zod";
import type { MessageKey } from "@/lib/i18n/keys";

export const ERROR_STATUS = {
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  deadline_passed: 409,
  too_large: 413,
  unsupported_type: 415,
  invalid: 422,
  throttled: 429,
  not_available: 404,
  // Only the route-handler wrapper answers this, for what nobody expected (its message gives a request id).
  internal: 500,
} as const;

export type ErrorCode = keyof typeof ERROR_STATUS;

/** A catalog message and its parameters: a reason the presentation layer puts into words. */
export type Reason = { key: MessageKey; params?: FailureParams };

/**
 * A parameter of a failure's message: a plain value, or one marked with what it is so that the
 * presentation layer says it in the reader's language and zone.
 */
export type FailureParam =
  | string
  | number
  /** an instant shown in Geneva time with its zone (minutes unless `seconds`) */
  | { instant: number; seconds?: boolean }
  /** an instant shown in UTC */
  | { utcInstant: number }
  /** a size, rounded as a limit is said ("50 MB") */
  | { bytes: number }
  /** a duration ("2 h 14 min") */
  | { durationMs: number }
  /** a catalog message in the reader's language (an enumeration's label, a kind of file) */
  | { text: MessageKey; params?: FailureParams }
  /** a domain code shown by its label */
  | { label: "memberType" | "lateRequestStatus"; code: string }
  /** several parameters, each said in the reader's language, joined */
  | { join: FailureParam[]; separator: string }
  /** the field messages of the failure itself, in the order given, joined by a space */
  | { fieldList: true };

export type FailureParams = Record<string, FailureParam>;

/** A field's reason: one of ours, or a zod issue as zod made it (zod's own English, our catalog's other languages). */
export type FieldReason = Reason | { issue: z.core.$ZodIssue };

/**
 * An instant among a failure's `details` (the API's machine-readable facts): the edge writes it as ISO 8601 UTC
 * (`iso`) or as its Geneva reading with the zone (`geneva`, always in English, as every `*Geneva` field of the API).
 */
export type DetailInstant = { iso: number } | { geneva: number };

export type Failure = {
  ok: false;
  code: ErrorCode;
  key: MessageKey;
  params?: FailureParams;
  /** field name → why that field was refused */
  fields?: Record<string, FieldReason>;
  /** machine-readable facts, sent as they are in the API's error body, but DetailInstants written as text */
  details?: Record<string, unknown>;
};

export type Result<T> = { ok: true; value: T } | Failure;

/** A failure whose words come from the catalog entry `key`, filled with `params` at the edge. */
export function failT(code: ErrorCode, key: MessageKey, params?: FailureParams, extra: Pick<Failure, "fields" | "details"> = {}): Failure {
  return params ? { ok: false, code, key, params, ...extra } : { ok: false, code, key, ...extra };
}

export function ok<T>(value: T): { ok: true; value: T } {
  return { ok: true, value };
}
