// The outgoing e-mail queue.
import { sql } from "drizzle-orm";
import { index, integer, sqliteTable, text } from "drizzle-orm/sqlite-core";
import { MAIL_KINDS } from "../../lib/domain/enums";
import { instant } from "./columns";
import { contributionVersions } from "./contributions";
import { lateRequests } from "./late";
import { studyGroups } from "./structure";

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
