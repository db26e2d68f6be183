import { describeFailure } from "@/lib/present/failures";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import {
  auditLog,
  contributions,
  contributionVersions,
  meetings,
  organisations,
  questions,
  storedFiles,
  studyGroups,
  studyPeriods,
  users,
} from "@/db/schema";
import { now, pinClock } from "@/lib/time/clock";
import { DEMO_ACCOUNTS, SG20_MEETING_CODE } from "@/lib/config/demo";
import { loadActor } from "@/lib/data/actor";
import { setSimulatedClock } from "@/lib/data/clock-control";
import { getMeeting } from "@/lib/data/meetings";
import {
  canReadContribution,
  canReviewContribution,
  whyNotChangeContribution,
  whyNotSubmitContribution,
  type Actor,
} from "@/lib/auth/permissions";
import { freshEnv, SG20_DEADLINE, type TestEnv } from "../support/db";
import { meetingToJson } from "@/lib/present/api-json";

const PINNED_AT = Date.parse("2020-06-23T16:00:00.000Z");

const SECRETARIAT = "tsb.sg20@secretariat.example";
const RAPPORTEUR_Q3 = "rapporteur.q3@sg20.example";
const RAPPORTEUR_Q6 = "rapporteur.q6@sg20.example";
const SWITZERLAND = "delegate@admin-ch.example";
const TELCO = "delegate@telco.example";
const UNIVERSITY = "delegate@university.example";
const ASSOCIATE_SG20 = "delegate@associate-sg20.example";
const ASSOCIATE_SG17 = "delegate@associate-sg17.example";
const MEMBER_EMAILS = [SWITZERLAND, TELCO, UNIVERSITY, ASSOCIATE_SG20, ASSOCIATE_SG17];

let env: TestEnv;
let sg20: number;
let sg17: number;
let q3: number;
let q6: number;

beforeAll(async () => {
  env = await freshEnv({ at: PINNED_AT });
  sg20 = env.db.select().from(studyGroups).where(eq(studyGroups.code, "SG20")).get()!.id;
  sg17 = env.db.select().from(studyGroups).where(eq(studyGroups.code, "SG17")).get()!.id;
  q3 = env.db.select().from(questions).where(eq(questions.code, "Q3/20")).get()!.id;
  q6 = env.db.select().from(questions).where(eq(questions.code, "Q6/20")).get()!.id;
});

afterAll(() => env.cleanup());

function userId(email: string): number {
  return env.db.select({ id: users.id }).from(users).where(eq(users.email, email)).get()!.id;
}

function actor(email: string): Actor {
  const a = loadActor(userId(email));
  if (!a) throw new Error(`no actor for ${email}`);
  return a;
}

function orgId(email: string): number {
  return actor(email).organisation!.id;
}

// ---------------------------------------------------------------- who is who

describe("loadActor for the demo accounts", () => {
  it("makes the SG20 counsellor secretariat of SG20 only, with no organisation and no Questions", () => {
    const a = actor(SECRETARIAT);
    expect(a.roles).toEqual(["secretariat"]);
    expect(a.secretariatGroupIds).toEqual([sg20]);
    expect(a.rapporteurQuestionIds).toEqual([]);
    expect(a.organisation).toBeNull();
  });

  it.each([
    [RAPPORTEUR_Q3, "Q3/20"],
    [RAPPORTEUR_Q6, "Q6/20"],
  ])("makes %s rapporteur of %s only", (email, code) => {
    const a = actor(email);
    const question = env.db.select().from(questions).where(eq(questions.code, code)).get()!;
    expect(a.roles).toEqual(["rapporteur"]);
    expect(a.rapporteurQuestionIds).toEqual([question.id]);
    expect(a.secretariatGroupIds).toEqual([]);
    expect(a.organisation).toBeNull();
  });

  it.each([
    [SWITZERLAND, "Switzerland (Confederation of) - OFCOM", "Switzerland", "member_state", null],
    [TELCO, "Example Telecom Ltd", "United Kingdom", "sector_member", null],
    [UNIVERSITY, "Example University", "Japan", "academia", null],
    [ASSOCIATE_SG20, "Smart City Example Ltd", "Russian Federation", "associate", "SG20"],
    [ASSOCIATE_SG17, "SecureIoT Example S.A.", "Brazil", "associate", "SG17"],
  ] as const)("makes %s a member for %s", (email, name, country, memberType, associateCode) => {
    const a = actor(email);
    expect(a.roles).toEqual(["member"]);
    expect(a.rapporteurQuestionIds).toEqual([]);
    expect(a.secretariatGroupIds).toEqual([]);
    const orgRow = env.db.select().from(organisations).where(eq(organisations.name, name)).get()!;
    expect(a.organisation).toEqual({
      id: orgRow.id,
      name,
      country,
      memberType,
      associateStudyGroupId: associateCode === null ? null : associateCode === "SG20" ? sg20 : sg17,
      associateStudyGroupCode: associateCode,
    });
  });

  it("gives each member account its own organisation", () => {
    const ids = MEMBER_EMAILS.map(orgId);
    expect(new Set(ids).size).toBe(MEMBER_EMAILS.length);
  });

  it("covers all eight demo accounts", () => {
    expect(DEMO_ACCOUNTS.map((a) => a.email).sort()).toEqual([SECRETARIAT, RAPPORTEUR_Q3, RAPPORTEUR_Q6, ...MEMBER_EMAILS].sort());
  });
});

