// Times as people read them (lib/present/time.ts): Geneva time with its zone named in English and Russian, UTC, the reader's own zone.
import { afterEach, describe, expect, it } from "vitest";
import fc from "fast-check";
import { formatDayRange, formatGeneva, formatGenevaShort, formatInReaderZone, formatInZone, formatUtc } from "@/lib/present/time";

const at = (iso: string) => Date.parse(iso);

describe("formatting", () => {
  it("prints the SG20 cutoff's last second in Geneva time with its zone", () => {
    expect(formatGeneva(at("2020-06-23T21:59:59Z"))).toBe("Tue 23 Jun 2020, 23:59:59 CEST (UTC+2)");
    expect(formatGeneva(at("2020-06-23T21:59:59Z"), { seconds: false })).toBe("Tue 23 Jun 2020, 23:59 CEST (UTC+2)");
    expect(formatGeneva(at("2020-06-23T21:59:59Z"), { weekday: false, seconds: false })).toBe("23 Jun 2020, 23:59 CEST (UTC+2)");
  });

  it("says CET (UTC+1) in winter", () => {
    expect(formatGeneva(at("2021-01-12T22:59:59Z"))).toBe("Tue 12 Jan 2021, 23:59:59 CET (UTC+1)");
  });

  it("prints midnight as 00, single-digit days without a leading zero, and truncates milliseconds", () => {
    expect(formatGeneva(at("2020-06-23T22:00:00.000Z"))).toBe("Wed 24 Jun 2020, 00:00:00 CEST (UTC+2)");
    expect(formatGeneva(at("2020-07-05T22:59:59.999Z"))).toBe("Mon 6 Jul 2020, 00:59:59 CEST (UTC+2)");
  });

  it("shows both passes of October's repeated hour with their own zone", () => {
    expect(formatGeneva(at("2020-10-25T00:30:00Z"))).toBe("Sun 25 Oct 2020, 02:30:00 CEST (UTC+2)");
    expect(formatGeneva(at("2020-10-25T01:30:00Z"))).toBe("Sun 25 Oct 2020, 02:30:00 CET (UTC+1)");
  });

  it("formats in UTC", () => {
    expect(formatUtc(at("2020-06-23T22:00:00Z"))).toBe("Tue 23 Jun 2020, 22:00:00 UTC");
  });

  it("formats in a member's own zone", () => {
    expect(formatInZone(at("2020-06-23T22:00:00Z"), "America/New_York")).toBe("Tue 23 Jun 2020, 18:00:00 EDT (UTC-4)");
    expect(formatInZone(at("2021-01-12T23:00:00Z"), "America/New_York", { seconds: false })).toBe("Tue 12 Jan 2021, 18:00 EST (UTC-5)");
    expect(formatInZone(at("2020-06-23T22:00:00Z"), "Asia/Tokyo")).toMatch(/^Wed 24 Jun 2020, 07:00:00 (UTC\+9|JST \(UTC\+9\))$/);
  });

  it("rejects an unknown zone and a non-instant", () => {
    expect(() => formatInZone(0, "Europe/Geneva")).toThrow(RangeError);
    expect(() => formatGeneva(Number.NaN)).toThrow(RangeError);
  });
});

describe("formatting in Russian", () => {
  it("prints Geneva time with Russian names and the same zone label", () => {
    expect(formatGeneva(at("2020-06-23T21:59:59Z"), { locale: "ru" })).toBe("вт, 23 июн. 2020 г., 23:59:59 CEST (UTC+2)");
    expect(formatGeneva(at("2020-06-23T22:00:00Z"), { locale: "ru", seconds: false })).toBe("ср, 24 июн. 2020 г., 00:00 CEST (UTC+2)");
    expect(formatGeneva(at("2020-06-23T21:59:59Z"), { locale: "ru", weekday: false, seconds: false })).toBe("23 июн. 2020 г., 23:59 CEST (UTC+2)");
    expect(formatGeneva(at("2021-01-12T22:59:59Z"), { locale: "ru" })).toBe("вт, 12 янв. 2021 г., 23:59:59 CET (UTC+1)");
    expect(formatGeneva(at("2020-05-10T12:00:00Z"), { locale: "ru", weekday: false })).toBe("10 мая 2020 г., 14:00:00 CEST (UTC+2)");
  });

  it("shows both passes of October's repeated hour with their own zone", () => {
    expect(formatGeneva(at("2020-10-25T00:30:00Z"), { locale: "ru" })).toBe("вс, 25 окт. 2020 г., 02:30:00 CEST (UTC+2)");
    expect(formatGeneva(at("2020-10-25T01:30:00Z"), { locale: "ru" })).toBe("вс, 25 окт. 2020 г., 02:30:00 CET (UTC+1)");
  });

  it("formats in UTC", () => {
    expect(formatUtc(at("2020-06-23T22:00:00Z"), "ru")).toBe("вт, 23 июн. 2020 г., 22:00:00 UTC");
  });
});

