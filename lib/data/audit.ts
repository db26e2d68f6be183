// Writes to the append-only audit log; called inside the transaction of the change it records.
import "server-only";
import type { DB } from "@/db/client";
import { auditLog } from "@/db/schema";

export type AuditInput = {
  at: number;
  actorUserId: number | null;
  action: string;
  entityType: string;
  entityId?: string | number | null;
  meetingId?: number | null;
  details?: Record<string, unknown>;
};

type Tx = Pick<DB, "insert">;

export function recordAudit(tx: Tx, entry: AuditInput): void {
  tx.insert(auditLog)
    .values({
      at: entry.at,
      actorUserId: entry.actorUserId,
      action: entry.action,
      entityType: entry.entityType,
      entityId: entry.entityId == null ? null : String(entry.entityId),
      meetingId: entry.meetingId ?? null,
      details: entry.details ?? {},
    })
    .run();
}
