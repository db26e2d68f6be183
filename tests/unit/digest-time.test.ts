// When a daily digest is due: the latest chosen Geneva hour, across summer and winter time.
import { describe, expect, it } from "vitest";
import { isDigestDue, latestGenevaHour } from "@/lib/time/digest";

const at = (iso: string) => Date.parse(iso);

describe("latestGenevaHour", () => {
  it("is today's hour once it has passed in Geneva, else yesterday's (summer, UTC+2)", () => {
    expect(latestGenevaHour(at("2020-06-23T05:59:59Z"), 8)).toBe(at("2020-06-22T06:00:00Z"));
    expect(latestGenevaHour(at("2020-06-23T06:00:00Z"), 8)).toBe(at("2020-06-23T06:00:00Z"));
    expect(latestGenevaHour(at("2020-06-23T20:30:00Z"), 23)).toBe(at("2020-06-22T21:00:00Z"));
    expect(latestGenevaHour(at("2020-06-23T21:30:00Z"), 23)).toBe(at("2020-06-23T21:00:00Z"));
    expect(latestGenevaHour(at("2020-06-23T22:30:00Z"), 0)).toBe(at("2020-06-23T22:00:00Z"));
  });

  it("follows winter time (UTC+1) and the night the clocks go forward", () => {
    expect(latestGenevaHour(at("2020-12-01T07:30:00Z"), 8)).toBe(at("2020-12-01T07:00:00Z"));
    // 29 March 2020: 02:00 does not exist in Geneva; the digest of "2 o'clock" comes at 03:00 CEST.
    expect(latestGenevaHour(at("2020-03-29T01:30:00Z"), 2)).toBe(at("2020-03-29T01:00:00Z"));
  });
});

describe("isDigestDue", () => {
  it("is due when the hour has come since the last digest, and only once", () => {
    const last = at("2020-06-22T06:00:00Z");
    expect(isDigestDue(at("2020-06-23T05:00:00Z"), 8, last)).toBe(false);
    expect(isDigestDue(at("2020-06-23T06:00:01Z"), 8, last)).toBe(true);
    expect(isDigestDue(at("2020-06-23T06:00:01Z"), 8, at("2020-06-23T06:00:00Z"))).toBe(false);
    expect(isDigestDue(at("2020-06-23T06:00:01Z"), 8, null)).toBe(true);
  });
});
