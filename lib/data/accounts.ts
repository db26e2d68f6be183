// The secretariat's account desk: organisations, accounts, roles, deactivation and one-time password links.
import "server-only";
import { createHash, randomBytes } from "node:crypto";
import { and, asc, count, desc, eq, gt, inArray, isNotNull, isNull, sql, type SQL } from "drizzle-orm";
import { alias } from "drizzle-orm/sqlite-core";
import { getDb, type DB } from "@/db/client";
import {
  MEMBER_TYPES,
  organisations,
  passwordResets,
  questions,
  rapporteurAssignments,
  secretariatAssignments,
  studyGroups,
  studyPeriods,
  users,
  type MemberType,
} from "@/db/schema";
import { now } from "@/lib/time/clock";
import { recordAudit } from "@/lib/data/audit";
import { endSessions } from "@/lib/data/sessions";
import { rememberKnownAddress } from "@/lib/data/sign-in";
import { failT, ok, type Failure, type FailureParam, type Result } from "@/lib/domain/failures";
import { passwordLinkMail } from "@/lib/present/account-mail";
import { isLocale, type Locale } from "@/lib/i18n/config";
import { sendMail } from "@/lib/mail/transport";
import { hashPassword, MIN_PASSWORD_LENGTH } from "@/lib/auth/passwords";
import { hasPermission, isSecretariatOf, type Actor } from "@/lib/auth/permissions";
import { failFields, invalidFields, type FieldMessage } from "@/lib/validation/messages";

export const PASSWORD_LINK_TTL_MS = 48 * 60 * 60_000;
export const MAX_PASSWORD_LENGTH = 1024;
export const RAPPORTEUR_KINDS = ["rapporteur", "associate_rapporteur"] as const;
export type RapporteurKind = (typeof RAPPORTEUR_KINDS)[number];
export const ACCOUNT_ROLE_FILTERS = ["member", "rapporteur", "secretariat", "none"] as const;
export type AccountRoleFilter = (typeof ACCOUNT_ROLE_FILTERS)[number];
export { MEMBER_TYPES, type MemberType };

const FORBIDDEN = failT("forbidden", "api.accounts.forbidden");
const NO_ACCOUNT = failT("not_found", "api.notFound.account");
const SECRET_SHAPE = /^[A-Za-z0-9_-]{43}$/;
const EMAIL_SHAPE = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

// ---------------------------------------------------------------- DTOs

export type AccountOrganisation = {
  id: number;
  name: string;
  country: string;
  memberType: MemberType;
  associateStudyGroupId: number | null;
  associateStudyGroupCode: string | null;
};

export type AccountDto = {
  id: number;
  email: string;
  name: string;
  phone: string | null;
  organisation: AccountOrganisation | null;
  rapporteurOf: Array<{ questionId: number; code: string; title: string; kind: RapporteurKind; studyGroupId: number }>;
  secretariatOf: Array<{ studyGroupId: number; code: string; title: string | null }>;
  active: boolean;
  deactivatedAt: number | null;
  createdAt: number;
  /** set while an account opened by single sign-on awaits approval (lib/data/pending-accounts.ts) */
  pendingSince: number | null;
  /** false when the account holds a role in a study group the actor is not the secretariat of */
  manageable: boolean;
  isSelf: boolean;
};

export type PasswordLinkStatus = { id: number; createdAt: number; expiresAt: number; usedAt: number | null; createdBy: string | null };

export type AccountDetail = {
  account: AccountDto;
  passwordLinks: PasswordLinkStatus[];
  /** the Questions of the actor's study groups, for the rapporteur form */
  assignableQuestions: Array<{ id: number; code: string; title: string; studyGroupCode: string }>;
  /** the actor's own study groups, for the secretariat switch */
  ownGroups: Array<{ id: number; code: string; title: string }>;
};

export type PasswordLink = { url: string; expiresAt: number; mailed: boolean };

// ---------------------------------------------------------------- helpers

function digest(secret: string): string {
  return createHash("sha256").update(secret).digest("hex");
}

