import { inEnglish } from "@/tests/support/in-english";
import { describeFailure } from "@/lib/present/failures";
import { createHash } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { and, count, eq } from "drizzle-orm";
import {
  apiTokens,
  auditLog,
  meetings,
  organisations,
  passwordResets,
  questions,
  rapporteurAssignments,
  secretariatAssignments,
  studyGroups,
  studyPeriods,
  users,
} from "@/db/schema";
import { now, pinClock } from "@/lib/time/clock";
import { createAccount, createOrganisation, setAccountActive, setRapporteur, setSecretariat } from "@/lib/data/account-admin";
import { getAccount, listAccounts, PASSWORD_LINK_TTL_MS } from "@/lib/data/accounts";
import { checkPasswordLink, createPasswordResetLink, resetPasswordWithToken } from "@/lib/data/password-links";
import { loadActor } from "@/lib/data/actor";
import { auditCsvRows, listAudit, parseAuditQuery, type AuditFilters } from "@/lib/data/audit-log";
import type { Result } from "@/lib/domain/failures";
import { auditCsv as auditCsvText } from "@/lib/present/audit-csv";
import { parseEml } from "@/lib/data/outbox";
import { authenticate } from "@/lib/data/sign-in";
import { actorForToken, issueToken } from "@/lib/data/tokens";
import { SG20_MEETING_CODE } from "@/lib/config/demo";
import { MIN_PASSWORD_LENGTH } from "@/lib/auth/passwords";
import type { Actor } from "@/lib/auth/permissions";
import { freshEnv, type TestEnv } from "../support/db";

/** The audit CSV as the API makes it: the data layer's rows, written at the edge. */
function auditCsv(actor: Actor, filters: AuditFilters = {}): Result<string> {
  const rows = auditCsvRows(actor, filters);
  return rows.ok ? { ok: true, value: auditCsvText(rows.value) } : rows;
}

const T0 = Date.parse("2020-06-23T16:00:00.000Z");
const HOUR = 3_600_000;
const SECRETARIAT = "tsb.sg20@secretariat.example";
const RAPPORTEUR_Q3 = "rapporteur.q3@sg20.example";
const TELCO = "delegate@telco.example";
const ASSOCIATE_SG17 = "delegate@associate-sg17.example";
const NEW_PASSWORD = "a long passphrase for tests";

let env: TestEnv;
let sg20: number;
let sg17: number;
let q3: number;
let address = 0;

beforeAll(async () => {
  // The demo: password links are mailed into the outbox (outside it, without SMTP_URL, they are not mailed at all).
  vi.stubEnv("DEMO_MODE", "1");
  vi.stubEnv("SMTP_URL", "");
  env = await freshEnv({ at: T0 });
  sg20 = env.db.select().from(studyGroups).where(eq(studyGroups.code, "SG20")).get()!.id;
  sg17 = env.db.select().from(studyGroups).where(eq(studyGroups.code, "SG17")).get()!.id;
  q3 = env.db.select().from(questions).where(eq(questions.code, "Q3/20")).get()!.id;
});

afterAll(() => {
  env.cleanup();
  vi.unstubAllEnvs();
});

beforeEach(() => {
  pinClock(T0);
  // Sign-in throttling counts real-time failures: each test starts with a clean record.
  env.db.$client.exec("DELETE FROM sign_in_attempts");
});

function userId(email: string): number {
  return env.db.select({ id: users.id }).from(users).where(eq(users.email, email)).get()!.id;
}

function actorOf(email: string): Actor {
  const actor = loadActor(userId(email));
  if (!actor) throw new Error(`no actor for ${email}`);
  return actor;
}

function signIn(email: string, password: string) {
  address += 1;
  return authenticate(email, password, `192.0.2.${address}`);
}

function secretOf(url: string): string {
  const m = /^\/reset-password\/([A-Za-z0-9_-]{43})$/.exec(url);
  if (!m) throw new Error(`not a password link: ${url}`);
  return m[1];
}

function auditCount(action?: string): number {
  const [{ n }] = env.db
    .select({ n: count() })
    .from(auditLog)
    .where(action ? eq(auditLog.action, action) : undefined)
    .all();
  return n;
}