describe("a chart's axis", () => {
  it("gives the Geneva day and time without year and zone", () => {
    expect(formatGenevaShort(at("2020-06-23T16:00:00Z"))).toBe("23 Jun, 18:00");
    expect(formatGenevaShort(at("2020-06-23T22:00:00Z"), "ru")).toBe("24 июн., 00:00");
  });
});

describe("the reader's own zone", () => {
  it("names the zone by its offset and its IANA name", () => {
    expect(formatInReaderZone(at("2020-06-23T16:00:00Z"), "Asia/Tokyo")).toBe("Wed 24 Jun 2020, 01:00 GMT+9 (Asia/Tokyo)");
    expect(formatInReaderZone(at("2020-06-23T16:00:00Z"), "Asia/Tokyo", "ru")).toBe("ср, 24 июн. 2020 г., 01:00 GMT+9 (Asia/Tokyo)");
    expect(formatInReaderZone(at("2020-06-23T21:59:59Z"), "America/New_York")).toBe("Tue 23 Jun 2020, 17:59 GMT-4 (America/New_York)");
    expect(formatInReaderZone(at("2020-06-23T21:59:59Z"), "Asia/Kolkata", "en", { seconds: true })).toBe("Wed 24 Jun 2020, 03:29:59 GMT+5:30 (Asia/Kolkata)");
  });

  it("rejects a zone the runtime does not know", () => {
    expect(() => formatInReaderZone(0, "Europe/Geneva")).toThrow(RangeError);
  });
});

describe("a meeting's days", () => {
  it("prints the calendar days, which have no zone", () => {
    expect(formatDayRange("2020-07-06", "2020-07-17")).toBe("6 July – 17 July 2020");
    expect(formatDayRange("2020-07-06", "2020-07-17", "ru")).toBe("6 июля – 17 июля 2020 г.");
  });
});

// An oracle that shares no code with lib/: Intl's reading of Zurich's wall clock.
const zurich = new Intl.DateTimeFormat("en-GB", { timeZone: "Europe/Zurich", hourCycle: "h23", year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit", second: "2-digit" });
const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

describe("Geneva time against an Intl-only oracle", () => {
  it("reads the same wall clock for random instants from 2000 to 2040, and names CET or CEST by the offset", () => {
    fc.assert(
      fc.property(fc.integer({ min: at("2000-01-01T00:00:00Z"), max: at("2040-12-31T00:00:00Z") }), (ms) => {
        const p = Object.fromEntries(zurich.formatToParts(ms).map((part) => [part.type, part.value]));
        const offsetHours = (Date.UTC(+p.year, +p.month - 1, +p.day, +p.hour, +p.minute, +p.second) - Math.floor(ms / 1000) * 1000) / 3_600_000;
        const zone = offsetHours === 2 ? "CEST (UTC+2)" : "CET (UTC+1)";
        expect(formatGeneva(ms, { weekday: false })).toBe(`${Number(p.day)} ${MONTHS[+p.month - 1]} ${p.year}, ${p.hour}:${p.minute}:${p.second} ${zone}`);
      }),
      { numRuns: 2000, examples: [[at("2020-03-29T00:59:59.999Z")], [at("2020-03-29T01:00:00Z")], [at("2020-10-25T00:59:59.999Z")], [at("2020-10-25T01:00:00Z")]] },
    );
  });
});

describe("independence from the host's time zone", () => {
  const originalTz = process.env.TZ;
  afterEach(() => {
    if (originalTz === undefined) delete process.env.TZ;
    else process.env.TZ = originalTz;
  });

  it.each(["America/New_York", "Asia/Tokyo", "Pacific/Kiritimati", "Europe/London", "Europe/Zurich", "UTC"])("prints the same with TZ=%s", (zone) => {
    process.env.TZ = zone;
    expect(formatGeneva(at("2020-10-25T00:30:00Z"))).toBe("Sun 25 Oct 2020, 02:30:00 CEST (UTC+2)");
    expect(formatGeneva(at("2020-10-25T01:30:00Z"), { locale: "ru" })).toBe("вс, 25 окт. 2020 г., 02:30:00 CET (UTC+1)");
    expect(formatUtc(at("2020-06-23T22:00:00Z"))).toBe("Tue 23 Jun 2020, 22:00:00 UTC");
    expect(formatInReaderZone(at("2020-06-23T16:00:00Z"), "Asia/Tokyo")).toBe("Wed 24 Jun 2020, 01:00 GMT+9 (Asia/Tokyo)");
    expect(formatDayRange("2020-07-06", "2020-07-17")).toBe("6 July – 17 July 2020");
  });
});
