// The demo's content (scripts/demo-content.ts) on a fresh database with the real migrations: what a newcomer finds
// at 18:00 Geneva on 23 June 2020, the closed February meeting's late report, real documents, and the same demo every run.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { asc, eq } from "drizzle-orm";
import {
  comments,
  contributions,
  contributionVersions,
  extensions,
  lateRequests,
  meetingChanges,
  meetings,
  organisations,
  refusedAttempts,
  reviews,
  storedFiles,
  users,
} from "@/db/schema";
import { seedDemo } from "@/db/seed";
import { adoptDb, type DB } from "@/db/client";
import { CLOSED_MEETING, DEMO_SEED_AT, DEMO_START, generateDemoContent, OPEN_MEETING, type DemoContentSummary } from "@/scripts/demo-content";
import { loadActor } from "@/lib/data/actor";
import { listMeetingContributions } from "@/lib/data/contributions";
import { buildLateReport } from "@/lib/data/late-report";
import { getMeeting } from "@/lib/data/meetings";
import { listMyQuestions } from "@/lib/data/review-questions";
import { listQuestionQueue } from "@/lib/data/review-queue";
import { checkUploadedFile } from "@/lib/files/file-type";
import { readCoverPage } from "@/lib/files/docx-cover";
import { storedPath } from "@/lib/files/storage";
import { defaultDeadline } from "@/lib/time/deadlines";
import { genevaDate } from "@/lib/time/geneva";
import { freshEnv, type TestEnv } from "../support/db";



async function demo(): Promise<{ env: TestEnv; summary: DemoContentSummary; wallMs: number }> {
  const env = await freshEnv({ seed: false });
  await seedDemo(env.db, DEMO_SEED_AT);
  const started = performance.now();
  const summary = await generateDemoContent(env.db);
  if (!summary) throw new Error("no content was generated");
  return { env, summary, wallMs: performance.now() - started };
}

function actor(db: DB, email: string) {
  const row = db.select({ id: users.id }).from(users).where(eq(users.email, email)).get();
  return loadActor(row!.id, db)!;
}

/** Everything the demo made, without ids' meaning lost: to compare two runs. */
function snapshot(db: DB) {
  return {
    contributions: db
      .select({ number: contributions.number, title: contributions.title, status: contributions.status, org: organisations.name, meeting: meetings.code, createdAt: contributions.createdAt })
      .from(contributions)
      .innerJoin(organisations, eq(organisations.id, contributions.organisationId))
      .innerJoin(meetings, eq(meetings.id, contributions.meetingId))
      .orderBy(asc(contributions.id))
      .all(),
    versions: db
      .select({ c: contributionVersions.contributionId, kind: contributionVersions.kind, ordinal: contributionVersions.ordinal, at: contributionVersions.receivedAt, state: contributionVersions.state, name: contributionVersions.originalName, sha256: storedFiles.sha256 })
      .from(contributionVersions)
      .innerJoin(storedFiles, eq(storedFiles.id, contributionVersions.fileId))
      .orderBy(asc(contributionVersions.id))
      .all(),
    lateRequests: db.select().from(lateRequests).orderBy(asc(lateRequests.id)).all(),
    extensions: db.select().from(extensions).orderBy(asc(extensions.id)).all(),
    refused: db.select().from(refusedAttempts).orderBy(asc(refusedAttempts.id)).all(),
    reviews: db.select().from(reviews).orderBy(asc(reviews.contributionId)).all(),
    comments: db.select().from(comments).orderBy(asc(comments.id)).all(),
    history: db.select().from(meetingChanges).orderBy(asc(meetingChanges.id)).all(),
  };
}

let first: { env: TestEnv; summary: DemoContentSummary; wallMs: number };

beforeAll(async () => {
  first = await demo();
}, 180_000);

afterAll(() => first?.env.cleanup());