function isAccountManager(actor: Actor): boolean {
  return hasPermission(actor, "accounts.manage") && actor.secretariatGroupIds.length > 0;
}

function invalid(fields: Record<string, FieldMessage>): Failure {
  return invalidFields(fields);
}

function ownGroups(actor: Actor, db: DB) {
  if (actor.secretariatGroupIds.length === 0) return [];
  return db
    .select({ id: studyGroups.id, code: studyGroups.code, title: studyGroups.title })
    .from(studyGroups)
    .where(inArray(studyGroups.id, actor.secretariatGroupIds))
    .orderBy(asc(studyGroups.number))
    .all();
}

/** Reads accounts with their organisation and roles, in the order of `where` and at most `limit`. */
function readAccounts(actor: Actor, db: DB, where: SQL | undefined, limit?: number): AccountDto[] {
  const query = db
    .select({
      u: users,
      orgName: organisations.name,
      orgCountry: organisations.country,
      orgType: organisations.memberType,
      orgAssociateId: organisations.associateStudyGroupId,
      orgAssociateCode: studyGroups.code,
    })
    .from(users)
    .leftJoin(organisations, eq(organisations.id, users.organisationId))
    .leftJoin(studyGroups, eq(studyGroups.id, organisations.associateStudyGroupId))
    .where(where)
    .orderBy(asc(sql`lower(${users.name})`), asc(users.id));
  const rows = limit === undefined ? query.all() : query.limit(limit).all();
  const ids = rows.map((r) => r.u.id);
  if (ids.length === 0) return [];
  const rapp = db
    .select({
      userId: rapporteurAssignments.userId,
      questionId: questions.id,
      code: questions.code,
      title: questions.title,
      kind: rapporteurAssignments.kind,
      studyGroupId: questions.studyGroupId,
    })
    .from(rapporteurAssignments)
    .innerJoin(questions, eq(questions.id, rapporteurAssignments.questionId))
    .where(inArray(rapporteurAssignments.userId, ids))
    .orderBy(asc(questions.studyGroupId), asc(questions.number))
    .all();
  const secr = db
    .select({ userId: secretariatAssignments.userId, studyGroupId: studyGroups.id, code: studyGroups.code, title: secretariatAssignments.title })
    .from(secretariatAssignments)
    .innerJoin(studyGroups, eq(studyGroups.id, secretariatAssignments.studyGroupId))
    .where(inArray(secretariatAssignments.userId, ids))
    .orderBy(asc(studyGroups.number))
    .all();
  return rows.map(({ u, ...o }) => {
    const rapporteurOf = rapp.filter((r) => r.userId === u.id).map(({ userId: _u, ...r }) => r);
    const secretariatOf = secr.filter((s) => s.userId === u.id).map(({ userId: _u, ...s }) => s);
    const organisation: AccountOrganisation | null =
      u.organisationId !== null && o.orgName !== null && o.orgCountry !== null && o.orgType !== null
        ? {
            id: u.organisationId,
            name: o.orgName,
            country: o.orgCountry,
            memberType: o.orgType,
            associateStudyGroupId: o.orgAssociateId,
            associateStudyGroupCode: o.orgAssociateCode,
          }
        : null;
    const outside =
      secretariatOf.some((s) => !isSecretariatOf(actor, s.studyGroupId)) ||
      rapporteurOf.some((r) => !isSecretariatOf(actor, r.studyGroupId)) ||
      (organisation?.memberType === "associate" && organisation.associateStudyGroupId !== null && !isSecretariatOf(actor, organisation.associateStudyGroupId));
    return {
      id: u.id,
      email: u.email,
      name: u.name,
      phone: u.phone,
      organisation,
      rapporteurOf,
      secretariatOf,
      active: u.active,
      deactivatedAt: u.deactivatedAt,
      createdAt: u.createdAt,
      pendingSince: u.pendingSince,
      manageable: !outside,
      isSelf: u.id === actor.userId,
    };
  });
}

function readAccount(actor: Actor, db: DB, userId: number): AccountDto | undefined {
  if (!Number.isInteger(userId) || userId <= 0) return undefined;
  return readAccounts(actor, db, eq(users.id, userId))[0];
}

