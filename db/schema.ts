// Every table of the contribution tracker. Instants are UTC epoch milliseconds (integer columns named *_at).
import { relations, sql } from "drizzle-orm";
import { index, integer, primaryKey, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import {
  CONTRIBUTION_STATUSES,
  DEADLINE_RULES,
  FILE_KINDS,
  LATE_REQUEST_KINDS,
  LATE_REQUEST_STATUSES,
  MAIL_KINDS,
  MEETING_MODES,
  MEMBER_TYPES,
  NOTICE_KINDS,
  NOTICE_MODES,
  PURPOSES,
  RAPPORTEUR_KINDS,
  REVIEW_STATES,
  SESSION_KINDS,
  TEXT_STATES,
  VERSION_KINDS,
  VERSION_STATES,
} from "../lib/domain/enums";

const instant = (name: string) => integer(name); // UTC epoch ms; converted to Geneva time only at the edges

// ---------------------------------------------------------------- groups, periods, meetings

export const studyGroups = sqliteTable("study_groups", {
  id: integer("id").primaryKey({ autoIncrement: true }),
  number: integer("number").notNull().unique(), // 20
  code: text("code").notNull().unique(), // "SG20"
  title: text("title").notNull(),
  email: text("email"),
});

export const studyPeriods = sqliteTable("study_periods", {
  id: integer("id").primaryKey({ autoIncrement: true }),
  code: text("code").notNull().unique(), // "T17": the prefix of file references
  label: text("label").notNull(), // "2017-2020"
  firstYear: integer("first_year").notNull(),
  lastYear: integer("last_year").notNull(),
});

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

export const workingParties = sqliteTable("working_parties", {
  id: integer("id").primaryKey({ autoIncrement: true }),
  studyGroupId: integer("study_group_id").notNull().references(() => studyGroups.id),
  studyPeriodId: integer("study_period_id").notNull().references(() => studyPeriods.id),
  code: text("code").notNull(), // "WP1/20"
  title: text("title").notNull(),
});

export const questions = sqliteTable(
  "questions",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    studyGroupId: integer("study_group_id").notNull().references(() => studyGroups.id),
    studyPeriodId: integer("study_period_id").notNull().references(() => studyPeriods.id),
    workingPartyId: integer("working_party_id").references(() => workingParties.id),
    number: integer("number").notNull(),
    code: text("code").notNull(), // "Q3/20"
    title: text("title").notNull(),
  },
  (t) => [uniqueIndex("questions_code_uq").on(t.studyPeriodId, t.code)],
);

// ---------------------------------------------------------------- organisations, people, roles

export const organisations = sqliteTable("organisations", {
  id: integer("id").primaryKey({ autoIncrement: true }),
  name: text("name").notNull(),
  country: text("country").notNull(),
  memberType: text("member_type", { enum: MEMBER_TYPES }).notNull(),
  /** An Associate is tied to one study group and may contribute to that group only. */
  associateStudyGroupId: integer("associate_study_group_id").references(() => studyGroups.id),
  createdAt: instant("created_at").notNull(),
});

export const users = sqliteTable("users", {
  id: integer("id").primaryKey({ autoIncrement: true }),
  email: text("email").notNull().unique(), // stored lower-case
  name: text("name").notNull(),
  passwordHash: text("password_hash").notNull(),
  organisationId: integer("organisation_id").references(() => organisations.id),
  phone: text("phone"),
  locale: text("locale"),
  timeZone: text("time_zone"),
  active: integer("active", { mode: "boolean" }).notNull().default(true),
  deactivatedAt: instant("deactivated_at"),
  createdAt: instant("created_at").notNull(),
  /**
   * Carried by every session (JWT) and API token issued to the account and checked on each request:
   * a password change or reset and a deactivation raise it, which ends everything issued before.
   */
  sessionVersion: integer("session_version").notNull().default(0),
  /** set while an account opened by single sign-on awaits the secretariat's approval; it cannot sign in until then */
  pendingSince: instant("pending_since"),
});

