// The row types inferred from the tables.
import type { auditLog } from "./audit";
import type { contributions, contributionVersions, storedFiles } from "./contributions";
import type { extensions, lateRequests } from "./late";
import type { mailQueue } from "./mail";
import type { meetingChanges, meetings, meetingSessions } from "./meetings";
import type { organisations, users } from "./people";
import type { questions, studyGroups, studyPeriods } from "./structure";
import type { fileTexts } from "./texts";

export type StudyGroup = typeof studyGroups.$inferSelect;
export type StudyPeriod = typeof studyPeriods.$inferSelect;
export type Meeting = typeof meetings.$inferSelect;
export type NewMeeting = typeof meetings.$inferInsert;
export type MeetingSession = typeof meetingSessions.$inferSelect;
export type MeetingChange = typeof meetingChanges.$inferSelect;
export type Question = typeof questions.$inferSelect;
export type Organisation = typeof organisations.$inferSelect;
export type User = typeof users.$inferSelect;
export type Contribution = typeof contributions.$inferSelect;
export type ContributionVersion = typeof contributionVersions.$inferSelect;
export type StoredFile = typeof storedFiles.$inferSelect;
export type LateRequest = typeof lateRequests.$inferSelect;
export type Extension = typeof extensions.$inferSelect;
export type AuditEntry = typeof auditLog.$inferSelect;
export type FileText = typeof fileTexts.$inferSelect;
export type QueuedMail = typeof mailQueue.$inferSelect;