/**
 * Taking over an account (deactivating it, or handing out a password link for it) is for the
 * secretariat of every group in which it holds a role: the SG20 counsellor cannot reset the
 * password of the SG17 counsellor or of an SG17 rapporteur.
 */
function whyNotTakeOver(account: AccountDto): Failure | null {
  if (account.manageable) return null;
  const associateOf = account.organisation?.associateStudyGroupCode;
  const groups: FailureParam[] = [
    ...account.secretariatOf.map((s) => s.code),
    ...account.rapporteurOf.map((r) => r.code),
    ...(associateOf ? [{ text: "api.accounts.associateOf", params: { group: associateOf } } as const] : []),
  ];
  return failT("forbidden", "api.accounts.rolesElsewhere", { name: account.name, groups: { join: groups, separator: ", " } });
}

/** Inserts a one-time link (only the hash of the secret is stored) and audits it; the secret is returned once. */
function insertPasswordLink(tx: Pick<DB, "select" | "insert" | "update" | "delete">, userId: number, createdBy: number, at: number, reason: "new_account" | "reset"): { secret: string; expiresAt: number } {
  const secret = randomBytes(32).toString("base64url");
  const expiresAt = at + PASSWORD_LINK_TTL_MS;
  const row = tx
    .insert(passwordResets)
    .values({ userId, tokenHash: digest(secret), createdAt: at, expiresAt, createdByUserId: createdBy })
    .returning({ id: passwordResets.id })
    .get();
  recordAudit(tx, {
    at,
    actorUserId: createdBy,
    action: "user.password_link",
    entityType: "user",
    entityId: userId,
    details: { linkId: row.id, reason, expiresAt: new Date(expiresAt).toISOString() },
  });
  return { secret, expiresAt };
}

function linkPath(secret: string): string {
  return `/reset-password/${secret}`;
}

/** The link as an e-mail shows it: absolute when the public origin is known. */
function absoluteLink(path: string): string {
  const origin = process.env.NEXTAUTH_URL?.replace(/\/+$/, "") ?? "";
  return `${origin}${path}`;
}

/**
 * The link's e-mail, in the account's saved language (a new account has none yet: English). Sent at once, not
 * queued: the secret must never be at rest (only its hash is stored), and the secretariat is shown the link and
 * whether it was mailed. In the demo's outbox the issuing secretariat sees that it was sent; only its addressee reads it.
 */
async function mailPasswordLink(
  actor: Actor,
  to: string,
  name: string,
  path: string,
  expiresAt: number,
  isNew: boolean,
  locale: Locale = "en",
): Promise<boolean> {
  const { subject, text } = passwordLinkMail({ name, by: actor.name, link: absoluteLink(path), expiresAt, isNew }, locale);
  const studyGroups = ownGroups(actor, getDb()).map((g) => g.code);
  const result = await sendMail({ to: [to], subject, text, tags: { kind: "password_link", studyGroups } });
  return result.ok;
}

function savedLocale(db: DB, userId: number): Locale {
  const row = db.select({ locale: users.locale }).from(users).where(eq(users.id, userId)).get();
  return isLocale(row?.locale) ? row.locale : "en";
}

// ---------------------------------------------------------------- reading

export type AccountQuery = { q?: string; role?: AccountRoleFilter; active?: boolean };
export const ACCOUNT_LIST_LIMIT = 500;

