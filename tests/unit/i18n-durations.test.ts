// The locale-aware durations say in English exactly what lib/time/deadlines.ts says, and read naturally in Russian.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { describeLateness, formatDuration } from "@/lib/time/deadlines";
import { describeLatenessT, formatDurationT } from "@/lib/i18n/durations";
import { translator } from "@/lib/i18n/translate";

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const DEADLINE = Date.parse("2020-06-23T22:00:00.000Z");
const en = translator("en");
const ru = translator("ru");

describe("formatDurationT and describeLatenessT", () => {
  it("match lib/time/deadlines.ts word for word in English", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 400 * DAY }), (ms) => {
        expect(formatDurationT(ms, en)).toBe(formatDuration(ms));
        expect(describeLatenessT(DEADLINE + ms, DEADLINE, en)).toBe(describeLateness(DEADLINE + ms, { deadlineAt: DEADLINE }));
        expect(describeLatenessT(DEADLINE - ms, DEADLINE, en)).toBe(describeLateness(DEADLINE - ms, { deadlineAt: DEADLINE }));
      }),
    );
  });

  it("speak Russian with the same truncation", () => {
    expect(formatDurationT(59_999, ru)).toBe("59 с");
    expect(formatDurationT(2 * HOUR + 14 * MINUTE + 59_999, ru)).toBe("2 ч 14 мин");
    expect(formatDurationT(3 * DAY + 5 * HOUR + 59 * MINUTE, ru)).toBe("3 дн. 5 ч");
    expect(describeLatenessT(DEADLINE + 2 * HOUR + 15 * MINUTE, DEADLINE, ru)).toBe("на 2 ч 15 мин позже предельного срока");
    expect(describeLatenessT(DEADLINE - 3 * HOUR - 2 * MINUTE, DEADLINE, ru)).toBe("в срок, за 3 ч 2 мин до предельного срока");
    expect(describeLatenessT(DEADLINE, DEADLINE, ru)).toBe("на 0 с позже предельного срока");
  });

  it("reject negative and non-finite durations", () => {
    expect(() => formatDurationT(-1, en)).toThrow(RangeError);
    expect(() => formatDurationT(Number.NaN, ru)).toThrow(RangeError);
  });
});
