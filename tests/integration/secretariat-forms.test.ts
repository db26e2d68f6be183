// The secretariat's forms and the API parse each input with one schema (lib/validation/secretariat.ts): the same input
// is refused by both for the same reason, in the same words; the form's own fields (a Geneva wall time, the deadline
// radio, a ticked box) are turned into the API's body first. Nothing refused is stored.
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import * as decisionRoute from "@/app/api/v1/late-requests/[id]/decision/route";
import * as extensionsRoute from "@/app/api/v1/meetings/[code]/extensions/route";
import * as meetingRoute from "@/app/api/v1/meetings/[code]/route";
import { extensions, meetingChanges, meetings, meetingSessions, organisations, users } from "@/db/schema";
import { defaultDeadline } from "@/lib/time/deadlines";
import { freshEnv, type TestEnv } from "../support/db";
import { jsonOf, MEETING, ORIGIN, SECRETARIAT, tokensFor } from "../support/api";
import { form } from "../support/action-request";

// The request around the action: who is signed in (the secretariat), in English.
const request = vi.hoisted(() => ({ userId: null as number | null, acceptLanguage: "en" }));

vi.mock("@/lib/auth/session", () => import("../support/action-request").then((m) => m.sessionModule(request)));
vi.mock("next/headers", () => import("../support/action-request").then((m) => m.headersModule(request)));
vi.mock("next/cache", () => ({ revalidatePath: () => undefined }));
vi.mock("next/navigation", () => ({
  redirect: (to: string) => {
    throw Object.assign(new Error(`redirect ${to}`), { redirectedTo: to });
  },
}));

const { addSessionAction, decideLateRequestAction, grantExtensionAction, updateMeetingAction } = await import("@/app/meetings/[code]/actions");
const { createMeetingAction } = await import("@/app/secretariat/meetings/actions");

let env: TestEnv;
let token: string;

function meetingRow() {
  return env.db.select().from(meetings).where(eq(meetings.code, MEETING)).get()!;
}