function auditFor(action: string, entityId: number | string) {
  return env.db
    .select()
    .from(auditLog)
    .where(and(eq(auditLog.action, action), eq(auditLog.entityId, String(entityId))))
    .all();
}

/** Counts of every table these functions write (and every password hash), to show that a refused call changed nothing. */
function snapshot() {
  const n = (sql: string) => (env.db.$client.prepare(sql).get() as { n: number }).n;
  return {
    users: n("SELECT count(*) AS n FROM users"),
    active: n("SELECT count(*) AS n FROM users WHERE active = 1"),
    organisations: n("SELECT count(*) AS n FROM organisations"),
    passwordResets: n("SELECT count(*) AS n FROM password_resets"),
    openLinks: n("SELECT count(*) AS n FROM password_resets WHERE used_at IS NULL AND expires_at > " + now()),
    rapporteurs: n("SELECT count(*) AS n FROM rapporteur_assignments"),
    secretariat: n("SELECT count(*) AS n FROM secretariat_assignments"),
    audit: n("SELECT count(*) AS n FROM audit_log"),
    hashes: env.db.select({ h: users.passwordHash }).from(users).all().map((r) => r.h).join("|"),
  };
}

async function newAccount(email: string, name = "Test Person"): Promise<{ id: number; secret: string; expiresAt: number }> {
  const created = await createAccount(actorOf(SECRETARIAT), { email, name, organisationId: null });
  if (!created.ok) throw new Error(created.key);
  return { id: created.value.id, secret: secretOf(created.value.url), expiresAt: created.value.expiresAt };
}

