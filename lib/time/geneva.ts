// Geneva (Europe/Zurich) time: converting instants to and from Geneva wall time and printing them with their zone.

// There is no "Europe/Geneva" in the IANA database; Geneva follows Zurich.
export const GENEVA_TZ = "Europe/Zurich";

const MS_PER_MINUTE = 60_000;
const MS_PER_DAY = 86_400_000;

const WEEKDAYS = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"] as const;
const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"] as const;

// Geneva's abbreviations are fixed by the offset; asking ICU for them would make the output depend
// on the locale data shipped with the runtime.
const GENEVA_ABBREVIATIONS: Record<number, string> = { 60: "CET", 120: "CEST" };

type WallClock = { year: number; month: number; day: number; hour: number; minute: number; second: number };

// Formatters are costly to build and these are called for every row of every list.
const wallClockFormatters = new Map<string, Intl.DateTimeFormat>();
const shortNameFormatters = new Map<string, Intl.DateTimeFormat>();

function wallClockFormatter(timeZone: string): Intl.DateTimeFormat {
  let f = wallClockFormatters.get(timeZone);
  if (!f) {
    // hourCycle h23 rather than hour12:false: the latter prints midnight as "24" on some ICU versions.
    f = new Intl.DateTimeFormat("en-US", {
      timeZone,
      hourCycle: "h23",
      era: "short",
      year: "numeric",
      month: "numeric",
      day: "numeric",
      hour: "numeric",
      minute: "numeric",
      second: "numeric",
    });
    wallClockFormatters.set(timeZone, f);
  }
  return f;
}

function shortNameFormatter(locale: string, timeZone: string): Intl.DateTimeFormat {
  const key = `${locale}|${timeZone}`;
  let f = shortNameFormatters.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat(locale, { timeZone, timeZoneName: "short" });
    shortNameFormatters.set(key, f);
  }
  return f;
}

// Date.UTC maps years 0-99 to 1900-1999; setUTCFullYear does not.
function utcFromFields(year: number, month: number, day: number, hour = 0, minute = 0, second = 0, ms = 0): number {
  const d = new Date(0);
  d.setUTCFullYear(year, month - 1, day);
  d.setUTCHours(hour, minute, second, ms);
  return d.getTime();
}

function assertInstant(ms: number): void {
  if (!Number.isFinite(ms)) throw new RangeError(`Not a valid instant: ${ms}`);
}

function wallClock(ms: number, timeZone: string): WallClock {
  assertInstant(ms);
  const fields: Record<string, string> = {};
  for (const part of wallClockFormatter(timeZone).formatToParts(ms)) fields[part.type] = part.value;
  let year = Number(fields.year);
  if (fields.era === "BC" || fields.era === "B") year = 1 - year;
  return {
    year,
    month: Number(fields.month),
    day: Number(fields.day),
    hour: Number(fields.hour) % 24,
    minute: Number(fields.minute),
    second: Number(fields.second),
  };
}

// Offsets are derived from the wall clock rather than from timeZoneName so that the result does not
// hinge on how a given ICU version spells "longOffset" for odd historical offsets.
function offsetMs(ms: number, timeZone: string): number {
  const wholeSecond = Math.floor(ms / 1000) * 1000;
  const w = wallClock(wholeSecond, timeZone);
  return utcFromFields(w.year, w.month, w.day, w.hour, w.minute, w.second) - wholeSecond;
}

function offsetLabel(offsetMinutes: number): string {
  if (offsetMinutes === 0) return "UTC";
  const sign = offsetMinutes < 0 ? "-" : "+";
  const abs = Math.abs(offsetMinutes);
  const hours = Math.floor(abs / 60);
  const minutes = abs % 60;
  return minutes === 0 ? `UTC${sign}${hours}` : `UTC${sign}${hours}:${pad2(minutes)}`;
}

function shortName(ms: number, locale: string, timeZone: string): string | null {
  const part = shortNameFormatter(locale, timeZone)
    .formatToParts(ms)
    .find((p) => p.type === "timeZoneName");
  // "GMT+9" and the like are offsets in disguise; only a real abbreviation is worth showing.
  return part && /^[A-Za-z]{2,6}$/.test(part.value) ? part.value : null;
}

