// The long lists a page at a time (My contributions, a meeting's documents and their API), scoped exactly as the
// whole lists were, and the late report in a decade's shape: far more versions received since a meeting's cutoff
// (every later meeting's) than the meeting has contributions.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as decisionRoute from "@/app/api/v1/late-requests/[id]/decision/route";
import * as meetingContributionsRoute from "@/app/api/v1/meetings/[code]/contributions/route";
import { loadActor } from "@/lib/data/actor";
import { listMeetingContributions, listOrganisationContributions, type ContributionDto } from "@/lib/data/contributions";
import { buildLateReport } from "@/lib/data/late-report";
import { createMeeting } from "@/lib/data/meeting-admin";
import { pinClock } from "@/lib/time/clock";
import { makePdf } from "../support/make-docx";
import { freshEnv, SG20_DEADLINE, type TestEnv } from "../support/db";
import { jsonOf, MEETING, metadata, ORIGIN, postContribution, postLateRequest, SECRETARIAT, SWITZERLAND, TELCO, tokensFor, UNIVERSITY, userIdOf, type Json } from "../support/api";

const HOUR = 3_600_000;
const NEXT = "SG20-2020-12";

let env: TestEnv;
let tokens: Record<string, string>;
const ids: Record<string, number[]> = { telco: [], university: [], switzerland: [] };
let lateId = 0;

function listPage(token: string, query: string, code = MEETING): Promise<Response> {
  return meetingContributionsRoute.GET(new Request(`${ORIGIN}/api/v1/meetings/${code}/contributions${query}`, { headers: { authorization: `Bearer ${token}` } }), {
    params: Promise.resolve({ code }),
  });
}

async function submit(who: string, title: string, at: number, code = MEETING): Promise<number> {
  pinClock(at);
  const res = await postContribution(tokens[who], { file: { bytes: makePdf(title), name: `${title}.pdf` }, metadata: metadata({ title }) }, code);
  expect(res.status, title).toBe(201);
  return (await jsonOf(res)).id;
}

beforeAll(async () => {
  env = await freshEnv();
  tokens = await tokensFor([SECRETARIAT, SWITZERLAND, TELCO, UNIVERSITY]);
  const tsb = loadActor(userIdOf(env, SECRETARIAT))!;
  // The next SG20 meeting: its deadline (29 December 2020) is months after the July meeting's.
  const next = createMeeting(tsb, {
    code: NEXT,
    title: "ITU-T Study Group 20 meeting (next)",
    studyGroupCode: "SG20",
    studyPeriodCode: "T17",
    mode: "virtual",
    location: "Virtual",
    firstDay: "2021-01-11",
    lastDay: "2021-01-21",
    timeZone: "Europe/Zurich",
    deadline: null,
    reference: "Collective letter 10/20",
  });
  expect(next.ok).toBe(true);

  // Before the July cutoff: five from Example Telecom, two from the university, one an hour apart each.
  for (let i = 0; i < 5; i++) ids.telco.push(await submit(TELCO, `Telecom proposal ${i + 1}`, SG20_DEADLINE - (20 - i) * HOUR));
  for (let i = 0; i < 2; i++) ids.university.push(await submit(UNIVERSITY, `University study ${i + 1}`, SG20_DEADLINE - (10 - i) * HOUR));
  // After it: a late request from Switzerland, still awaiting a decision, and one from the university, admitted.
  pinClock(SG20_DEADLINE + 2 * HOUR);
  const awaiting = await jsonOf(await postLateRequest(tokens[SWITZERLAND], { file: { bytes: makePdf("Swiss late"), name: "swiss-late.pdf" }, metadata: metadata({ title: "Swiss late" }) }));
  lateId = awaiting.id;
  pinClock(SG20_DEADLINE + 3 * HOUR);
  const admitted = await jsonOf(await postLateRequest(tokens[UNIVERSITY], { file: { bytes: makePdf("University late"), name: "uni-late.pdf" }, metadata: metadata({ title: "University late" }) }));
  pinClock(SG20_DEADLINE + 4 * HOUR);
  const decision = await decisionRoute.POST(
    new Request(`${ORIGIN}/api/v1/late-requests/${admitted.lateRequestId}/decision`, {
      method: "POST",
      headers: { authorization: `Bearer ${tokens[SECRETARIAT]}`, "content-type": "application/json" },
      body: JSON.stringify({ decision: "admit", reason: "The editor needs it" }),
    }),
    { params: Promise.resolve({ id: String(admitted.lateRequestId) }) },
  );
  expect(decision.status).toBe(200);
  // Months later, for the next meeting: every one of these was received after the July cutoff.
  for (let i = 0; i < 12; i++) ids.switzerland.push(await submit(SWITZERLAND, `Swiss proposal for December ${i + 1}`, SG20_DEADLINE + (30 + i) * 24 * HOUR, NEXT));
});
afterAll(() => env.cleanup());

const idsOf = (list: ContributionDto[]) => list.map((c) => c.id);

