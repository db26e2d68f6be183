// A stored file's text for search and comparison, and its extraction job.
import { sql } from "drizzle-orm";
import { index, integer, sqliteTable, text } from "drizzle-orm/sqlite-core";
import { TEXT_STATES } from "../../lib/domain/enums";
import { instant } from "./columns";
import { storedFiles } from "./contributions";

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
