// JSON answers of the API: errors are always {"code","message"} with the status that goes with the code.
import { ERROR_STATUS, failT, type Failure } from "@/lib/domain/failures";
import type { Locale } from "@/lib/i18n/config";
import { describeFailure, detailsJson, fieldsText } from "@/lib/present/failures";

/** `locale`: the reader's language for `message` and `fields` (from requestLocale); English by default. */
export function jsonError(
  failure: Pick<Failure, "code" | "key" | "params" | "fields" | "details">,
  headers?: HeadersInit,
  locale: Locale = "en",
): Response {
  const body: Record<string, unknown> = { code: failure.code, message: describeFailure(failure, locale) };
  if (failure.fields) body.fields = fieldsText(failure, locale);
  if (failure.details) Object.assign(body, { details: detailsJson(failure.details) });
  return Response.json(body, { status: ERROR_STATUS[failure.code], headers: { "Cache-Control": "no-store", ...headers } });
}

export function json(body: unknown, status = 200, headers?: HeadersInit): Response {
  return Response.json(body, { status, headers: { "Cache-Control": "no-store", ...headers } });
}

export const UNAUTHENTICATED: Failure = failT("unauthenticated", "api.unauthenticated");
