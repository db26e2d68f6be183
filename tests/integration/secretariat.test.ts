// The secretariat's desk through the real route handlers: deadline moves re-judge, late decisions,
// extensions, the late report (JSON and CSV) and the ICS calendar, on real SQLite and real files.
import { parse as parseCsv } from "csv-parse/sync";
import ICAL from "ical.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as calendarRoute from "@/app/api/v1/meetings/[code]/calendar.ics/route";
import * as extensionsRoute from "@/app/api/v1/meetings/[code]/extensions/route";
import * as lateReportRoute from "@/app/api/v1/meetings/[code]/late-report/route";
import * as meetingRoute from "@/app/api/v1/meetings/[code]/route";
import * as decisionRoute from "@/app/api/v1/late-requests/[id]/decision/route";
import { meetings } from "@/db/schema";
import { pinClock } from "@/lib/time/clock";
import { makePdf, makeTemplateDocx } from "../support/make-docx";
import { freshEnv, type TestEnv } from "../support/db";
import {
  getContributionJson,
  jsonOf,
  MEETING,
  metadata,
  ORIGIN,
  organisationIdOf,
  postContribution,
  postLateRequest,
  userIdOf,
  RAPPORTEUR_Q3,
  SECRETARIAT,
  SWITZERLAND,
  TELCO,
  tokensFor,
  UNIVERSITY,
} from "../support/api";

const CUTOFF = Date.parse("2020-06-23T22:00:00.000Z");
const codeParams = (code = MEETING) => ({ params: Promise.resolve({ code }) });
const idParams = (id: number) => ({ params: Promise.resolve({ id: String(id) }) });

let env: TestEnv;
let tokens: Record<string, string>;
let docx: Buffer;

function req(path: string, token: string, init: RequestInit = {}): Request {
  return new Request(`${ORIGIN}${path}`, { ...init, headers: { authorization: `Bearer ${token}`, "content-type": "application/json", ...(init.headers ?? {}) } });
}

function patchMeeting(token: string, body: unknown) {
  return meetingRoute.PATCH(req(`/api/v1/meetings/${MEETING}`, token, { method: "PATCH", body: JSON.stringify(body) }), codeParams());
}

function decide(token: string, id: number, body: unknown) {
  return decisionRoute.POST(req(`/api/v1/late-requests/${id}/decision`, token, { method: "POST", body: JSON.stringify(body) }), idParams(id));
}

function lateReport(token: string, format?: "csv") {
  return lateReportRoute.GET(req(`/api/v1/meetings/${MEETING}/late-report${format ? "?format=csv" : ""}`, token), codeParams());
}

beforeAll(async () => {
  env = await freshEnv();
  tokens = await tokensFor([SECRETARIAT, RAPPORTEUR_Q3, SWITZERLAND, TELCO, UNIVERSITY]);
  docx = await makeTemplateDocx({ title: "A contribution", questions: "Q3/20" });
});
afterAll(() => env.cleanup());

