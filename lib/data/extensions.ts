// Extensions of the deadline for a named member or organisation, granted and revoked by the secretariat.
import "server-only";
import { and, desc, eq, isNull } from "drizzle-orm";
import { alias } from "drizzle-orm/sqlite-core";
import { getDb } from "@/db/client";
import { extensions, meetings, organisations, users } from "@/db/schema";
import { now } from "@/lib/time/clock";
import { recordAudit } from "@/lib/data/audit";
import { failT, ok, type Result } from "@/lib/domain/failures";
import { failFields } from "@/lib/validation/messages";
import { isSecretariatOf, type Actor } from "@/lib/auth/permissions";

export type ExtensionDto = {
  id: number;
  organisationId: number | null;
  organisationName: string | null;
  userId: number | null;
  userName: string | null;
  userEmail: string | null;
  untilAt: number;
  reason: string;
  grantedBy: string;
  grantedAt: number;
  revokedAt: number | null;
  revokedBy: string | null;
  revokeReason: string | null;
};

/** For an organisation or for one member (by the account's e-mail); parsed by extensionBody (lib/validation/secretariat.ts). */
export type GrantInput = ({ organisationId: number; userEmail?: undefined } | { userEmail: string; organisationId?: undefined }) & { untilAt: number; reason: string };

function meetingForSecretariat(actor: Actor, code: string) {
  const m = getDb().select().from(meetings).where(eq(meetings.code, code)).get();
  return m && isSecretariatOf(actor, m.studyGroupId) ? m : undefined;
}

export function listExtensions(actor: Actor, meetingCode: string): Result<ExtensionDto[]> {
  const m = meetingForSecretariat(actor, meetingCode);
  if (!m) return failT("not_found", "api.notFound.meeting", { code: meetingCode });
  const granter = alias(users, "granter");
  const revoker = alias(users, "revoker");
  const rows = getDb()
    .select({
      e: extensions,
      orgName: organisations.name,
      userName: users.name,
      userEmail: users.email,
      grantedBy: granter.name,
      revokedBy: revoker.name,
    })
    .from(extensions)
    .leftJoin(organisations, eq(organisations.id, extensions.organisationId))
    .leftJoin(users, eq(users.id, extensions.userId))
    .innerJoin(granter, eq(granter.id, extensions.grantedByUserId))
    .leftJoin(revoker, eq(revoker.id, extensions.revokedByUserId))
    .where(eq(extensions.meetingId, m.id))
    .orderBy(desc(extensions.grantedAt))
    .all();
  return ok(
    rows.map((r) => ({
      id: r.e.id,
      organisationId: r.e.organisationId,
      organisationName: r.orgName,
      userId: r.e.userId,
      userName: r.userName,
      userEmail: r.userEmail,
      untilAt: r.e.untilAt,
      reason: r.e.reason,
      grantedBy: r.grantedBy,
      grantedAt: r.e.grantedAt,
      revokedAt: r.e.revokedAt,
      revokedBy: r.revokedBy,
      revokeReason: r.e.revokeReason,
    })),
  );
}

export function grantExtension(actor: Actor, meetingCode: string, input: GrantInput): Result<ExtensionDto> {
  const m = meetingForSecretariat(actor, meetingCode);
  if (!m) return failT("not_found", "api.notFound.meeting", { code: meetingCode });
  const db = getDb();
  let organisationId: number | null = null;
  let userId: number | null = null;
  if (input.organisationId !== undefined) {
    const org = db.select().from(organisations).where(eq(organisations.id, input.organisationId)).get();
    if (!org) return failFields("invalid", "api.extension.noOrganisation", undefined, { organisation: "api.field.unknownOrganisation" });
    organisationId = org.id;
  } else {
    const user = db.select().from(users).where(eq(users.email, input.userEmail.trim().toLowerCase())).get();
    if (!user) return failFields("invalid", "api.extension.noAccount", { email: input.userEmail }, { user: "api.field.unknownAccount" });
    userId = user.id;
  }
  if (!(input.untilAt > m.deadlineAt)) {
    return failFields(
      "invalid",
      "api.extension.afterDeadline",
      { deadline: { instant: m.deadlineAt } },
      { until: "api.field.afterDeadline" },
    );
  }
  const reason = input.reason;
  const at = now();
  const id = db.transaction((tx) => {
    const row = tx
      .insert(extensions)
      .values({ meetingId: m.id, organisationId, userId, untilAt: input.untilAt, reason, grantedByUserId: actor.userId, grantedAt: at })
      .returning({ id: extensions.id })
      .get();
    recordAudit(tx, {
      at,
      actorUserId: actor.userId,
      action: "extension.grant",
      entityType: "extension",
      entityId: row.id,
      meetingId: m.id,
      details: { organisationId, userId, until: new Date(input.untilAt).toISOString(), reason },
    });
    return row.id;
  });
  const listed = listExtensions(actor, meetingCode);
  if (!listed.ok) return listed;
  return ok(listed.value.find((e) => e.id === id)!);
}

export function revokeExtension(actor: Actor, extensionId: number, reason: string): Result<{ id: number }> {
  const db = getDb();
  const e = db.select().from(extensions).where(eq(extensions.id, extensionId)).get();
  const m = e ? db.select().from(meetings).where(eq(meetings.id, e.meetingId)).get() : undefined;
  if (!e || !m || !isSecretariatOf(actor, m.studyGroupId)) return failT("not_found", "api.notFound.extension");
  if (e.revokedAt !== null) return failT("conflict", "api.extension.alreadyRevoked");
  const at = now();
  db.transaction((tx) => {
    tx.update(extensions)
      .set({ revokedAt: at, revokedByUserId: actor.userId, revokeReason: reason.trim() || null })
      .where(and(eq(extensions.id, e.id), isNull(extensions.revokedAt)))
      .run();
    recordAudit(tx, { at, actorUserId: actor.userId, action: "extension.revoke", entityType: "extension", entityId: e.id, meetingId: m.id, details: { reason } });
  });
  return ok({ id: e.id });
}