export function listAccounts(actor: Actor, query: AccountQuery = {}): Result<{ rows: AccountDto[]; total: number }> {
  if (!isAccountManager(actor)) return FORBIDDEN;
  const db = getDb();
  const conditions: SQL[] = [];
  const q = query.q?.trim().toLowerCase();
  if (q) {
    conditions.push(
      sql`(instr(lower(${users.name}), ${q}) > 0 OR instr(${users.email}, ${q}) > 0 OR instr(lower(coalesce(${organisations.name}, '')), ${q}) > 0)`,
    );
  }
  const isRapporteur = sql`exists (select 1 from ${rapporteurAssignments} where ${rapporteurAssignments.userId} = ${users.id})`;
  const isSecretariat = sql`exists (select 1 from ${secretariatAssignments} where ${secretariatAssignments.userId} = ${users.id})`;
  if (query.role === "member") conditions.push(isNotNull(users.organisationId));
  if (query.role === "rapporteur") conditions.push(isRapporteur);
  if (query.role === "secretariat") conditions.push(isSecretariat);
  if (query.role === "none") conditions.push(sql`(${users.organisationId} is null and not ${isRapporteur} and not ${isSecretariat})`);
  if (query.active !== undefined) conditions.push(eq(users.active, query.active));
  const where = conditions.length > 0 ? and(...conditions) : undefined;
  const [{ n }] = db
    .select({ n: count() })
    .from(users)
    .leftJoin(organisations, eq(organisations.id, users.organisationId))
    .where(where)
    .all();
  return ok({ rows: readAccounts(actor, db, where, ACCOUNT_LIST_LIMIT), total: n });
}

export function getAccount(actor: Actor, userId: number): Result<AccountDetail> {
  if (!isAccountManager(actor)) return FORBIDDEN;
  const db = getDb();
  const account = readAccount(actor, db, userId);
  if (!account) return NO_ACCOUNT;
  const creator = alias(users, "creator");
  const passwordLinks = db
    .select({
      id: passwordResets.id,
      createdAt: passwordResets.createdAt,
      expiresAt: passwordResets.expiresAt,
      usedAt: passwordResets.usedAt,
      createdBy: creator.name,
    })
    .from(passwordResets)
    .leftJoin(creator, eq(creator.id, passwordResets.createdByUserId))
    .where(eq(passwordResets.userId, account.id))
    .orderBy(desc(passwordResets.createdAt), desc(passwordResets.id))
    .limit(5)
    .all();
  const assignableQuestions = db
    .select({ id: questions.id, code: questions.code, title: questions.title, studyGroupCode: studyGroups.code })
    .from(questions)
    .innerJoin(studyGroups, eq(studyGroups.id, questions.studyGroupId))
    .innerJoin(studyPeriods, eq(studyPeriods.id, questions.studyPeriodId))
    .where(inArray(questions.studyGroupId, actor.secretariatGroupIds))
    .orderBy(asc(studyGroups.number), desc(studyPeriods.lastYear), asc(questions.number))
    .all();
  return ok({ account, passwordLinks, assignableQuestions, ownGroups: ownGroups(actor, db) });
}

/** The choices of the account forms: organisations, and the actor's groups (an Associate's group is one of them). */
export function accountFormOptions(actor: Actor): Result<{
  organisations: Array<{ id: number; name: string; country: string; memberType: MemberType; associateStudyGroupCode: string | null }>;
  ownGroups: Array<{ id: number; code: string; title: string }>;
}> {
  if (!isAccountManager(actor)) return FORBIDDEN;
  const db = getDb();
  const orgs = db
    .select({
      id: organisations.id,
      name: organisations.name,
      country: organisations.country,
      memberType: organisations.memberType,
      associateStudyGroupCode: studyGroups.code,
    })
    .from(organisations)
    .leftJoin(studyGroups, eq(studyGroups.id, organisations.associateStudyGroupId))
    .orderBy(asc(sql`lower(${organisations.name})`))
    .all();
  return ok({ organisations: orgs, ownGroups: ownGroups(actor, db) });
}

// ---------------------------------------------------------------- organisations and accounts

export type OrganisationInput = { name: string; country: string; memberType: string; associateStudyGroupCode?: string | null };

