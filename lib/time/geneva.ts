// Geneva (Europe/Zurich) time: instants to and from Geneva wall time, Geneva days, and the zone in force at an instant.
import { tz, tzName, tzOffset } from "@date-fns/tz";
import { format } from "date-fns";

// There is no "Europe/Geneva" in the IANA database; Geneva follows Zurich.
export const GENEVA_TZ = "Europe/Zurich";

/** The `in` option that makes date-fns read and print an instant on Geneva's wall clock. */
export const geneva = tz(GENEVA_TZ);
const utc = tz("UTC");

const MS_PER_MINUTE = 60_000;
const MS_PER_DAY = 86_400_000;

// Geneva's abbreviations are fixed by the offset. @date-fns/tz's tzName asks ICU in en-US, which calls
// Zurich "GMT+2", and the names ICU knows would make the output depend on the runtime's locale data.
const GENEVA_ABBREVIATIONS: Record<number, string> = { 60: "CET", 120: "CEST" };

function assertInstant(ms: number): void {
  if (!Number.isFinite(ms)) throw new RangeError(`Not a valid instant: ${ms}`);
}

/** The zone's offset from UTC at an instant, in ms (historical offsets may hold seconds). */
function offsetMs(ms: number, timeZone: string): number {
  const minutes = tzOffset(timeZone, new Date(ms));
  if (Number.isNaN(minutes)) throw new RangeError(`Unknown time zone: ${JSON.stringify(timeZone)}`);
  return Math.round(minutes * 60) * 1000;
}

// "UTC+2", "UTC-2:30", "UTC": no date-fns token prints the offset this way (`O` says "GMT+2", `xxx` "+02:00").
function offsetLabel(offsetMinutes: number): string {
  if (offsetMinutes === 0) return "UTC";
  const sign = offsetMinutes < 0 ? "-" : "+";
  const abs = Math.abs(offsetMinutes);
  const hours = Math.floor(abs / 60);
  const minutes = abs % 60;
  return minutes === 0 ? `UTC${sign}${hours}` : `UTC${sign}${hours}:${String(minutes).padStart(2, "0")}`;
}

// tzName asks ICU in en-US, which knows the North American names ("EDT"); the European ones ("BST", "CEST")
// only en-GB knows, and tzName takes no locale, so that second question is asked of Intl directly. Both
// build an Intl formatter per call, so the answer is kept per zone and offset (a zone's name changes with
// its offset: EST/EDT), which also keeps a list of a thousand receipts in UTC from building a thousand.
const enGbShortNames = new Map<string, Intl.DateTimeFormat>();
const shortNames = new Map<string, string | null>();

function shortName(ms: number, timeZone: string, offsetMinutes: number): string | null {
  const key = `${timeZone}|${offsetMinutes}`;
  if (shortNames.has(key)) return shortNames.get(key)!;
  // "GMT+9" and the like are offsets in disguise; only a real abbreviation is worth showing.
  const real = (name: string | undefined) => (name && /^[A-Za-z]{2,6}$/.test(name) ? name : null);
  let name = real(tzName(timeZone, new Date(ms), "short"));
  if (!name) {
    let f = enGbShortNames.get(timeZone);
    if (!f) enGbShortNames.set(timeZone, (f = new Intl.DateTimeFormat("en-GB", { timeZone, timeZoneName: "short" })));
    name = real(f.formatToParts(ms).find((p) => p.type === "timeZoneName")?.value);
  }
  shortNames.set(key, name);
  return name;
}

/** The zone's abbreviation and UTC offset at an instant. The abbreviation falls back to the offset label when the zone has none. */
export function zoneLabel(
  ms: number,
  timeZone: string = GENEVA_TZ,
): { abbreviation: string; offset: string; offsetMinutes: number } {
  assertInstant(ms);
  const offsetMinutes = Math.trunc(offsetMs(ms, timeZone) / MS_PER_MINUTE);
  const offset = offsetLabel(offsetMinutes);
  const abbreviation = timeZone === GENEVA_TZ ? (GENEVA_ABBREVIATIONS[offsetMinutes] ?? offset) : (shortName(ms, timeZone, offsetMinutes) ?? offset);
  return { abbreviation, offset, offsetMinutes };
}

/** The Geneva calendar date ("YYYY-MM-DD") on which an instant falls. */
export function genevaDate(ms: number): string {
  assertInstant(ms);
  return format(ms, "yyyy-MM-dd", { in: geneva });
}

type CalendarDate = { year: number; month: number; day: number };

// Date.UTC maps years 0-99 to 1900-1999; setUTCFullYear does not.
function utcFromFields(year: number, month: number, day: number, hour = 0, minute = 0, second = 0, ms = 0): number {
  const d = new Date(0);
  d.setUTCFullYear(year, month - 1, day);
  d.setUTCHours(hour, minute, second, ms);
  return d.getTime();
}

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
  // Not `new TZDate(y, m, d, h, min, s, ms, GENEVA_TZ)`: @date-fns/tz 1.5 builds that through the host's
  // local Date, and the answer then depends on the host's TZ. Measured against this function over every
  // half hour of 1990-2045's change days: with TZ=UTC it reads October's repeated hour as its second pass,
  // with TZ=Europe/London it misplaces March's skipped hour, with TZ=Pacific/Kiritimati it is a day off on
  // 1994-12-31 (a date Kiribati skipped), and years below 100 become 19xx. So the wall reading is solved
  // here, with the zone's offsets taken from @date-fns/tz's tzOffset, which is exact whatever the host.
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
  // Counted in UTC, where every day has 24 hours. Not date-fns's addDays with `in: tz("UTC")`: its TZDate
  // setters pass through the host's local Date, and with TZ=Pacific/Kiritimati 1995-01-13 minus 13 days
  // came out as 1995-01-01 (Kiribati skipped 1994-12-31). Reading the result with format() is exact.
  return format(utcFromFields(d.year, d.month, d.day) + n * MS_PER_DAY, "yyyy-MM-dd", { in: utc });
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
  assertInstant(ms);
  return format(ms, "yyyy-MM-dd'T'HH:mm", { in: geneva });
}

/**
 * Whether a string is an IANA time zone this runtime knows ("Asia/Tokyo"). Asked of Intl: @date-fns/tz has
 * no validator, and its tzOffset falls back to reading any "+05"-like text as an offset.
 */
export function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat("en", { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}
