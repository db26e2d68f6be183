// A meeting's history in words: each change's fields by their names in the reader's language, values as dates,
// instants or words, and the fields that did not change left out.
import { INTL_LOCALE, type Locale } from "@/lib/i18n/config";
import type { MessageKey, Translator } from "@/lib/i18n/translate";

/** A value of the history: an instant (the page prints it in Geneva time with the reader's own beside it), or words. */
export type HistoryValue = { instant: number; seconds: boolean } | { text: string };
export type HistoryLine = { field: string; label: string; from: HistoryValue; to: HistoryValue };
export type HistoryEntry = { at: number; reference: string; reason: string; announced: boolean; lines: HistoryLine[] };

const FIELD_KEY: Record<string, MessageKey> = {
  title: "common.meeting.field.title",
  mode: "common.meeting.field.mode",
  location: "common.meeting.field.location",
  firstDay: "common.meeting.field.firstDay",
  lastDay: "common.meeting.field.lastDay",
  timeZone: "common.meeting.field.timeZone",
  deadlineAt: "common.meeting.field.deadlineAt",
  deadlineRule: "common.meeting.field.deadlineRule",
  deadlineNote: "common.meeting.field.deadlineNote",
};

/** The order a reader expects: the deadline first, then the dates, then the rest. */
const FIELD_ORDER = ["deadlineAt", "deadlineRule", "deadlineNote", "firstDay", "lastDay", "mode", "location", "timeZone", "title"];

const VALUE_KEY: Record<string, Record<string, MessageKey>> = {
  mode: { virtual: "common.meeting.value.virtual", hybrid: "common.meeting.value.hybrid", physical: "common.meeting.value.physical" },
  deadlineRule: { default: "common.meeting.value.default", override: "common.meeting.value.override" },
};

const CALENDAR_DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

/** "Mon 6 Jul 2020" (a Geneva calendar date, printed as the date it is, whatever the reader's zone). */
export function formatCalendarDay(day: string, locale: Locale): string {
  const m = CALENDAR_DAY.exec(day);
  if (!m) return day;
  return new Intl.DateTimeFormat(INTL_LOCALE[locale], { weekday: "short", day: "numeric", month: "short", year: "numeric", timeZone: "UTC" }).format(
    Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])),
  );
}

function same(a: unknown, b: unknown): boolean {
  return a === b || JSON.stringify(a) === JSON.stringify(b);
}

function valueOf(field: string, value: unknown, locale: Locale, t: Translator): HistoryValue {
  if (value === null || value === undefined || value === "") return { text: "—" };
  // A deadline is stored as its first late instant; like the deadline box, the history names the last moment on time
  // ("Tue 23 Jun 2020, 23:59:59"), not a midnight the reader would take for the day after.
  if (field === "deadlineAt" && typeof value === "number") return { instant: value - 1, seconds: true };
  if ((field === "firstDay" || field === "lastDay") && typeof value === "string") return { text: formatCalendarDay(value, locale) };
  const key = typeof value === "string" ? VALUE_KEY[field]?.[value] : undefined;
  if (key) return { text: t(key) };
  return { text: typeof value === "string" ? value : JSON.stringify(value) };
}

/** One change of the history, ready to print: unchanged fields are left out; the announcement has no lines. */
export function describeMeetingChange(
  change: { at: number; reference: string; reason: string; changes: Record<string, { from: unknown; to: unknown }> },
  locale: Locale,
  t: Translator,
): HistoryEntry {
  const announced = "created" in change.changes;
  const fields = Object.keys(change.changes)
    .filter((field) => field !== "created" && !same(change.changes[field].from, change.changes[field].to))
    .sort((a, b) => rank(a) - rank(b));
  return {
    at: change.at,
    reference: change.reference,
    reason: change.reason,
    announced,
    lines: fields.map((field) => ({
      field,
      // A field this version does not know (from an older history) keeps its stored name rather than vanishing.
      label: FIELD_KEY[field] ? t(FIELD_KEY[field]) : field,
      from: valueOf(field, change.changes[field].from, locale, t),
      to: valueOf(field, change.changes[field].to, locale, t),
    })),
  };
}

function rank(field: string): number {
  const i = FIELD_ORDER.indexOf(field);
  return i === -1 ? FIELD_ORDER.length : i;
}