export function createOrganisation(actor: Actor, input: OrganisationInput): Result<{ id: number; name: string }> {
  if (!isAccountManager(actor)) return FORBIDDEN;
  const db = getDb();
  const name = input.name.trim();
  const country = input.country.trim();
  const code = input.associateStudyGroupCode?.trim().toUpperCase() || null;
  const fields: Record<string, FieldMessage> = {};
  if (name.length < 2 || name.length > 200) fields.name = "api.accounts.orgName";
  if (country.length < 2 || country.length > 100) fields.country = "api.accounts.country";
  const memberType = (MEMBER_TYPES as readonly string[]).includes(input.memberType) ? (input.memberType as MemberType) : null;
  if (!memberType) {
    fields.memberType = ["api.accounts.memberType", { list: { join: MEMBER_TYPES.map((type) => ({ label: "memberType", code: type }) as const), separator: ", " } }];
  }
  let associateStudyGroupId: number | null = null;
  if (memberType === "associate") {
    const group = code ? db.select().from(studyGroups).where(eq(studyGroups.code, code)).get() : undefined;
    if (!code) fields.associateStudyGroup = "api.accounts.associateNeedsGroup";
    else if (!group || !isSecretariatOf(actor, group.id)) fields.associateStudyGroup = ["api.accounts.associateOwnGroupOnly", { code }];
    else associateStudyGroupId = group.id;
  } else if (memberType && code) {
    fields.associateStudyGroup = "api.accounts.onlyAssociateHasGroup";
  }
  if (!fields.name) {
    const twin = db
      .select({ id: organisations.id })
      .from(organisations)
      .where(sql`lower(${organisations.name}) = ${name.toLowerCase()}`)
      .get();
    if (twin) fields.name = ["api.accounts.orgExists", { name }];
  }
  if (Object.keys(fields).length > 0 || !memberType) return invalid(fields);
  const at = now();
  const id = db.transaction((tx) => {
    const row = tx
      .insert(organisations)
      .values({ name, country, memberType, associateStudyGroupId, createdAt: at })
      .returning({ id: organisations.id })
      .get();
    recordAudit(tx, {
      at,
      actorUserId: actor.userId,
      action: "organisation.create",
      entityType: "organisation",
      entityId: row.id,
      details: { name, country, memberType, associateStudyGroup: code },
    });
    return row.id;
  });
  return ok({ id, name });
}

export type AccountInput = { email: string; name: string; organisationId?: number | null; phone?: string | null };

/**
 * Opens an account with an unusable password (the hash of a random secret nobody keeps) and a
 * one-time link, e-mailed to the new user and returned so that the secretariat can pass it on.
 */
export async function createAccount(actor: Actor, input: AccountInput): Promise<Result<{ id: number; email: string } & PasswordLink>> {
  if (!isAccountManager(actor)) return FORBIDDEN;
  const db = getDb();
  const email = input.email.trim().toLowerCase();
  const name = input.name.trim();
  const phone = input.phone?.trim() || null;
  const fields: Record<string, FieldMessage> = {};
  if (!EMAIL_SHAPE.test(email) || email.length > 320) fields.email = "api.accounts.email";
  else if (db.select({ id: users.id }).from(users).where(eq(users.email, email)).get()) fields.email = ["api.accounts.emailTaken", { email }];
  if (name.length < 2 || name.length > 200) fields.name = "api.accounts.personName";
  if (phone && phone.length > 50) fields.phone = ["api.accounts.phoneTooLong", { max: 50 }];
  let organisationId: number | null = null;
  if (input.organisationId != null) {
    const org = db.select().from(organisations).where(eq(organisations.id, input.organisationId)).get();
    if (!org) fields.organisation = "api.notFound.organisation";
    else if (org.memberType === "associate" && org.associateStudyGroupId !== null && !isSecretariatOf(actor, org.associateStudyGroupId)) {
      fields.organisation = ["api.accounts.associateElsewhere", { org: org.name }];
    } else organisationId = org.id;
  }
  if (Object.keys(fields).length > 0) return invalid(fields);

  const passwordHash = await hashPassword(randomBytes(32).toString("base64url"));
  const at = now();
  let created: { id: number; secret: string; expiresAt: number };
  try {
    created = db.transaction((tx) => {
      const row = tx
        .insert(users)
        .values({ email, name, phone, organisationId, passwordHash, active: true, createdAt: at })
        .returning({ id: users.id })
        .get();
      recordAudit(tx, {
        at,
        actorUserId: actor.userId,
        action: "user.create",
        entityType: "user",
        entityId: row.id,
        details: { email, name, organisationId, phone },
      });
      return { id: row.id, ...insertPasswordLink(tx, row.id, actor.userId, at, "new_account") };
    });
  } catch (error) {
    // Two secretaries creating the same address at once: the unique index decides.
    if (error instanceof Error && /UNIQUE constraint failed: users\.email/.test(error.message)) {
      return invalid({ email: ["api.accounts.emailTaken", { email }] });
    }
    throw error;
  }
  const url = linkPath(created.secret);
  const mailed = await mailPasswordLink(actor, email, name, url, created.expiresAt, true);
  return ok({ id: created.id, email, url, expiresAt: created.expiresAt, mailed });
}

