// Looks up a message in the catalogs and fills its {placeholders}; plural forms follow Intl.PluralRules.
import { INTL_LOCALE, type Locale } from "./config";
import { en } from "./messages/en";
import { ru } from "./messages/ru";

export type MessageKey = keyof typeof en;
export type Params = Record<string, string | number>;
export type Translator = (key: MessageKey, params?: Params) => string;

const CATALOGS: Record<Locale, Record<MessageKey, string>> = { en, ru };

/** One PluralRules per language, made once: making one costs more than the rest of a message (the burst profile). */
const pluralRules = new Map<Locale, Intl.PluralRules>();
function pluralCategory(locale: Locale, n: number): string {
  let rules = pluralRules.get(locale);
  if (!rules) pluralRules.set(locale, (rules = new Intl.PluralRules(INTL_LOCALE[locale])));
  return rules.select(n);
}

/**
 * "{count} files" style placeholders; a message may hold plural variants as
 * "{count, plural, one {# file} few {# файла} many {# файлов} other {# files}}".
 */
function format(locale: Locale, template: string, params: Params = {}): string {
  const withPlurals = template.replace(/\{(\w+), plural, ((?:\w+ \{[^{}]*\}\s*)+)\}/g, (_, name: string, body: string) => {
    const n = Number(params[name] ?? 0);
    const forms = Object.fromEntries([...body.matchAll(/(\w+) \{([^{}]*)\}/g)].map((m) => [m[1], m[2]]));
    const category = pluralCategory(locale, n);
    return (forms[category] ?? forms.other ?? "").replace(/#/g, String(n));
  });
  return withPlurals.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}

export function translate(locale: Locale, key: MessageKey, params?: Params): string {
  const template = CATALOGS[locale][key] ?? CATALOGS.en[key] ?? key;
  return format(locale, template, params);
}

export function translator(locale: Locale): Translator {
  return (key, params) => translate(locale, key, params);
}

export function catalog(locale: Locale): Record<MessageKey, string> {
  return CATALOGS[locale];
}
