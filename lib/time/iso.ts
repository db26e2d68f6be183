// Strict readers of ISO 8601 calendar dates and instants: Date.parse rolls 30 February into March, these refuse it.

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const INSTANT = /^(\d{4}-\d{2}-\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,3}))?)?(Z|[+-]\d{2}:?\d{2})$/i;

/** Whether "YYYY-MM-DD" names a day that exists (years 0001-9999): "2021-02-30" and "2021-13-01" do not. */
export function isCalendarDate(date: string): boolean {
  const m = DATE.exec(date);
  if (!m) return false;
  const [year, month, day] = m.slice(1).map(Number);
  if (year < 1 || month < 1 || month > 12 || day < 1) return false;
  // Day 0 of the next month is the last day of this one; Date.UTC maps years 0-99 to 1900-1999, which do not matter here.
  return day <= new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/**
 * An instant written as an ISO 8601 date and time with its offset ("2020-06-23T18:00:00+02:00",
 * "2020-06-23T16:00Z"), or null: a bare local time, an impossible date or hour, another format. The
 * result is epoch milliseconds, whatever the host's zone.
 */
export function parseIsoInstant(value: string): number | null {
  const m = INSTANT.exec(value.trim());
  if (!m) return null;
  const [, date, hour, minute, second, fraction, offset] = m;
  if (!isCalendarDate(date) || Number(hour) > 23 || Number(minute) > 59 || Number(second ?? 0) > 59) return null;
  const zone = /^[+-]\d{4}$/.test(offset) ? `${offset.slice(0, 3)}:${offset.slice(3)}` : offset.toUpperCase();
  const ms = Date.parse(`${date}T${hour}:${minute}:${second ?? "00"}.${(fraction ?? "0").padEnd(3, "0")}${zone}`);
  return Number.isNaN(ms) ? null : ms;
}
