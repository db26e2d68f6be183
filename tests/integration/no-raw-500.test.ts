// Input that used to reach a raw 500: impossible meeting dates, a clock preset of 1e20, loose audit filter dates.
import { inEnglish } from "@/tests/support/in-english";
import { formFailure } from "@/lib/present/failures";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import * as clockRoute from "@/app/api/v1/clock/route";
import * as meetingRoute from "@/app/api/v1/meetings/[code]/route";
import { meetingChanges, meetings, users } from "@/db/schema";
import { isSimulated, now, pinClock } from "@/lib/time/clock";
import { loadActor } from "@/lib/data/actor";
import { parseAuditQuery } from "@/lib/data/audit-log";
import { setSimulatedClock } from "@/lib/data/clock-control";
import { parseIsoInstant, isCalendarDate } from "@/lib/time/iso";
import { freshEnv, type TestEnv } from "../support/db";
import { jsonOf, MEETING, ORIGIN, SECRETARIAT, tokensFor } from "../support/api";

const PINNED = Date.parse("2020-06-23T16:00:00.000Z");

let env: TestEnv;
let token: string;

function secretariat() {
  const id = env.db.select({ id: users.id }).from(users).where(eq(users.email, SECRETARIAT)).get()!.id;
  return loadActor(id)!;
}

function patch(body: unknown) {
  const request = new Request(`${ORIGIN}/api/v1/meetings/${MEETING}`, {
    method: "PATCH",
    headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
    body: JSON.stringify(body),
  });
  return meetingRoute.PATCH(request, { params: Promise.resolve({ code: MEETING }) });
}

function meetingRow() {
  return env.db.select().from(meetings).where(eq(meetings.code, MEETING)).get()!;
}

beforeAll(async () => {
  env = await freshEnv({ at: PINNED });
  ({ [SECRETARIAT]: token } = await tokensFor([SECRETARIAT]));
});

afterAll(() => env.cleanup());

describe("meeting dates are days of the calendar", () => {
  const record = { reason: "Corrigendum moving the dates", reference: "Corrigendum 2 to Collective letter 8/20" };

  it("PATCH firstDay 2021-02-30 answers 422 with the field named, and changes nothing", async () => {
    const before = meetingRow();
    const res = await patch({ firstDay: "2021-02-30", ...record });
    expect(res.status).toBe(422);
    const body = await jsonOf(res);
    expect(body).toMatchObject({ code: "invalid", fields: { firstDay: "There is no such day in the calendar: check the day of the month." } });
    expect(meetingRow()).toEqual(before);
  });

  it("also with an explicit deadline, which used to store the impossible date", async () => {
    const before = meetingRow();
    const changesBefore = env.db.select().from(meetingChanges).all().length;
    const res = await patch({ firstDay: "2021-02-30", lastDay: "2021-03-05", deadline: "2021-02-10T22:59:59Z", ...record });
    expect(res.status).toBe(422);
    expect((await jsonOf(res)).fields).toHaveProperty("firstDay");
    expect(meetingRow()).toEqual(before);
    expect(env.db.select().from(meetingChanges).all()).toHaveLength(changesBefore);
    const last = await patch({ lastDay: "2020-06-31", ...record });
    expect(last.status).toBe(422);
    expect((await jsonOf(last)).fields).toHaveProperty("lastDay");
  });

  it("a real leap day is a day", async () => {
    expect(isCalendarDate("2020-02-29")).toBe(true);
    expect(isCalendarDate("2021-02-29")).toBe(false);
    expect(isCalendarDate("2021-04-31")).toBe(false);
    expect(isCalendarDate("2021-00-10")).toBe(false);
    const res = await patch({ firstDay: "2020-07-06", lastDay: "2020-07-16", title: "Same dates, new title", ...record });
    expect(res.status).toBe(200);
  });
});

describe("the simulated clock is set only to a time a page can show", () => {
  it("refuses 1e20, NaN and the years outside 2000-2099 as invalid, and the clock does not move", () => {
    pinClock(PINNED);
    expect(isSimulated()).toBe(true);
    for (const at of [1e20, Number.NaN, -1, Date.parse("1999-12-31T23:59:59.999Z"), Date.parse("2100-01-01T00:00:00Z"), 1.5]) {
      const refused = setSimulatedClock(secretariat(), at);
      expect(refused, String(at)).toMatchObject({ ok: false, code: "invalid" });
      if (refused.ok) continue;
      expect(formFailure(refused, "en"), String(at)).toEqual({
        error: "The simulated clock can only be set to a time in the years 2000 to 2099.",
        fields: { now: "Choose a time in the years 2000 to 2099." },
      });
      expect(now()).toBe(PINNED);
    }
    expect(setSimulatedClock(secretariat(), Date.parse("2099-12-31T23:59:59.999Z"))).toMatchObject({ ok: true });
    pinClock(PINNED);
  });

  it("PUT /api/v1/clock with a far year answers 422", async () => {
    const res = await clockRoute.PUT(
      new Request(`${ORIGIN}/api/v1/clock`, {
        method: "PUT",
        headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
        body: JSON.stringify({ now: "9999-12-31T23:59:59Z" }),
      }),
    );
    expect(res.status).toBe(422);
    expect(now()).toBe(PINNED);
  });
});

describe("audit filter dates are read strictly", () => {
  it.each(["2021-02-30T00:00:00Z", "2020-06-23T25:00:00Z", "2020-06-23T18:00:00+25:00x", "Tue, 23 Jun 2020 18:00:00 +0200", "+275760-09-13T00:00:00Z", "2020-02-30T10:00"])(
    "refuses from=%j as invalid",
    (from) => {
      expect(inEnglish(parseAuditQuery({ from }))).toMatchObject({ ok: false, code: "invalid", fields: { from: expect.any(String) } });
    },
  );

  it("reads the forms it documents", () => {
    expect(parseIsoInstant("2020-06-23T18:00:00+02:00")).toBe(Date.parse("2020-06-23T16:00:00Z"));
    expect(parseIsoInstant("2020-06-23T18:00+0200")).toBe(Date.parse("2020-06-23T16:00:00Z"));
    // An ISO instant, and a Geneva wall time as the page's datetime-local field sends it (19:00 CEST = 17:00Z).
    expect(parseAuditQuery({ from: "2020-06-23T16:00:00.5Z", to: "2020-06-23T19:00" })).toEqual({
      ok: true,
      value: expect.objectContaining({ from: Date.parse("2020-06-23T16:00:00.500Z"), to: Date.parse("2020-06-23T17:00:00Z") }),
    });
  });
});