describe("moving the deadline re-judges what was received", () => {
  it("on time, then LATE when the deadline moves earlier, then on time again when it moves back", async () => {
    pinClock(CUTOFF - 30 * 60_000); // 23:30 Geneva
    const created = await jsonOf(await postContribution(tokens[SWITZERLAND], { file: { bytes: docx, name: "c.docx" } }));
    expect(created.late).toBe(false);

    const earlier = await patchMeeting(tokens[SECRETARIAT], {
      deadline: "2020-06-23T21:00:00Z",
      reason: "Deadline brought forward to 23:00 Geneva time",
      reference: "Corrigendum 2 to Collective letter 8/20",
    });
    expect(earlier.status).toBe(200);
    const afterMove = await jsonOf(await getContributionJson(tokens[SWITZERLAND], created.id));
    expect(afterMove.late).toBe(true);
    expect(afterMove.versions[0].late).toBe(true);

    const back = await patchMeeting(tokens[SECRETARIAT], { deadline: "default", reason: "Back to the rule", reference: "Corrigendum 3 to Collective letter 8/20" });
    expect(back.status).toBe(200);
    const restored = await jsonOf(back);
    expect(restored.meeting.deadline).toBe("2020-06-23T22:00:00.000Z");
    expect(restored.meeting.history.map((h: { reference: string }) => h.reference)).toEqual([
      "Corrigendum 1 to TSB Collective letter 8/20",
      "Corrigendum 2 to Collective letter 8/20",
      "Corrigendum 3 to Collective letter 8/20",
    ]);
    expect((await jsonOf(await getContributionJson(tokens[SWITZERLAND], created.id))).late).toBe(false);
  });

  it("needs a reason and a reference, and only the secretariat may move it", async () => {
    const noReason = await patchMeeting(tokens[SECRETARIAT], { deadline: "2020-06-24T22:00:00Z" });
    expect(noReason.status).toBe(422);
    expect(Object.keys((await jsonOf(noReason)).fields)).toEqual(expect.arrayContaining(["reason", "reference"]));
    const member = await patchMeeting(tokens[TELCO], { deadline: "2020-06-30T22:00:00Z", reason: "I want more time", reference: "none at all" });
    expect(member.status).toBe(403);
    expect(env.db.select().from(meetings).get()?.deadlineAt).toBe(CUTOFF);
  });

  it("moving the first day moves a default deadline with it", async () => {
    const res = await patchMeeting(tokens[SECRETARIAT], { firstDay: "2020-07-13", lastDay: "2020-07-23", reason: "Meeting postponed by a week", reference: "Corrigendum 4" });
    expect(res.status).toBe(200);
    expect((await jsonOf(res)).meeting.deadline).toBe("2020-06-30T22:00:00.000Z");
    await patchMeeting(tokens[SECRETARIAT], { firstDay: "2020-07-06", lastDay: "2020-07-16", reason: "Back to the announced dates", reference: "Corrigendum 5" });
    expect(env.db.select().from(meetings).get()?.deadlineAt).toBe(CUTOFF);
  });
});