// ---------------------------------------------------------------- roles

/** Makes the account rapporteur (or associate rapporteur) of a Question of the actor's groups; null removes it. */
export function setRapporteur(
  actor: Actor,
  userId: number,
  questionCode: string,
  kind: RapporteurKind | null,
): Result<{ changed: boolean; questionCode: string; kind: RapporteurKind | null }> {
  if (!isAccountManager(actor)) return FORBIDDEN;
  const db = getDb();
  const account = readAccount(actor, db, userId);
  if (!account) return NO_ACCOUNT;
  if (kind !== null && !(RAPPORTEUR_KINDS as readonly string[]).includes(kind)) {
    return invalid({ kind: "api.accounts.rapporteurKind" });
  }
  const code = questionCode.trim();
  // A code is unique per study period; the latest period's Question is the one meant.
  const question = db
    .select({ id: questions.id, code: questions.code })
    .from(questions)
    .innerJoin(studyPeriods, eq(studyPeriods.id, questions.studyPeriodId))
    .where(and(eq(questions.code, code), inArray(questions.studyGroupId, actor.secretariatGroupIds)))
    .orderBy(desc(studyPeriods.lastYear))
    .get();
  if (!question) {
    return failFields("not_found", "api.accounts.noQuestion", { code: code || { text: "api.accounts.noneGiven" } }, { question: "api.field.unknownQuestion" });
  }
  const current = account.rapporteurOf.find((r) => r.questionId === question.id)?.kind ?? null;
  if (current === kind) return ok({ changed: false, questionCode: question.code, kind });
  const at = now();
  db.transaction((tx) => {
    if (kind === null) {
      tx.delete(rapporteurAssignments)
        .where(and(eq(rapporteurAssignments.userId, account.id), eq(rapporteurAssignments.questionId, question.id)))
        .run();
    } else if (current === null) {
      tx.insert(rapporteurAssignments).values({ userId: account.id, questionId: question.id, kind }).run();
    } else {
      tx.update(rapporteurAssignments)
        .set({ kind })
        .where(and(eq(rapporteurAssignments.userId, account.id), eq(rapporteurAssignments.questionId, question.id)))
        .run();
    }
    recordAudit(tx, {
      at,
      actorUserId: actor.userId,
      action: kind === null ? "rapporteur.remove" : "rapporteur.set",
      entityType: "user",
      entityId: account.id,
      details: { question: question.code, from: current, to: kind },
    });
  });
  return ok({ changed: true, questionCode: question.code, kind });
}

/** Adds the account to (or removes it from) the secretariat of one of the actor's own groups. */
export function setSecretariat(actor: Actor, userId: number, studyGroupCode: string, on: boolean): Result<{ changed: boolean; studyGroupCode: string }> {
  if (!isAccountManager(actor)) return FORBIDDEN;
  const db = getDb();
  const account = readAccount(actor, db, userId);
  if (!account) return NO_ACCOUNT;
  const code = studyGroupCode.trim().toUpperCase();
  const group = db.select().from(studyGroups).where(eq(studyGroups.code, code)).get();
  if (!group || !isSecretariatOf(actor, group.id)) {
    return failT("forbidden", "api.accounts.ownSecretariatOnly", { code: code || { text: "api.accounts.noneGiven" } });
  }
  const current = account.secretariatOf.some((s) => s.studyGroupId === group.id);
  if (current === on) return ok({ changed: false, studyGroupCode: group.code });
  if (!on && account.isSelf) {
    return failT("conflict", "api.accounts.cannotLeaveSecretariat", { group: group.code });
  }
  const at = now();
  db.transaction((tx) => {
    if (on) tx.insert(secretariatAssignments).values({ userId: account.id, studyGroupId: group.id }).run();
    else {
      tx.delete(secretariatAssignments)
        .where(and(eq(secretariatAssignments.userId, account.id), eq(secretariatAssignments.studyGroupId, group.id)))
        .run();
    }
    recordAudit(tx, {
      at,
      actorUserId: actor.userId,
      action: on ? "secretariat.add" : "secretariat.remove",
      entityType: "user",
      entityId: account.id,
      details: { studyGroup: group.code },
    });
  });
  return ok({ changed: true, studyGroupCode: group.code });
}

