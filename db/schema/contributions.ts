// Stored files and contributions: their immutable versions, Questions and contacts.
import { index, integer, primaryKey, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import { CONTRIBUTION_STATUSES, FILE_KINDS, PURPOSES, VERSION_KINDS, VERSION_STATES } from "../../lib/domain/enums";
import { instant } from "./columns";
import { meetings } from "./meetings";
import { organisations, users } from "./people";
import { questions, studyGroups, studyPeriods, workingParties } from "./structure";

export const storedFiles = sqliteTable("stored_files", {
  id: integer("id").primaryKey({ autoIncrement: true }),
  sha256: text("sha256").notNull().unique(),
  size: integer("size").notNull(),
  mediaType: text("media_type").notNull(),
  kind: text("kind", { enum: FILE_KINDS }).notNull(),
  createdAt: instant("created_at").notNull(),
});

/**
 * A contribution: numbered once admitted, never renumbered. `status` is what the secretariat decided,
 * never whether it was late: lateness is derived from receipt instants and the meeting's current deadline.
 */
export const contributions = sqliteTable(
  "contributions",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    meetingId: integer("meeting_id").notNull().references(() => meetings.id),
    studyGroupId: integer("study_group_id").notNull().references(() => studyGroups.id),
    studyPeriodId: integer("study_period_id").notNull().references(() => studyPeriods.id),
    number: integer("number"), // null until admitted
    organisationId: integer("organisation_id").notNull().references(() => organisations.id),
    submitterUserId: integer("submitter_user_id").notNull().references(() => users.id),
    title: text("title").notNull(),
    purpose: text("purpose", { enum: PURPOSES }).notNull(),
    abstract: text("abstract").notNull().default(""),
    keywords: text("keywords").notNull().default(""),
    workingPartyId: integer("working_party_id").references(() => workingParties.id),
    status: text("status", { enum: CONTRIBUTION_STATUSES }).notNull(),
    withdrawnAt: instant("withdrawn_at"),
    withdrawnReason: text("withdrawn_reason"),
    withdrawnByUserId: integer("withdrawn_by_user_id").references(() => users.id),
    createdAt: instant("created_at").notNull(),
    updatedAt: instant("updated_at").notNull(),
  },
  (t) => [
    uniqueIndex("contributions_number_uq").on(t.studyGroupId, t.studyPeriodId, t.number),
    index("contributions_meeting_idx").on(t.meetingId, t.status),
    index("contributions_org_idx").on(t.organisationId, t.meetingId),
    // "My contributions", newest first, a page at a time: at a decade of ITU-T one organisation has tens of thousands.
    index("contributions_org_created_idx").on(t.organisationId, t.createdAt),
    // Search (lib/data/search.ts): who may read each matching version, without reading the wide rows (covering).
    index("contributions_search_scope_idx").on(t.id, t.organisationId, t.status, t.studyGroupId, t.meetingId),
  ],
);

/** Immutable versions (a trigger in the migrations refuses edits of what was received). */
export const contributionVersions = sqliteTable(
  "contribution_versions",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    contributionId: integer("contribution_id").notNull().references(() => contributions.id),
    kind: text("kind", { enum: VERSION_KINDS }).notNull(),
    ordinal: integer("ordinal").notNull(), // Rev.1 → 1; 0 for the original
    fileId: integer("file_id").notNull().references(() => storedFiles.id),
    originalName: text("original_name").notNull(),
    submittedByUserId: integer("submitted_by_user_id").notNull().references(() => users.id),
    requestStartedAt: instant("request_started_at").notNull(),
    receivedAt: instant("received_at").notNull(), // server clock once the whole file was stored
    /** accepted into the meeting; pending while a late request awaits a decision; refused if declined */
    state: text("state", { enum: VERSION_STATES }).notNull(),
    note: text("note"),
    /** the client's Idempotency-Key: a retry of an upload whose answer was lost gets the same receipt */
    idempotencyKey: text("idempotency_key"),
  },
  (t) => [
    uniqueIndex("versions_kind_ordinal_uq").on(t.contributionId, t.kind, t.ordinal),
    uniqueIndex("versions_idempotency_uq").on(t.submittedByUserId, t.idempotencyKey),
    index("versions_received_idx").on(t.receivedAt),
    // A contribution's current version (its latest accepted one) without a sort, for each row of a queue, its CSV and ZIP.
    index("versions_current_idx").on(t.contributionId, t.state, t.receivedAt),
    // the versions of a file, when its text arrives (the search index's triggers)
    index("versions_file_idx").on(t.fileId),
    // Search: each matching version's contribution, state and time, without reading the wide rows (covering).
    index("versions_search_scope_idx").on(t.id, t.contributionId, t.state, t.receivedAt),
  ],
);

export const contributionQuestions = sqliteTable(
  "contribution_questions",
  {
    contributionId: integer("contribution_id").notNull().references(() => contributions.id),
    questionId: integer("question_id").notNull().references(() => questions.id),
  },
  (t) => [primaryKey({ columns: [t.contributionId, t.questionId] }), index("cq_question_idx").on(t.questionId)],
);

export const contributionContacts = sqliteTable(
  "contribution_contacts",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    contributionId: integer("contribution_id").notNull().references(() => contributions.id),
    position: integer("position").notNull(),
    name: text("name").notNull(),
    organization: text("organization").notNull(),
    country: text("country").notNull(),
    phone: text("phone").notNull().default(""),
    email: text("email").notNull(),
  },
  // One contribution's contacts: without it every contribution page scans the contacts of all of them.
  (t) => [index("contacts_contribution_idx").on(t.contributionId, t.position)],
);