// ---------------------------------------------------------------- submitting

describe("whyNotSubmitContribution to SG20-2020-07", () => {
  function sg20Meeting() {
    const m = getMeeting(actor(SECRETARIAT), SG20_MEETING_CODE);
    if (!m.ok) throw new Error(m.key);
    return { studyGroupId: m.value.studyGroup.id, studyGroupCode: m.value.studyGroup.code };
  }

  it.each([SWITZERLAND, TELCO, UNIVERSITY, ASSOCIATE_SG20])("lets %s submit", (email) => {
    expect(whyNotSubmitContribution(actor(email), sg20Meeting())).toBeNull();
  });

  it("refuses the Associate of SG17, naming SG17", () => {
    const why = whyNotSubmitContribution(actor(ASSOCIATE_SG17), sg20Meeting());
    expect(why).toMatchObject({ ok: false, code: "forbidden" });
    expect(describeFailure(why!, "en")).toContain("SG17");
    expect(describeFailure(why!, "en")).toContain("SecureIoT Example S.A.");
    expect(describeFailure(why!, "en")).toContain("not to SG20");
  });

  it("lets the Associate of SG17 submit to SG17, and refuses the Associate of SG20 there", () => {
    expect(whyNotSubmitContribution(actor(ASSOCIATE_SG17), { studyGroupId: sg17, studyGroupCode: "SG17" })).toBeNull();
    const why = whyNotSubmitContribution(actor(ASSOCIATE_SG20), { studyGroupId: sg17, studyGroupCode: "SG17" });
    expect(why).toMatchObject({ code: "forbidden" });
    expect(describeFailure(why!, "en")).toContain("SG20");
  });

  it.each([SECRETARIAT, RAPPORTEUR_Q3, RAPPORTEUR_Q6])("refuses %s, who has no member organisation", (email) => {
    const why = whyNotSubmitContribution(actor(email), sg20Meeting());
    expect(why).toMatchObject({ ok: false, code: "forbidden" });
    expect(describeFailure(why!, "en")).toMatch(/not linked to a member organisation/);
  });
});

// ---------------------------------------------------------------- reading, reviewing, changing

describe("who sees, reviews and changes a contribution", () => {
  const draft = () => ({ organisationId: orgId(SWITZERLAND), studyGroupId: sg20, questionIds: [q3], admitted: false });

  it("shows an unadmitted contribution to its own organisation, which may change it but not review it", () => {
    const a = actor(SWITZERLAND);
    expect(canReadContribution(a, draft())).toBe(true);
    expect(whyNotChangeContribution(a, draft())).toBeNull();
    expect(canReviewContribution(a, draft())).toBe(false);
  });

  it.each([TELCO, UNIVERSITY, ASSOCIATE_SG20, ASSOCIATE_SG17])(
    "hides another organisation's unadmitted contribution from %s: not_found on change",
    (email) => {
      const a = actor(email);
      expect(canReadContribution(a, draft())).toBe(false);
      expect(canReviewContribution(a, draft())).toBe(false);
      const why = whyNotChangeContribution(a, draft());
      expect(why).toEqual({ ok: false, code: "not_found", key: "api.notFound.document" });
      expect(describeFailure(why!, "en")).toBe("There is no such document, or you do not have access to it.");
    },
  );

  it("shows it to the rapporteur of its Question, who may review but not change it", () => {
    const a = actor(RAPPORTEUR_Q3);
    expect(canReadContribution(a, draft())).toBe(true);
    expect(canReviewContribution(a, draft())).toBe(true);
    expect(whyNotChangeContribution(a, draft())).toMatchObject({ code: "not_found" });
  });

  it("hides it from the rapporteur of another Question", () => {
    const a = actor(RAPPORTEUR_Q6);
    expect(canReadContribution(a, draft())).toBe(false);
    expect(canReviewContribution(a, draft())).toBe(false);
    expect(whyNotChangeContribution(a, draft())).toMatchObject({ code: "not_found" });
  });

  it("shows it to a rapporteur when one of several Questions is theirs", () => {
    const multi = { ...draft(), questionIds: [q3, q6] };
    expect(canReadContribution(actor(RAPPORTEUR_Q6), multi)).toBe(true);
    expect(canReviewContribution(actor(RAPPORTEUR_Q6), multi)).toBe(true);
  });

  it("shows it to the secretariat of SG20, who may review but not change it", () => {
    const a = actor(SECRETARIAT);
    expect(canReadContribution(a, draft())).toBe(true);
    expect(canReviewContribution(a, draft())).toBe(true);
    expect(whyNotChangeContribution(a, draft())).toMatchObject({ code: "not_found" });
  });

  it("hides an unadmitted SG17 contribution from the SG20 secretariat", () => {
    const sg17Draft = { organisationId: orgId(ASSOCIATE_SG17), studyGroupId: sg17, questionIds: [], admitted: false };
    expect(canReadContribution(actor(SECRETARIAT), sg17Draft)).toBe(false);
    expect(canReviewContribution(actor(SECRETARIAT), sg17Draft)).toBe(false);
  });

  it.each(DEMO_ACCOUNTS.map((a) => a.email))("lets %s read an admitted contribution", (email) => {
    expect(canReadContribution(actor(email), { ...draft(), admitted: true })).toBe(true);
  });

  it("does not let other members review or change an admitted contribution", () => {
    const admitted = { ...draft(), admitted: true };
    expect(canReviewContribution(actor(TELCO), admitted)).toBe(false);
    expect(canReviewContribution(actor(RAPPORTEUR_Q6), admitted)).toBe(false);
    expect(whyNotChangeContribution(actor(TELCO), admitted)).toMatchObject({ code: "not_found" });
  });
});