/**
 * Deactivates or reactivates an account, with a reason. Roles are re-read on every request, so a
 * deactivated account's sessions and API tokens stop working at once; its open password links expire.
 * Both directions end every session and token issued before: a reactivated account starts afresh,
 * and nothing from before its deactivation comes back.
 */
export function setAccountActive(actor: Actor, userId: number, active: boolean, reason: string): Result<{ changed: boolean; active: boolean }> {
  if (!isAccountManager(actor)) return FORBIDDEN;
  const db = getDb();
  const account = readAccount(actor, db, userId);
  if (!account) return NO_ACCOUNT;
  if (account.isSelf && !active) return failT("conflict", "api.accounts.cannotDeactivateSelf");
  const refused = whyNotTakeOver(account);
  if (refused) return refused;
  const why = reason.trim();
  if (why.length < 3) return invalid({ reason: active ? "api.accounts.reactivateReason" : "api.accounts.deactivateReason" });
  if (account.active === active) return ok({ changed: false, active });
  const at = now();
  db.transaction((tx) => {
    tx.update(users)
      .set(active ? { active: true, deactivatedAt: null } : { active: false, deactivatedAt: at })
      .where(eq(users.id, account.id))
      .run();
    if (!active) {
      tx.update(passwordResets)
        .set({ expiresAt: at })
        .where(and(eq(passwordResets.userId, account.id), isNull(passwordResets.usedAt), gt(passwordResets.expiresAt, at)))
        .run();
    }
    const ended = endSessions(tx, account.id, at);
    recordAudit(tx, {
      at,
      actorUserId: actor.userId,
      action: active ? "user.reactivate" : "user.deactivate",
      entityType: "user",
      entityId: account.id,
      details: { reason: why, tokensRevoked: ended.tokensRevoked },
    });
  });
  return ok({ changed: true, active });
}

// ---------------------------------------------------------------- password links

/** A new one-time link for an account, valid 48 hours, e-mailed to its owner and returned to the secretariat. */
export async function createPasswordResetLink(actor: Actor, userId: number): Promise<Result<PasswordLink & { email: string }>> {
  if (!isAccountManager(actor)) return FORBIDDEN;
  const db = getDb();
  const account = readAccount(actor, db, userId);
  if (!account) return NO_ACCOUNT;
  const refused = whyNotTakeOver(account);
  if (refused) return refused;
  if (!account.active) return failT("conflict", "api.accounts.deactivatedNoLink");
  if (account.pendingSince !== null) return failT("conflict", "sso.pending.approveFirst");
  const at = now();
  const { secret, expiresAt } = db.transaction((tx) => insertPasswordLink(tx, account.id, actor.userId, at, "reset"));
  const url = linkPath(secret);
  const mailed = await mailPasswordLink(actor, account.email, account.name, url, expiresAt, false, savedLocale(db, account.id));
  return ok({ url, expiresAt, mailed, email: account.email });
}

type LinkRow = { id: number; userId: number; createdAt: number; expiresAt: number; usedAt: number | null; email: string; name: string; active: boolean };

