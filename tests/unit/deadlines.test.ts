import { afterEach, describe, expect, it } from "vitest";
import fc from "fast-check";
import {
  CONTRIBUTION_DAYS_BEFORE,
  admission,
  coveringExtension,
  defaultDeadline,
  isLate,
  windowState,
  type ExtensionGrant,
  type Submitter,
} from "@/lib/time/deadlines";
import { startOfGenevaDay } from "@/lib/time/geneva";
import { formatGeneva } from "@/lib/present/time";

const at = (iso: string) => Date.parse(iso);
const SECOND = 1_000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

const SG20_DEADLINE = at("2020-06-23T22:00:00.000Z");
const sg20 = { deadlineAt: SG20_DEADLINE };

describe("defaultDeadline", () => {
  it("is the end of 23 June 2020 in Geneva (CEST) for SG20 starting 6 July 2020", () => {
    expect(CONTRIBUTION_DAYS_BEFORE).toBe(13);
    expect(defaultDeadline("2020-07-06")).toBe(SG20_DEADLINE);
    expect(isLate(at("2020-06-23T21:59:59.999Z"), sg20)).toBe(false);
    expect(isLate(at("2020-06-23T22:00:00.000Z"), sg20)).toBe(true);
  });

  it("is on UTC+1 for a winter meeting", () => {
    expect(defaultDeadline("2021-01-25")).toBe(at("2021-01-12T23:00:00.000Z"));
  });

  it("ends the 23-hour day of 29 March 2020 and the 25-hour day of 25 October 2020 at Geneva midnight", () => {
    // Deadline date 29 March 2020 (clocks go forward): the day is 23 hours long.
    const march = defaultDeadline("2020-04-11");
    expect(march).toBe(at("2020-03-29T22:00:00.000Z"));
    expect(march - startOfGenevaDay("2020-03-29")).toBe(23 * HOUR);
    expect(formatGeneva(march - 1)).toBe("Sun 29 Mar 2020, 23:59:59 CEST (UTC+2)");
    expect(formatGeneva(march)).toBe("Mon 30 Mar 2020, 00:00:00 CEST (UTC+2)");
    // Deadline date 25 October 2020 (clocks go back): the day is 25 hours long.
    const october = defaultDeadline("2020-11-07");
    expect(october).toBe(at("2020-10-25T23:00:00.000Z"));
    expect(october - startOfGenevaDay("2020-10-25")).toBe(25 * HOUR);
    expect(formatGeneva(october - 1)).toBe("Sun 25 Oct 2020, 23:59:59 CET (UTC+1)");
    // The days either side still end on their own offset.
    expect(defaultDeadline("2020-04-10")).toBe(at("2020-03-28T23:00:00.000Z"));
    expect(defaultDeadline("2020-11-06")).toBe(at("2020-10-24T22:00:00.000Z"));
  });

  it("rejects a malformed first day", () => {
    expect(() => defaultDeadline("6 July 2020")).toThrow(RangeError);
  });
});

// An oracle that shares no code with lib/: it knows only Intl and that Zurich is within UTC-14..+14.
const zurichWallClock = new Intl.DateTimeFormat("en-GB", {
  timeZone: "Europe/Zurich",
  hourCycle: "h23",
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
  hour: "2-digit",
  minute: "2-digit",
  second: "2-digit",
});

function zurichReads(ms: number): string {
  const p = Object.fromEntries(zurichWallClock.formatToParts(ms).map((part) => [part.type, part.value]));
  return `${p.year}-${p.month}-${p.day} ${p.hour}:${p.minute}:${p.second}`;
}

function isoDay(epochDay: number): string {
  return new Date(epochDay * DAY).toISOString().slice(0, 10);
}

