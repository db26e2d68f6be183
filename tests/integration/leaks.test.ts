// Nothing shown to those who may not see it: a late request's state and the secretariat's reasons stay with the
// submitting organisation and the contribution's reviewers; audit entries without a meeting stay with the secretariat
// of the groups their account takes part in.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { lateRequests, organisations, questions, secretariatAssignments, studyGroups, studyPeriods, users } from "@/db/schema";
import { pinClock } from "@/lib/time/clock";
import { DEMO_PASSWORD } from "@/lib/config/demo";
import { createOrganisation, setRapporteur, setSecretariat } from "@/lib/data/account-admin";
import { loadActor } from "@/lib/data/actor";
import { listAudit, listAuditActions, type AuditRow } from "@/lib/data/audit-log";
import { getContribution, listMeetingContributions } from "@/lib/data/contributions";
import { decideLateRequest } from "@/lib/data/late-decisions";
import { authenticate } from "@/lib/data/sign-in";
import { issueToken } from "@/lib/data/tokens";
import { hashPassword } from "@/lib/auth/passwords";
import type { Actor } from "@/lib/auth/permissions";
import { freshEnv, SG20_DEADLINE, type TestEnv } from "../support/db";
import { makePdf } from "../support/make-docx";
import { jsonOf, metadata, postLateRequest, RAPPORTEUR_Q3, SECRETARIAT, SWITZERLAND, TELCO, tokensFor, UNIVERSITY } from "../support/api";
import { contributionToJson } from "@/lib/present/api-json";

const RAPPORTEUR_Q6 = "rapporteur.q6@sg20.example";
const SG17_COUNSELLOR = "counsellor@sg17.example";
const SG17_RAPPORTEUR = "rapporteur.q1@sg17.example";
const REASON = "Admitted: the regulator's comments arrived late through no fault of the member";

let env: TestEnv;
let tokens: Record<string, string>;

function userId(email: string): number {
  return env.db.select({ id: users.id }).from(users).where(eq(users.email, email)).get()!.id;
}

function actor(email: string): Actor {
  const a = loadActor(userId(email));
  if (!a) throw new Error(`no actor for ${email}`);
  return a;
}

beforeAll(async () => {
  env = await freshEnv();
  tokens = await tokensFor([SWITZERLAND]);
  // A second study group's secretariat and rapporteur, as a real deployment has.
  const at = Date.parse("2020-06-01T08:00:00Z");
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  const sg17 = env.db.select().from(studyGroups).where(eq(studyGroups.code, "SG17")).get()!;
  const t17 = env.db.select().from(studyPeriods).where(eq(studyPeriods.code, "T17")).get()!;
  env.db.insert(questions).values({ studyGroupId: sg17.id, studyPeriodId: t17.id, number: 1, code: "Q1/17", title: "Security standardization" }).run();
  for (const [email, name] of [
    [SG17_COUNSELLOR, "SG17 Counsellor"],
    [SG17_RAPPORTEUR, "SG17 Rapporteur"],
  ]) {
    env.db.insert(users).values({ email, name, passwordHash, createdAt: at }).run();
  }
  env.db.insert(secretariatAssignments).values({ userId: userId(SG17_COUNSELLOR), studyGroupId: sg17.id }).run();
  expect(setRapporteur(actor(SG17_COUNSELLOR), userId(SG17_RAPPORTEUR), "Q1/17", "rapporteur")).toMatchObject({ ok: true });
});

afterAll(() => env.cleanup());

describe("a late request's state and the secretariat's reason", () => {
  let id: number;

  it("are shown to the submitting organisation, the rapporteurs of its Questions and the secretariat, and to nobody else", async () => {
    pinClock(SG20_DEADLINE + 3_600_000);
    const filed = await postLateRequest(tokens[SWITZERLAND], { metadata: metadata({ title: "Late but admitted", questions: ["Q3/20"] }), file: { bytes: makePdf("late"), name: "late.pdf" } });
    expect(filed.status).toBe(202);
    id = (await jsonOf(filed)).id;
    const request = env.db.select().from(lateRequests).where(eq(lateRequests.contributionId, id)).get()!;
    expect(await decideLateRequest(actor(SECRETARIAT), request.id, { decision: "admit", reason: REASON })).toMatchObject({ ok: true });

    for (const email of [SWITZERLAND, RAPPORTEUR_Q3, SECRETARIAT]) {
      const c = getContribution(actor(email), id);
      if (!c.ok) throw new Error(`${email}: ${c.key}`);
      expect(c.value.lateRequest, email).toMatchObject({ status: "admitted", decisionReason: REASON });
    }
    // Another organisation, and a rapporteur of other Questions, read the admitted contribution and its LATE mark only.
    for (const email of [TELCO, UNIVERSITY, RAPPORTEUR_Q6]) {
      const c = getContribution(actor(email), id);
      if (!c.ok) throw new Error(`${email}: ${c.key}`);
      expect(c.value.lateRequest, email).toBeNull();
      expect(c.value.late, email).toBe(true);
      const json = JSON.stringify(contributionToJson(c.value));
      expect(json, email).not.toContain(REASON);
      expect(json, email).not.toMatch(/"admitted"|decisionReason":"|awaiting_decision/);
    }
  });

  it("do not appear in a meeting's list either", () => {
    const list = listMeetingContributions(actor(TELCO), "SG20-2020-07");
    if (!list.ok) throw new Error(list.key);
    expect(list.value.items.find((c) => c.id === id)?.lateRequest).toBeNull();
  });
});