describe("My contributions, a page at a time", () => {
  it("newest first, every page of the organisation's own and nothing else, with the total", () => {
    const telco = loadActor(userIdOf(env, TELCO))!;
    const pages = [1, 2, 3].map((page) => listOrganisationContributions(telco, { page, pageSize: 2 }));
    expect(pages.map((p) => p.items.length)).toEqual([2, 2, 1]);
    expect(pages.every((p) => p.total === 5 && p.pageSize === 2)).toBe(true);
    expect(pages.flatMap((p) => idsOf(p.items))).toEqual([...ids.telco].reverse());
    // Past the last page: nothing, and still the total.
    expect(listOrganisationContributions(telco, { page: 4, pageSize: 2 })).toMatchObject({ items: [], total: 5, page: 4 });
    // The default page holds all five; a nonsense page or size falls back to the defaults.
    expect(idsOf(listOrganisationContributions(telco).items)).toEqual([...ids.telco].reverse());
    expect(listOrganisationContributions(telco, { page: Number.NaN, pageSize: Number.NaN })).toMatchObject({ total: 5, page: 1, pageSize: 50 });
    // The university's list has its own two and its late request, never Example Telecom's.
    const university = listOrganisationContributions(loadActor(userIdOf(env, UNIVERSITY))!, { pageSize: 500 });
    expect(university.total).toBe(3);
    expect(university.items.every((c) => c.source === "Example University")).toBe(true);
  });
});

describe("a meeting's contributions, a page at a time", () => {
  it("the pages put together are the whole list the actor may see: the admitted, and their own late request", () => {
    const swiss = loadActor(userIdOf(env, SWITZERLAND))!;
    const whole = listMeetingContributions(swiss, MEETING, { pageSize: 500 });
    if (!whole.ok) throw new Error(whole.key);
    // Eight admitted (the university's late one among them, numbered last), and Switzerland's own awaiting request.
    expect(whole.value.total).toBe(9);
    expect(whole.value.items.map((c) => c.id)).toContain(lateId);
    const paged = [1, 2, 3, 4, 5].map((page) => listMeetingContributions(swiss, MEETING, { page, pageSize: 2 }));
    expect(paged.flatMap((p) => (p.ok ? idsOf(p.value.items) : []))).toEqual(idsOf(whole.value.items));
    expect(paged.map((p) => (p.ok ? p.value.items.length : -1))).toEqual([2, 2, 2, 2, 1]);

    // Another organisation never sees Switzerland's request, on any page, nor in the total.
    const telco = loadActor(userIdOf(env, TELCO))!;
    const theirs = listMeetingContributions(telco, MEETING, { pageSize: 500 });
    if (!theirs.ok) throw new Error(theirs.key);
    expect(theirs.value.total).toBe(8);
    expect(idsOf(theirs.value.items)).not.toContain(lateId);

    // The document list: what the meeting admitted, the same for everyone, by number.
    const documents = listMeetingContributions(swiss, MEETING, { admittedOnly: true, pageSize: 3 });
    if (!documents.ok) throw new Error(documents.key);
    expect(documents.value.total).toBe(8);
    expect(documents.value.items.map((c) => c.number)).toEqual([1, 2, 3]);
    const tsb = listMeetingContributions(loadActor(userIdOf(env, SECRETARIAT))!, MEETING, { admittedOnly: true, pageSize: 500 });
    expect(tsb.ok && idsOf(tsb.value.items)).toEqual(idsOf(theirs.value.items));
  });

  it("GET /api/v1/meetings/{code}/contributions pages with page and pageSize, and refuses nonsense with 422", async () => {
    const first = await jsonOf(await listPage(tokens[TELCO], ""));
    expect(first).toMatchObject({ total: 8, page: 1, pageSize: 50 });
    expect(first.contributions).toHaveLength(8);
    const second = await jsonOf(await listPage(tokens[TELCO], "?page=2&pageSize=3"));
    expect(second).toMatchObject({ total: 8, page: 2, pageSize: 3 });
    expect(second.contributions.map((c: Json) => c.number)).toEqual([4, 5, 6]);
    expect((await jsonOf(await listPage(tokens[TELCO], "?page=9&pageSize=3"))).contributions).toEqual([]);
    for (const bad of ["?pageSize=0", "?pageSize=501", "?page=0", "?page=two"]) {
      const res = await listPage(tokens[TELCO], bad);
      expect(res.status, bad).toBe(422);
      expect((await jsonOf(res)).code).toBe("invalid");
    }
  });
});

describe("the late report when later meetings have received far more", () => {
  it("lists this meeting's late arrivals only, whichever side drives the query", () => {
    const tsb = loadActor(userIdOf(env, SECRETARIAT))!;
    const july = buildLateReport(tsb, MEETING);
    if (!july.ok) throw new Error(july.key);
    // Twelve versions of December's meeting arrived after July's cutoff; the July meeting has nine contributions.
    expect(july.value.lateContributions.map((c) => c.title)).toEqual(["University late"]);
    expect(july.value.summary).toMatchObject({ lateContributions: 1, lateRevisions: 0, awaitingDecision: 1, admitted: 1 });
    const chartLate = july.value.arrivals.reduce((n, b) => n + b.late, 0);
    expect(chartLate).toBe(2); // the two late requests' versions, within twelve hours of the cutoff
    const december = buildLateReport(tsb, NEXT);
    if (!december.ok) throw new Error(december.key);
    expect(december.value.lateContributions).toEqual([]);
    expect(december.value.summary.lateContributions).toBe(0);
  });
});
