// Expected failures as values: a code the API returns, an HTTP status, and a message a delegate understands.

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
} as const;

export type ErrorCode = keyof typeof ERROR_STATUS;

export type Failure = {
  ok: false;
  code: ErrorCode;
  message: string;
  /** field name → message, for forms and `invalid` API answers */
  fields?: Record<string, string>;
  details?: Record<string, unknown>;
};

export type Result<T> = { ok: true; value: T } | Failure;

export function fail(code: ErrorCode, message: string, extra: Omit<Failure, "ok" | "code" | "message"> = {}): Failure {
  return { ok: false, code, message, ...extra };
}

export function ok<T>(value: T): { ok: true; value: T } {
  return { ok: true, value };
}

export const NOT_FOUND_MESSAGE = "There is no such document, or you do not have access to it.";