describe("organisations and accounts", () => {
  it("the secretariat creates an organisation, and an Associate must name one of its own study groups", () => {
    const sec = actorOf(SECRETARIAT);
    const made = createOrganisation(sec, { name: "Ministry of Examples", country: "Kenya", memberType: "member_state" });
    expect(made.ok).toBe(true);
    if (!made.ok) return;
    const row = env.db.select().from(organisations).where(eq(organisations.id, made.value.id)).get()!;
    expect(row).toMatchObject({ name: "Ministry of Examples", country: "Kenya", memberType: "member_state", associateStudyGroupId: null, createdAt: T0 });
    expect(auditFor("organisation.create", made.value.id)).toHaveLength(1);

    const twin = createOrganisation(sec, { name: "ministry of examples", country: "Kenya", memberType: "member_state" });
    expect(inEnglish(twin)).toMatchObject({ ok: false, code: "invalid", fields: { name: expect.stringMatching(/exists already/) } });

    const noGroup = createOrganisation(sec, { name: "Associate Without Group", country: "France", memberType: "associate" });
    expect(inEnglish(noGroup)).toMatchObject({ ok: false, code: "invalid", fields: { associateStudyGroup: expect.any(String) } });
    const otherGroup = createOrganisation(sec, { name: "Associate of SG17", country: "France", memberType: "associate", associateStudyGroupCode: "SG17" });
    expect(inEnglish(otherGroup)).toMatchObject({ ok: false, code: "invalid", fields: { associateStudyGroup: expect.stringMatching(/own study group/) } });

    const associate = createOrganisation(sec, { name: "IoT Associate SARL", country: "France", memberType: "associate", associateStudyGroupCode: "SG20" });
    expect(associate.ok).toBe(true);
    if (associate.ok) expect(env.db.select().from(organisations).where(eq(organisations.id, associate.value.id)).get()!.associateStudyGroupId).toBe(sg20);
  });

  it("a new account cannot sign in until its owner sets a password through the link, which works once", async () => {
    const sec = actorOf(SECRETARIAT);
    const org = createOrganisation(sec, { name: "Newcomer Networks", country: "Ghana", memberType: "sector_member" });
    if (!org.ok) throw new Error(org.key);
    const created = await createAccount(sec, { email: "  New.Delegate@Newcomer.EXAMPLE ", name: "Ama Mensah", organisationId: org.value.id, phone: "+233 30 000 0000" });
    expect(created.ok).toBe(true);
    if (!created.ok) return;
    expect(created.value.email).toBe("new.delegate@newcomer.example");
    expect(created.value.expiresAt).toBe(T0 + 48 * HOUR);
    expect(created.value.mailed).toBe(true);
    const secret = secretOf(created.value.url);

    // Only the SHA-256 of the secret is stored.
    const stored = env.db.select().from(passwordResets).where(eq(passwordResets.userId, created.value.id)).all();
    expect(stored).toHaveLength(1);
    expect(stored[0].tokenHash).toBe(createHash("sha256").update(secret).digest("hex"));
    expect(JSON.stringify(stored)).not.toContain(secret);
    expect(stored[0].createdByUserId).toBe(userId(SECRETARIAT));

    // The link went out by e-mail too.
    const dir = path.join(env.dataDir, "outbox");
    const mails = readdirSync(dir)
      .filter((f) => f.endsWith(".eml"))
      .map((f) => parseEml(f.replace(/\.eml$/, ""), readFileSync(path.join(dir, f), "latin1")));
    const mail = mails.find((m) => m.to.some((t) => t.includes("new.delegate@newcomer.example")));
    expect(mail?.text).toContain(`/reset-password/${secret}`);

    // A member with an organisation, and no usable password yet.
    const actor = loadActor(created.value.id)!;
    expect(actor.roles).toEqual(["member"]);
    expect(actor.organisation?.name).toBe("Newcomer Networks");
    expect(await signIn("new.delegate@newcomer.example", "")).toMatchObject({ ok: false, code: "bad_credentials" });
    expect(await signIn("new.delegate@newcomer.example", NEW_PASSWORD)).toMatchObject({ ok: false, code: "bad_credentials" });

    expect(checkPasswordLink(secret)).toMatchObject({ ok: true, value: { email: "new.delegate@newcomer.example" } });
    const short = await resetPasswordWithToken(secret, "x".repeat(MIN_PASSWORD_LENGTH - 1));
    expect(inEnglish(short)).toMatchObject({ ok: false, code: "invalid", fields: { password: expect.stringContaining(String(MIN_PASSWORD_LENGTH)) } });

    pinClock(T0 + HOUR);
    expect(await resetPasswordWithToken(secret, NEW_PASSWORD)).toEqual({ ok: true, value: { email: "new.delegate@newcomer.example" } });
    expect(await signIn("new.delegate@newcomer.example", NEW_PASSWORD)).toEqual({ ok: true, userId: created.value.id, sessionVersion: 1 });
    expect(env.db.select().from(passwordResets).where(eq(passwordResets.userId, created.value.id)).get()!.usedAt).toBe(T0 + HOUR);

    const again = await resetPasswordWithToken(secret, "another long passphrase");
    expect(again).toMatchObject({ ok: false, code: "conflict" });
    expect(!again.ok && describeFailure(again, "en")).toMatch(/already been used/);
    expect(checkPasswordLink(secret)).toMatchObject({ ok: false, code: "conflict" });
    expect(await signIn("new.delegate@newcomer.example", "another long passphrase")).toMatchObject({ ok: false });

    const audits = auditFor("user.password_reset", created.value.id);
    expect(audits).toHaveLength(1);
    expect(audits[0].actorUserId).toBe(created.value.id);
    expect(auditFor("user.create", created.value.id)).toHaveLength(1);
    expect(auditFor("user.create", created.value.id)[0].actorUserId).toBe(userId(SECRETARIAT));
    expect(auditFor("user.password_link", created.value.id)).toHaveLength(1);
  });

  it("refuses a duplicate e-mail, in any case, with the field named", async () => {
    const before = snapshot();
    const dup = await createAccount(actorOf(SECRETARIAT), { email: "Delegate@Telco.example", name: "Someone Else" });
    expect(inEnglish(dup)).toMatchObject({ ok: false, code: "invalid", fields: { email: expect.stringMatching(/already an account/) } });
    const bad = await createAccount(actorOf(SECRETARIAT), { email: "not-an-address", name: "X" });
    expect(inEnglish(bad)).toMatchObject({ ok: false, code: "invalid", fields: { email: expect.any(String), name: expect.any(String) } });
    expect(snapshot()).toEqual(before);
  });

  it("will not put a delegate into an Associate of another study group", async () => {
    const sg17Associate = env.db.select().from(users).where(eq(users.email, ASSOCIATE_SG17)).get()!.organisationId!;
    const refused = await createAccount(actorOf(SECRETARIAT), { email: "second@associate-sg17.example", name: "Second Delegate", organisationId: sg17Associate });
    expect(inEnglish(refused)).toMatchObject({ ok: false, code: "invalid", fields: { organisation: expect.any(String) } });
  });

  it("lists accounts with organisation, roles and status, and filters them", () => {
    const sec = actorOf(SECRETARIAT);
    const all = listAccounts(sec);
    expect(all.ok).toBe(true);
    if (!all.ok) return;
    const rapp = all.value.rows.find((a) => a.email === RAPPORTEUR_Q3)!;
    expect(rapp.rapporteurOf).toEqual([expect.objectContaining({ code: "Q3/20", kind: "rapporteur" })]);
    expect(all.value.rows.find((a) => a.email === SECRETARIAT)!.secretariatOf).toEqual([expect.objectContaining({ code: "SG20" })]);
    expect(all.value.rows.find((a) => a.email === TELCO)!.organisation?.name).toBe("Example Telecom Ltd");

    const rapporteurs = listAccounts(sec, { role: "rapporteur" });
    expect(rapporteurs.ok && rapporteurs.value.rows.map((a) => a.email).sort()).toEqual(["rapporteur.q3@sg20.example", "rapporteur.q6@sg20.example"]);
    const byOrg = listAccounts(sec, { q: "example telecom" });
    expect(byOrg.ok && byOrg.value.rows.map((a) => a.email)).toEqual([TELCO]);
    const secretariat = listAccounts(sec, { role: "secretariat", active: true });
    expect(secretariat.ok && secretariat.value.rows.map((a) => a.email)).toEqual([SECRETARIAT]);
  });
});