describe("late requests and decisions", () => {
  let requestA: number;
  let requestB: number;
  let requestC: number;

  it("admitting a late request gives it the next free number and it keeps the LATE mark", async () => {
    pinClock(CUTOFF - 60_000);
    const onTime = await jsonOf(await postContribution(tokens[TELCO], { file: { bytes: makePdf("on time"), name: "on-time.pdf" } }));
    pinClock(CUTOFF + 2 * 3_600_000 + 14 * 60_000); // 02:14 Geneva, 2 h 14 min late
    const late = await postLateRequest(tokens[UNIVERSITY], { file: { bytes: makePdf("late one"), name: "late.pdf" }, metadata: { ...metadata(), explanation: "Internal approval came late" } });
    expect(late.status).toBe(202);
    const lateBody = await jsonOf(late);
    expect(lateBody.number).toBeNull();
    requestA = lateBody.lateRequestId;
    requestB = (await jsonOf(await postLateRequest(tokens[UNIVERSITY], { file: { bytes: makePdf("late two"), name: "late2.pdf" } }))).lateRequestId;
    requestC = (await jsonOf(await postLateRequest(tokens[TELCO], { file: { bytes: makePdf("late three"), name: "late3.pdf" } }))).lateRequestId;

    const missingReason = await decide(tokens[SECRETARIAT], requestA, { decision: "admit" });
    expect(missingReason.status).toBe(422);
    const byMember = await decide(tokens[UNIVERSITY], requestA, { decision: "admit", reason: "Let me in" });
    expect(byMember.status).toBe(404);

    const admitted = await decide(tokens[SECRETARIAT], requestA, { decision: "admit", reason: "Editor needs it for the Q3 session" });
    expect(admitted.status).toBe(200);
    const outcome = await jsonOf(admitted);
    expect(outcome.status).toBe("admitted");
    expect(outcome.number).toBe(onTime.number + 1);
    const doc = await jsonOf(await getContributionJson(tokens[TELCO], outcome.contributionId));
    expect(doc.status).toBe("active");
    expect(doc.late).toBe(true);
    expect(doc.displayNumber).toBe(`COM 20-C ${onTime.number + 1}`);

    const twice = await decide(tokens[SECRETARIAT], requestA, { decision: "decline", reason: "Changed my mind" });
    expect(twice.status).toBe(409);
  });

  it("declining and reissuing as a TD give no number; deferring needs a later meeting", async () => {
    const declined = await jsonOf(await decide(tokens[SECRETARIAT], requestB, { decision: "decline", reason: "Arrived after the agenda was frozen" }));
    expect(declined).toMatchObject({ status: "declined", number: null });
    const noTarget = await decide(tokens[SECRETARIAT], requestC, { decision: "defer", reason: "Next meeting", deferTo: MEETING });
    expect(noTarget.status).toBe(422);
    const td = await jsonOf(await decide(tokens[SECRETARIAT], requestC, { decision: "reissue_as_td", reason: "Information for the plenary", tdReference: "SG20-TD123" }));
    expect(td).toMatchObject({ status: "reissued_td", number: null });
  });

  it("the late report counts every request, decision, extension and refused attempt, with the same isLate", async () => {
    // A refused regular attempt after the cutoff, and an extension for Switzerland.
    const refused = await postContribution(tokens[SWITZERLAND], { file: { bytes: makePdf("too late"), name: "too-late.pdf" } });
    expect(refused.status).toBe(409);
    const grant = await extensionsRoute.POST(
      req(`/api/v1/meetings/${MEETING}/extensions`, tokens[SECRETARIAT], {
        method: "POST",
        body: JSON.stringify({ organisation: organisationIdOf(env, SWITZERLAND), until: "2020-06-24T06:00:00Z", reason: "Network outage at the administration" }),
      }),
      codeParams(),
    );
    expect(grant.status).toBe(201);
    const viaExtension = await jsonOf(await postContribution(tokens[SWITZERLAND], { file: { bytes: makePdf("extended"), name: "extended.pdf" } }));
    expect(viaExtension.late).toBe(true);
    expect(viaExtension.number).not.toBeNull();

    const report = await jsonOf(await lateReport(tokens[SECRETARIAT]));
    expect(report.summary).toMatchObject({ awaitingDecision: 0, admitted: 1, declined: 1, reissuedAsTd: 1, lateContributions: 2, activeExtensions: 1, refusedAfterDeadline: 1 });
    const admitted = report.lateRequests.find((r: { id: number }) => r.id === requestA);
    expect(admitted).toMatchObject({ status: "admitted", organisation: "Example University", decisionReason: "Editor needs it for the Q3 session", lateBy: "2 h 14 min after the cutoff" });
    expect(admitted.receivedAtGeneva).toBe("Wed 24 Jun 2020, 02:14:00 CEST (UTC+2)");
    expect(report.lateContributions.map((c: { admittedVia: string }) => c.admittedVia).sort()).toEqual(["extension", "late request"]);
    const buckets = report.arrivalsPerHour as Array<{ start: string; onTime: number; late: number }>;
    expect(buckets.find((b) => b.start === "2020-06-23T21:00:00.000Z")?.onTime).toBeGreaterThanOrEqual(1);
    expect(buckets.filter((b) => Date.parse(b.start) >= CUTOFF).reduce((n, b) => n + b.late, 0)).toBe(4);

    const forbidden = await lateReport(tokens[RAPPORTEUR_Q3]);
    expect(forbidden.status).toBe(404);
  });

  it("the CSV of the report parses, and no cell can start a formula", async () => {
    pinClock(CUTOFF + 3 * 3_600_000);
    await postLateRequest(tokens[TELCO], { file: { bytes: makePdf("formula"), name: "f.pdf" }, metadata: metadata({ title: "=HYPERLINK(\"http://evil\")" }) });
    const res = await lateReport(tokens[SECRETARIAT], "csv");
    expect(res.headers.get("content-type")).toMatch(/text\/csv/);
    const rows = parseCsv(await res.text(), { bom: true, columns: true }) as Array<Record<string, string>>;
    expect(Object.keys(rows[0])).toEqual(["Type", "Status", "Number", "Title or file", "Member", "Organisation", "Questions", "When (UTC)", "When (Geneva)", "How late", "Decision", "Decided by", "Reason"]);
    expect(rows.filter((r) => r.Type === "late request")).toHaveLength(4);
    expect(rows.find((r) => r["Title or file"].includes("HYPERLINK"))?.["Title or file"]).toBe("'=HYPERLINK(\"http://evil\")");
    for (const r of rows) for (const v of Object.values(r)) expect(v).not.toMatch(/^[=+\-@]/);
  });
});

