// When a daily digest is due: the latest given hour of Geneva wall-clock time, through date-fns and @date-fns/tz.
import { tz } from "@date-fns/tz";
import { set, subDays } from "date-fns";
import { GENEVA_TZ } from "./geneva";

const geneva = tz(GENEVA_TZ);

/**
 * The last instant at or before `at` when it was `hour`:00 in Geneva (today's if that has passed, else yesterday's).
 * On the night the clocks go forward, 02:00 does not exist and date-fns gives 03:00; in October, when 02:00 comes
 * twice, the second one counts.
 */
export function latestGenevaHour(at: number, hour: number): number {
  const today = set(at, { hours: hour, minutes: 0, seconds: 0, milliseconds: 0 }, { in: geneva });
  return (today.getTime() <= at ? today : subDays(today, 1, { in: geneva })).getTime();
}

/** A digest at `hour` is due at `at` when that hour has come since the last one was sent (or none ever was). */
export function isDigestDue(at: number, hour: number, lastDigestAt: number | null): boolean {
  return lastDigestAt === null || latestGenevaHour(at, hour) > lastDigestAt;
}
