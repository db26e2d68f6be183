// The calendar feeds, read with an independent parser (ical.js): public (no sign-in), the deadline event's instant is
// the deadline, UIDs are stable, and SEQUENCE grows when a corrigendum moves what the event shows.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import ICAL from "ical.js";
import { eq } from "drizzle-orm";
import { users } from "@/db/schema";
import { pinClock } from "@/lib/time/clock";
import { loadActor } from "@/lib/data/actor";
import { addMeetingSession, createMeeting, updateMeeting } from "@/lib/data/meeting-admin";
import { getPublicMeeting } from "@/lib/data/meetings";
import * as meetingCalendarRoute from "@/app/api/v1/meetings/[code]/calendar.ics/route";
import * as groupCalendarRoute from "@/app/api/v1/study-groups/[group]/calendar.ics/route";
import { freshEnv, SG20_DEADLINE, type TestEnv } from "../support/db";

const MEETING = "SG20-2020-07";
const ORIGIN = "http://127.0.0.1:3000";

let env: TestEnv;
const savedOrigin = process.env.NEXTAUTH_URL;

beforeAll(async () => {
  // The public origin names the UIDs' host: as configured, not as a request happens to name it.
  process.env.NEXTAUTH_URL = "https://tracker.example.org";
  env = await freshEnv({ at: Date.parse("2020-06-01T08:00:00Z") });
});
afterAll(() => {
  process.env.NEXTAUTH_URL = savedOrigin;
  env.cleanup();
});

/** An anonymous GET: no cookie, no token, as a calendar application sends it. */
function anonymous(path: string, headers: Record<string, string> = {}): Request {
  return new Request(`${ORIGIN}${path}`, { headers });
}

async function meetingFeed(code = MEETING, headers: Record<string, string> = {}) {
  return meetingCalendarRoute.GET(anonymous(`/api/v1/meetings/${code}/calendar.ics`, headers), { params: Promise.resolve({ code }) });
}

type Parsed = { uid: string; summary: string; start: ICAL.Time; end: ICAL.Time; sequence: number; stamp: number; lastModified: number | null };

function parse(text: string): Parsed[] {
  const calendar = new ICAL.Component(ICAL.parse(text));
  return calendar.getAllSubcomponents("vevent").map((v) => {
    const e = new ICAL.Event(v);
    const lastModified = v.getFirstPropertyValue("last-modified") as ICAL.Time | null;
    return {
      uid: e.uid,
      summary: e.summary,
      start: e.startDate,
      end: e.endDate,
      sequence: e.sequence,
      stamp: (v.getFirstPropertyValue("dtstamp") as ICAL.Time).toJSDate().getTime(),
      lastModified: lastModified ? lastModified.toJSDate().getTime() : null,
    };
  });
}

const byUid = (events: Parsed[], uid: string) => {
  const found = events.find((e) => e.uid === uid);
  if (!found) throw new Error(`no event ${uid} in ${events.map((e) => e.uid).join(", ")}`);
  return found;
};

function secretariat() {
  const id = env.db.select({ id: users.id }).from(users).where(eq(users.email, "tsb.sg20@secretariat.example")).get()!.id;
  return loadActor(id)!;
}

