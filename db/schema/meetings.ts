// Meetings: their facts and deadline, their sessions, and the history of their changes.
import { index, integer, sqliteTable, text } from "drizzle-orm/sqlite-core";
import { DEADLINE_RULES, MEETING_MODES, SESSION_KINDS } from "../../lib/domain/enums";
import { instant } from "./columns";
import { users } from "./people";
import { studyGroups, studyPeriods } from "./structure";

export const meetings = sqliteTable(
  "meetings",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    code: text("code").notNull().unique(), // "SG20-2020-07"
    title: text("title").notNull(),
    studyGroupId: integer("study_group_id").notNull().references(() => studyGroups.id),
    studyPeriodId: integer("study_period_id").notNull().references(() => studyPeriods.id),
    mode: text("mode", { enum: MEETING_MODES }).notNull(),
    location: text("location").notNull(),
    firstDay: text("first_day").notNull(), // Geneva calendar date YYYY-MM-DD
    lastDay: text("last_day").notNull(),
    timeZone: text("time_zone").notNull().default("Europe/Zurich"),
    deadlineAt: instant("deadline_at").notNull(), // the first instant that is late
    deadlineRule: text("deadline_rule", { enum: DEADLINE_RULES }).notNull().default("default"),
    deadlineNote: text("deadline_note"),
    createdAt: instant("created_at").notNull(),
    updatedAt: instant("updated_at").notNull(),
  },
  (t) => [index("meetings_group_idx").on(t.studyGroupId, t.firstDay)],
);

export const meetingSessions = sqliteTable(
  "meeting_sessions",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    meetingId: integer("meeting_id").notNull().references(() => meetings.id),
    title: text("title").notNull(),
    kind: text("kind", { enum: SESSION_KINDS }).notNull(),
    startsAt: instant("starts_at").notNull(),
    endsAt: instant("ends_at").notNull(),
    registrationRequired: integer("registration_required", { mode: "boolean" }).notNull().default(false),
    note: text("note"),
  },
  (t) => [index("meeting_sessions_meeting_idx").on(t.meetingId, t.startsAt)],
);

/** The history of a meeting's facts: corrigenda to the collective letter, deadline moves. */
export const meetingChanges = sqliteTable(
  "meeting_changes",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    meetingId: integer("meeting_id").notNull().references(() => meetings.id),
    at: instant("at").notNull(),
    actorUserId: integer("actor_user_id").references(() => users.id),
    reference: text("reference").notNull(), // "Corrigendum 1 to Collective letter 8/20"
    reason: text("reason").notNull(),
    changes: text("changes", { mode: "json" }).$type<Record<string, { from: unknown; to: unknown }>>().notNull(),
  },
  (t) => [index("meeting_changes_meeting_idx").on(t.meetingId, t.at)],
);
