// The domain's enumerations, each written once: db/schema/, the server and client components import them from here (no imports, so any bundle may).

// ---------------------------------------------------------------- meetings

export const MEETING_MODES = ["physical", "virtual", "hybrid"] as const;
export type MeetingMode = (typeof MEETING_MODES)[number];

/** How a meeting's deadline was set: by the rule (13 days before the first day) or by hand. */
export const DEADLINE_RULES = ["default", "override"] as const;
export type DeadlineRule = (typeof DEADLINE_RULES)[number];

/** The related sessions listed beside a meeting (e-meetings, newcomers' sessions, JCA meetings, webinars). */
export const SESSION_KINDS = ["e_meeting", "newcomers", "jca", "webinar", "other"] as const;
export type SessionKind = (typeof SESSION_KINDS)[number];

// ---------------------------------------------------------------- organisations and people

export const MEMBER_TYPES = ["member_state", "sector_member", "associate", "academia"] as const;
export type MemberType = (typeof MEMBER_TYPES)[number];

export const RAPPORTEUR_KINDS = ["rapporteur", "associate_rapporteur"] as const;
export type RapporteurKind = (typeof RAPPORTEUR_KINDS)[number];

// ---------------------------------------------------------------- contributions and their versions

export const PURPOSES = ["Proposal", "Information", "Discussion", "Decision", "Other"] as const;
export type Purpose = (typeof PURPOSES)[number];

export const CONTRIBUTION_STATUSES = ["active", "withdrawn", "late_request", "deferred", "reissued_td", "declined"] as const;
export type ContributionStatus = (typeof CONTRIBUTION_STATUSES)[number];

export const VERSION_KINDS = ["original", "revision", "addendum", "corrigendum"] as const;
export type VersionKind = (typeof VERSION_KINDS)[number];

/** A version is accepted, or pending (a late request awaiting its decision), or refused (the request declined). */
export const VERSION_STATES = ["accepted", "pending", "refused"] as const;
export type VersionState = (typeof VERSION_STATES)[number];

export const FILE_KINDS = ["docx", "doc", "pdf", "zip"] as const;
export type FileKind = (typeof FILE_KINDS)[number];

export const TEXT_STATES = ["pending", "done", "no_text", "failed"] as const;
export type TextState = (typeof TEXT_STATES)[number];

// ---------------------------------------------------------------- late submission requests

/** A late request files a new contribution or a revision of an existing one. */
export const LATE_REQUEST_KINDS = ["new", "revision"] as const;
export type LateRequestKind = (typeof LATE_REQUEST_KINDS)[number];

export const LATE_REQUEST_STATUSES = ["awaiting_decision", "admitted", "deferred", "reissued_td", "declined"] as const;
export type LateRequestStatus = (typeof LATE_REQUEST_STATUSES)[number];
export type DecidedStatus = Exclude<LateRequestStatus, "awaiting_decision">;

/** The secretariat's decisions on a late request: admit, defer to a later meeting, reissue as a TD, decline. */
export const DECISIONS = ["admit", "defer", "reissue_as_td", "decline"] as const;
export type Decision = (typeof DECISIONS)[number];

// ---------------------------------------------------------------- review, notices, mail

export const REVIEW_STATES = ["new", "in_review", "ready", "needs_clarification"] as const;
export type ReviewState = (typeof REVIEW_STATES)[number];

export const NOTICE_MODES = ["none", "immediate", "daily"] as const;
export type NoticeMode = (typeof NOTICE_MODES)[number];

export const NOTICE_KINDS = ["new", "late_request", "revised", "admitted", "comment"] as const;
export type NoticeKind = (typeof NOTICE_KINDS)[number];

export const MAIL_KINDS = ["receipt", "decision", "contact_notice", "notice", "notice_digest"] as const;
export type MailKind = (typeof MAIL_KINDS)[number];
