// Durations and lateness in words: always truncated, in English and in Russian, judged by the same isLate() as the gate.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { cutoffDistance, describeLateness, formatCountdown, formatDuration } from "@/lib/present/durations";
import { isLate } from "@/lib/time/deadlines";
import { translator } from "@/lib/i18n/translate";

const SECOND = 1_000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const DEADLINE = Date.parse("2020-06-23T22:00:00.000Z");
const en = translator("en");
const ru = translator("ru");

describe("formatDuration", () => {
  it.each([
    [0, "0 s"],
    [999, "0 s"],
    [45 * SECOND, "45 s"],
    [MINUTE - 1, "59 s"],
    [MINUTE, "1 min"],
    [3 * MINUTE + 20 * SECOND, "3 min"],
    [HOUR - 1, "59 min"],
    [HOUR, "1 h 0 min"],
    [2 * HOUR + 14 * MINUTE + 59 * SECOND + 999, "2 h 14 min"],
    [DAY - 1, "23 h 59 min"],
    [DAY, "1 d 0 h"],
    [3 * DAY + 5 * HOUR + 59 * MINUTE, "3 d 5 h"],
  ])("formats %d ms as %j, never rounding up", (ms, words) => {
    expect(formatDuration(ms, en)).toBe(words);
  });

  it("speaks Russian with the same truncation", () => {
    expect(formatDuration(59_999, ru)).toBe("59 с");
    expect(formatDuration(2 * HOUR + 14 * MINUTE + 59_999, ru)).toBe("2 ч 14 мин");
    expect(formatDuration(3 * DAY + 5 * HOUR + 59 * MINUTE, ru)).toBe("3 дн. 5 ч");
  });

  it("never says more time than there is, in any language", () => {
    const shown = (words: string) => {
      const n = [...words.matchAll(/(\d+) (d|дн\.|h|ч|min|мин|s|с)(?=\s|$)/g)].map((m) => Number(m[1]) * { d: DAY, "дн.": DAY, h: HOUR, ч: HOUR, min: MINUTE, мин: MINUTE, s: SECOND, с: SECOND }[m[2]]!);
      return n.reduce((a, b) => a + b, 0);
    };
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 400 * DAY }), (ms) => {
        expect(shown(formatDuration(ms, en))).toBeLessThanOrEqual(ms);
        expect(shown(formatDuration(ms, ru))).toBe(shown(formatDuration(ms, en)));
      }),
    );
  });

  it("rejects negative and non-finite durations", () => {
    expect(() => formatDuration(-1, en)).toThrow(RangeError);
    expect(() => formatDuration(Number.NaN, ru)).toThrow(RangeError);
  });
});

describe("describeLateness", () => {
  it("says how far before or after the cutoff a receipt was", () => {
    expect(describeLateness(DEADLINE - 3 * HOUR - 2 * MINUTE, DEADLINE, en)).toBe("on time, 3 h 2 min before the cutoff");
    expect(describeLateness(DEADLINE + 2 * HOUR + 14 * MINUTE, DEADLINE, en)).toBe("2 h 14 min after the cutoff");
    expect(describeLateness(DEADLINE, DEADLINE, en)).toBe("0 s after the cutoff");
    expect(describeLateness(DEADLINE - 1, DEADLINE, en)).toBe("on time, 0 s before the cutoff");
  });

  it("says it in Russian", () => {
    expect(describeLateness(DEADLINE + 2 * HOUR + 15 * MINUTE, DEADLINE, ru)).toBe("на 2 ч 15 мин позже предельного срока");
    expect(describeLateness(DEADLINE - 3 * HOUR - 2 * MINUTE, DEADLINE, ru)).toBe("в срок, за 3 ч 2 мин до предельного срока");
    expect(describeLateness(DEADLINE, DEADLINE, ru)).toBe("на 0 с позже предельного срока");
  });

  it("calls late exactly what isLate() calls late", () => {
    fc.assert(
      fc.property(fc.integer({ min: -400 * DAY, max: 400 * DAY }), (offset) => {
        const at = DEADLINE + offset;
        expect(describeLateness(at, DEADLINE, en).endsWith("after the cutoff")).toBe(isLate(at, { deadlineAt: DEADLINE }));
        expect(cutoffDistance(at, DEADLINE, en).endsWith("after the cutoff")).toBe(isLate(at, { deadlineAt: DEADLINE }));
      }),
    );
  });
});

describe("cutoffDistance", () => {
  it("gives the distance alone, for a receipt that already says whether it was on time", () => {
    expect(cutoffDistance(DEADLINE - 3 * HOUR - 2 * MINUTE, DEADLINE, en)).toBe("3 h 2 min before the cutoff");
    expect(cutoffDistance(DEADLINE + 5 * MINUTE, DEADLINE, en)).toBe("5 min after the cutoff");
    expect(cutoffDistance(DEADLINE + 5 * MINUTE, DEADLINE, ru)).toBe("5 мин после предельного срока");
  });
});

describe("formatCountdown", () => {
  it("counts down to the second, dropping the empty leading units", () => {
    expect(formatCountdown(5 * HOUR + 12 * MINUTE + 3 * SECOND + 999, en)).toBe("5 h 12 min 3 s");
    expect(formatCountdown(DAY + 9 * SECOND, en)).toBe("1 d 0 h 0 min 9 s");
    expect(formatCountdown(4 * MINUTE, en)).toBe("4 min 0 s");
    expect(formatCountdown(999, en)).toBe("0 min 0 s");
  });

  it("counts the time since the cutoff the same way", () => {
    expect(formatCountdown(-(MINUTE + 30 * SECOND), en)).toBe("1 min 30 s");
    expect(formatCountdown(-(2 * HOUR + 0.5), ru)).toBe("2 ч 0 мин 0 с");
  });
});