function api(method: string, path: string, body: unknown) {
  return new Request(`${ORIGIN}/api/v1${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
    body: JSON.stringify(body),
  });
}

function patchMeeting(body: unknown) {
  return meetingRoute.PATCH(api("PATCH", `/meetings/${MEETING}`, body), { params: Promise.resolve({ code: MEETING }) });
}

/** The facts form as the manage page sends it: every fact as stored, the deadline kept. */
function factsForm(overrides: Record<string, string> = {}): FormData {
  const m = meetingRow();
  return form({
    title: m.title,
    mode: m.mode,
    location: m.location,
    firstDay: m.firstDay,
    lastDay: m.lastDay,
    timeZone: m.timeZone,
    deadlineMode: "keep",
    deadline: "",
    reason: "Corrigendum moving the dates",
    reference: "Corrigendum 2 to Collective letter 8/20",
    ...overrides,
  });
}

beforeAll(async () => {
  env = await freshEnv();
  ({ [SECRETARIAT]: token } = await tokensFor([SECRETARIAT]));
});

afterAll(() => env.cleanup());

beforeEach(() => {
  request.userId = env.db.select({ id: users.id }).from(users).where(eq(users.email, SECRETARIAT)).get()!.id;
});

describe("a meeting's change", () => {
  it("needs a reason of 3 characters and a reference, from the form as from the API, in the same words", async () => {
    const before = meetingRow();
    const changes = env.db.select().from(meetingChanges).all().length;
    const state = await updateMeetingAction(MEETING, {}, factsForm({ location: "Elsewhere", reason: "ab", reference: "" }));
    const expected = { reason: "Say why the meeting changes.", reference: "Give the reference, e.g. 'Corrigendum 1 to Collective letter 8/20'." };
    expect(state.fields).toEqual(expected);
    expect(state.error).toBe(`Some fields need your attention: ${expected.reason} ${expected.reference}`);
    const res = await patchMeeting({ location: "Elsewhere", reason: "ab", reference: "" });
    expect(res.status).toBe(422);
    expect((await jsonOf(res)).fields).toEqual(expected);
    expect(meetingRow()).toEqual(before);
    expect(env.db.select().from(meetingChanges).all()).toHaveLength(changes);
  });

  it("refuses a day that is not in the calendar from the forms too (they parse with the API's schema)", async () => {
    const before = meetingRow();
    const state = await updateMeetingAction(MEETING, {}, factsForm({ firstDay: "2021-02-29", deadlineMode: "override", deadline: "2021-02-10T23:59:59" }));
    expect(state.fields).toEqual({ firstDay: "There is no such day in the calendar: check the day of the month." });
    expect(meetingRow()).toEqual(before);
    const created = await createMeetingAction(
      {},
      form({
        code: "SG20-2021-02",
        title: "A meeting that cannot happen",
        studyGroupCode: "SG20",
        studyPeriodCode: "T17",
        mode: "virtual",
        location: "Geneva",
        firstDay: "2021-02-30",
        lastDay: "2021-03-04",
        timeZone: "Europe/Zurich",
        deadline: "",
        reference: "Collective letter 99",
      }),
    );
    expect(created.fields).toMatchObject({ firstDay: expect.stringMatching(/no such day/) });
    expect(env.db.select().from(meetings).where(eq(meetings.code, "SG20-2021-02")).get()).toBeUndefined();
  });

  it("the deadline radio: a Geneva time is the body's ISO instant, the rule is \"default\", an unreadable time is said in the form's words", async () => {
    const moved = await updateMeetingAction(MEETING, {}, factsForm({ deadlineMode: "override", deadline: "2020-06-25T00:00:00" }));
    expect(moved).toEqual({ message: "Saved: deadline, deadline rule. Lateness of every contribution now follows the new facts." });
    expect(meetingRow()).toMatchObject({ deadlineAt: Date.parse("2020-06-24T22:00:00Z"), deadlineRule: "override" });
    const unreadable = await updateMeetingAction(MEETING, {}, factsForm({ deadlineMode: "override", deadline: "2020-06-31T00:00:00" }));
    expect(unreadable.fields).toEqual({ deadline: "Give the new deadline as a Geneva date and time (the first instant that is late)." });
    const back = await updateMeetingAction(MEETING, {}, factsForm({ deadlineMode: "default", reference: "Corrigendum 3 to Collective letter 8/20" }));
    expect(back.error).toBeUndefined();
    expect(meetingRow()).toMatchObject({ deadlineAt: defaultDeadline(meetingRow().firstDay), deadlineRule: "default" });
  });
});

describe("an extension", () => {
  const orgId = () => env.db.select({ id: organisations.id }).from(organisations).where(eq(organisations.name, "Example Telecom Ltd")).get()!.id;
  const granted = () => env.db.select().from(extensions).all().length;

  it("needs a reason of 3 characters and is for an organisation or a member, not both, from the form as from the API", async () => {
    const before = granted();
    const state = await grantExtensionAction(MEETING, {}, form({ organisation: String(orgId()), user: "", until: "2020-06-24T12:00:00", reason: "ok" }));
    expect(state.fields).toEqual({ reason: "Give the reason for the extension." });
    const res = await extensionsRoute.POST(api("POST", `/meetings/${MEETING}/extensions`, { organisation: orgId(), until: "2020-06-24T10:00:00Z", reason: "ok" }), {
      params: Promise.resolve({ code: MEETING }),
    });
    expect(res.status).toBe(422);
    expect((await jsonOf(res)).fields).toEqual({ reason: "Give the reason for the extension." });

    const both = await grantExtensionAction(MEETING, {}, form({ organisation: String(orgId()), user: "delegate@telco.example", until: "2020-06-24T12:00:00", reason: "Power cut" }));
    expect(both.fields).toEqual({ organisation: "Give either an organisation id or a user's e-mail, not both." });
    const neither = await grantExtensionAction(MEETING, {}, form({ organisation: "", user: "", until: "2020-06-24T12:00:00", reason: "Power cut" }));
    expect(neither.fields).toEqual({ organisation: "Name the organisation or the member the extension is for." });
    const unreadable = await grantExtensionAction(MEETING, {}, form({ organisation: String(orgId()), user: "", until: "2020-06-24T25:00:00", reason: "Power cut" }));
    expect(unreadable.fields).toEqual({ until: "Give the end of the extension as a Geneva date and time." });
    expect(granted()).toBe(before);

    const ok = await grantExtensionAction(MEETING, {}, form({ organisation: String(orgId()), user: "", until: "2020-06-24T12:00:00", reason: "Power cut" }));
    expect(ok).toEqual({ message: "Extension granted." });
    expect(env.db.select().from(extensions).all().at(-1)).toMatchObject({ organisationId: orgId(), userId: null, untilAt: Date.parse("2020-06-24T10:00:00Z"), reason: "Power cut" });
  });
});

describe("a late decision", () => {
  it("needs a reason of 3 characters, from the form as from the API", async () => {
    const state = await decideLateRequestAction(MEETING, {}, form({ requestId: "999999", decision: "admit", reason: " x " }));
    const reason = "Give the reason for the decision; the submitter will read it.";
    expect(state.fields).toEqual({ reason });
    const res = await decisionRoute.POST(api("POST", "/late-requests/999999/decision", { decision: "admit", reason: " x " }), { params: Promise.resolve({ id: "999999" }) });
    expect(res.status).toBe(422);
    expect((await jsonOf(res)).fields).toEqual({ reason });
  });
});

describe("a related session", () => {
  it("ends after it starts, has a title and a known kind; its times are Geneva wall times", async () => {
    const before = env.db.select().from(meetingSessions).all().length;
    const session = { title: "Newcomers' session", kind: "newcomers", startsAt: "2020-07-06T09:00", endsAt: "2020-07-06T08:00", note: "" };
    expect((await addSessionAction(MEETING, {}, form(session))).fields).toEqual({ endsAt: "The session must end after it starts." });
    expect((await addSessionAction(MEETING, {}, form({ ...session, endsAt: "2020-07-06T10:00", title: " ", kind: "party" }))).fields).toMatchObject({
      title: "A title is required.",
      kind: expect.any(String),
    });
    expect((await addSessionAction(MEETING, {}, form({ ...session, startsAt: "tomorrow" }))).fields).toEqual({ startsAt: "Give the start and the end as Geneva dates and times." });
    expect(env.db.select().from(meetingSessions).all()).toHaveLength(before);
    expect(await addSessionAction(MEETING, {}, form({ ...session, endsAt: "2020-07-06T10:00", registrationRequired: "on" }))).toEqual({ message: "Session added." });
    expect(env.db.select().from(meetingSessions).all().at(-1)).toMatchObject({
      title: "Newcomers' session",
      kind: "newcomers",
      startsAt: Date.parse("2020-07-06T07:00:00Z"),
      endsAt: Date.parse("2020-07-06T08:00:00Z"),
      registrationRequired: true,
      note: null,
    });
  });
});