describe("audit entries without a meeting", () => {
  function visible(email: string): AuditRow[] {
    const page = listAudit(actor(email), { pageSize: 200 });
    if (!page.ok) throw new Error(page.key);
    return page.value.rows;
  }

  const about = (rows: AuditRow[], action: string, who: string) => rows.filter((r) => r.action === action && r.entityId === String(userId(who)));

  beforeAll(async () => {
    for (const [email, address] of [
      [SG17_COUNSELLOR, "198.51.100.17"],
      [SG17_RAPPORTEUR, "198.51.100.18"],
      [RAPPORTEUR_Q3, "198.51.100.20"],
      [TELCO, "198.51.100.44"],
    ]) {
      expect(await authenticate(email, DEMO_PASSWORD, address), email).toMatchObject({ ok: true });
    }
    expect(await issueToken(SG17_RAPPORTEUR, DEMO_PASSWORD, "sg17 script", "198.51.100.18")).toMatchObject({ ok: true });
    expect(setSecretariat(actor(SG17_COUNSELLOR), userId(SG17_RAPPORTEUR), "SG17", true)).toMatchObject({ ok: true });
    expect(createOrganisation(actor(SG17_COUNSELLOR), { name: "SG17 Associate Ltd", country: "Chile", memberType: "associate", associateStudyGroupCode: "SG17" })).toMatchObject({ ok: true });
    expect(createOrganisation(actor(SG17_COUNSELLOR), { name: "Ministry of Everyone", country: "Peru", memberType: "member_state" })).toMatchObject({ ok: true });
  });

  it("about another group's secretariat and rapporteurs (sign-ins with their addresses, role changes, tokens) are not shown to SG20", () => {
    const sg20 = visible(SECRETARIAT);
    expect(about(sg20, "user.sign_in", SG17_COUNSELLOR)).toEqual([]);
    expect(about(sg20, "user.sign_in", SG17_RAPPORTEUR)).toEqual([]);
    expect(about(sg20, "rapporteur.set", SG17_RAPPORTEUR)).toEqual([]);
    expect(about(sg20, "secretariat.add", SG17_RAPPORTEUR)).toEqual([]);
    expect(sg20.filter((r) => r.action === "token.create" && r.actorEmail === SG17_RAPPORTEUR)).toEqual([]);
    expect(JSON.stringify(sg20)).not.toMatch(/198\.51\.100\.1[78]/);
    expect(sg20.filter((r) => r.action === "organisation.create").map((r) => r.details.name)).toEqual(["Ministry of Everyone"]);
    expect(listAuditActions(actor(SECRETARIAT))).not.toContain("secretariat.add");
  });

  it("are shown to the secretariat of the groups their account takes part in, and to whoever made them", () => {
    const sg17 = visible(SG17_COUNSELLOR);
    // Signed in once with the form and once for a token, both from its own address.
    expect(about(sg17, "user.sign_in", SG17_RAPPORTEUR).map((r) => r.details)).toEqual([{ address: "198.51.100.18" }, { address: "198.51.100.18" }]);
    expect(about(sg17, "rapporteur.set", SG17_RAPPORTEUR)).toHaveLength(1);
    expect(sg17.filter((r) => r.action === "token.create" && r.actorEmail === SG17_RAPPORTEUR)).toHaveLength(1);
    expect(sg17.filter((r) => r.action === "organisation.create").map((r) => r.details.name).sort()).toEqual(["Ministry of Everyone", "SG17 Associate Ltd"]);
    // SG20's rapporteur is SG20's business.
    expect(about(visible(SECRETARIAT), "user.sign_in", RAPPORTEUR_Q3)).toHaveLength(1);
    expect(about(sg17, "user.sign_in", RAPPORTEUR_Q3)).toEqual([]);
  });

  it("about an account without a role in any group (a Sector Member's delegate) are shown to every secretariat, who may all manage it", () => {
    expect(about(visible(SECRETARIAT), "user.sign_in", TELCO)).toHaveLength(1);
    expect(about(visible(SG17_COUNSELLOR), "user.sign_in", TELCO)).toHaveLength(1);
  });

  it("entries of a meeting stay with the meeting's group", () => {
    expect(visible(SG17_COUNSELLOR).filter((r) => r.meetingCode !== null)).toEqual([]);
    expect(visible(SECRETARIAT).some((r) => r.meetingCode === "SG20-2020-07")).toBe(true);
  });

  it("an Associate's organisation of SG17 stays with SG17", () => {
    const org = env.db.select().from(organisations).where(eq(organisations.name, "SG17 Associate Ltd")).get()!;
    expect(visible(SECRETARIAT).filter((r) => r.entityType === "organisation" && r.entityId === String(org.id))).toEqual([]);
  });
});