function oracleDeadline(firstDay: string): number {
  const firstEpochDay = Date.parse(`${firstDay}T00:00:00Z`) / DAY;
  const dayAfterDeadline = isoDay(firstEpochDay - 12);
  const wallMidnightAsUtc = Date.parse(`${dayAfterDeadline}T00:00:00Z`);
  const matches: number[] = [];
  for (let offsetHours = -14; offsetHours <= 14; offsetHours++) {
    const candidate = wallMidnightAsUtc - offsetHours * HOUR;
    if (zurichReads(candidate) === `${dayAfterDeadline} 00:00:00`) matches.push(candidate);
  }
  // Zurich changes its clocks at 02:00/03:00, so midnight is never skipped or repeated.
  expect(matches).toHaveLength(1);
  expect(zurichReads(matches[0] - 1)).toBe(`${isoDay(firstEpochDay - 13)} 23:59:59`);
  return matches[0];
}

describe("defaultDeadline against an Intl-only oracle", () => {
  it("agrees for random first days from 2000 to 2040", () => {
    const firstDays = fc
      .integer({ min: Date.parse("2000-01-01T00:00:00Z") / DAY, max: Date.parse("2040-12-31T00:00:00Z") / DAY })
      .map(isoDay);
    fc.assert(
      fc.property(firstDays, (firstDay) => {
        expect(defaultDeadline(firstDay)).toBe(oracleDeadline(firstDay));
      }),
      {
        numRuns: 2000,
        // First days whose deadline date is a DST change day, and a leap day.
        examples: [["2020-04-11"], ["2020-11-07"], ["2039-04-09"], ["2040-11-10"], ["2024-03-13"]],
      },
    );
  });
});

describe("extensions", () => {
  const alice: Submitter = { userId: 7, organisationId: 3 };
  const grant = (g: Partial<ExtensionGrant>): ExtensionGrant => ({
    organisationId: null,
    userId: null,
    untilAt: SG20_DEADLINE + 2 * HOUR,
    revokedAt: null,
    ...g,
  });
  const afterCutoff = SG20_DEADLINE + HOUR;

  it("admits on time before the deadline, extension or not", () => {
    expect(admission(SG20_DEADLINE - 1, sg20, alice, [grant({ userId: 7 })])).toEqual({ kind: "on_time" });
    expect(admission(SG20_DEADLINE - 1, sg20, alice, [])).toEqual({ kind: "on_time" });
  });

  it("closes after the deadline without an extension", () => {
    expect(admission(SG20_DEADLINE, sg20, alice, [])).toEqual({ kind: "closed" });
  });

  it("admits a user-level extension, which still leaves the document late", () => {
    const mine = grant({ id: 1, userId: 7 });
    expect(admission(afterCutoff, sg20, alice, [mine])).toEqual({ kind: "extension", extension: mine });
    expect(isLate(afterCutoff, sg20)).toBe(true);
  });

  it("admits an organisation-level extension for every member of that organisation", () => {
    const orgs = grant({ id: 2, organisationId: 3 });
    expect(coveringExtension(afterCutoff, alice, [orgs])).toBe(orgs);
    expect(coveringExtension(afterCutoff, { userId: 99, organisationId: 3 }, [orgs])).toBe(orgs);
  });

  it("ignores extensions granted to someone else", () => {
    const others = [grant({ userId: 8 }), grant({ organisationId: 4 }), grant({})];
    expect(coveringExtension(afterCutoff, alice, others)).toBeNull();
    expect(admission(afterCutoff, sg20, alice, others)).toEqual({ kind: "closed" });
  });

  it("ignores revoked extensions", () => {
    const revoked = [grant({ userId: 7, revokedAt: SG20_DEADLINE }), grant({ organisationId: 3, revokedAt: SG20_DEADLINE })];
    expect(admission(afterCutoff, sg20, alice, revoked)).toEqual({ kind: "closed" });
  });

  it("ignores expired extensions, the end being exclusive like the deadline", () => {
    const mine = grant({ userId: 7, untilAt: SG20_DEADLINE + 2 * HOUR });
    expect(coveringExtension(SG20_DEADLINE + 2 * HOUR - 1, alice, [mine])).toBe(mine);
    expect(coveringExtension(SG20_DEADLINE + 2 * HOUR, alice, [mine])).toBeNull();
    expect(admission(SG20_DEADLINE + 3 * HOUR, sg20, alice, [mine])).toEqual({ kind: "closed" });
  });

  it("picks the covering extension that lasts longest", () => {
    const short = grant({ id: 1, userId: 7, untilAt: SG20_DEADLINE + 2 * HOUR });
    const long = grant({ id: 2, organisationId: 3, untilAt: SG20_DEADLINE + DAY });
    const revokedLonger = grant({ id: 3, userId: 7, untilAt: SG20_DEADLINE + 2 * DAY, revokedAt: SG20_DEADLINE });
    expect(coveringExtension(afterCutoff, alice, [short, long, revokedLonger])).toBe(long);
    expect(coveringExtension(afterCutoff, alice, [long, short])).toBe(long);
  });
});

