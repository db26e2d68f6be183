// The secretariat's changes to meetings: create, edit facts (with reason and reference), related sessions.
import "server-only";
import { and, eq } from "drizzle-orm";
import { getDb } from "@/db/client";
import { meetingChanges, meetings, meetingSessions, studyGroups, studyPeriods } from "@/db/schema";
import type { MeetingMode, SessionKind } from "@/lib/domain";
import { now } from "@/lib/time/clock";
import { recordAudit } from "@/lib/data/audit";
import { defaultDeadline } from "@/lib/time/deadlines";
import { failT, ok, type Result } from "@/lib/domain/failures";
import { isSecretariatOf, type Actor } from "@/lib/auth/permissions";
import { invalidFields, type FieldMessage } from "@/lib/validation/messages";

// The inputs come parsed by their schemas (lib/validation/secretariat.ts: the API's bodies and the pages' forms
// alike), which judge every field on its own; what is judged here needs the database.

export type MeetingChangesInput = {
  title?: string;
  mode?: MeetingMode;
  location?: string;
  firstDay?: string;
  lastDay?: string;
  timeZone?: string;
  /** an explicit deadline instant (an override), or "default" to go back to the rule */
  deadline?: number | "default";
  deadlineNote?: string | null;
};

export type ChangeRecord = { reason: string; reference: string };

/**
 * Changes a meeting's facts. Every change needs a reason and a reference (e.g. "Corrigendum 1 to
 * Collective letter 8/20") and goes into the meeting's history. Lateness is derived, never stored,
 * so a moved deadline re-judges every contribution at once.
 */
export function updateMeeting(actor: Actor, code: string, input: MeetingChangesInput, record: ChangeRecord): Result<{ code: string; changed: string[] }> {
  const db = getDb();
  const m = db.select().from(meetings).where(eq(meetings.code, code)).get();
  if (!m) return failT("not_found", "api.notFound.meeting", { code });
  if (!isSecretariatOf(actor, m.studyGroupId)) return failT("forbidden", "api.permission.manageMeeting");
  // One day given, the other is the stored one.
  const firstDay = input.firstDay ?? m.firstDay;
  const lastDay = input.lastDay ?? m.lastDay;
  if (lastDay < firstDay) return invalidFields({ lastDay: "api.meeting.lastBeforeFirst" });

  const next = {
    title: input.title?.trim() ?? m.title,
    mode: input.mode ?? m.mode,
    location: input.location?.trim() ?? m.location,
    firstDay,
    lastDay,
    timeZone: input.timeZone ?? m.timeZone,
    deadlineAt: m.deadlineAt,
    deadlineRule: m.deadlineRule,
    deadlineNote: input.deadlineNote === undefined ? m.deadlineNote : input.deadlineNote,
  };
  if (typeof input.deadline === "number") {
    next.deadlineAt = input.deadline;
    next.deadlineRule = "override";
  } else if (input.deadline === "default" || (next.deadlineRule === "default" && firstDay !== m.firstDay)) {
    // The rule follows the first day: moving the dates moves a default deadline with them.
    next.deadlineAt = defaultDeadline(firstDay);
    next.deadlineRule = "default";
  }

  const changes: Record<string, { from: unknown; to: unknown }> = {};
  for (const key of Object.keys(next) as Array<keyof typeof next>) {
    if (next[key] !== m[key]) changes[key] = { from: m[key], to: next[key] };
  }
  if (Object.keys(changes).length === 0) return failT("invalid", "api.meeting.nothingChanged");
  const at = now();
  db.transaction((tx) => {
    tx.update(meetings).set({ ...next, updatedAt: at }).where(eq(meetings.id, m.id)).run();
    tx.insert(meetingChanges)
      .values({ meetingId: m.id, at, actorUserId: actor.userId, reference: record.reference.trim(), reason: record.reason.trim(), changes })
      .run();
    recordAudit(tx, { at, actorUserId: actor.userId, action: "meeting.update", entityType: "meeting", entityId: m.id, meetingId: m.id, details: { changes, reference: record.reference } });
  });
  return ok({ code: m.code, changed: Object.keys(changes) });
}