/** The zone's abbreviation and UTC offset at an instant. The abbreviation falls back to the offset label when the zone has none. */
export function zoneLabel(
  ms: number,
  timeZone: string = GENEVA_TZ,
): { abbreviation: string; offset: string; offsetMinutes: number } {
  const offsetMinutes = Math.trunc(offsetMs(ms, timeZone) / MS_PER_MINUTE);
  const offset = offsetLabel(offsetMinutes);
  const abbreviation =
    timeZone === GENEVA_TZ
      ? (GENEVA_ABBREVIATIONS[offsetMinutes] ?? offset)
      : // en-US knows the North American names, en-GB the European ones.
        (shortName(ms, "en-US", timeZone) ?? shortName(ms, "en-GB", timeZone) ?? offset);
  return { abbreviation, offset, offsetMinutes };
}

function pad2(n: number): string {
  return String(n).padStart(2, "0");
}

function pad4(n: number): string {
  return n < 0 ? `-${String(-n).padStart(4, "0")}` : String(n).padStart(4, "0");
}

/**
 * "Tue 23 Jun 2020, 23:59:59 CEST (UTC+2)". When the zone has no abbreviation of its own the
 * offset is printed once ("… 06:59:59 UTC+9"), not twice.
 */
export function formatInZone(
  ms: number,
  timeZone: string,
  opts: { seconds?: boolean; weekday?: boolean; locale?: "en" | "ru" } = {},
): string {
  const { seconds = true, weekday = true, locale = "en" } = opts;
  const w = wallClock(ms, timeZone);
  const { abbreviation, offset } = zoneLabel(ms, timeZone);
  if (locale === "ru") {
    // "вт, 23 июн. 2020 г., 23:59:59 CEST (UTC+2)": Russian names, the same 24-hour clock and zone label.
    const dayMonthYear = new Intl.DateTimeFormat("ru-RU", {
      weekday: weekday ? "short" : undefined,
      day: "numeric",
      month: "short",
      year: "numeric",
      timeZone: "UTC",
    }).format(utcFromFields(w.year, w.month, w.day));
    const clock = `${pad2(w.hour)}:${pad2(w.minute)}${seconds ? `:${pad2(w.second)}` : ""}`;
    return `${dayMonthYear}, ${clock} ${abbreviation === offset ? offset : `${abbreviation} (${offset})`}`;
  }
  const dayOfWeek = WEEKDAYS[new Date(utcFromFields(w.year, w.month, w.day)).getUTCDay()];
  const date = `${weekday ? `${dayOfWeek} ` : ""}${w.day} ${MONTHS[w.month - 1]} ${w.year}`;
  const time = `${pad2(w.hour)}:${pad2(w.minute)}${seconds ? `:${pad2(w.second)}` : ""}`;
  const zone = abbreviation === offset ? offset : `${abbreviation} (${offset})`;
  return `${date}, ${time} ${zone}`;
}

export function formatGeneva(ms: number, opts?: { seconds?: boolean; weekday?: boolean; locale?: "en" | "ru" }): string {
  return formatInZone(ms, GENEVA_TZ, opts);
}

/** "Tue 23 Jun 2020, 22:00:00 UTC" */
export function formatUtc(ms: number, locale: "en" | "ru" = "en"): string {
  return formatInZone(ms, "UTC", { locale });
}

/** The Geneva calendar date ("YYYY-MM-DD") on which an instant falls. */
export function genevaDate(ms: number): string {
  const w = wallClock(ms, GENEVA_TZ);
  return `${pad4(w.year)}-${pad2(w.month)}-${pad2(w.day)}`;
}

type CalendarDate = { year: number; month: number; day: number };

function parseDate(date: string): CalendarDate {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!m) throw new RangeError(`Expected a date as YYYY-MM-DD, got ${JSON.stringify(date)}`);
  const year = Number(m[1]);
  const month = Number(m[2]);
  const day = Number(m[3]);
  // Round-tripping through UTC rejects 2021-02-30 and friends, which Date would silently roll over.
  const check = new Date(utcFromFields(year, month, day));
  if (year < 1 || check.getUTCFullYear() !== year || check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day) {
    throw new RangeError(`Not a calendar date: ${JSON.stringify(date)}`);
  }
  return { year, month, day };
}

