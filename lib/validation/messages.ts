// Messages judged before the reader's language is known: zod issues as catalog keys, field errors in every language, per-language parameters.
import type { z } from "zod";
import { failT, failureText, type ErrorCode, type Failure, type FieldTexts } from "@/lib/domain/failures";
import { LOCALES, type Locale } from "@/lib/i18n/config";
import { catalog, translate, type MessageKey, type Params } from "@/lib/i18n/translate";

// ---------------------------------------------------------------- zod issues

/**
 * A zod message that is a catalog key: "api.validation.required" or, with parameters,
 * 'api.validation.tooLong {"label":"api.validation.label.title","count":612,"max":500}'.
 * A parameter whose value is itself a catalog key is shown translated (a field's name).
 */
export function zodMessage(key: MessageKey, params?: Params): string {
  return params ? `${key} ${JSON.stringify(params)}` : key;
}

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

// ---------------------------------------------------------------- field errors in every language

export type { FieldTexts };

export type FieldMessage = MessageKey | [MessageKey, Params?];

function inEveryLocale(text: (locale: Locale) => string): Record<Locale, string> {
  return Object.fromEntries(LOCALES.map((l) => [l, text(l)])) as Record<Locale, string>;
}

/** Field messages from catalog keys: the English `fields` and their translations. */
export function fieldsT(messages: Record<string, FieldMessage>): { fields: Record<string, string>; fieldTexts: FieldTexts } {
  const fieldTexts: FieldTexts = {};
  for (const [field, message] of Object.entries(messages)) {
    const [key, params] = Array.isArray(message) ? message : [message, undefined];
    fieldTexts[field] = inEveryLocale((l) => translate(l, key, params));
  }
  return { fields: englishOf(fieldTexts), fieldTexts };
}

/** The field messages of a zod error (the first issue of each field), in every language. */
export function zodFieldTexts(error: z.ZodError): FieldTexts {
  const fieldTexts: FieldTexts = {};
  for (const issue of error.issues) {
    const key = issue.path.join(".") || "body";
    fieldTexts[key] ??= inEveryLocale((l) => issueText(issue, l));
  }
  return fieldTexts;
}

function englishOf(fieldTexts: FieldTexts): Record<string, string> {
  return Object.fromEntries(Object.entries(fieldTexts).map(([field, texts]) => [field, texts.en]));
}

/** A failure with field messages in every language (`fields` stays English). */
export function failWithFieldTexts(
  code: ErrorCode,
  key: MessageKey,
  params: Params | undefined,
  fieldTexts: FieldTexts,
  extra: Pick<Failure, "details"> = {},
): Failure {
  return { ...failT(code, key, params, { ...extra, fields: englishOf(fieldTexts) }), fieldTexts };
}

/** failT with field messages from catalog keys: `failFields("invalid", "api.x", undefined, { reason: "api.field.required" })`. */
export function failFields(
  code: ErrorCode,
  key: MessageKey,
  params: Params | undefined,
  fieldMessages: Record<string, FieldMessage>,
  extra: Pick<Failure, "details"> = {},
): Failure {
  return failWithFieldTexts(code, key, params, fieldsT(fieldMessages).fieldTexts, extra);
}

/** "Some fields need your attention: …", listing each field's message in the reader's language. */
export function invalidFieldTexts(fieldTexts: FieldTexts, key: MessageKey = "api.invalid.someFields"): Failure {
  const list = localizedParam("list", (l) => Object.values(fieldTexts).map((t) => t[l]).join(" "));
  return failWithFieldTexts("invalid", key, list, fieldTexts);
}

/** invalidFieldTexts for field messages given as catalog keys. */
export function invalidFields(fieldMessages: Record<string, FieldMessage>, key?: MessageKey): Failure {
  return invalidFieldTexts(fieldsT(fieldMessages).fieldTexts, key);
}

/** A failure's field messages in a reader's language (English when it carries no translations). */
export function fieldsText(failure: Pick<Failure, "fields" | "fieldTexts">, locale: Locale): Record<string, string> | undefined {
  if (!failure.fields) return undefined;
  const texts = failure.fieldTexts;
  if (!texts) return failure.fields;
  return Object.fromEntries(Object.entries(failure.fields).map(([field, english]) => [field, texts[field]?.[locale] ?? english]));
}

// ---------------------------------------------------------------- what a form shows

/** A server action's answer to a failure: its message and its field messages, all in the reader's language. */
export function formFailure(failure: Failure, locale: Locale): { error: string; fields?: Record<string, string> } {
  return { error: failureText(failure, locale), fields: fieldsText(failure, locale) };
}

/** A server action's answer to a form that did not parse: every issue in the reader's language. */
export function formIssues(error: z.ZodError, locale: Locale): { error: string } {
  return { error: error.issues.map((issue) => issueText(issue, locale)).join(" ") };
}

// ---------------------------------------------------------------- parameters that differ by language

/**
 * A parameter whose text depends on the language (a date, a duration, a list of messages): the
 * English value under `name`, the others under `name_<locale>` ("{deadline_ru}" in a Russian message).
 */
export function localizedParam(name: string, text: (locale: Locale) => string): Params {
  return Object.fromEntries(LOCALES.map((l) => [l === "en" ? name : `${name}_${l}`, text(l)]));
}
