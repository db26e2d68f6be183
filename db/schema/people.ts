// Organisations, people and their roles, and what signing in keeps: throttling, API tokens, password links.
import { index, integer, primaryKey, sqliteTable, text } from "drizzle-orm/sqlite-core";
import { MEMBER_TYPES, RAPPORTEUR_KINDS } from "../../lib/domain/enums";
import { instant } from "./columns";
import { questions, studyGroups } from "./structure";

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
