// The secretariat's account desk, reading: the accounts one manages with their organisation and roles, and the
// rules the desk's writers share (who manages accounts, whose account may be taken over). Writing is in
// lib/data/account-admin.ts, the one-time password links in lib/data/password-links.ts.
import "server-only";
import { and, asc, count, desc, eq, inArray, isNotNull, sql, type SQL } from "drizzle-orm";
import { alias } from "drizzle-orm/sqlite-core";
import { getDb, type DB } from "@/db/client";
import { organisations, passwordResets, questions, rapporteurAssignments, secretariatAssignments, studyGroups, studyPeriods, users } from "@/db/schema";
import type { MemberType, RapporteurKind } from "@/lib/domain";
import { failT, ok, type Failure, type FailureParam, type Result } from "@/lib/domain/failures";
import { hasPermission, isSecretariatOf, type Actor, type ActorOrganisation } from "@/lib/auth/permissions";
import { invalidFields, type FieldMessage } from "@/lib/validation/messages";

export const PASSWORD_LINK_TTL_MS = 48 * 60 * 60_000;
export const MAX_PASSWORD_LENGTH = 1024;
export const ACCOUNT_ROLE_FILTERS = ["member", "rapporteur", "secretariat", "none"] as const;
export type AccountRoleFilter = (typeof ACCOUNT_ROLE_FILTERS)[number];

export const FORBIDDEN = failT("forbidden", "api.accounts.forbidden");
export const NO_ACCOUNT = failT("not_found", "api.notFound.account");
export const SECRET_SHAPE = /^[A-Za-z0-9_-]{43}$/;
export const EMAIL_SHAPE = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

// ---------------------------------------------------------------- DTOs

export type AccountDto = {
  id: number;
  email: string;
  name: string;
  phone: string | null;
  organisation: ActorOrganisation | null;
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

export function isAccountManager(actor: Actor): boolean {
  return hasPermission(actor, "accounts.manage") && actor.secretariatGroupIds.length > 0;
}

export function invalid(fields: Record<string, FieldMessage>): Failure {
  return invalidFields(fields);
}

export function ownGroups(actor: Actor, db: DB) {
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
    const organisation: ActorOrganisation | null =
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

export function readAccount(actor: Actor, db: DB, userId: number): AccountDto | undefined {
  if (!Number.isInteger(userId) || userId <= 0) return undefined;
  return readAccounts(actor, db, eq(users.id, userId))[0];
}

/**
 * Taking over an account (deactivating it, or handing out a password link for it) is for the
 * secretariat of every group in which it holds a role: the SG20 counsellor cannot reset the
 * password of the SG17 counsellor or of an SG17 rapporteur.
 */
export function whyNotTakeOver(account: AccountDto): Failure | null {
  if (account.manageable) return null;
  const associateOf = account.organisation?.associateStudyGroupCode;
  const groups: FailureParam[] = [
    ...account.secretariatOf.map((s) => s.code),
    ...account.rapporteurOf.map((r) => r.code),
    ...(associateOf ? [{ text: "api.accounts.associateOf", params: { group: associateOf } } as const] : []),
  ];
  return failT("forbidden", "api.accounts.rolesElsewhere", { name: account.name, groups: { join: groups, separator: ", " } });
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
