// The audit log: every change, who made it and when.
import { sql } from "drizzle-orm";
import { index, integer, sqliteTable, text } from "drizzle-orm/sqlite-core";
import { instant } from "./columns";
import { meetings } from "./meetings";
import { users } from "./people";

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
