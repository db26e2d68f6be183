// File sizes in the reader's language: "1.2 MB (1,234,567 bytes)", or short, "50 MB". Kilobytes and megabytes of 1024 and 1024 × 1024 bytes, as MAX_UPLOAD_MB counts them.
import { INTL_LOCALE, type Locale } from "@/lib/i18n/config";
import { translate } from "@/lib/i18n/translate";

const KB = 1024;
const MB = 1024 * 1024;

// Formatters are costly to build and these run for every row of a list.
const counts = new Map<Locale, Intl.NumberFormat>();
const oneDecimals = new Map<Locale, Intl.NumberFormat>();

function count(n: number, locale: Locale): string {
  let f = counts.get(locale);
  if (!f) counts.set(locale, (f = new Intl.NumberFormat(INTL_LOCALE[locale])));
  return f.format(n);
}

function oneDecimal(n: number, locale: Locale): string {
  let f = oneDecimals.get(locale);
  if (!f) oneDecimals.set(locale, (f = new Intl.NumberFormat(INTL_LOCALE[locale], { maximumFractionDigits: 1 })));
  return f.format(n);
}

/**
 * "1.2 MB (1,234,567 bytes)", "12.1 KB (12,345 bytes)", "512 bytes"; with `exact: false` the rounded
 * size alone, as a limit is said: "50 MB", "12.1 KB", "512 bytes".
 */
export function formatBytes(n: number, locale: Locale = "en", { exact = true }: { exact?: boolean } = {}): string {
  const bytes = translate(locale, "member.size.bytes", { n: count(n, locale), count: n });
  if (n < KB) return bytes;
  const [unit, size] = n >= MB ? (["mb", n / MB] as const) : (["kb", n / KB] as const);
  if (!exact) return translate(locale, unit === "mb" ? "member.size.mb" : "member.size.kb", { size: oneDecimal(size, locale) });
  return translate(locale, unit === "mb" ? "member.size.mbWithBytes" : "member.size.kbWithBytes", { size: oneDecimal(size, locale), bytes });
}