export const secretariatAssignments = sqliteTable(
  "secretariat_assignments",
  {
    userId: integer("user_id").notNull().references(() => users.id),
    studyGroupId: integer("study_group_id").notNull().references(() => studyGroups.id),
    title: text("title"), // "Counsellor", "Assistant"
  },
  (t) => [primaryKey({ columns: [t.userId, t.studyGroupId] })],
);

export const rapporteurAssignments = sqliteTable(
  "rapporteur_assignments",
  {
    userId: integer("user_id").notNull().references(() => users.id),
    questionId: integer("question_id").notNull().references(() => questions.id),
    kind: text("kind", { enum: RAPPORTEUR_KINDS }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.questionId] }), index("rapporteur_question_idx").on(t.questionId)],
);

/**
 * Sign-in attempts for throttling: counted as failures before the password is checked, made successes
 * after. `address` is the throttle's unit (an IPv4 address, or an IPv6 /64), not the full client address.
 */
export const signInAttempts = sqliteTable(
  "sign_in_attempts",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    email: text("email").notNull(),
    address: text("address").notNull(),
    at: instant("at").notNull(),
    succeeded: integer("succeeded", { mode: "boolean" }).notNull(),
  },
  (t) => [
    index("sign_in_email_idx").on(t.email, t.at),
    index("sign_in_address_idx").on(t.address, t.at),
    // the account-and-address limit and the known addresses of an account (lib/data/sign-in.ts)
    index("sign_in_pair_idx").on(t.email, t.address, t.succeeded, t.at),
  ],
);

export const apiTokens = sqliteTable(
  "api_tokens",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    userId: integer("user_id").notNull().references(() => users.id),
    label: text("label").notNull(),
    tokenHash: text("token_hash").notNull().unique(), // SHA-256 of the secret; the secret is shown once
    prefix: text("prefix").notNull(), // first characters, to recognise a token in a list
    createdAt: instant("created_at").notNull(),
    lastUsedAt: instant("last_used_at"),
    revokedAt: instant("revoked_at"),
    /** the account's session version when the token was issued: the token works only while the two are equal */
    sessionVersion: integer("session_version").notNull().default(0),
  },
  (t) => [index("api_tokens_user_idx").on(t.userId)],
);

/** One-time password links: only the SHA-256 of the secret is stored; a link works once and expires. */
export const passwordResets = sqliteTable(
  "password_resets",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    userId: integer("user_id").notNull().references(() => users.id),
    tokenHash: text("token_hash").notNull().unique(),
    createdAt: instant("created_at").notNull(),
    expiresAt: instant("expires_at").notNull(),
    usedAt: instant("used_at"),
    createdByUserId: integer("created_by_user_id").references(() => users.id),
  },
  (t) => [index("password_resets_user_idx").on(t.userId)],
);

// ---------------------------------------------------------------- files and contributions

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

// ---------------------------------------------------------------- after the deadline

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

// ---------------------------------------------------------------- review

export const reviews = sqliteTable("reviews", {
  contributionId: integer("contribution_id").primaryKey().references(() => contributions.id),
  state: text("state", { enum: REVIEW_STATES }).notNull(),
  reviewedVersionId: integer("reviewed_version_id").references(() => contributionVersions.id),
  updatedByUserId: integer("updated_by_user_id").notNull().references(() => users.id),
  updatedAt: instant("updated_at").notNull(),
});

export const comments = sqliteTable(
  "comments",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    contributionId: integer("contribution_id").notNull().references(() => contributions.id),
    authorUserId: integer("author_user_id").notNull().references(() => users.id),
    body: text("body").notNull(),
    sharedWithSubmitter: integer("shared_with_submitter", { mode: "boolean" }).notNull().default(false),
    createdAt: instant("created_at").notNull(),
  },
  (t) => [index("comments_contribution_idx").on(t.contributionId, t.createdAt)],
);

