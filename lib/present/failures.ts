// A failure in the reader's language: the catalog message of its key, its parameters said as dates, sizes, durations and labels; its fields' reasons; zod's issues.
import type { z } from "zod";
import type { DetailInstant, Failure, FailureParam, FailureParams, FieldReason, Reason } from "@/lib/domain/failures";
import type { LateRequestStatus, MemberType } from "@/lib/domain";
import type { Locale } from "@/lib/i18n/config";
import { catalog, translate, translator, type MessageKey, type Params } from "@/lib/i18n/translate";
import { formatBytes } from "@/lib/present/bytes";
import { formatDuration } from "@/lib/present/durations";
import { lateRequestStatusLabel, memberTypeLabel } from "@/lib/present/labels";
import { formatGeneva, formatUtc } from "@/lib/present/time";

type Described = Pick<Failure, "key" | "params" | "fields">;

function paramText(value: FailureParam, locale: Locale, failure: Described | undefined): string | number {
  if (typeof value === "string" || typeof value === "number") return value;
  if ("instant" in value) return formatGeneva(value.instant, { seconds: value.seconds ?? false, locale });
  if ("utcInstant" in value) return formatUtc(value.utcInstant, locale);
  if ("bytes" in value) return formatBytes(value.bytes, locale, { exact: false });
  if ("durationMs" in value) return formatDuration(value.durationMs, translator(locale));
  if ("text" in value) return translate(locale, value.text, paramsText(value.params, locale, failure));
  if ("label" in value) {
    const t = translator(locale);
    return value.label === "memberType" ? memberTypeLabel(value.code as MemberType, t) : lateRequestStatusLabel(value.code as LateRequestStatus, t);
  }
  if ("join" in value) return value.join.map((v) => paramText(v, locale, failure)).join(value.separator);
  return Object.values(fieldsText(failure ?? { fields: undefined }, locale) ?? {}).join(" ");
}

function paramsText(params: FailureParams | undefined, locale: Locale, failure?: Described): Params | undefined {
  if (!params) return undefined;
  return Object.fromEntries(Object.entries(params).map(([name, value]) => [name, paramText(value, locale, failure)]));
}

/** A catalog message with its parameters, in the reader's language. */
export function describeReason(reason: Reason, locale: Locale): string {
  return translate(locale, reason.key, paramsText(reason.params, locale));
}

/** The failure's message in the reader's language: the API's `message`, a form's error. */
export function describeFailure(failure: Described, locale: Locale): string {
  return translate(locale, failure.key, paramsText(failure.params, locale, failure));
}

/** One field's reason in the reader's language. */
export function fieldText(reason: FieldReason, locale: Locale): string {
  return "issue" in reason ? issueText(reason.issue, locale) : describeReason(reason, locale);
}

/** The failure's field reasons in the reader's language: the API's `fields`, a form's field errors. */
export function fieldsText(failure: Pick<Failure, "fields">, locale: Locale): Record<string, string> | undefined {
  if (!failure.fields) return undefined;
  return Object.fromEntries(Object.entries(failure.fields).map(([field, reason]) => [field, fieldText(reason, locale)]));
}

/** The failure's details as the API's error body writes them: each DetailInstant as text, the rest as it is. */
export function detailsJson(details: Record<string, unknown>): Record<string, unknown> {
  const instant = (v: unknown): v is DetailInstant =>
    typeof v === "object" && v !== null && Object.keys(v).length === 1 && (typeof (v as { iso?: unknown }).iso === "number" || typeof (v as { geneva?: unknown }).geneva === "number");
  return Object.fromEntries(
    Object.entries(details).map(([k, v]) => [k, instant(v) ? ("iso" in v ? new Date(v.iso).toISOString() : formatGeneva(v.geneva)) : v]),
  );
}

// ---------------------------------------------------------------- zod issues

function decodeKeyed(message: string): { key: MessageKey; params?: Params } | null {
  const space = message.indexOf(" ");
  const key = (space < 0 ? message : message.slice(0, space)) as MessageKey;
  if (!(key in catalog("en"))) return null;
  if (space < 0) return { key };
  try {
    return { key, params: JSON.parse(message.slice(space + 1)) as Params };
  } catch {
    return null;
  }
}

function translateParams(locale: Locale, params: Params | undefined): Params | undefined {
  if (!params) return params;
  const english = catalog("en");
  return Object.fromEntries(
    Object.entries(params).map(([k, v]) => [k, typeof v === "string" && v in english ? translate(locale, v as MessageKey) : v]),
  );
}

/** zod's own message for an issue without one of ours: English as zod words it, the other languages from the catalog. */
function defaultIssueText(issue: z.core.$ZodIssue, locale: Locale): string {
  if (locale === "en") return issue.message;
  switch (issue.code) {
    case "too_big":
      if (issue.origin === "string") return translate(locale, "api.validation.default.tooLong", { max: Number(issue.maximum) });
      if (issue.origin === "array") return translate(locale, "api.validation.default.tooMany", { max: Number(issue.maximum) });
      return translate(locale, "api.validation.default.tooBig", { max: String(issue.maximum) });
    case "too_small":
      if (issue.origin === "string") return translate(locale, "api.validation.default.tooShort", { min: Number(issue.minimum) });
      if (issue.origin === "array") return translate(locale, "api.validation.default.tooFew", { min: Number(issue.minimum) });
      return translate(locale, "api.validation.default.tooSmall", { min: String(issue.minimum) });
    case "invalid_type":
      return translate(locale, "api.validation.default.type");
    case "invalid_value":
      return translate(locale, "api.validation.default.value", { values: issue.values.map(String).join(", ") });
    case "invalid_format":
      return translate(locale, "api.validation.default.format");
    default:
      return translate(locale, "api.validation.default.invalid");
  }
}

/** One zod issue in a reader's language; the English is exactly the message the schema gave (or zod's own). */
export function issueText(issue: z.core.$ZodIssue, locale: Locale): string {
  const keyed = decodeKeyed(issue.message);
  if (!keyed) return defaultIssueText(issue, locale);
  return translate(locale, keyed.key, translateParams(locale, keyed.params));
}

// ---------------------------------------------------------------- what a form shows

/** A server action's answer to a failure: its message and its field messages, all in the reader's language. */
export function formFailure(failure: Failure, locale: Locale): { error: string; fields?: Record<string, string> } {
  return { error: describeFailure(failure, locale), fields: fieldsText(failure, locale) };
}

/** A server action's answer to a form that did not parse: every issue in the reader's language. */
export function formIssues(error: z.ZodError, locale: Locale): { error: string } {
  return { error: error.issues.map((issue) => issueText(issue, locale)).join(" ") };
}
