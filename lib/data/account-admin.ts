// The secretariat's account desk, writing: organisations, new accounts (with their first password link), roles, deactivation.
import "server-only";
import { randomBytes } from "node:crypto";
import { and, desc, eq, gt, inArray, isNull, sql } from "drizzle-orm";
import { getDb } from "@/db/client";
import { organisations, passwordResets, questions, rapporteurAssignments, secretariatAssignments, studyGroups, studyPeriods, users } from "@/db/schema";
import { MEMBER_TYPES, RAPPORTEUR_KINDS, type MemberType, type RapporteurKind } from "@/lib/domain";
import { now } from "@/lib/time/clock";
import { recordAudit } from "@/lib/data/audit";
import { endSessions } from "@/lib/data/sessions";
import { failT, ok, type Result } from "@/lib/domain/failures";
import { hashPassword } from "@/lib/auth/passwords";
import { isSecretariatOf, type Actor } from "@/lib/auth/permissions";
import { failFields, type FieldMessage } from "@/lib/validation/messages";
import {
  EMAIL_SHAPE,
  FORBIDDEN,
  invalid,
  isAccountManager,
  NO_ACCOUNT,
  readAccount,
  whyNotTakeOver,
  type PasswordLink,
} from "@/lib/data/accounts";
import { insertPasswordLink, linkPath, mailPasswordLink } from "@/lib/data/password-links";

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