function parseTime(time: string): { hour: number; minute: number; second: number; ms: number } {
  const m = /^(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,3}))?)?$/.exec(time);
  if (!m) throw new RangeError(`Expected a time as HH:mm[:ss[.SSS]], got ${JSON.stringify(time)}`);
  const hour = Number(m[1]);
  const minute = Number(m[2]);
  const second = m[3] === undefined ? 0 : Number(m[3]);
  const ms = m[4] === undefined ? 0 : Number(m[4].padEnd(3, "0"));
  if (hour > 23 || minute > 59 || second > 59) throw new RangeError(`Not a time of day: ${JSON.stringify(time)}`);
  return { hour, minute, second, ms };
}

/**
 * The instant at which Geneva's wall clock reads `date` `time`.
 *
 * Wall times are not a one-to-one map onto instants, so the rule is:
 * - a wall time that does not exist (the hour skipped on the last Sunday of March, e.g. 02:30) is
 *   moved forward by the length of the gap: 02:30 becomes 03:30 CEST, the same instant as
 *   01:30 CET + 1 h (01:30Z);
 * - a wall time that occurs twice (the hour repeated on the last Sunday of October, e.g. 02:30)
 *   means its first occurrence, in CEST: the earlier instant.
 *
 * Throws RangeError on a malformed date or time.
 */
export function genevaWallTimeToInstant(date: string, time: string): number {
  const d = parseDate(date);
  const t = parseTime(time);
  const wall = utcFromFields(d.year, d.month, d.day, t.hour, t.minute, t.second, t.ms);
  // Transitions are months apart, so the offsets a day either side are the only candidates.
  const before = offsetMs(wall - MS_PER_DAY, GENEVA_TZ);
  const after = offsetMs(wall + MS_PER_DAY, GENEVA_TZ);
  const candidates = [wall - before, wall - after].filter((ms) => ms + offsetMs(ms, GENEVA_TZ) === wall);
  if (candidates.length > 0) return Math.min(...candidates);
  // In the gap: read the wall time with the offset in force before it, which lands after the jump.
  return wall - before;
}

/** The first instant of a Geneva calendar day. */
export function startOfGenevaDay(date: string): number {
  return genevaWallTimeToInstant(date, "00:00");
}

/** Calendar arithmetic on "YYYY-MM-DD"; no time zone is involved. */
export function addDays(date: string, n: number): string {
  if (!Number.isInteger(n)) throw new RangeError(`Expected a whole number of days, got ${n}`);
  const d = parseDate(date);
  const shifted = new Date(utcFromFields(d.year, d.month, d.day + n));
  return `${pad4(shifted.getUTCFullYear())}-${pad2(shifted.getUTCMonth() + 1)}-${pad2(shifted.getUTCDate())}`;
}

/**
 * Reads an `<input type="datetime-local">` value as Geneva wall time (the secretariat sets
 * deadlines in Geneva time whatever their browser's zone). Null when malformed.
 */
export function parseGenevaLocalInput(value: string): number | null {
  const m = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2}(?::\d{2}(?:\.\d{1,3})?)?)$/.exec(value);
  if (!m) return null;
  try {
    return genevaWallTimeToInstant(m[1], m[2]);
  } catch (e) {
    if (e instanceof RangeError) return null;
    throw e;
  }
}

/**
 * The `<input type="datetime-local">` value for an instant, in Geneva wall time. Seconds are
 * dropped, and an instant in the second pass of October's repeated hour reads back as the first.
 */
export function toGenevaLocalInput(ms: number): string {
  const w = wallClock(ms, GENEVA_TZ);
  return `${pad4(w.year)}-${pad2(w.month)}-${pad2(w.day)}T${pad2(w.hour)}:${pad2(w.minute)}`;
}

/** Whether a string is an IANA time zone this runtime knows ("Asia/Tokyo"). */
export function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat("en", { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}