export const questionVisits = sqliteTable(
  "question_visits",
  {
    userId: integer("user_id").notNull().references(() => users.id),
    questionId: integer("question_id").notNull().references(() => questions.id),
    visitedAt: instant("visited_at").notNull(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.questionId] })],
);

// ---------------------------------------------------------------- text, search, feeds and notices

/**
 * What became of a stored file's text: pending until the extraction worker (lib/text/queue.ts) has read it,
 * then done (with the text), no_text (scanned, encrypted, damaged, or stopped by the limits) or failed (gave
 * up after its attempts). Each row is also the file's job: a row is made by a trigger when the file's row is
 * inserted, so the job commits with the upload and survives a crash.
 */
export const fileTexts = sqliteTable(
  "file_texts",
  {
    fileId: integer("file_id").primaryKey().references(() => storedFiles.id),
    state: text("state", { enum: TEXT_STATES }).notNull().default("pending"),
    attempts: integer("attempts").notNull().default(0),
    /** system time (ms), never the simulated clock: when the job may be tried (again) */
    nextAttemptAt: integer("next_attempt_at").notNull().default(0),
    /** system time (ms): a claimed job whose lease has run out was interrupted (a crash) and is taken again */
    leaseUntil: integer("lease_until"),
    /** no_text and failed: scanned | encrypted | damaged | limits | unsupported | error */
    reason: text("reason"),
    text: text("text"),
    chars: integer("chars"),
    pages: integer("pages"),
    truncated: integer("truncated", { mode: "boolean" }).notNull().default(false),
    elapsedMs: integer("elapsed_ms"),
    extractedAt: instant("extracted_at"),
  },
  (t) => [index("file_texts_pending_idx").on(t.nextAttemptAt).where(sql`state = 'pending'`)],
);

/** A revocable key that lets a feed reader fetch a member's feeds: only its SHA-256 is stored, the key is shown once. */
export const feedKeys = sqliteTable(
  "feed_keys",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    userId: integer("user_id").notNull().references(() => users.id),
    keyHash: text("key_hash").notNull().unique(),
    prefix: text("prefix").notNull(),
    createdAt: instant("created_at").notNull(),
    lastUsedAt: instant("last_used_at"),
    revokedAt: instant("revoked_at"),
  },
  (t) => [index("feed_keys_user_idx").on(t.userId)],
);

/** How an account wants its notices: none (the default), at once, or a daily digest at a Geneva hour. */
export const noticePreferences = sqliteTable("notice_preferences", {
  userId: integer("user_id").primaryKey().references(() => users.id),
  mode: text("mode", { enum: NOTICE_MODES }).notNull().default("none"),
  /** 0-23, Geneva wall-clock hour of the daily digest */
  digestHour: integer("digest_hour").notNull().default(8),
  /** the instant of the last digest sent (the Geneva hour it stood for) */
  lastDigestAt: instant("last_digest_at"),
  updatedAt: instant("updated_at").notNull(),
});

/** A member following a contribution: its new versions, and the comments shared with its submitter. */
export const follows = sqliteTable(
  "follows",
  {
    userId: integer("user_id").notNull().references(() => users.id),
    contributionId: integer("contribution_id").notNull().references(() => contributions.id),
    createdAt: instant("created_at").notNull(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.contributionId] }), index("follows_contribution_idx").on(t.contributionId)],
);

/**
 * One thing an account is to be told, made from the audit log by the notice dispatcher (lib/data/notices.ts);
 * `sentAt` and `mailId` once its e-mail is queued (at once, or in a digest), in the same transaction.
 */