// ---------------------------------------------------------------- the meeting

describe("getMeeting SG20-2020-07", () => {
  it.each(DEMO_ACCOUNTS.map((a) => a.email))("shows %s the deadline, the five sessions and Corrigendum 1", (email) => {
    const m = getMeeting(actor(email), SG20_MEETING_CODE);
    if (!m.ok) throw new Error(m.key);
    expect(m.value.code).toBe(SG20_MEETING_CODE);
    expect(m.value.deadlineAt).toBe(Date.parse("2020-06-23T22:00:00.000Z"));
    expect(m.value.deadlineAt).toBe(SG20_DEADLINE);
    expect(m.value.mode).toBe("virtual");
    expect(m.value.sessions).toHaveLength(5);
    expect(m.value.changes).toHaveLength(1);
    expect(m.value.changes[0].reference).toContain("Corrigendum 1");
    expect(m.value.canManage).toBe(email === SECRETARIAT);
  });

  it("lists the sessions in time order", () => {
    const m = getMeeting(actor(TELCO), SG20_MEETING_CODE);
    if (!m.ok) throw new Error(m.key);
    const starts = m.value.sessions.map((s) => s.startsAt);
    expect(starts).toEqual([...starts].sort((a, b) => a - b));
    expect(m.value.sessions[0].startsAt).toBe(Date.parse("2020-05-19T10:00:00.000Z"));
  });

  it("answers not_found for an unknown meeting code", () => {
    for (const email of [SECRETARIAT, TELCO]) {
      expect(getMeeting(actor(email), "SG20-2099-01")).toMatchObject({ ok: false, code: "not_found" });
    }
  });

  it("gives the deadline in UTC and in Geneva time in its JSON form", () => {
    const m = getMeeting(actor(UNIVERSITY), SG20_MEETING_CODE);
    if (!m.ok) throw new Error(m.key);
    const json = meetingToJson(m.value);
    expect(json.deadline).toBe("2020-06-23T22:00:00.000Z");
    expect(json.deadlineGeneva).toBe("Wed 24 Jun 2020, 00:00:00 CEST (UTC+2)");
    expect(json.studyGroup).toBe("SG20");
    expect(json.sessions).toHaveLength(5);
    expect(json.history).toHaveLength(1);
    expect(json.history[0].reference).toContain("Corrigendum 1");
  });
});

// ---------------------------------------------------------------- the simulated clock

