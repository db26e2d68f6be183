// After the deadline: late requests, extensions, and every refused attempt for the late-submission report.
import { index, integer, sqliteTable, text } from "drizzle-orm/sqlite-core";
import { LATE_REQUEST_KINDS, LATE_REQUEST_STATUSES } from "../../lib/domain/enums";
import { instant } from "./columns";
import { contributions, contributionVersions } from "./contributions";
import { meetings } from "./meetings";
import { organisations, users } from "./people";

export const lateRequests = sqliteTable(
  "late_requests",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    meetingId: integer("meeting_id").notNull().references(() => meetings.id),
    contributionId: integer("contribution_id").notNull().references(() => contributions.id),
    versionId: integer("version_id").notNull().references(() => contributionVersions.id),
    kind: text("kind", { enum: LATE_REQUEST_KINDS }).notNull(),
    requestedByUserId: integer("requested_by_user_id").notNull().references(() => users.id),
    organisationId: integer("organisation_id").notNull().references(() => organisations.id),
    requestedAt: instant("requested_at").notNull(),
    explanation: text("explanation").notNull().default(""),
    status: text("status", { enum: LATE_REQUEST_STATUSES }).notNull(),
    decidedByUserId: integer("decided_by_user_id").references(() => users.id),
    decidedAt: instant("decided_at"),
    decisionReason: text("decision_reason"),
    deferredToMeetingId: integer("deferred_to_meeting_id").references(() => meetings.id),
    tdReference: text("td_reference"),
  },
  (t) => [
    index("late_requests_meeting_idx").on(t.meetingId, t.status),
    index("late_requests_version_idx").on(t.versionId),
    // A contribution's latest request, read on its page.
    index("late_requests_contribution_idx").on(t.contributionId),
  ],
);

export const extensions = sqliteTable(
  "extensions",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    meetingId: integer("meeting_id").notNull().references(() => meetings.id),
    organisationId: integer("organisation_id").references(() => organisations.id),
    userId: integer("user_id").references(() => users.id),
    untilAt: instant("until_at").notNull(),
    reason: text("reason").notNull(),
    grantedByUserId: integer("granted_by_user_id").notNull().references(() => users.id),
    grantedAt: instant("granted_at").notNull(),
    revokedAt: instant("revoked_at"),
    revokedByUserId: integer("revoked_by_user_id").references(() => users.id),
    revokeReason: text("revoke_reason"),
  },
  (t) => [index("extensions_meeting_idx").on(t.meetingId)],
);

/** Every refused attempt (deadline passed, not allowed, bad file) for the late-submission report. */
export const refusedAttempts = sqliteTable(
  "refused_attempts",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    meetingId: integer("meeting_id").references(() => meetings.id),
    contributionId: integer("contribution_id").references(() => contributions.id),
    userId: integer("user_id").references(() => users.id),
    organisationId: integer("organisation_id").references(() => organisations.id),
    at: instant("at").notNull(),
    action: text("action").notNull(), // submit | revise | late_request
    code: text("code").notNull(), // deadline_passed, unsupported_type, ...
    fileName: text("file_name"),
    size: integer("size"),
  },
  (t) => [index("refused_meeting_idx").on(t.meetingId, t.at)],
);
