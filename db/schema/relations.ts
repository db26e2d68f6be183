// Drizzle's relations, for the relational queries (db.query.meetings.findFirst({ with: … })).
import { relations } from "drizzle-orm";
import { meetingChanges, meetings, meetingSessions } from "./meetings";
import { organisations, rapporteurAssignments, secretariatAssignments, users } from "./people";
import { questions, studyGroups, studyPeriods } from "./structure";

export const meetingsRelations = relations(meetings, ({ one, many }) => ({
  studyGroup: one(studyGroups, { fields: [meetings.studyGroupId], references: [studyGroups.id] }),
  studyPeriod: one(studyPeriods, { fields: [meetings.studyPeriodId], references: [studyPeriods.id] }),
  sessions: many(meetingSessions),
  changes: many(meetingChanges),
}));
export const meetingSessionsRelations = relations(meetingSessions, ({ one }) => ({
  meeting: one(meetings, { fields: [meetingSessions.meetingId], references: [meetings.id] }),
}));
export const meetingChangesRelations = relations(meetingChanges, ({ one }) => ({
  meeting: one(meetings, { fields: [meetingChanges.meetingId], references: [meetings.id] }),
  actor: one(users, { fields: [meetingChanges.actorUserId], references: [users.id] }),
}));
export const usersRelations = relations(users, ({ one, many }) => ({
  organisation: one(organisations, { fields: [users.organisationId], references: [organisations.id] }),
  rapporteurOf: many(rapporteurAssignments),
  secretariatOf: many(secretariatAssignments),
}));
export const rapporteurAssignmentsRelations = relations(rapporteurAssignments, ({ one }) => ({
  user: one(users, { fields: [rapporteurAssignments.userId], references: [users.id] }),
  question: one(questions, { fields: [rapporteurAssignments.questionId], references: [questions.id] }),
}));
export const secretariatAssignmentsRelations = relations(secretariatAssignments, ({ one }) => ({
  user: one(users, { fields: [secretariatAssignments.userId], references: [users.id] }),
  studyGroup: one(studyGroups, { fields: [secretariatAssignments.studyGroupId], references: [studyGroups.id] }),
}));
