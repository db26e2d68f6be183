// An upload on its way into the store: its type checked, its file placed and released, its stored_files row,
// and the receipt of an earlier upload under the same Idempotency-Key.
import "server-only";
import { rm } from "node:fs/promises";
import { and, eq, sql } from "drizzle-orm";
import { getDb } from "@/db/client";
import { contributionVersions, storedFiles } from "@/db/schema";
import { prepared } from "@/lib/data/prepared";
import { ok, type Result } from "@/lib/domain/failures";
import { checkUploadedFile, fileRefusal, type FileKind } from "@/lib/files/file-type";
import type { Actor } from "@/lib/auth/permissions";
import { moveIntoPlace, storedPath, type ReceivedFile } from "@/lib/files/storage";
import { receiptFor, type Receipt } from "@/lib/data/receipts";
import { logRefusal, type Conn, type RefusalAction } from "@/lib/data/submission-checks";

export type Upload = {
  file: ReceivedFile;
  originalName: string;
  requestStartedAt: number;
  receivedAt: number;
  /** the client's Idempotency-Key, if it sent one */
  idempotencyKey?: string | null;
};


export async function checkFile(actor: Actor, meetingId: number, contributionId: number | null, action: RefusalAction, upload: Upload): Promise<Result<{ kind: FileKind; mediaType: string }>> {
  const check = await checkUploadedFile(upload.file.tempPath, upload.originalName);
  if (check.ok) return ok({ kind: check.kind, mediaType: check.mediaType });
  logRefusal(actor, meetingId, contributionId, action, check.code, { originalName: upload.originalName, size: upload.file.size });
  return fileRefusal(check);
}

const storedFileByHash = prepared((db) => db.select({ id: storedFiles.id }).from(storedFiles).where(eq(storedFiles.sha256, sql.placeholder("sha256"))).prepare());

const insertStoredFileRow = prepared((db) =>
  db
    .insert(storedFiles)
    .values({ sha256: sql.placeholder("sha256"), size: sql.placeholder("size"), mediaType: sql.placeholder("mediaType"), kind: sql.placeholder("kind"), createdAt: sql.placeholder("createdAt") })
    .returning({ id: storedFiles.id })
    .prepare(),
);

export function insertStoredFile(tx: Conn, upload: Upload, file: { kind: FileKind; mediaType: string }, at: number): number {
  const existing = storedFileByHash(tx).get({ sha256: upload.file.sha256 });
  if (existing) return existing.id;
  return insertStoredFileRow(tx).get({ sha256: upload.file.sha256, size: upload.file.size, mediaType: file.mediaType, kind: file.kind, createdAt: at })!.id;
}

/**
 * Uploads of this process whose file is in place but whose row is not committed yet, by content hash:
 * a refused upload must not delete a file that a concurrent upload of the same bytes is about to use.
 */
const inFlight = new Map<string, number>();

export async function placeFile(upload: Upload): Promise<void> {
  inFlight.set(upload.file.sha256, (inFlight.get(upload.file.sha256) ?? 0) + 1);
  await moveIntoPlace(upload.file);
}

/** After the transaction: a refused upload's file goes unless a row or another in-flight upload needs it. */
export async function releaseFile(sha256: string, committed: boolean): Promise<void> {
  const left = (inFlight.get(sha256) ?? 1) - 1;
  if (left > 0) inFlight.set(sha256, left);
  else inFlight.delete(sha256);
  if (committed || left > 0) return;
  const row = storedFileByHash(getDb()).get({ sha256 });
  if (!row) await rm(storedPath(sha256), { force: true });
}

/** The version this user already stored under this Idempotency-Key, if any. */
const versionByIdempotencyKey = prepared((db) =>
  db
    .select({ id: contributionVersions.id })
    .from(contributionVersions)
    .where(and(eq(contributionVersions.submittedByUserId, sql.placeholder("userId")), eq(contributionVersions.idempotencyKey, sql.placeholder("key"))))
    .prepare(),
);

export function replayOf(actor: Actor, key: string | null | undefined): Receipt | null {
  if (!key) return null;
  const row = versionByIdempotencyKey(getDb()).get({ userId: actor.userId, key });
  const receipt = row ? receiptFor(row.id) : null;
  return receipt && { ...receipt, replayed: true };
}

/** SQLite's unique-constraint error, whether better-sqlite3 threw it or Drizzle wrapped it (as `cause`). */
export function isUniqueViolation(error: unknown): boolean {
  for (let e = error, depth = 0; e instanceof Error && depth < 3; e = e.cause, depth++) {
    if ((e as { code?: string }).code === "SQLITE_CONSTRAINT_UNIQUE") return true;
  }
  return false;
}
