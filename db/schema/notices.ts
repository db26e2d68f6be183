// Feeds and notices: feed keys, notice preferences, follows, the notices made from the audit log, and the log's readers.
import { sql } from "drizzle-orm";
import { index, integer, primaryKey, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import { NOTICE_KINDS, NOTICE_MODES } from "../../lib/domain/enums";
import { auditLog } from "./audit";
import { instant } from "./columns";
import { contributions, contributionVersions } from "./contributions";
import { mailQueue } from "./mail";
import { users } from "./people";

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