describe("the simulated clock", () => {
  const clockAudits = () => env.db.select().from(auditLog).where(eq(auditLog.action, "clock.set")).all();

  it("lets the secretariat move it, and records the move in the audit log", () => {
    const target = Date.parse("2020-06-24T08:00:00.000Z");
    const before = clockAudits().length;
    try {
      expect(setSimulatedClock(actor(SECRETARIAT), target)).toEqual({ ok: true, value: { now: target } });
      expect(now()).toBe(target);
      const rows = clockAudits();
      expect(rows).toHaveLength(before + 1);
      expect(rows.at(-1)).toMatchObject({
        actorUserId: userId(SECRETARIAT),
        entityType: "clock",
        details: { from: "2020-06-23T16:00:00.000Z", to: "2020-06-24T08:00:00.000Z" },
      });
    } finally {
      pinClock(PINNED_AT);
    }
  });

  it.each([TELCO, RAPPORTEUR_Q3])("refuses %s: forbidden, and the clock does not move", (email) => {
    const before = clockAudits().length;
    expect(setSimulatedClock(actor(email), Date.parse("2020-07-01T00:00:00.000Z"))).toMatchObject({
      ok: false,
      code: "forbidden",
    });
    expect(now()).toBe(PINNED_AT);
    expect(clockAudits()).toHaveLength(before);
  });

  it("answers not_available with the real clock, even for the secretariat", () => {
    const saved = process.env.SIMULATED_NOW;
    delete process.env.SIMULATED_NOW;
    pinClock(null);
    try {
      const before = clockAudits().length;
      const realBefore = Date.now();
      expect(setSimulatedClock(actor(SECRETARIAT), Date.parse("2020-06-24T08:00:00.000Z"))).toMatchObject({
        ok: false,
        code: "not_available",
      });
      expect(now()).toBeGreaterThanOrEqual(realBefore);
      expect(clockAudits()).toHaveLength(before);
    } finally {
      if (saved !== undefined) process.env.SIMULATED_NOW = saved;
      pinClock(PINNED_AT);
    }
    expect(now()).toBe(PINNED_AT);
  });
});

// ---------------------------------------------------------------- append-only records

describe("append-only records", () => {
  it("refuses to update or delete audit log entries", () => {
    env.db
      .insert(auditLog)
      .values({ at: PINNED_AT, actorUserId: userId(SECRETARIAT), action: "test.entry", entityType: "test" })
      .run();
    const sqlite = env.db.$client;
    expect(() => sqlite.prepare("UPDATE audit_log SET action = 'tampered' WHERE action = 'test.entry'").run()).toThrow(
      /append-only/,
    );
    expect(() => sqlite.prepare("DELETE FROM audit_log WHERE action = 'test.entry'").run()).toThrow(/append-only/);
    expect(() => env.db.delete(auditLog).where(eq(auditLog.actorUserId, userId(SECRETARIAT))).run()).toThrow(/append-only/);
    expect(env.db.select().from(auditLog).where(eq(auditLog.action, "test.entry")).all()).toHaveLength(1);
    expect(env.db.select().from(auditLog).where(eq(auditLog.action, "tampered")).all()).toHaveLength(0);
  });

  it("refuses to change the receipt time of a contribution version, but lets its decision state change", () => {
    const meeting = env.db.select().from(meetings).where(eq(meetings.code, SG20_MEETING_CODE)).get()!;
    const period = env.db.select().from(studyPeriods).where(eq(studyPeriods.code, "T17")).get()!;
    const submitter = userId(SWITZERLAND);
    const file = env.db
      .insert(storedFiles)
      .values({ sha256: "a".repeat(64), size: 1234, mediaType: "application/pdf", kind: "pdf", createdAt: PINNED_AT })
      .returning()
      .get();
    const contribution = env.db
      .insert(contributions)
      .values({
        meetingId: meeting.id,
        studyGroupId: sg20,
        studyPeriodId: period.id,
        organisationId: orgId(SWITZERLAND),
        submitterUserId: submitter,
        title: "Proposed architecture",
        purpose: "Proposal",
        status: "active",
        createdAt: PINNED_AT,
        updatedAt: PINNED_AT,
      })
      .returning()
      .get();
    const version = env.db
      .insert(contributionVersions)
      .values({
        contributionId: contribution.id,
        kind: "original",
        ordinal: 0,
        fileId: file.id,
        originalName: "proposal.pdf",
        submittedByUserId: submitter,
        requestStartedAt: PINNED_AT - 5_000,
        receivedAt: PINNED_AT,
        state: "accepted",
      })
      .returning()
      .get();

    const earlier = SG20_DEADLINE - 86_400_000;
    expect(() =>
      env.db.update(contributionVersions).set({ receivedAt: earlier }).where(eq(contributionVersions.id, version.id)).run(),
    ).toThrow(/immutable/);
    expect(() => env.db.delete(contributionVersions).where(eq(contributionVersions.id, version.id)).run()).toThrow(
      /never deleted/,
    );

    env.db.update(contributionVersions).set({ state: "refused" }).where(eq(contributionVersions.id, version.id)).run();
    const row = env.db.select().from(contributionVersions).where(eq(contributionVersions.id, version.id)).get()!;
    expect(row.receivedAt).toBe(PINNED_AT);
    expect(row.state).toBe("refused");
  });
});