describe("password links", () => {
  it("a link expires after 48 hours (the first instant past is refused), and using one closes the others", async () => {
    const { id, secret, expiresAt } = await newAccount("expiry@example.org");
    expect(expiresAt).toBe(T0 + PASSWORD_LINK_TTL_MS);
    const second = await createPasswordResetLink(actorOf(SECRETARIAT), id);
    if (!second.ok) throw new Error(second.key);
    expect(second.value.expiresAt).toBe(T0 + 48 * HOUR);

    pinClock(T0 + 48 * HOUR);
    const late = await resetPasswordWithToken(secret, NEW_PASSWORD);
    expect(late).toMatchObject({ ok: false, code: "conflict" });
    expect(!late.ok && describeFailure(late, "en")).toMatch(/expired/);
    expect(auditFor("user.password_reset", id)).toHaveLength(0);

    pinClock(T0 + 48 * HOUR - 1);
    expect((await resetPasswordWithToken(secret, NEW_PASSWORD)).ok).toBe(true);
    // The second link was open; it is closed now.
    const other = await resetPasswordWithToken(secretOf(second.value.url), "yet another passphrase");
    expect(other).toMatchObject({ ok: false, code: "conflict" });
    expect(!other.ok && describeFailure(other, "en")).toMatch(/no longer valid/);
    expect(await signIn("expiry@example.org", NEW_PASSWORD)).toEqual({ ok: true, userId: id, sessionVersion: 1 });
  });

  it("refuses unknown and malformed links", async () => {
    expect(await resetPasswordWithToken("A".repeat(43), NEW_PASSWORD)).toMatchObject({ ok: false, code: "not_found" });
    expect(await resetPasswordWithToken("../../etc/passwd", NEW_PASSWORD)).toMatchObject({ ok: false, code: "not_found" });
    expect(checkPasswordLink("")).toMatchObject({ ok: false, code: "not_found" });
  });
});

