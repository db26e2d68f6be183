// Durations and lateness in the reader's language: the same truncation rules as lib/time/deadlines.ts, words from the catalogs.
import { isLate } from "@/lib/time/deadlines";
import type { Translator } from "./translate";

const MS_PER_SECOND = 1_000;
const MS_PER_MINUTE = 60 * MS_PER_SECOND;
const MS_PER_HOUR = 60 * MS_PER_MINUTE;
const MS_PER_DAY = 24 * MS_PER_HOUR;

/**
 * formatDuration() of lib/time/deadlines.ts in the reader's language ("2 h 14 min", "2 ч 14 мин"): always
 * truncated, so "3 min" is never shown when only 2 min 59 s are left.
 */
export function formatDurationT(ms: number, t: Translator): string {
  if (!Number.isFinite(ms) || ms < 0) throw new RangeError(`Expected a non-negative duration, got ${ms}`);
  if (ms < MS_PER_MINUTE) return t("report.duration.seconds", { s: Math.floor(ms / MS_PER_SECOND) });
  if (ms < MS_PER_HOUR) return t("report.duration.minutes", { min: Math.floor(ms / MS_PER_MINUTE) });
  if (ms < MS_PER_DAY) {
    return t("report.duration.hoursMinutes", { h: Math.floor(ms / MS_PER_HOUR), min: Math.floor((ms % MS_PER_HOUR) / MS_PER_MINUTE) });
  }
  return t("report.duration.daysHours", { d: Math.floor(ms / MS_PER_DAY), h: Math.floor((ms % MS_PER_DAY) / MS_PER_HOUR) });
}

/** describeLateness() of lib/time/deadlines.ts in the reader's language, judged by the same isLate(). */
export function describeLatenessT(receivedAt: number, deadlineAt: number, t: Translator): string {
  return isLate(receivedAt, { deadlineAt })
    ? t("report.lateness.after", { duration: formatDurationT(receivedAt - deadlineAt, t) })
    : t("report.lateness.before", { duration: formatDurationT(deadlineAt - receivedAt, t) });
}