describe("the July meeting at the demo's start (18:00 Geneva, 23 June 2020)", () => {
  it("holds about 80 contributions from about 20 organisations of every kind, across Q1-Q7, some to several Questions", () => {
    const sec = actor(first.env.db, "tsb.sg20@secretariat.example");
    const all = listMeetingContributions(sec, OPEN_MEETING, { page: 1, pageSize: 500 });
    if (!all.ok) throw new Error(all.key);
    const own = all.value.items.filter((c) => c.versions[0]!.receivedAt > Date.parse("2020-05-01T00:00:00Z"));
    expect(own.length).toBeGreaterThanOrEqual(75);
    expect(own.length).toBeLessThanOrEqual(85);
    const orgIds = new Set(own.map((c) => c.organisationId));
    expect(orgIds.size).toBeGreaterThanOrEqual(18);
    const types = new Set(first.env.db.select({ t: organisations.memberType, id: organisations.id }).from(organisations).all().filter((o) => orgIds.has(o.id)).map((o) => o.t));
    expect([...types].sort()).toEqual(["academia", "associate", "member_state", "sector_member"]);
    const questions = new Set(own.flatMap((c) => c.questions));
    expect([...questions].sort()).toEqual(["Q1/20", "Q2/20", "Q3/20", "Q4/20", "Q5/20", "Q6/20", "Q7/20"]);
    expect(own.filter((c) => c.questions.length > 1).length).toBeGreaterThanOrEqual(5);
    // Real-looking titles, all distinct.
    expect(new Set(own.map((c) => c.title)).size).toBe(own.length);
    expect(own.every((c) => c.title.length > 25 && c.abstract.length > 100)).toBe(true);
    // Two withdrawn, with their reasons; the rest admitted, all on time.
    const withdrawn = own.filter((c) => c.status === "withdrawn");
    expect(withdrawn).toHaveLength(2);
    expect(withdrawn.every((c) => c.withdrawn!.reason.length > 20)).toBe(true);
    expect(own.filter((c) => c.status !== "withdrawn").every((c) => c.status === "active" && !c.late && c.number !== null)).toBe(true);
  });

  it("arrived over the three weeks before, with the usual last-day surge, and nothing after the demo's start", () => {
    const originals = first.env.db
      .select({ at: contributionVersions.receivedAt })
      .from(contributionVersions)
      .innerJoin(contributions, eq(contributions.id, contributionVersions.contributionId))
      .innerJoin(meetings, eq(meetings.id, contributions.meetingId))
      .where(eq(meetings.code, OPEN_MEETING))
      .all()
      .map((r) => r.at)
      .filter((at) => at > Date.parse("2020-05-01T00:00:00Z"));
    expect(Math.max(...originals)).toBeLessThan(DEMO_START);
    expect(Math.min(...originals)).toBeLessThan(Date.parse("2020-06-05T00:00:00Z"));
    const lastDay = originals.filter((at) => genevaDate(at) === "2020-06-23").length;
    expect(lastDay / originals.length).toBeGreaterThan(0.2);
    const firstWeek = originals.filter((at) => genevaDate(at) < "2020-06-09").length;
    expect(lastDay).toBeGreaterThan(2 * firstWeek);
  });

  it("has revisions, addenda and a corrigendum, each a version of its own", () => {
    const kinds = first.env.db
      .select({ kind: contributionVersions.kind, ordinal: contributionVersions.ordinal, meeting: meetings.code })
      .from(contributionVersions)
      .innerJoin(contributions, eq(contributions.id, contributionVersions.contributionId))
      .innerJoin(meetings, eq(meetings.id, contributions.meetingId))
      .where(eq(meetings.code, OPEN_MEETING))
      .all();
    expect(kinds.filter((k) => k.kind === "revision").length).toBeGreaterThanOrEqual(8);
    expect(kinds.some((k) => k.kind === "revision" && k.ordinal === 2)).toBe(true);
    expect(kinds.filter((k) => k.kind === "addendum").length).toBeGreaterThanOrEqual(2);
    expect(kinds.some((k) => k.kind === "corrigendum")).toBe(true);
  });

  it("gives the rapporteur of Q3/20 a morning's queue: contributions, review states, comments, and what is new since the last visit", () => {
    const rq3 = actor(first.env.db, "rapporteur.q3@sg20.example");
    const queue = listQuestionQueue(rq3, "Q3/20");
    if (!queue.ok) throw new Error(queue.key);
    expect(queue.value.total).toBeGreaterThanOrEqual(12);
    expect(queue.value.total).toBeLessThanOrEqual(40); // one page of 50, with room for the browser tests' own
    const states = new Set(queue.value.rows.map((r) => r.reviewState));
    expect(states.has("in_review")).toBe(true);
    expect(states.has("ready")).toBe(true);
    expect(states.has("new")).toBe(true);
    const [q3] = listMyQuestions(rq3);
    expect(q3.counts.new).toBeGreaterThan(0);
    expect(first.summary.comments).toBeGreaterThanOrEqual(10);
  });

  it("has an extension granted ahead of the cutoff and refused attempts in its late report, and no late request yet", () => {
    const report = buildLateReport(actor(first.env.db, "tsb.sg20@secretariat.example"), OPEN_MEETING);
    if (!report.ok) throw new Error(report.key);
    expect(report.value.lateRequests).toHaveLength(0);
    expect(report.value.extensions).toHaveLength(1);
    expect(report.value.refused.map((r) => r.code).sort()).toEqual(["forbidden", "macro_enabled"]);
    // The chart of the last 72 hours before the cutoff shows the surge.
    expect(report.value.arrivals.reduce((n, b) => n + b.onTime, 0)).toBeGreaterThanOrEqual(25);
  });
});

