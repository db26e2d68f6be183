// Meetings as the signed-in user sees them: facts, related sessions and the history of changes.
import "server-only";
import { asc, desc, eq } from "drizzle-orm";
import { getDb } from "@/db/client";
import { meetingChanges, meetings, meetingSessions, studyGroups, studyPeriods, users } from "@/db/schema";
import type { Meeting, MeetingMode } from "@/db/schema";
import { failT, ok, type Result } from "@/lib/domain/failures";
import { formatGeneva } from "@/lib/present/time";
import { canManageMeeting, hasPermission, type Actor } from "@/lib/auth/permissions";

export type MeetingSessionDto = {
  id: number;
  title: string;
  kind: string;
  startsAt: number;
  endsAt: number;
  registrationRequired: boolean;
  note: string | null;
};

export type MeetingChangeDto = {
  at: number;
  actorName: string | null;
  reference: string;
  reason: string;
  changes: Record<string, { from: unknown; to: unknown }>;
};

export type MeetingDto = {
  id: number;
  code: string;
  title: string;
  studyGroup: { id: number; code: string; number: number; title: string; email: string | null };
  studyPeriod: { id: number; code: string; label: string };
  mode: MeetingMode;
  location: string;
  firstDay: string;
  lastDay: string;
  timeZone: string;
  deadlineAt: number;
  deadlineRule: "default" | "override";
  deadlineNote: string | null;
  canManage: boolean;
};

export type MeetingDetailDto = MeetingDto & { sessions: MeetingSessionDto[]; changes: MeetingChangeDto[] };

function baseQuery() {
  return getDb()
    .select({ meeting: meetings, group: studyGroups, period: studyPeriods })
    .from(meetings)
    .innerJoin(studyGroups, eq(studyGroups.id, meetings.studyGroupId))
    .innerJoin(studyPeriods, eq(studyPeriods.id, meetings.studyPeriodId));
}

type Row = { meeting: Meeting; group: typeof studyGroups.$inferSelect; period: typeof studyPeriods.$inferSelect };

function toDto(actor: Actor, { meeting, group, period }: Row): MeetingDto {
  return {
    id: meeting.id,
    code: meeting.code,
    title: meeting.title,
    studyGroup: { id: group.id, code: group.code, number: group.number, title: group.title, email: group.email },
    studyPeriod: { id: period.id, code: period.code, label: period.label },
    mode: meeting.mode,
    location: meeting.location,
    firstDay: meeting.firstDay,
    lastDay: meeting.lastDay,
    timeZone: meeting.timeZone,
    deadlineAt: meeting.deadlineAt,
    deadlineRule: meeting.deadlineRule,
    deadlineNote: meeting.deadlineNote,
    canManage: canManageMeeting(actor, meeting),
  };
}

/** Meetings every signed-in user may read, the latest first. */
export function listMeetings(actor: Actor): MeetingDto[] {
  if (!hasPermission(actor, "meeting.read")) return [];
  return baseQuery()
    .orderBy(desc(meetings.firstDay), asc(meetings.code))
    .all()
    .map((row) => toDto(actor, row));
}

/** The latest meeting (the one every page links to), without reading the other 250 of ten years. */
export function latestMeeting(actor: Actor): MeetingDto | undefined {
  if (!hasPermission(actor, "meeting.read")) return undefined;
  const row = baseQuery().orderBy(desc(meetings.firstDay), asc(meetings.code)).limit(1).get();
  return row ? toDto(actor, row) : undefined;
}

export function getMeeting(actor: Actor, code: string): Result<MeetingDetailDto> {
  if (!hasPermission(actor, "meeting.read")) return failT("not_found", "api.notFound.anyMeeting");
  const row = baseQuery().where(eq(meetings.code, code)).get();
  if (!row) return failT("not_found", "api.notFound.meeting", { code });
  const db = getDb();
  const sessions = db
    .select()
    .from(meetingSessions)
    .where(eq(meetingSessions.meetingId, row.meeting.id))
    .orderBy(asc(meetingSessions.startsAt))
    .all()
    .map((s) => ({
      id: s.id,
      title: s.title,
      kind: s.kind,
      startsAt: s.startsAt,
      endsAt: s.endsAt,
      registrationRequired: s.registrationRequired,
      note: s.note,
    }));
  const changes = db
    .select({ change: meetingChanges, actorName: users.name })
    .from(meetingChanges)
    .leftJoin(users, eq(users.id, meetingChanges.actorUserId))
    .where(eq(meetingChanges.meetingId, row.meeting.id))
    .orderBy(asc(meetingChanges.at))
    .all()
    .map(({ change, actorName }) => ({
      at: change.at,
      actorName,
      reference: change.reference,
      reason: change.reason,
      changes: change.changes,
    }));
  return ok({ ...toDto(actor, row), sessions, changes });
}

/** The JSON form of GET /api/v1/meetings/{code}: instants as ISO 8601 UTC, Geneva labels beside them. */
export function meetingToJson(m: MeetingDetailDto) {
  const iso = (ms: number) => new Date(ms).toISOString();
  return {
    code: m.code,
    title: m.title,
    studyGroup: m.studyGroup.code,
    studyPeriod: m.studyPeriod.label,
    mode: m.mode,
    location: m.location,
    firstDay: m.firstDay,
    lastDay: m.lastDay,
    timeZone: m.timeZone,
    deadline: iso(m.deadlineAt),
    deadlineGeneva: formatGeneva(m.deadlineAt),
    deadlineRule: m.deadlineRule,
    deadlineNote: m.deadlineNote,
    sessions: m.sessions.map((s) => ({
      title: s.title,
      kind: s.kind,
      start: iso(s.startsAt),
      end: iso(s.endsAt),
      startGeneva: formatGeneva(s.startsAt, { seconds: false }),
      endGeneva: formatGeneva(s.endsAt, { seconds: false }),
      registrationRequired: s.registrationRequired,
      note: s.note,
    })),
    history: m.changes.map((c) => ({
      at: iso(c.at),
      atGeneva: formatGeneva(c.at),
      by: c.actorName,
      reference: c.reference,
      reason: c.reason,
      changes: c.changes,
    })),
  };
}