export const noticeItems = sqliteTable(
  "notice_items",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    userId: integer("user_id").notNull().references(() => users.id),
    auditId: integer("audit_id").notNull().references(() => auditLog.id),
    contributionId: integer("contribution_id").notNull().references(() => contributions.id),
    versionId: integer("version_id").references(() => contributionVersions.id),
    kind: text("kind", { enum: NOTICE_KINDS }).notNull(),
    at: instant("at").notNull(),
    sentAt: instant("sent_at"),
    /** the queued e-mail that carries it (lib/mail/worker.ts renders the items of a notice mail when it sends it) */
    // Set null when the mail worker prunes a sent message's row (after 30 days); the item keeps its sentAt.
    mailId: integer("mail_id").references(() => mailQueue.id, { onDelete: "set null" }),
  },
  (t) => [
    uniqueIndex("notice_items_event_uq").on(t.userId, t.auditId),
    index("notice_items_unsent_idx").on(t.userId).where(sql`sent_at IS NULL`),
    index("notice_items_mail_idx").on(t.mailId),
  ],
);

/** How far a background reader of the audit log has come (the notice dispatcher: name "notices"). */
export const logCursors = sqliteTable("log_cursors", {
  name: text("name").primaryKey(),
  lastAuditId: integer("last_audit_id").notNull(),
});

// ---------------------------------------------------------------- audit

/** Append-only (triggers in the migrations refuse UPDATE and DELETE). */
export const auditLog = sqliteTable(
  "audit_log",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    at: instant("at").notNull(),
    actorUserId: integer("actor_user_id").references(() => users.id),
    action: text("action").notNull(), // "contribution.submit", "meeting.update", ...
    entityType: text("entity_type").notNull(),
    entityId: text("entity_id"),
    meetingId: integer("meeting_id").references(() => meetings.id),
    details: text("details", { mode: "json" }).$type<Record<string, unknown>>().notNull().default(sql`'{}'`),
  },
  (t) => [index("audit_at_idx").on(t.at), index("audit_meeting_idx").on(t.meetingId, t.at)],
);

// ---------------------------------------------------------------- e-mail

/** What a queued e-mail is: the receipt, a late request's decision, or the short notice to a named contact. */
/** notice, notice_digest: a rapporteur's or a follower's notices (lib/data/notices.ts), the items they carry in notice_items. */
/**
 * E-mail a commit has promised: the row is written in the transaction that commits what it reports, and
 * the worker (lib/mail/worker.ts) renders and sends it, retrying with back-off, so a crash right after the
 * commit delays the e-mail but never loses it. Who is told is decided at the commit; the words are made
 * when it is sent, in the recipient's language.
 */
export const mailQueue = sqliteTable(
  "mail_queue",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    /** the commit's instant on the tracker's clock (simulated in the demo): the message's Date header */
    createdAt: instant("created_at").notNull(),
    kind: text("kind", { enum: MAIL_KINDS }).notNull(),
    /** the version a receipt or a contact notice is about */
    versionId: integer("version_id").references(() => contributionVersions.id),
    /** the late request a decision e-mail is about */
    lateRequestId: integer("late_request_id").references(() => lateRequests.id),
    /** whose secretariat may see it in the demo's outbox */
    studyGroupId: integer("study_group_id").notNull().references(() => studyGroups.id),
    toAddresses: text("to_addresses", { mode: "json" }).$type<string[]>().notNull(),
    ccAddresses: text("cc_addresses", { mode: "json" }).$type<string[]>().notNull().default(sql`'[]'`),
    /** the subject as sent, once the transport has accepted the message */
    subject: text("subject"),
    attempts: integer("attempts").notNull().default(0),
    // The next three are the machine's time (systemNow), not the simulated clock: moving the demo's clock
    // back an hour must not hold the mail for an hour.
    nextAttemptAt: integer("next_attempt_at").notNull(),
    sentAt: integer("sent_at"),
    failedAt: integer("failed_at"),
    lastError: text("last_error"),
  },
  (t) => [
    // The worker's question, "what is due?", reads only the rows still waiting.
    index("mail_queue_due_idx").on(t.nextAttemptAt, t.id).where(sql`sent_at IS NULL AND failed_at IS NULL`),
  ],
);

// ---------------------------------------------------------------- relations

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

// ---------------------------------------------------------------- inferred types

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
