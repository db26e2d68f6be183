// Writes to the append-only audit log; called inside the transaction of the change it records.
import "server-only";
import { sql } from "drizzle-orm";
import type { DB } from "@/db/client";
import { auditLog } from "@/db/schema";
import { prepared } from "@/lib/data/prepared";

export type AuditInput = {
  at: number;
  actorUserId: number | null;
  action: string;
  entityType: string;
  entityId?: string | number | null;
  meetingId?: number | null;
  details?: Record<string, unknown>;
};

type Tx = Pick<DB, "select" | "insert" | "update" | "delete">;

const p = sql.placeholder;
const insertEntry = prepared((db) =>
  db
    .insert(auditLog)
    .values({ at: p("at"), actorUserId: p("actorUserId"), action: p("action"), entityType: p("entityType"), entityId: p("entityId"), meetingId: p("meetingId"), details: p("details") })
    .prepare(),
);

export function recordAudit(tx: Tx, entry: AuditInput): void {
  insertEntry(tx).run({
    at: entry.at,
    actorUserId: entry.actorUserId,
    action: entry.action,
    entityType: entry.entityType,
    entityId: entry.entityId == null ? null : String(entry.entityId),
    meetingId: entry.meetingId ?? null,
    details: entry.details ?? {},
  });
}