describe("deactivation", () => {
  it("a deactivated account loses its session actor, its API tokens, its sign-in and its password links at once", async () => {
    const { id, secret } = await newAccount("leaving@example.org", "Leaving Person");
    const sec = actorOf(SECRETARIAT);
    expect((await resetPasswordWithToken(secret, NEW_PASSWORD)).ok).toBe(true);
    const token = await issueToken("leaving@example.org", NEW_PASSWORD, "script", "192.0.2.200");
    if (!token.ok) throw new Error(token.key);
    expect(actorForToken(token.value.token)?.userId).toBe(id);
    const link = await createPasswordResetLink(sec, id);
    if (!link.ok) throw new Error(link.key);

    expect(inEnglish(setAccountActive(sec, id, false, ""))).toMatchObject({ ok: false, code: "invalid", fields: { reason: expect.any(String) } });
    pinClock(T0 + 2 * HOUR);
    expect(setAccountActive(sec, id, false, "Left the organisation")).toEqual({ ok: true, value: { changed: true, active: false } });
    expect(env.db.select().from(users).where(eq(users.id, id)).get()).toMatchObject({ active: false, deactivatedAt: T0 + 2 * HOUR });
    expect(loadActor(id)).toBeNull();
    expect(actorForToken(token.value.token)).toBeNull();
    // Revoked for good, and said so on the account page: a reactivation does not bring it back.
    expect(env.db.select().from(apiTokens).where(eq(apiTokens.userId, id)).get()!.revokedAt).toBe(T0 + 2 * HOUR);
    expect(await signIn("leaving@example.org", NEW_PASSWORD)).toMatchObject({ ok: false, code: "deactivated" });
    expect(await resetPasswordWithToken(secretOf(link.value.url), "taking over the account")).toMatchObject({ ok: false });
    expect(await createPasswordResetLink(sec, id)).toMatchObject({ ok: false, code: "conflict" });
    expect(auditFor("user.deactivate", id)[0]).toMatchObject({ actorUserId: sec.userId, at: T0 + 2 * HOUR, details: { reason: "Left the organisation" } });

    expect(setAccountActive(sec, id, true, "Came back")).toEqual({ ok: true, value: { changed: true, active: true } });
    expect(loadActor(id)?.userId).toBe(id);
    expect(actorForToken(token.value.token)).toBeNull();
    expect(env.db.select().from(users).where(eq(users.id, id)).get()!.deactivatedAt).toBeNull();
    expect(auditFor("user.reactivate", id)).toHaveLength(1);
  });

  it("a link made before deactivation is refused, even after reactivation", async () => {
    const { id, secret } = await newAccount("paused@example.org");
    const sec = actorOf(SECRETARIAT);
    setAccountActive(sec, id, false, "Paused");
    expect(checkPasswordLink(secret)).toMatchObject({ ok: false });
    expect(await resetPasswordWithToken(secret, NEW_PASSWORD)).toMatchObject({ ok: false });
    setAccountActive(sec, id, true, "Resumed");
    const reused = await resetPasswordWithToken(secret, NEW_PASSWORD);
    expect(!reused.ok && describeFailure(reused, "en")).toMatch(/no longer valid/);
  });

  it("the secretariat cannot deactivate itself", () => {
    const sec = actorOf(SECRETARIAT);
    expect(setAccountActive(sec, sec.userId, false, "Testing")).toMatchObject({ ok: false, code: "conflict" });
    expect(loadActor(sec.userId)).not.toBeNull();
  });
});