export type NewMeetingInput = {
  code: string;
  title: string;
  studyGroupCode: string;
  studyPeriodCode: string;
  mode: MeetingMode;
  location: string;
  firstDay: string;
  lastDay: string;
  timeZone: string;
  deadline?: number | null;
  reference: string;
};

export function createMeeting(actor: Actor, input: NewMeetingInput): Result<{ code: string }> {
  const db = getDb();
  const group = db.select().from(studyGroups).where(eq(studyGroups.code, input.studyGroupCode)).get();
  if (!group || !isSecretariatOf(actor, group.id)) return failT("forbidden", "api.meeting.ownGroupOnly");
  const period = db.select().from(studyPeriods).where(eq(studyPeriods.code, input.studyPeriodCode)).get();
  const fields: Record<string, FieldMessage> = {};
  if (db.select().from(meetings).where(eq(meetings.code, input.code)).get()) fields.code = "api.meeting.codeTaken";
  if (!period) fields.studyPeriod = "api.meeting.unknownPeriod";
  if (Object.keys(fields).length > 0) return invalidFields(fields);
  const at = now();
  const deadlineAt = input.deadline ?? defaultDeadline(input.firstDay);
  db.transaction((tx) => {
    const m = tx
      .insert(meetings)
      .values({
        code: input.code,
        title: input.title.trim(),
        studyGroupId: group.id,
        studyPeriodId: period!.id,
        mode: input.mode,
        location: input.location.trim(),
        firstDay: input.firstDay,
        lastDay: input.lastDay,
        timeZone: input.timeZone,
        deadlineAt,
        deadlineRule: input.deadline ? "override" : "default",
        createdAt: at,
        updatedAt: at,
      })
      .returning({ id: meetings.id })
      .get();
    tx.insert(meetingChanges)
      .values({ meetingId: m.id, at, actorUserId: actor.userId, reference: input.reference.trim() || "Meeting created", reason: "Meeting announced", changes: { created: { from: null, to: input.code } } })
      .run();
    recordAudit(tx, { at, actorUserId: actor.userId, action: "meeting.create", entityType: "meeting", entityId: m.id, meetingId: m.id, details: { code: input.code } });
  });
  return ok({ code: input.code });
}

export type SessionInput = { title: string; kind: SessionKind; startsAt: number; endsAt: number; registrationRequired: boolean; note?: string | null };

export function addMeetingSession(actor: Actor, code: string, input: SessionInput): Result<{ id: number }> {
  const db = getDb();
  const m = db.select().from(meetings).where(eq(meetings.code, code)).get();
  if (!m) return failT("not_found", "api.notFound.meeting", { code });
  if (!isSecretariatOf(actor, m.studyGroupId)) return failT("forbidden", "api.permission.manageMeeting");
  const at = now();
  const id = db.transaction((tx) => {
    const row = tx.insert(meetingSessions).values({ meetingId: m.id, ...input, title: input.title.trim(), note: input.note ?? null }).returning({ id: meetingSessions.id }).get();
    recordAudit(tx, { at, actorUserId: actor.userId, action: "meeting.session.add", entityType: "meeting_session", entityId: row.id, meetingId: m.id, details: { title: input.title } });
    return row.id;
  });
  return ok({ id });
}

export function removeMeetingSession(actor: Actor, code: string, sessionId: number): Result<{ id: number }> {
  const db = getDb();
  const m = db.select().from(meetings).where(eq(meetings.code, code)).get();
  if (!m || !isSecretariatOf(actor, m.studyGroupId)) return failT("not_found", "api.notFound.session");
  const s = db.select().from(meetingSessions).where(and(eq(meetingSessions.id, sessionId), eq(meetingSessions.meetingId, m.id))).get();
  if (!s) return failT("not_found", "api.notFound.session");
  const at = now();
  db.transaction((tx) => {
    tx.delete(meetingSessions).where(eq(meetingSessions.id, s.id)).run();
    recordAudit(tx, { at, actorUserId: actor.userId, action: "meeting.session.remove", entityType: "meeting_session", entityId: s.id, meetingId: m.id, details: { title: s.title, startsAt: s.startsAt } });
  });
  return ok({ id: s.id });
}
