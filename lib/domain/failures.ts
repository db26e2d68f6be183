// Expected failures as values: a code the API returns, an HTTP status, and a message a delegate understands.
import type { Locale } from "@/lib/i18n/config";
import { translate, type MessageKey, type Params } from "@/lib/i18n/translate";

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

/** A field's message in each language: failures are built before the reader's language is known. */
export type FieldTexts = Record<string, Record<Locale, string>>;

export type Failure = {
  ok: false;
  code: ErrorCode;
  /** the English text (logs, and clients that send no language) */
  message: string;
  /** the catalog key and parameters of `message`, so that pages and the API can answer in the reader's language */
  messageKey?: MessageKey;
  params?: Params;
  /** field name → English message, for logs and clients that send no language */
  fields?: Record<string, string>;
  /** the same field messages in every language; readers get them through `fieldsText` */
  fieldTexts?: FieldTexts;
  details?: Record<string, unknown>;
};

export type Result<T> = { ok: true; value: T } | Failure;

export function fail(code: ErrorCode, message: string, extra: Omit<Failure, "ok" | "code" | "message"> = {}): Failure {
  return { ok: false, code, message, ...extra };
}

/** A failure whose message comes from the catalogs (English text kept in `message`). */
export function failT(code: ErrorCode, key: MessageKey, params?: Params, extra: Omit<Failure, "ok" | "code" | "message" | "messageKey" | "params"> = {}): Failure {
  return { ok: false, code, message: translate("en", key, params), messageKey: key, params, ...extra };
}

/** The failure's message in a reader's language. */
export function failureText(failure: Pick<Failure, "message" | "messageKey" | "params">, locale: Locale): string {
  return failure.messageKey ? translate(locale, failure.messageKey, failure.params) : failure.message;
}

export function ok<T>(value: T): { ok: true; value: T } {
  return { ok: true, value };
}

export const NOT_FOUND_MESSAGE = "There is no such document, or you do not have access to it.";