describe("roles", () => {
  it("making someone rapporteur of Q3/20 gives them that Question in loadActor; changing and removing it too", async () => {
    const { id } = await newAccount("new.rapporteur@example.org", "New Rapporteur");
    const sec = actorOf(SECRETARIAT);
    expect(loadActor(id)!.roles).toEqual([]);
    expect(setRapporteur(sec, id, "Q3/20", "rapporteur")).toEqual({ ok: true, value: { changed: true, questionCode: "Q3/20", kind: "rapporteur" } });
    expect(loadActor(id)).toMatchObject({ rapporteurQuestionIds: [q3], roles: ["rapporteur"] });
    expect(setRapporteur(sec, id, "Q3/20", "rapporteur")).toMatchObject({ ok: true, value: { changed: false } });
    expect(setRapporteur(sec, id, "Q3/20", "associate_rapporteur")).toMatchObject({ ok: true, value: { changed: true } });
    expect(env.db.select().from(rapporteurAssignments).where(eq(rapporteurAssignments.userId, id)).get()!.kind).toBe("associate_rapporteur");
    expect(setRapporteur(sec, id, "Q3/20", null)).toMatchObject({ ok: true, value: { changed: true, kind: null } });
    expect(loadActor(id)).toMatchObject({ rapporteurQuestionIds: [], roles: [] });
    expect(auditFor("rapporteur.set", id).map((a) => a.details)).toEqual([
      { question: "Q3/20", from: null, to: "rapporteur" },
      { question: "Q3/20", from: "rapporteur", to: "associate_rapporteur" },
    ]);
    expect(auditFor("rapporteur.remove", id)).toHaveLength(1);
  });

  it("is limited to Questions and groups of the secretariat's own study groups", async () => {
    const { id } = await newAccount("limited@example.org");
    const sec = actorOf(SECRETARIAT);
    const t17 = env.db.select().from(studyPeriods).get()!.id;
    env.db.insert(questions).values({ studyGroupId: sg17, studyPeriodId: t17, number: 1, code: "Q1/17", title: "Security standardization strategy" }).run();
    const before = snapshot();
    expect(setRapporteur(sec, id, "Q1/17", "rapporteur")).toMatchObject({ ok: false, code: "not_found" });
    expect(setRapporteur(sec, id, "Q99/20", "rapporteur")).toMatchObject({ ok: false, code: "not_found" });
    expect(setSecretariat(sec, id, "SG17", true)).toMatchObject({ ok: false, code: "forbidden" });
    expect(setRapporteur(sec, 999_999, "Q3/20", "rapporteur")).toMatchObject({ ok: false, code: "not_found" });
    expect(snapshot()).toEqual(before);
  });

  it("adds to and removes from the secretariat of the group, but not oneself", async () => {
    const { id } = await newAccount("assistant@example.org", "TSB Assistant");
    const sec = actorOf(SECRETARIAT);
    expect(setSecretariat(sec, id, "sg20", true)).toEqual({ ok: true, value: { changed: true, studyGroupCode: "SG20" } });
    expect(loadActor(id)).toMatchObject({ secretariatGroupIds: [sg20], roles: ["secretariat"] });
    expect(setSecretariat(sec, id, "SG20", false)).toMatchObject({ ok: true, value: { changed: true } });
    expect(loadActor(id)!.roles).toEqual([]);
    expect(setSecretariat(sec, sec.userId, "SG20", false)).toMatchObject({ ok: false, code: "conflict" });
    expect(auditFor("secretariat.add", id)).toHaveLength(1);
    expect(auditFor("secretariat.remove", id)).toHaveLength(1);
  });

  it("will not take over an account that holds a role in another study group", async () => {
    const { id } = await newAccount("tsb.sg17@example.org", "SG17 Counsellor");
    env.db.insert(secretariatAssignments).values({ userId: id, studyGroupId: sg17 }).run();
    const sec = actorOf(SECRETARIAT);
    const before = snapshot();
    expect(await createPasswordResetLink(sec, id)).toMatchObject({ ok: false, code: "forbidden" });
    expect(setAccountActive(sec, id, false, "Trying")).toMatchObject({ ok: false, code: "forbidden" });
    expect(await createPasswordResetLink(sec, userId(ASSOCIATE_SG17))).toMatchObject({ ok: false, code: "forbidden" });
    expect(snapshot()).toEqual(before);
    const detail = getAccount(sec, id);
    expect(detail.ok && detail.value.account.manageable).toBe(false);
  });
});

describe("members and rapporteurs may not manage accounts", () => {
  it.each([TELCO, RAPPORTEUR_Q3])("%s gets forbidden or not_found from every function, and nothing changes", async (email) => {
    const who = actorOf(email);
    const target = userId("delegate@university.example");
    const before = snapshot();
    const refused = ["forbidden", "not_found"];
    const results = [
      listAccounts(who),
      getAccount(who, target),
      createOrganisation(who, { name: "Sneaky Org", country: "Nowhere", memberType: "sector_member" }),
      await createAccount(who, { email: "sneaky@example.org", name: "Sneaky" }),
      setRapporteur(who, who.userId, "Q6/20", "rapporteur"),
      setRapporteur(who, target, "Q3/20", null),
      setSecretariat(who, who.userId, "SG20", true),
      setAccountActive(who, target, false, "Because I can"),
      await createPasswordResetLink(who, target),
      listAudit(who),
      auditCsv(who),
    ];
    for (const r of results) {
      expect(r.ok).toBe(false);
      if (!r.ok) expect(refused).toContain(r.code);
    }
    expect(snapshot()).toEqual(before);
    expect(loadActor(target)).not.toBeNull();
  });
});

