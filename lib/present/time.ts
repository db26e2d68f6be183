// Instants as people read them, through date-fns: Geneva time with its zone named, UTC, and the reader's own zone, in English or Russian.
import { tz } from "@date-fns/tz";
import { format } from "date-fns";
import { enGB, ru } from "date-fns/locale";
import type { Locale } from "@/lib/i18n/config";
import { GENEVA_TZ, geneva, zoneLabel } from "@/lib/time/geneva";

const DATE_FNS_LOCALE = { en: enGB, ru } as const;

// English "Tue 23 Jun 2020"; Russian "вт, 23 июн. 2020 г." (the short weekday is EEEEEE in date-fns's Russian).
const DATE_PATTERN: Record<Locale, { weekday: string; plain: string }> = {
  en: { weekday: "EEE d MMM yyyy", plain: "d MMM yyyy" },
  ru: { weekday: "EEEEEE, d MMM yyyy 'г.'", plain: "d MMM yyyy 'г.'" },
};

type Options = { seconds?: boolean; weekday?: boolean; locale?: Locale };

function pattern(locale: Locale, seconds: boolean, weekday: boolean): string {
  const date = DATE_PATTERN[locale][weekday ? "weekday" : "plain"];
  return `${date}, ${seconds ? "HH:mm:ss" : "HH:mm"}`;
}

/** "CEST (UTC+2)"; a zone with no abbreviation of its own is named once by its offset ("UTC+9"), not twice. */
function zoneText(ms: number, timeZone: string): string {
  const { abbreviation, offset } = zoneLabel(ms, timeZone);
  return abbreviation === offset ? offset : `${abbreviation} (${offset})`;
}

/**
 * "Tue 23 Jun 2020, 23:59:59 CEST (UTC+2)", "вт, 23 июн. 2020 г., 23:59:59 CEST (UTC+2)": the zone is
 * always named, in the same Latin abbreviation in both languages. Throws RangeError on an unknown zone.
 */
export function formatInZone(ms: number, timeZone: string, opts: Options = {}): string {
  const { seconds = true, weekday = true, locale = "en" } = opts;
  if (!Number.isFinite(ms)) throw new RangeError(`Not a valid instant: ${ms}`);
  const zone = timeZone === GENEVA_TZ ? geneva : tz(timeZone);
  const text = format(ms, pattern(locale, seconds, weekday), { in: zone, locale: DATE_FNS_LOCALE[locale] });
  return `${text} ${zoneText(ms, timeZone)}`;
}

/** Geneva time with its zone: "Tue 23 Jun 2020, 23:59:59 CEST (UTC+2)". */
export function formatGeneva(ms: number, opts?: Options): string {
  return formatInZone(ms, GENEVA_TZ, opts);
}

/** "Tue 23 Jun 2020, 22:00:00 UTC" */
export function formatUtc(ms: number, locale: Locale = "en"): string {
  return formatInZone(ms, "UTC", { locale });
}

/** A Geneva reading without year and zone, for a chart's axis whose legend names them: "23 Jun, 18:00", "23 июн., 18:00". */
export function formatGenevaShort(ms: number, locale: Locale = "en"): string {
  return format(ms, "d MMM, HH:mm", { in: geneva, locale: DATE_FNS_LOCALE[locale] });
}

/**
 * An instant in the reader's own zone, named by its offset and its IANA name:
 * "Wed 24 Jun 2020, 01:00 GMT+9 (Asia/Tokyo)". Throws RangeError on a zone the runtime does not know.
 */
export function formatInReaderZone(ms: number, timeZone: string, locale: Locale = "en", { seconds = false } = {}): string {
  const text = format(ms, `${pattern(locale, seconds, true)} O`, { in: tz(timeZone), locale: DATE_FNS_LOCALE[locale] });
  return `${text} (${timeZone})`;
}

/** The browser's own zone. date-fns has no way to ask; Intl resolves it from the system. */
export function browserTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone;
}

const utc = tz("UTC");
const DAY_WITH_YEAR: Record<Locale, string> = { en: "d MMMM yyyy", ru: "d MMMM yyyy 'г.'" };

/** A meeting's calendar days, which have no zone: "6 July – 17 July 2020", "6 июля – 17 июля 2020 г.". */
export function formatDayRange(first: string, last: string, locale: Locale = "en"): string {
  const day = (date: string, withYear: boolean) =>
    format(Date.parse(`${date}T00:00:00Z`), withYear ? DAY_WITH_YEAR[locale] : "d MMMM", { in: utc, locale: DATE_FNS_LOCALE[locale] });
  return `${day(first, false)} – ${day(last, true)}`;
}
