// Who may do what: the role table and the can/whyNot pairs. Pure: the actor and the objects are passed in.
import type { MemberType } from "@/lib/domain";
import { failT, type Failure } from "@/lib/domain/failures";

export type Role = "member" | "rapporteur" | "secretariat";

/** A user's organisation with its Associate's study group: the actor's, and an account's on the secretariat's desk. */
export type ActorOrganisation = {
  id: number;
  name: string;
  country: string;
  memberType: MemberType;
  associateStudyGroupId: number | null;
  associateStudyGroupCode: string | null;
};

/** The acting user, re-read from the database on every request: the session carries only the id. */
export type Actor = {
  userId: number;
  email: string;
  name: string;
  phone: string | null;
  organisation: ActorOrganisation | null;
  rapporteurQuestionIds: number[];
  secretariatGroupIds: number[];
  roles: Role[];
  locale: string | null;
  timeZone: string | null;
  /** the account's session version: what a session or token issued now must carry (lib/data/sessions.ts) */
  sessionVersion: number;
};

export type Permission =
  | "meeting.read"
  | "documents.read"
  | "contribution.submit"
  | "contribution.review"
  | "meeting.manage"
  | "late.decide"
  | "accounts.manage"
  | "audit.read"
  | "clock.set";

/** The role table: which roles hold each permission at all; the scope checks come after. */
export const ROLE_PERMISSIONS: Record<Role, readonly Permission[]> = {
  member: ["meeting.read", "documents.read", "contribution.submit"],
  rapporteur: ["meeting.read", "documents.read", "contribution.review"],
  secretariat: [
    "meeting.read",
    "documents.read",
    "contribution.review",
    "meeting.manage",
    "late.decide",
    "accounts.manage",
    "audit.read",
    "clock.set",
  ],
};

export function hasPermission(actor: Actor, permission: Permission): boolean {
  return actor.roles.some((role) => ROLE_PERMISSIONS[role].includes(permission));
}

export function rolesOf(input: {
  organisationId: number | null;
  rapporteurQuestionIds: number[];
  secretariatGroupIds: number[];
}): Role[] {
  const roles: Role[] = [];
  if (input.organisationId !== null) roles.push("member");
  if (input.rapporteurQuestionIds.length > 0) roles.push("rapporteur");
  if (input.secretariatGroupIds.length > 0) roles.push("secretariat");
  return roles;
}

type GroupRef = { studyGroupId: number; studyGroupCode: string };

// ---------------------------------------------------------------- submission

/** Why this actor may not submit to a meeting of this group (the deadline is judged separately). */
export function whyNotSubmitContribution(actor: Actor, meeting: GroupRef): Failure | null {
  const org = actor.organisation;
  if (!org || !hasPermission(actor, "contribution.submit")) {
    return failT("forbidden", "api.permission.notMember");
  }
  if (org.memberType === "associate" && org.associateStudyGroupId !== meeting.studyGroupId) {
    return org.associateStudyGroupCode
      ? failT("forbidden", "api.permission.associateOf", { org: org.name, own: org.associateStudyGroupCode, group: meeting.studyGroupCode })
      : failT("forbidden", "api.permission.associateOfAnother", { org: org.name, group: meeting.studyGroupCode });
  }
  return null;
}

export function canSubmitContribution(actor: Actor, meeting: GroupRef): boolean {
  return whyNotSubmitContribution(actor, meeting) === null;
}

/** Revising or withdrawing: only members of the submitting organisation. Others get not_found. */
export function whyNotChangeContribution(actor: Actor, contribution: { organisationId: number }): Failure | null {
  if (actor.organisation?.id !== contribution.organisationId || !hasPermission(actor, "contribution.submit")) {
    return failT("not_found", "api.notFound.document");
  }
  return null;
}

export function canChangeContribution(actor: Actor, contribution: { organisationId: number }): boolean {
  return whyNotChangeContribution(actor, contribution) === null;
}

// ---------------------------------------------------------------- reading and reviewing

export function isSecretariatOf(actor: Actor, studyGroupId: number): boolean {
  return actor.secretariatGroupIds.includes(studyGroupId);
}

export function isRapporteurOfAny(actor: Actor, questionIds: number[]): boolean {
  return questionIds.some((id) => actor.rapporteurQuestionIds.includes(id));
}

/**
 * A contribution is visible to its organisation, to the rapporteurs of its Questions, to the
 * secretariat of its group, and, once admitted and not withdrawn, to every signed-in member.
 */
export function canReadContribution(
  actor: Actor,
  c: { organisationId: number; studyGroupId: number; questionIds: number[]; admitted: boolean },
): boolean {
  if (actor.organisation?.id === c.organisationId) return true;
  if (isSecretariatOf(actor, c.studyGroupId)) return true;
  if (isRapporteurOfAny(actor, c.questionIds)) return true;
  return c.admitted && hasPermission(actor, "documents.read");
}

export function canReviewContribution(actor: Actor, c: { studyGroupId: number; questionIds: number[] }): boolean {
  return hasPermission(actor, "contribution.review") && (isSecretariatOf(actor, c.studyGroupId) || isRapporteurOfAny(actor, c.questionIds));
}

// ---------------------------------------------------------------- managing

export function whyNotManageMeeting(actor: Actor, meeting: { studyGroupId: number }): Failure | null {
  if (!hasPermission(actor, "meeting.manage") || !isSecretariatOf(actor, meeting.studyGroupId)) {
    return failT("forbidden", "api.permission.manageMeeting");
  }
  return null;
}

export function canManageMeeting(actor: Actor, meeting: { studyGroupId: number }): boolean {
  return whyNotManageMeeting(actor, meeting) === null;
}

/** Deciding a late request (admit, defer, reissue as TD, decline): the secretariat of the meeting's group. */
export function canDecideLateRequest(actor: Actor, meeting: { studyGroupId: number }): boolean {
  return hasPermission(actor, "late.decide") && isSecretariatOf(actor, meeting.studyGroupId);
}

export function whyNotSetClock(actor: Actor, simulated: boolean): Failure | null {
  if (!simulated) return failT("not_available", "api.clock.real");
  if (!hasPermission(actor, "clock.set")) return failT("forbidden", "api.permission.setClock");
  return null;
}

export function canSetClock(actor: Actor, simulated: boolean): boolean {
  return whyNotSetClock(actor, simulated) === null;
}
