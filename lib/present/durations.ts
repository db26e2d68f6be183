// Durations and lateness in the reader's language ("2 h 14 min", "2 ч 14 мин"), always truncated: "3 min" is never shown when only 2 min 59 s are left.
import type { Translator } from "@/lib/i18n/translate";
import { isLate } from "@/lib/time/deadlines";

const MS_PER_SECOND = 1_000;
const MS_PER_MINUTE = 60 * MS_PER_SECOND;
const MS_PER_HOUR = 60 * MS_PER_MINUTE;
const MS_PER_DAY = 24 * MS_PER_HOUR;

// The parts are counted here rather than by date-fns: its formatDuration prints only long words
// ("2 hours 14 minutes"), and its intervalToDuration counts calendar months, where a duration here is
// a plain number of milliseconds (a deadline 40 days away is "40 d", not "1 month 9 days").
function parts(ms: number): { d: number; h: number; min: number; s: number } {
  return {
    d: Math.floor(ms / MS_PER_DAY),
    h: Math.floor((ms % MS_PER_DAY) / MS_PER_HOUR),
    min: Math.floor((ms % MS_PER_HOUR) / MS_PER_MINUTE),
    s: Math.floor((ms % MS_PER_MINUTE) / MS_PER_SECOND),
  };
}

/** Under a minute "N s"; under an hour "N min"; under a day "N h M min"; otherwise "N d M h". */
export function formatDuration(ms: number, t: Translator): string {
  if (!Number.isFinite(ms) || ms < 0) throw new RangeError(`Expected a non-negative duration, got ${ms}`);
  const { d, h, min, s } = parts(ms);
  if (ms < MS_PER_MINUTE) return t("report.duration.seconds", { s });
  if (ms < MS_PER_HOUR) return t("report.duration.minutes", { min });
  if (ms < MS_PER_DAY) return t("report.duration.hoursMinutes", { h, min });
  return t("report.duration.daysHours", { d, h });
}

/** A ticking countdown down to the second, either side of the cutoff: "5 h 12 min 3 s", "1 d 0 h 0 min 9 s", "4 min 0 s". */
export function formatCountdown(ms: number, t: Translator): string {
  const { d, h, min, s } = parts(Math.abs(ms));
  const days = t("common.countdown.days", { count: d });
  const hours = t("common.countdown.hours", { count: h });
  const minutes = t("common.countdown.minutes", { count: min });
  const seconds = t("common.countdown.seconds", { count: s });
  return (d > 0 ? [days, hours, minutes, seconds] : h > 0 ? [hours, minutes, seconds] : [minutes, seconds]).join(" ");
}

/** "on time, 3 h 2 min before the cutoff" or "2 h 14 min after the cutoff", judged by the same isLate() as the gate. */
export function describeLateness(receivedAt: number, deadlineAt: number, t: Translator): string {
  return isLate(receivedAt, { deadlineAt })
    ? t("report.lateness.after", { duration: formatDuration(receivedAt - deadlineAt, t) })
    : t("report.lateness.before", { duration: formatDuration(deadlineAt - receivedAt, t) });
}

/** "3 h 2 min before the cutoff" or "2 h 14 min after the cutoff", beside a receipt that already says whether it was on time. */
export function cutoffDistance(receivedAt: number, deadlineAt: number, t: Translator): string {
  return isLate(receivedAt, { deadlineAt })
    ? t("member.lateness.after", { duration: formatDuration(receivedAt - deadlineAt, t) })
    : t("member.lateness.before", { duration: formatDuration(deadlineAt - receivedAt, t) });
}