describe("the late report page's window", () => {
  it("shows one page of the requests awaiting a decision and the latest decided, with counts of everything", async () => {
    const { buildLateReport } = await import("@/lib/data/late-report");
    const { loadActor } = await import("@/lib/data/actor");
    const secretariat = loadActor(userIdOf(env, SECRETARIAT))!;
    const before = buildLateReport(secretariat, MEETING);
    if (!before.ok) throw new Error(before.key);
    const ids: number[] = [];
    for (let i = 0; i < 23; i++) {
      pinClock(CUTOFF + 5 * 3_600_000 + i * 60_000);
      ids.push((await jsonOf(await postLateRequest(tokens[UNIVERSITY], { file: { bytes: makePdf(`windowed ${i}`), name: `w${i}.pdf` }, metadata: metadata({ title: `Windowed request ${i}` }) }))).lateRequestId);
    }
    pinClock(CUTOFF + 9 * 3_600_000);
    for (const id of ids.slice(0, 3)) expect((await decide(tokens[SECRETARIAT], id, { decision: "decline", reason: `Declined ${id}` })).status).toBe(200);

    const full = buildLateReport(secretariat, MEETING);
    const paged = buildLateReport(secretariat, MEETING, { awaitingPage: 2, awaitingPageSize: 8, listLimit: 2 });
    if (!full.ok || !paged.ok) throw new Error("no report");
    // The counts do not depend on the window, and they follow what happened.
    expect(paged.value.summary).toEqual(full.value.summary);
    expect(paged.value.arrivals).toEqual(full.value.arrivals);
    expect(full.value.summary.awaitingDecision).toBe(before.value.summary.awaitingDecision + 20);
    expect(full.value.summary.declined).toBe(before.value.summary.declined + 3);

    const awaitingAll = full.value.lateRequests.filter((r) => r.status === "awaiting_decision");
    const awaitingPage = paged.value.lateRequests.filter((r) => r.status === "awaiting_decision");
    expect(awaitingPage.map((r) => r.id)).toEqual(awaitingAll.slice(8, 16).map((r) => r.id));
    expect(paged.value.awaitingPage).toEqual({ page: 2, pages: Math.ceil(awaitingAll.length / 8), pageSize: 8 });
    // The most recently decided first, at most listLimit of them.
    const decided = paged.value.lateRequests.filter((r) => r.status !== "awaiting_decision");
    expect(decided).toHaveLength(2);
    expect(decided.every((r) => r.decisionReason?.startsWith("Declined "))).toBe(true);
    expect(decided[0].decidedAt! >= decided[1].decidedAt!).toBe(true);
    expect(paged.value.refused.length).toBeLessThanOrEqual(2);
    expect(paged.value.lateContributions.length + paged.value.lateRevisions.length).toBeLessThanOrEqual(2);

    // A page past the end shows the last page; a nonsense page the first.
    const last = Math.ceil(awaitingAll.length / 8);
    const beyond = buildLateReport(secretariat, MEETING, { awaitingPage: 99, awaitingPageSize: 8, listLimit: 2 });
    const nonsense = buildLateReport(secretariat, MEETING, { awaitingPage: Number("abc"), awaitingPageSize: 8, listLimit: 2 });
    if (!beyond.ok || !nonsense.ok) throw new Error("no report");
    expect(beyond.value.awaitingPage?.page).toBe(last);
    expect(beyond.value.lateRequests.filter((r) => r.status === "awaiting_decision").map((r) => r.id)).toEqual(awaitingAll.slice((last - 1) * 8).map((r) => r.id));
    expect(nonsense.value.awaitingPage?.page).toBe(1);
  });
});

