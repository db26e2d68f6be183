import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { GENEVA_TZ, addDays, genevaDate, genevaWallTimeToInstant, parseGenevaLocalInput, startOfGenevaDay, toGenevaLocalInput, zoneLabel } from "@/lib/time/geneva";
import { formatGeneva } from "@/lib/present/time";

const at = (iso: string) => Date.parse(iso);
const HOUR = 3_600_000;

describe("zoneLabel", () => {
  it("names Geneva's summer and winter zones", () => {
    expect(GENEVA_TZ).toBe("Europe/Zurich");
    expect(zoneLabel(at("2020-06-23T21:59:59Z"))).toEqual({ abbreviation: "CEST", offset: "UTC+2", offsetMinutes: 120 });
    expect(zoneLabel(at("2021-01-12T22:59:59Z"), GENEVA_TZ)).toEqual({ abbreviation: "CET", offset: "UTC+1", offsetMinutes: 60 });
  });

  it("switches exactly at the 2020 transitions (01:00 UTC)", () => {
    expect(zoneLabel(at("2020-03-29T00:59:59.999Z")).abbreviation).toBe("CET");
    expect(zoneLabel(at("2020-03-29T01:00:00.000Z")).abbreviation).toBe("CEST");
    expect(zoneLabel(at("2020-10-25T00:59:59.999Z")).abbreviation).toBe("CEST");
    expect(zoneLabel(at("2020-10-25T01:00:00.000Z")).abbreviation).toBe("CET");
  });

  it("labels other zones, falling back to the offset when there is no abbreviation", () => {
    expect(zoneLabel(at("2020-06-23T22:00:00Z"), "America/New_York")).toEqual({ abbreviation: "EDT", offset: "UTC-4", offsetMinutes: -240 });
    expect(zoneLabel(at("2021-01-12T23:00:00Z"), "America/New_York")).toEqual({ abbreviation: "EST", offset: "UTC-5", offsetMinutes: -300 });
    expect(zoneLabel(at("2020-06-23T22:00:00Z"), "Asia/Kolkata")).toMatchObject({ offset: "UTC+5:30", offsetMinutes: 330 });
    expect(zoneLabel(at("2020-06-23T22:00:00Z"), "Asia/Kathmandu")).toMatchObject({ offset: "UTC+5:45", offsetMinutes: 345 });
    expect(zoneLabel(at("2020-06-23T22:00:00Z"), "America/St_Johns")).toMatchObject({ offset: "UTC-2:30", offsetMinutes: -150 });
    expect(zoneLabel(at("2020-06-23T22:00:00Z"), "UTC")).toEqual({ abbreviation: "UTC", offset: "UTC", offsetMinutes: 0 });
    const tokyo = zoneLabel(at("2020-06-23T22:00:00Z"), "Asia/Tokyo");
    expect(tokyo).toMatchObject({ offset: "UTC+9", offsetMinutes: 540 });
    expect(tokyo.abbreviation).toMatch(/^(JST|UTC\+9)$/);
  });
});

describe("genevaDate", () => {
  it("is the Geneva calendar date, not the UTC one", () => {
    expect(genevaDate(at("2020-06-23T21:59:59.999Z"))).toBe("2020-06-23");
    expect(genevaDate(at("2020-06-23T22:00:00.000Z"))).toBe("2020-06-24");
    expect(genevaDate(at("2021-01-12T22:59:59.999Z"))).toBe("2021-01-12");
    expect(genevaDate(at("2021-01-12T23:00:00.000Z"))).toBe("2021-01-13");
  });
});

