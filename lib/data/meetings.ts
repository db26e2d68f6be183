// Meetings: what anyone may read (the collective letter's facts, sessions, history) and what a signed-in user sees.
import "server-only";
import { asc, desc, eq, sql } from "drizzle-orm";
import { getDb } from "@/db/client";
import { meetingChanges, meetings, meetingSessions, studyGroups, studyPeriods, users } from "@/db/schema";
import type { Meeting } from "@/db/schema";
import type { DeadlineRule, MeetingMode } from "@/lib/domain";
import { failT, ok, type Result } from "@/lib/domain/failures";
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

/** What a meeting is, where and when, and its deadline: the same facts for its managers and for the public. */
export type MeetingFacts = {
  mode: MeetingMode;
  location: string;
  firstDay: string;
  lastDay: string;
  timeZone: string;
  deadlineAt: number;
  deadlineRule: DeadlineRule;
  deadlineNote: string | null;
};

export type MeetingDto = MeetingFacts & {
  id: number;
  code: string;
  title: string;
  studyGroup: { id: number; code: string; number: number; title: string; email: string | null };
  studyPeriod: { id: number; code: string; label: string };
  canManage: boolean;
};

export type MeetingDetailDto = MeetingDto & { sessions: MeetingSessionDto[]; changes: MeetingChangeDto[] };

// ---------------------------------------------------------------- public: no sign-in needed

/**
 * A meeting as anyone may read it without signing in (DOMAIN.md, "Decisions taken": the list of meetings, each
 * meeting's facts, deadline, related sessions and history are public, as the collective letter is). Only these
 * fields: nothing about documents, organisations, late requests, nor who in the secretariat made a change.
 */
export type PublicMeetingSummaryDto = MeetingFacts & {
  code: string;
  title: string;
  studyGroup: { code: string; number: number; title: string; email: string | null };
  studyPeriod: { code: string; label: string };
  createdAt: number;
  updatedAt: number;
};

export type PublicSessionDto = MeetingSessionDto;
export type PublicChangeDto = { at: number; reference: string; reason: string; changes: Record<string, { from: unknown; to: unknown }> };
export type PublicMeetingDto = PublicMeetingSummaryDto & { sessions: PublicSessionDto[]; changes: PublicChangeDto[] };

function factsOf(meeting: Meeting): MeetingFacts {
  return {
    mode: meeting.mode,
    location: meeting.location,
    firstDay: meeting.firstDay,
    lastDay: meeting.lastDay,
    timeZone: meeting.timeZone,
    deadlineAt: meeting.deadlineAt,
    deadlineRule: meeting.deadlineRule,
    deadlineNote: meeting.deadlineNote,
  };
}

function toPublic({ meeting, group, period }: Row): PublicMeetingSummaryDto {
  return {
    code: meeting.code,
    title: meeting.title,
    studyGroup: { code: group.code, number: group.number, title: group.title, email: group.email },
    studyPeriod: { code: period.code, label: period.label },
    ...factsOf(meeting),
    createdAt: meeting.createdAt,
    updatedAt: meeting.updatedAt,
  };
}

function sessionsOf(meetingId: number): MeetingSessionDto[] {
  return getDb()
    .select()
    .from(meetingSessions)
    .where(eq(meetingSessions.meetingId, meetingId))
    .orderBy(asc(meetingSessions.startsAt), asc(meetingSessions.id))
    .all()
    .map((s) => ({ id: s.id, title: s.title, kind: s.kind, startsAt: s.startsAt, endsAt: s.endsAt, registrationRequired: s.registrationRequired, note: s.note }));
}

function changesOf(meetingId: number): MeetingChangeDto[] {
  return getDb()
    .select({ change: meetingChanges, actorName: users.name })
    .from(meetingChanges)
    .leftJoin(users, eq(users.id, meetingChanges.actorUserId))
    .where(eq(meetingChanges.meetingId, meetingId))
    .orderBy(asc(meetingChanges.at), asc(meetingChanges.id))
    .all()
    .map(({ change, actorName }) => ({ at: change.at, actorName, reference: change.reference, reason: change.reason, changes: change.changes }));
}

function publicDetail(row: Row): PublicMeetingDto {
  return {
    ...toPublic(row),
    sessions: sessionsOf(row.meeting.id),
    changes: changesOf(row.meeting.id).map(({ at, reference, reason, changes }) => ({ at, reference, reason, changes })),
  };
}

/** Every meeting, the latest first (public); optionally of one study group ("SG20", any case). */
export function listPublicMeetings(filter: { studyGroupCode?: string } = {}): PublicMeetingSummaryDto[] {
  const query = baseQuery();
  const rows = filter.studyGroupCode ? query.where(eq(sql`upper(${studyGroups.code})`, filter.studyGroupCode.toUpperCase())) : query;
  return rows.orderBy(desc(meetings.firstDay), asc(meetings.code)).all().map(toPublic);
}

/** One meeting's public facts, sessions and history; not_found for a code that does not exist. */
export function getPublicMeeting(code: string): Result<PublicMeetingDto> {
  const row = baseQuery().where(eq(meetings.code, code)).get();
  if (!row) return failT("not_found", "api.notFound.meeting", { code });
  return ok(publicDetail(row));
}

/** A study group and all its meetings with their sessions and history, for its calendar feed (public). */
export function getPublicStudyGroupMeetings(studyGroupCode: string): Result<{ studyGroup: { code: string; title: string }; meetings: PublicMeetingDto[] }> {
  const group = getDb()
    .select()
    .from(studyGroups)
    .where(eq(sql`upper(${studyGroups.code})`, studyGroupCode.toUpperCase()))
    .get();
  if (!group) return failT("not_found", "public.notFound.studyGroup", { code: studyGroupCode });
  const rows = baseQuery().where(eq(meetings.studyGroupId, group.id)).orderBy(asc(meetings.firstDay), asc(meetings.code)).all();
  return ok({ studyGroup: { code: group.code, title: group.title }, meetings: rows.map(publicDetail) });
}

// ---------------------------------------------------------------- signed in

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
    ...factsOf(meeting),
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
  const sessions = sessionsOf(row.meeting.id);
  const changes = changesOf(row.meeting.id);
  return ok({ ...toDto(actor, row), sessions, changes });
}
