// The review queue's exports: every row for the CSV, and the current versions streamed as a ZIP.
import "server-only";
import type { Readable } from "node:stream";
import { and, asc, eq, sql, type SQL } from "drizzle-orm";
import { TZDate } from "@date-fns/tz";
import yazl from "yazl";
import { getDb } from "@/db/client";
import { contributionQuestions, contributions, storedFiles, studyGroups, studyPeriods } from "@/db/schema";
import type { VersionKind } from "@/lib/domain";
import { ok, type Result } from "@/lib/domain/failures";
import { GENEVA_TZ } from "@/lib/time/geneva";
import { downloadName, fileReference } from "@/lib/domain/numbering";
import type { Actor } from "@/lib/auth/permissions";
import { openStoredFile, storedFileExists } from "@/lib/files/storage";
import { current, currentVersionIdSql, original, originalOfContribution, questionSlug, resolveQuestion } from "@/lib/data/review-scope";
import { matchingIds, queueRows, type QueueFilters, type QueueRow } from "@/lib/data/review-queue";

// ---------------------------------------------------------------- CSV


/** Every row of the queue under these filters (no paging), for the CSV export. */
export function queueCsvRows(actor: Actor, questionCode: string, filters: QueueFilters = {}): Result<{ rows: QueueRow[]; fileName: string }> {
  const q = resolveQuestion(actor, questionCode);
  if (!q.ok) return q;
  const { ids } = matchingIds(q.value.id, filters, null);
  return ok({ rows: queueRows(ids), fileName: `${questionSlug(q.value.code)}-contributions.csv` });
}

// ---------------------------------------------------------------- ZIP

const EXTENSION: Record<string, string> = {
  "application/pdf": ".pdf",
  "application/msword": ".doc",
  "application/zip": ".zip",
};

function extensionOf(mediaType: string): string {
  return EXTENSION[mediaType] ?? (mediaType.includes("wordprocessingml") ? ".docx" : ".bin");
}

export type QuestionZip = { stream: Readable; fileName: string; entries: number; size: number | null };

/**
 * The current accepted version of every admitted contribution to the Question, streamed as a ZIP
 * named by reference and revision (T17-SG20-C-0012-R1.docx): files are opened one at a time while
 * the archive is read, never held in memory. `since`: only those whose current version arrived then or later.
 */
export function streamQuestionZip(actor: Actor, questionCode: string, opts: { since?: number } = {}): Result<QuestionZip> {
  const q = resolveQuestion(actor, questionCode);
  if (!q.ok) return q;
  const conditions: SQL[] = [eq(contributionQuestions.questionId, q.value.id), eq(contributions.status, "active"), eq(current.state, "accepted")];
  if (opts.since !== undefined) conditions.push(sql`${current.receivedAt} >= ${opts.since}`);
  const rows = getDb()
    .select({
      id: contributions.id,
      number: contributions.number,
      sgNumber: studyGroups.number,
      periodCode: studyPeriods.code,
      kind: current.kind,
      ordinal: current.ordinal,
      receivedAt: current.receivedAt,
      sha256: storedFiles.sha256,
      size: storedFiles.size,
      mediaType: storedFiles.mediaType,
    })
    .from(contributionQuestions)
    .innerJoin(contributions, eq(contributions.id, contributionQuestions.contributionId))
    .innerJoin(studyGroups, eq(studyGroups.id, contributions.studyGroupId))
    .innerJoin(studyPeriods, eq(studyPeriods.id, contributions.studyPeriodId))
    .leftJoin(original, originalOfContribution)
    .innerJoin(current, eq(current.id, currentVersionIdSql))
    .innerJoin(storedFiles, eq(storedFiles.id, current.fileId))
    .where(and(...conditions))
    .orderBy(asc(contributions.number), asc(contributions.id))
    .all();
  // A stored file gone from disk is a fault of the server, not of the request: refuse before sending half an archive.
  const missing = rows.find((r) => !storedFileExists(r.sha256));
  if (missing) throw new Error(`stored file ${missing.sha256} of contribution ${missing.id} is missing`);

  const zip = new yazl.ZipFile();
  for (const r of rows) {
    const name = downloadName(fileReference(r.periodCode, r.sgNumber, r.number), r.id, r.kind as VersionKind, r.ordinal, extensionOf(r.mediaType));
    // DOCX, PDF and ZIP are compressed already; storing keeps the archive's size known in advance.
    // The entry's time is the receipt time, in both of ZIP's fields: the Info-ZIP "UT" field holds the UTC instant,
    // and the DOS field (a wall time without zone, which yazl reads with getHours() and friends) the Geneva wall
    // time, which a TZDate gives whatever the server's TZ. A plain Date would write the server's local time there,
    // and the same download would differ from one server to another.
    const mtime = new TZDate(r.receivedAt, GENEVA_TZ);
    zip.addReadStreamLazy(name, { size: r.size, mtime, compress: false }, (cb) => cb(null, openStoredFile(r.sha256)));
  }
  const output = zip.outputStream as unknown as Readable; // a PassThrough; the typings say less
  // A read error surfaces on the ZipFile, not on its output: end the download with it rather than crash.
  zip.on("error", (error: Error) => output.destroy(error));
  let size: number | null = null;
  // With no addFile() entry the total is reported during end(): stored entries of known size make it exact.
  const onTotal = (total: number) => {
    size = total >= 0 ? total : null;
  };
  zip.end(undefined, onTotal as unknown as () => void);
  return ok({ stream: output, fileName: `${questionSlug(q.value.code)}-contributions.zip`, entries: rows.length, size });
}