describe("the closed February meeting", () => {
  it("has a corrigendum that moved its deadline, with a reason and a reference", () => {
    const m = getMeeting(actor(first.env.db, "delegate@telco.example"), CLOSED_MEETING);
    if (!m.ok) throw new Error(m.key);
    expect(m.value.deadlineAt).toBe(Date.parse("2020-01-24T23:00:00Z"));
    const corrigendum = m.value.changes.find((c) => c.reference === "Corrigendum 1 to Collective letter 6/20");
    expect(corrigendum?.changes.deadlineAt).toEqual({ from: defaultDeadline("2020-02-03"), to: Date.parse("2020-01-24T23:00:00Z") });
    expect(corrigendum?.reason).toMatch(/moves from 21 to 24 January 2020/);
    expect(m.value.sessions.length).toBeGreaterThanOrEqual(2);
  });

  it("has late requests decided each way, late arrivals, an extension and refused attempts in its late report", () => {
    const report = buildLateReport(actor(first.env.db, "tsb.sg20@secretariat.example"), CLOSED_MEETING);
    if (!report.ok) throw new Error(report.key);
    const s = report.value.summary;
    expect(s).toMatchObject({ awaitingDecision: 0, admitted: 2, deferred: 1, reissuedAsTd: 1, declined: 1, activeExtensions: 1 });
    expect(s.lateContributions).toBeGreaterThanOrEqual(2); // one admitted by decision, one inside the extension
    expect(s.lateRevisions).toBe(1);
    expect(report.value.lateRequests.every((r) => (r.decisionReason ?? "").length > 10)).toBe(true);
    expect(report.value.lateRequests.find((r) => r.status === "deferred")?.deferredTo).toBe(OPEN_MEETING);
    expect(report.value.lateRequests.find((r) => r.status === "reissued_td")?.tdReference).toMatch(/^TD \d+/);
    const codes = report.value.refused.map((r) => r.code);
    expect(codes.filter((c) => c === "deadline_passed").length).toBeGreaterThanOrEqual(3);
    expect(codes).toEqual(expect.arrayContaining(["forbidden", "executable"]));
    expect(report.value.arrivals.some((b) => b.late > 0)).toBe(true);
    expect(report.value.arrivals.reduce((n, b) => n + b.onTime, 0)).toBeGreaterThan(5);
  });
});

describe("documents and numbers", () => {
  it("every stored file is a real DOCX or PDF that passes the upload checks, and a DOCX's cover page reads back", async () => {
    const files = first.env.db.select().from(storedFiles).all();
    const kinds = new Set<string>();
    for (const f of files) {
      const check = await checkUploadedFile(storedPath(f.sha256), `x.${f.kind}`);
      expect(check.ok, `${f.sha256} (${f.kind})`).toBe(true);
      kinds.add(f.kind);
    }
    expect([...kinds].sort()).toEqual(["docx", "pdf"]);
    const docx = first.env.db
      .select({ sha256: storedFiles.sha256, title: contributions.title })
      .from(contributionVersions)
      .innerJoin(storedFiles, eq(storedFiles.id, contributionVersions.fileId))
      .innerJoin(contributions, eq(contributions.id, contributionVersions.contributionId))
      .where(eq(storedFiles.kind, "docx"))
      .get()!;
    const cover = await readCoverPage(storedPath(docx.sha256));
    expect(cover.ok && cover.cover.title).toBe(docx.title);
  });

  it("numbers run across the study period without a gap or a duplicate", () => {
    const numbers = first.env.db
      .select({ n: contributions.number })
      .from(contributions)
      .all()
      .flatMap((r) => (r.n === null ? [] : [r.n]))
      .sort((a, b) => a - b);
    expect(numbers.length).toBeGreaterThan(100);
    expect(numbers).toEqual(numbers.map((_, i) => i + 1));
  });
});

describe("the same demo every time, in a few seconds", () => {
  it("a second run on another fresh database makes exactly the same content", async () => {
    const expected = snapshot(first.env.db);
    adoptDb(undefined);
    const second = await demo();
    try {
      expect(snapshot(second.env.db)).toEqual(expected);
      // Measured, not asserted: a generous bound only catches a runaway (the figure is printed).
      console.log(`demo content: ${first.summary.steps} steps in ${Math.round(first.wallMs)} ms, then ${Math.round(second.wallMs)} ms`);
      expect(second.wallMs).toBeLessThan(120_000);
    } finally {
      second.env.cleanup();
    }
    // The first environment's database is the current one again for afterAll.
    adoptDb(first.env.db);
  }, 180_000);
});