describe("genevaWallTimeToInstant", () => {
  it("converts ordinary summer and winter wall times", () => {
    expect(genevaWallTimeToInstant("2020-06-23", "23:59:59.999")).toBe(at("2020-06-23T21:59:59.999Z"));
    expect(genevaWallTimeToInstant("2020-06-23", "12:00")).toBe(at("2020-06-23T10:00:00Z"));
    expect(genevaWallTimeToInstant("2021-01-12", "12:00:30")).toBe(at("2021-01-12T11:00:30Z"));
    expect(startOfGenevaDay("2020-06-24")).toBe(at("2020-06-23T22:00:00Z"));
    expect(startOfGenevaDay("2021-01-13")).toBe(at("2021-01-12T23:00:00Z"));
  });

  it("moves a skipped wall time (last Sunday of March) forward by the gap", () => {
    expect(genevaWallTimeToInstant("2020-03-29", "01:59:59")).toBe(at("2020-03-29T00:59:59Z"));
    expect(genevaWallTimeToInstant("2020-03-29", "02:00")).toBe(at("2020-03-29T01:00:00Z"));
    expect(genevaWallTimeToInstant("2020-03-29", "02:30")).toBe(at("2020-03-29T01:30:00Z"));
    expect(genevaWallTimeToInstant("2020-03-29", "02:30")).toBe(genevaWallTimeToInstant("2020-03-29", "03:30"));
    expect(formatGeneva(genevaWallTimeToInstant("2020-03-29", "02:30"))).toBe("Sun 29 Mar 2020, 03:30:00 CEST (UTC+2)");
    expect(genevaWallTimeToInstant("2020-03-29", "03:00")).toBe(at("2020-03-29T01:00:00Z"));
  });

  it("reads a repeated wall time (last Sunday of October) as its first, CEST, occurrence", () => {
    expect(genevaWallTimeToInstant("2020-10-25", "01:59")).toBe(at("2020-10-24T23:59:00Z"));
    expect(genevaWallTimeToInstant("2020-10-25", "02:00")).toBe(at("2020-10-25T00:00:00Z"));
    expect(genevaWallTimeToInstant("2020-10-25", "02:30")).toBe(at("2020-10-25T00:30:00Z"));
    expect(genevaWallTimeToInstant("2020-10-25", "02:59:59.999")).toBe(at("2020-10-25T00:59:59.999Z"));
    expect(genevaWallTimeToInstant("2020-10-25", "03:00")).toBe(at("2020-10-25T02:00:00Z"));
  });

  it("has 23 hours on the March change day and 25 on the October one", () => {
    expect(startOfGenevaDay("2020-03-30") - startOfGenevaDay("2020-03-29")).toBe(23 * HOUR);
    expect(startOfGenevaDay("2020-10-26") - startOfGenevaDay("2020-10-25")).toBe(25 * HOUR);
    expect(startOfGenevaDay("2020-06-24") - startOfGenevaDay("2020-06-23")).toBe(24 * HOUR);
  });

  it.each([
    ["2020-02-30", "12:00"],
    ["2021-02-29", "12:00"],
    ["2020-6-23", "12:00"],
    ["2020-13-01", "12:00"],
    ["2020-06-23", "24:00"],
    ["2020-06-23", "12:60"],
    ["2020-06-23", "12:00:60"],
    ["2020-06-23", "1:00"],
    ["2020-06-23", "12:00:00.1234"],
    ["2020-06-23", ""],
    ["", "12:00"],
    ["2020-06-23T12:00", "12:00"],
  ])("throws RangeError on malformed input %j %j", (date, time) => {
    expect(() => genevaWallTimeToInstant(date, time)).toThrow(RangeError);
  });
});

describe("addDays", () => {
  it("does calendar arithmetic across months, leap days, years and DST changes", () => {
    expect(addDays("2020-07-06", -12)).toBe("2020-06-24");
    expect(addDays("2020-07-06", -13)).toBe("2020-06-23");
    expect(addDays("2020-03-01", -1)).toBe("2020-02-29");
    expect(addDays("2021-03-01", -1)).toBe("2021-02-28");
    expect(addDays("2020-12-31", 1)).toBe("2021-01-01");
    expect(addDays("2020-03-28", 1)).toBe("2020-03-29");
    expect(addDays("2020-10-25", 1)).toBe("2020-10-26");
    expect(addDays("2020-06-23", 0)).toBe("2020-06-23");
  });

  it("rejects fractional days and malformed dates", () => {
    expect(() => addDays("2020-06-23", 0.5)).toThrow(RangeError);
    expect(() => addDays("23/06/2020", 1)).toThrow(RangeError);
  });
});

describe("datetime-local inputs", () => {
  it("parses Geneva wall time from a datetime-local value", () => {
    expect(parseGenevaLocalInput("2020-06-23T23:59")).toBe(at("2020-06-23T21:59:00Z"));
    expect(parseGenevaLocalInput("2020-06-23T23:59:59")).toBe(at("2020-06-23T21:59:59Z"));
    expect(parseGenevaLocalInput("2020-06-23T23:59:59.5")).toBe(at("2020-06-23T21:59:59.500Z"));
    expect(parseGenevaLocalInput("2021-01-12T23:59")).toBe(at("2021-01-12T22:59:00Z"));
  });

  it.each(["", "garbage", "2020-06-23 23:59", "2020-06-23T23", "2020-13-01T00:00", "2020-06-23T25:00", "2020-06-23T23:59Z", "2020-06-23T23:59+02:00"])(
    "returns null for %j",
    (value) => {
      expect(parseGenevaLocalInput(value)).toBeNull();
    },
  );

  it("prints the datetime-local value in Geneva time", () => {
    expect(toGenevaLocalInput(at("2020-06-23T21:59:59Z"))).toBe("2020-06-23T23:59");
    expect(toGenevaLocalInput(at("2020-06-23T22:00:00Z"))).toBe("2020-06-24T00:00");
    expect(toGenevaLocalInput(at("2021-01-12T22:59:00Z"))).toBe("2021-01-12T23:59");
  });

  it("round-trips every minute from 2000 to 2040 (the second pass of October's repeated hour reads back as the first)", () => {
    const minutes = fc.integer({ min: at("2000-01-01T00:00:00Z") / 60_000, max: at("2040-12-31T23:59:00Z") / 60_000 });
    fc.assert(
      fc.property(minutes, (minute) => {
        const ms = minute * 60_000;
        const text = toGenevaLocalInput(ms);
        const back = parseGenevaLocalInput(text);
        expect(back).not.toBeNull();
        expect(toGenevaLocalInput(back!)).toBe(text);
        // Only the repeated hour may map back to a different instant, and then one hour earlier.
        if (back !== ms) expect(ms - back!).toBe(HOUR);
      }),
      { numRuns: 2000, examples: [[at("2020-10-25T01:30:00Z") / 60_000], [at("2020-03-29T01:00:00Z") / 60_000]] },
    );
  });
});