describe("meetings and deferral", () => {
  it("the secretariat creates the next meeting (default deadline by the rule) and defers a late request to it", async () => {
    const { createMeeting } = await import("@/lib/data/meeting-admin");
    const { loadActor } = await import("@/lib/data/actor");
    const tsb = loadActor(userIdOf(env, SECRETARIAT))!;
    const member = loadActor(userIdOf(env, TELCO))!;
    const input = {
      code: "SG20-2020-12",
      title: "ITU-T Study Group 20 meeting (test)",
      studyGroupCode: "SG20",
      studyPeriodCode: "T17",
      mode: "virtual" as const,
      location: "Virtual",
      firstDay: "2021-01-11",
      lastDay: "2021-01-21",
      timeZone: "Europe/Zurich",
      deadline: null,
      reference: "Collective letter 10/20",
    };
    expect(createMeeting(member, input)).toMatchObject({ ok: false, code: "forbidden" });
    expect(createMeeting(tsb, input)).toMatchObject({ ok: true });
    expect(createMeeting(tsb, input)).toMatchObject({ ok: false, code: "invalid" });
    const created = env.db.select().from(meetings).all().find((m) => m.code === "SG20-2020-12")!;
    expect(created.deadlineAt).toBe(Date.parse("2020-12-29T23:00:00.000Z")); // 29 Dec 2020 ends at 24:00 CET (UTC+1)

    pinClock(CUTOFF + 5 * 3_600_000);
    const late = await jsonOf(await postLateRequest(tokens[UNIVERSITY], { file: { bytes: makePdf("for the next meeting"), name: "next.pdf" } }));
    const deferred = await decide(tokens[SECRETARIAT], late.lateRequestId, { decision: "defer", reason: "Better discussed at the next meeting", deferTo: "SG20-2020-12" });
    expect(deferred.status).toBe(200);
    const outcome = await jsonOf(deferred);
    expect(outcome).toMatchObject({ status: "deferred", meetingCode: "SG20-2020-12" });
    expect(outcome.number).not.toBeNull();
    const doc = await jsonOf(await getContributionJson(tokens[UNIVERSITY], late.id));
    expect(doc.meeting).toBe("SG20-2020-12");
    // Judged against the new meeting's deadline, it is on time there.
    expect(doc.late).toBe(false);
    // The original meeting's report still lists the request, as deferred.
    const report = await jsonOf(await lateReport(tokens[SECRETARIAT]));
    expect(report.lateRequests.find((r: { id: number }) => r.id === late.lateRequestId)).toMatchObject({ status: "deferred", deferredTo: "SG20-2020-12" });
  });
});

describe("calendar", () => {
  it("the ICS parses with an independent parser and its deadline event starts at the deadline instant", async () => {
    const res = await calendarRoute.GET(req(`/api/v1/meetings/${MEETING}/calendar.ics`, tokens[TELCO]), codeParams());
    expect(res.headers.get("content-type")).toMatch(/text\/calendar/);
    const comp = new ICAL.Component(ICAL.parse(await res.text()));
    const events = comp.getAllSubcomponents("vevent").map((v) => new ICAL.Event(v));
    const deadline = events.find((e) => e.summary.includes("contribution deadline"));
    expect(deadline?.startDate.toJSDate().getTime()).toBe(CUTOFF);
    const meeting = events.find((e) => e.summary.includes("Study Group 20 meeting"));
    expect(meeting?.startDate.isDate).toBe(true);
    expect(meeting?.startDate.toString()).toBe("2020-07-06");
    expect(meeting?.endDate.toString()).toBe("2020-07-17");
    const jca = events.find((e) => e.summary.startsWith("JCA-IoT"));
    expect(jca?.startDate.toJSDate().toISOString()).toBe("2020-06-26T09:00:00.000Z");
    expect(events).toHaveLength(7);
  });
});