// These run last: they read the entries that the changes above wrote.
describe("the audit log", () => {
  let sg17MeetingId: number;
  let sg20MeetingId: number;

  beforeAll(() => {
    const t17 = env.db.select().from(studyPeriods).get()!.id;
    sg17MeetingId = env.db
      .insert(meetings)
      .values({
        code: "SG17-2020-08",
        title: "ITU-T Study Group 17 meeting",
        studyGroupId: sg17,
        studyPeriodId: t17,
        mode: "virtual",
        location: "Virtual",
        firstDay: "2020-08-25",
        lastDay: "2020-09-03",
        deadlineAt: Date.parse("2020-08-12T22:00:00Z"),
        createdAt: T0,
        updatedAt: T0,
      })
      .returning()
      .get().id;
    sg20MeetingId = env.db.select().from(meetings).where(eq(meetings.code, SG20_MEETING_CODE)).get()!.id;
    const insert = (meetingId: number, action: string, at: number) =>
      env.db.insert(auditLog).values({ at, actorUserId: null, action, entityType: "meeting", entityId: String(meetingId), meetingId, details: { note: action } }).run();
    insert(sg17MeetingId, "meeting.update", T0 - 10 * HOUR);
    insert(sg20MeetingId, "meeting.update", T0 - 9 * HOUR);
  });

  it("shows the secretariat of SG20 its meetings' entries and those of no meeting, never another group's", () => {
    const sec = actorOf(SECRETARIAT);
    const all = listAudit(sec, { pageSize: 200 });
    if (!all.ok) throw new Error(all.key);
    const meetingsSeen = all.value.rows.filter((r) => r.meetingCode !== null).map((r) => r.meetingCode);
    expect(meetingsSeen).toEqual([SG20_MEETING_CODE]);
    expect(all.value.rows.some((r) => r.action === "user.create")).toBe(true);
    expect(listAudit(sec, { meetingCode: "SG17-2020-08" })).toMatchObject({ ok: true, value: { total: 0, rows: [] } });
    const csv = auditCsv(sec, {});
    expect(csv.ok && csv.value).not.toContain("SG17-2020-08");

    // The SG17 secretariat sees the other half.
    const sg17Sec = env.db
      .insert(users)
      .values({ email: "counsellor.sg17@example.org", name: "SG17 Counsellor", passwordHash: "x", createdAt: T0 })
      .returning()
      .get().id;
    env.db.insert(secretariatAssignments).values({ userId: sg17Sec, studyGroupId: sg17 }).run();
    const other = listAudit(loadActor(sg17Sec)!, { meetingCode: "SG17-2020-08" });
    expect(other.ok && other.value.rows.map((r) => r.meetingCode)).toEqual(["SG17-2020-08"]);
    expect(listAudit(loadActor(sg17Sec)!, { meetingCode: SG20_MEETING_CODE })).toMatchObject({ ok: true, value: { total: 0 } });
  });

  it("filters by action (exact or prefix), actor e-mail, entity and time, newest first", () => {
    const sec = actorOf(SECRETARIAT);
    const userEntries = listAudit(sec, { action: "user", pageSize: 200 });
    if (!userEntries.ok) throw new Error(userEntries.key);
    expect(userEntries.value.total).toBeGreaterThan(3);
    expect(userEntries.value.rows.every((r) => r.action.startsWith("user."))).toBe(true);
    const creates = listAudit(sec, { action: "user.create", pageSize: 200 });
    expect(creates.ok && creates.value.total).toBe(auditCount("user.create"));
    expect(listAudit(sec, { action: "use" })).toMatchObject({ ok: true, value: { total: 0 } });

    const mine = listAudit(sec, { actorEmail: " TSB.sg20@secretariat.example ", pageSize: 200 });
    expect(mine.ok && mine.value.rows.every((r) => r.actorEmail === SECRETARIAT)).toBe(true);
    expect(mine.ok && mine.value.total).toBeGreaterThan(5);

    const window = listAudit(sec, { from: T0 - 10 * HOUR, to: T0 - 9 * HOUR });
    expect(window.ok && window.value.rows.map((r) => r.meetingCode)).toEqual([]); // the SG17 entry is in the window but out of scope
    const window2 = listAudit(sec, { from: T0 - 9 * HOUR, to: T0 - 8 * HOUR });
    expect(window2.ok && window2.value.rows.map((r) => r.meetingCode)).toEqual([SG20_MEETING_CODE]);

    const entity = listAudit(sec, { entityType: "user", entityId: String(userId("leaving@example.org")), pageSize: 200 });
    expect(entity.ok && entity.value.rows.map((r) => r.action)).toEqual(
      expect.arrayContaining(["user.create", "user.password_link", "user.password_reset", "user.deactivate", "user.reactivate"]),
    );
    const ats = entity.ok ? entity.value.rows.map((r) => r.at) : [];
    expect([...ats].sort((a, b) => b - a)).toEqual(ats);
  });

  it("paginates in SQL: pages do not overlap and together make the whole", () => {
    const sec = actorOf(SECRETARIAT);
    const whole = listAudit(sec, { pageSize: 200 });
    if (!whole.ok) throw new Error(whole.key);
    const total = whole.value.total;
    expect(total).toBeGreaterThan(10);
    const ids: number[] = [];
    for (let page = 1; page <= Math.ceil(total / 4); page++) {
      const p = listAudit(sec, { page, pageSize: 4 });
      if (!p.ok) throw new Error(p.key);
      expect(p.value).toMatchObject({ page, pageSize: 4, total, pages: Math.ceil(total / 4) });
      expect(p.value.rows.length).toBe(Math.min(4, total - (page - 1) * 4));
      ids.push(...p.value.rows.map((r) => r.id));
    }
    expect(ids).toEqual(whole.value.rows.map((r) => r.id));
    // A page past the end shows the last one.
    const past = listAudit(sec, { page: 10_000, pageSize: 4 });
    expect(past.ok && past.value.page).toBe(Math.ceil(total / 4));
  });

  it("exports CSV with Geneva and UTC times", () => {
    const sec = actorOf(SECRETARIAT);
    const csv = auditCsv(sec, { action: "user.deactivate" });
    if (!csv.ok) throw new Error(csv.key);
    const lines = csv.value.replace(/^\uFEFF/, "").trim().split("\r\n");
    expect(lines[0]).toBe("When (Geneva),When (UTC),Actor,Action,Entity,Meeting,Details");
    expect(lines.length).toBe(1 + auditCount("user.deactivate"));
    expect(lines.slice(1).every((l) => l.includes("CEST (UTC+2)") && l.includes("2020-06-23T") && l.includes(",user.deactivate,"))).toBe(true);
  });

  it("reads the filters of the page and the API: Geneva wall times and ISO instants", () => {
    expect(parseAuditQuery(new URLSearchParams("from=2020-06-23T18:00&to=2020-06-24T00:00:00Z&action=user&page=2"))).toEqual({
      ok: true,
      value: {
        action: "user",
        actorEmail: undefined,
        entityType: undefined,
        entityId: undefined,
        meetingCode: undefined,
        from: Date.parse("2020-06-23T16:00:00Z"),
        to: Date.parse("2020-06-24T00:00:00Z"),
        page: 2,
        pageSize: undefined,
      },
    });
    expect(inEnglish(parseAuditQuery({ from: "yesterday" }))).toMatchObject({ ok: false, code: "invalid", fields: { from: expect.any(String) } });
    expect(inEnglish(parseAuditQuery({ pageSize: "5000" }))).toMatchObject({ ok: false, fields: { pageSize: expect.any(String) } });
  });

  it("refuses UPDATE and DELETE on audit_log, through Drizzle and raw SQL", () => {
    const before = auditCount();
    const any = env.db.select().from(auditLog).get()!;
    expect(() => env.db.update(auditLog).set({ action: "tampered" }).where(eq(auditLog.id, any.id)).run()).toThrow(/append-only/);
    expect(() => env.db.delete(auditLog).where(eq(auditLog.id, any.id)).run()).toThrow(/append-only/);
    expect(() => env.db.$client.exec("DELETE FROM audit_log")).toThrow(/append-only/);
    expect(auditCount()).toBe(before);
    expect(env.db.select().from(auditLog).where(eq(auditLog.id, any.id)).get()!.action).toBe(any.action);
  });
});