describe("windowState", () => {
  it("is open, without reminders, until 21 days before the cutoff", () => {
    expect(windowState(SG20_DEADLINE - 21 * DAY - 1, sg20)).toEqual({ state: "open", msLeft: 21 * DAY + 1, msLate: 0, remind: false });
  });

  it("is open, with reminders, from 21 days before the cutoff until the last 24 hours", () => {
    expect(windowState(SG20_DEADLINE - 21 * DAY, sg20)).toEqual({ state: "open", msLeft: 21 * DAY, msLate: 0, remind: true });
    expect(windowState(SG20_DEADLINE - DAY - 1, sg20)).toEqual({ state: "open", msLeft: DAY + 1, msLate: 0, remind: true });
  });

  it("is closing during the last 24 hours", () => {
    expect(windowState(SG20_DEADLINE - DAY, sg20)).toEqual({ state: "closing", msLeft: DAY, msLate: 0, remind: true });
    expect(windowState(SG20_DEADLINE - 1, sg20)).toEqual({ state: "closing", msLeft: 1, msLate: 0, remind: true });
  });

  it("is closed from the cutoff on, and reminds no more", () => {
    expect(windowState(SG20_DEADLINE, sg20)).toEqual({ state: "closed", msLeft: 0, msLate: 0, remind: false });
    expect(windowState(SG20_DEADLINE + 5 * SECOND, sg20)).toEqual({ state: "closed", msLeft: 0, msLate: 5 * SECOND, remind: false });
  });
});

describe("independence from the host's time zone", () => {
  const originalTz = process.env.TZ;
  afterEach(() => {
    if (originalTz === undefined) delete process.env.TZ;
    else process.env.TZ = originalTz;
  });

  it.each(["America/New_York", "Asia/Tokyo", "Pacific/Kiritimati", "Pacific/Pago_Pago", "Europe/London", "UTC"])(
    "gives the same answers with TZ=%s",
    (tz) => {
      process.env.TZ = tz;
      expect(defaultDeadline("2020-07-06")).toBe(SG20_DEADLINE);
      expect(defaultDeadline("2021-01-25")).toBe(at("2021-01-12T23:00:00.000Z"));
      expect(defaultDeadline("2020-04-11")).toBe(at("2020-03-29T22:00:00.000Z"));
      expect(defaultDeadline("2020-11-07")).toBe(at("2020-10-25T23:00:00.000Z"));
      expect(formatGeneva(SG20_DEADLINE - SECOND)).toBe("Tue 23 Jun 2020, 23:59:59 CEST (UTC+2)");
    },
  );

  it("really switches the process zone (so the test above is not vacuous)", () => {
    process.env.TZ = "Pacific/Kiritimati";
    expect(new Date(SG20_DEADLINE).getTimezoneOffset()).toBe(-14 * 60);
  });
});