describe("the meeting's feed", () => {
  let first: string;

  it("answers without a sign-in, as text/calendar that an independent parser reads", async () => {
    const res = await meetingFeed();
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/^text\/calendar/);
    first = await res.text();
    const events = parse(first);
    expect(events.map((e) => e.uid).sort()).toEqual(
      expect.arrayContaining([`deadline-${MEETING}@tracker.example.org`, `meeting-${MEETING}@tracker.example.org`]),
    );
    expect(events).toHaveLength(7); // the deadline, the meeting, five related sessions
    expect(events.filter((e) => e.uid.startsWith("session-")).every((e) => /^session-\d+@tracker\.example\.org$/.test(e.uid))).toBe(true);
  });

  it("has the deadline event at exactly the deadline instant, in UTC", () => {
    const deadline = byUid(parse(first), `deadline-${MEETING}@tracker.example.org`);
    expect(deadline.start.toJSDate().getTime()).toBe(SG20_DEADLINE);
    expect(deadline.start.zone?.tzid).toBe("UTC");
    expect(deadline.end.toJSDate().getTime()).toBe(SG20_DEADLINE);
    expect(first).toContain("DTSTART:20200623T220000Z");
  });

  it("numbers each event's revisions from the history: Corrigendum 1 changed the meeting (mode), not the deadline", () => {
    const events = parse(first);
    expect(byUid(events, `deadline-${MEETING}@tracker.example.org`).sequence).toBe(0);
    const meeting = byUid(events, `meeting-${MEETING}@tracker.example.org`);
    expect(meeting.sequence).toBe(1);
    expect(meeting.start.isDate).toBe(true);
    expect(meeting.start.toString()).toBe("2020-07-06");
    expect(meeting.end.toString()).toBe("2020-07-17");
    // DTSTAMP is the event's last revision, so the same feed fetched twice is the same.
    for (const e of events) expect(e.stamp).toBe(e.lastModified);
  });

  it("is the same byte for byte when nothing changed, and a client holding it gets 304", async () => {
    const again = await meetingFeed();
    expect(await again.text()).toBe(first);
    const etag = again.headers.get("etag");
    expect(etag).toMatch(/^"[\w-]+"$/);
    const notModified = await meetingFeed(MEETING, { "if-none-match": etag! });
    expect(notModified.status).toBe(304);
    expect(await notModified.text()).toBe("");
  });

  it("after a corrigendum moves the deadline: the same UID, a higher SEQUENCE, the new instant, a later DTSTAMP", async () => {
    const before = byUid(parse(first), `deadline-${MEETING}@tracker.example.org`);
    const movedTo = Date.parse("2020-06-25T22:00:00Z");
    const at = Date.parse("2020-06-10T09:30:00Z");
    pinClock(at);
    const changed = updateMeeting(secretariat(), MEETING, { deadline: movedTo }, { reason: "Two more days for everyone", reference: "Corrigendum 2 to Collective letter 8/20" });
    expect(changed.ok).toBe(true);
    const res = await meetingFeed();
    const events = parse(await res.text());
    const after = byUid(events, `deadline-${MEETING}@tracker.example.org`);
    expect(after.start.toJSDate().getTime()).toBe(movedTo);
    const stored = getPublicMeeting(MEETING);
    if (!stored.ok) throw new Error(stored.key);
    expect(after.start.toJSDate().getTime()).toBe(stored.value.deadlineAt);
    expect(after.sequence).toBe(before.sequence + 1);
    expect(after.stamp).toBe(at);
    expect(after.stamp).toBeGreaterThan(before.stamp);
    // The meeting's own event did not change, so neither did its SEQUENCE.
    expect(byUid(events, `meeting-${MEETING}@tracker.example.org`).sequence).toBe(1);

    // Back to the rule, then the whole meeting a week later: the default deadline follows the first day.
    pinClock(at + 3_600_000);
    expect(updateMeeting(secretariat(), MEETING, { deadline: "default" }, { reason: "Back to the letter's deadline", reference: "Corrigendum 3 to Collective letter 8/20" }).ok).toBe(true);
    pinClock(at + 7_200_000);
    expect(updateMeeting(secretariat(), MEETING, { firstDay: "2020-07-13", lastDay: "2020-07-23" }, { reason: "Postponed by a week", reference: "Corrigendum 4 to Collective letter 8/20" }).ok).toBe(true);
    const later = parse(await (await meetingFeed()).text());
    const deadline = byUid(later, `deadline-${MEETING}@tracker.example.org`);
    expect(deadline.sequence).toBe(3);
    expect(deadline.start.toJSDate().toISOString()).toBe("2020-06-30T22:00:00.000Z");
    const meeting = byUid(later, `meeting-${MEETING}@tracker.example.org`);
    expect(meeting.sequence).toBe(2);
    expect(meeting.start.toString()).toBe("2020-07-13");
    // Sessions keep their UIDs whatever happens to the meeting.
    expect(later.filter((e) => e.uid.startsWith("session-")).map((e) => e.uid).sort()).toEqual(parse(first).filter((e) => e.uid.startsWith("session-")).map((e) => e.uid).sort());
  });

  it("answers not_found for a meeting that does not exist", async () => {
    const res = await meetingFeed("SG99-1999-01");
    expect(res.status).toBe(404);
    expect((await res.json()).code).toBe("not_found");
  });
});

describe("the study group's feed", () => {
  it("holds every meeting of the group with the same UIDs as their own feeds, without a sign-in, whatever the case of the code", async () => {
    pinClock(Date.parse("2020-06-11T08:00:00Z"));
    const sec = secretariat();
    expect(
      createMeeting(sec, {
        code: "SG20-2020-12",
        title: "ITU-T Study Group 20 meeting (December)",
        studyGroupCode: "SG20",
        studyPeriodCode: "T17",
        mode: "virtual",
        location: "Virtual",
        firstDay: "2020-12-07",
        lastDay: "2020-12-17",
        timeZone: "Europe/Zurich",
        reference: "Collective letter 12/20",
      }).ok,
    ).toBe(true);
    const session = addMeetingSession(sec, "SG20-2020-12", { title: "Newcomers' session", kind: "newcomers", startsAt: Date.parse("2020-12-07T08:00:00Z"), endsAt: Date.parse("2020-12-07T09:00:00Z"), registrationRequired: false });
    expect(session.ok).toBe(true);

    const res = await groupCalendarRoute.GET(anonymous("/api/v1/study-groups/sg20/calendar.ics"), { params: Promise.resolve({ group: "sg20" }) });
    expect(res.status).toBe(200);
    const events = parse(await res.text());
    const december = byUid(events, "deadline-SG20-2020-12@tracker.example.org");
    expect(december.start.toJSDate().toISOString()).toBe("2020-11-24T23:00:00.000Z"); // the end of 24 November, CET
    expect(december.sequence).toBe(0);
    const own = parse(await (await meetingFeed()).text());
    for (const e of own) expect(byUid(events, e.uid)).toMatchObject({ sequence: e.sequence, stamp: e.stamp });
    expect(events.some((e) => session.ok && e.uid === `session-${session.value.id}@tracker.example.org`)).toBe(true);
  });

  it("answers not_found for a study group that does not exist", async () => {
    const res = await groupCalendarRoute.GET(anonymous("/api/v1/study-groups/SG99/calendar.ics"), { params: Promise.resolve({ group: "SG99" }) });
    expect(res.status).toBe(404);
    expect((await res.json()).code).toBe("not_found");
  });
});