function findLink(db: Pick<DB, "select">, secret: string): LinkRow | undefined {
  if (!SECRET_SHAPE.test(secret)) return undefined;
  return db
    .select({
      id: passwordResets.id,
      userId: passwordResets.userId,
      createdAt: passwordResets.createdAt,
      expiresAt: passwordResets.expiresAt,
      usedAt: passwordResets.usedAt,
      email: users.email,
      name: users.name,
      active: users.active,
    })
    .from(passwordResets)
    .innerJoin(users, eq(users.id, passwordResets.userId))
    .where(eq(passwordResets.tokenHash, digest(secret)))
    .get();
}

function whyNotUseLink(link: LinkRow | undefined, at: number): Failure | null {
  if (!link) return failT("not_found", "api.accounts.linkInvalid");
  if (link.usedAt !== null) return failT("conflict", "api.accounts.linkUsed");
  if (!link.active) return failT("forbidden", "api.signIn.deactivated");
  if (link.expiresAt <= at) {
    // Closed early: another link of the account was used, or the account was deactivated meanwhile.
    if (link.expiresAt < link.createdAt + PASSWORD_LINK_TTL_MS) {
      return failT("conflict", "api.accounts.linkClosed");
    }
    return failT("conflict", "api.accounts.linkExpired", { at: { instant: link.expiresAt } });
  }
  return null;
}

/** The reset page, before the form: whether the link can still be used, and for whom. No actor: the link is the credential. */
export function checkPasswordLink(secret: string): Result<{ email: string; name: string; expiresAt: number }> {
  const link = findLink(getDb(), secret);
  const refused = whyNotUseLink(link, now());
  if (refused || !link) return refused ?? failT("not_found", "api.accounts.linkNotValid");
  return ok({ email: link.email, name: link.name, expiresAt: link.expiresAt });
}

/**
 * Sets the password of the link's account; the link then stops working, and so do the account's other
 * open links, and every session and API token issued before (whoever held them). `address`: the
 * client's, which becomes known for the account (lib/data/sign-in.ts, rule 3).
 */
export async function resetPasswordWithToken(secret: string, newPassword: string, address?: string): Promise<Result<{ email: string }>> {
  const db = getDb();
  const first = findLink(db, secret);
  const refusedFirst = whyNotUseLink(first, now());
  if (refusedFirst || !first) return refusedFirst ?? failT("not_found", "api.accounts.linkNotValid");
  if (newPassword.length < MIN_PASSWORD_LENGTH) {
    return invalid({ password: ["api.accounts.passwordShort", { min: MIN_PASSWORD_LENGTH }] });
  }
  if (newPassword.length > MAX_PASSWORD_LENGTH) return invalid({ password: ["api.accounts.passwordLong", { max: MAX_PASSWORD_LENGTH }] });
  const passwordHash = await hashPassword(newPassword);
  const at = now();
  // Hashing took time: the link is judged again, and spent, inside the transaction that uses it.
  return db.transaction((tx): Result<{ email: string }> => {
    const link = findLink(tx, secret);
    const refused = whyNotUseLink(link, at);
    if (refused || !link) return refused ?? failT("not_found", "api.accounts.linkNotValid");
    const spent = tx
      .update(passwordResets)
      .set({ usedAt: at })
      .where(and(eq(passwordResets.id, link.id), isNull(passwordResets.usedAt)))
      .run();
    if (spent.changes !== 1) return failT("conflict", "api.accounts.linkAlreadyUsed");
    tx.update(users).set({ passwordHash }).where(eq(users.id, link.userId)).run();
    const others = tx
      .update(passwordResets)
      .set({ expiresAt: at })
      .where(and(eq(passwordResets.userId, link.userId), isNull(passwordResets.usedAt), gt(passwordResets.expiresAt, at)))
      .run();
    const ended = endSessions(tx, link.userId, at);
    // Whoever holds the e-mailed link is the owner: the address it was used from no longer meets the throttle for strangers.
    if (address !== undefined) rememberKnownAddress(link.email, address, tx);
    recordAudit(tx, {
      at,
      actorUserId: link.userId,
      action: "user.password_reset",
      entityType: "user",
      entityId: link.userId,
      details: { linkId: link.id, otherLinksClosed: others.changes, tokensRevoked: ended.tokensRevoked },
    });
    return ok({ email: link.email });
  });
}
