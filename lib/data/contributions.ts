// Reading contributions: one document with its versions, an organisation's own list, a meeting's list, file downloads.
import "server-only";
import { and, asc, count, desc, eq, inArray, isNotNull, or, type SQL } from "drizzle-orm";
import { getDb } from "@/db/client";
import { comments, contributionContacts, contributionQuestions, contributions, contributionVersions, lateRequests, meetings, organisations, questions, storedFiles, studyGroups, studyPeriods, users } from "@/db/schema";
import type { ContributionStatus, Purpose, VersionKind, VersionState } from "@/lib/domain";
import { isLate } from "@/lib/time/deadlines";
import { failT, ok, type Result } from "@/lib/domain/failures";
import { contentDisposition, displayNumber, downloadName, fileReference, versionLabel } from "@/lib/domain/numbering";
import { canChangeContribution, canReadContribution, canReviewContribution, hasPermission, type Actor } from "@/lib/auth/permissions";
import { LIST_PAGE_SIZE, MAX_LIST_PAGE_SIZE } from "@/lib/validation/paging";

export type VersionDto = {
  id: number;
  kind: VersionKind;
  label: string;
  ordinal: number;
  originalName: string;
  size: number;
  sha256: string;
  mediaType: string;
  requestStartedAt: number;
  receivedAt: number;
  late: boolean;
  state: VersionState;
  submittedBy: string;
  note: string | null;
};

export type ContributionDto = {
  id: number;
  meetingCode: string;
  meetingTitle: string;
  deadlineAt: number;
  number: number | null;
  displayNumber: string;
  reference: string | null;
  title: string;
  purpose: Purpose;
  abstract: string;
  keywords: string;
  status: ContributionStatus;
  source: string;
  organisationId: number;
  questions: string[];
  contacts: Array<{ name: string; organization: string; country: string; phone: string; email: string }>;
  versions: VersionDto[];
  current: VersionDto | null;
  late: boolean;
  withdrawn: { at: number; reason: string; by: string | null } | null;
  /** the latest late request and its decision: null for anyone who may not change or review the contribution */
  lateRequest: { id: number; status: string; decisionReason: string | null; decidedAt: number | null } | null;
  sharedComments: Array<{ body: string; at: number; author: string }>;
  canChange: boolean;
  canReview: boolean;
};

/** The current version: the latest accepted original or revision (addenda and corrigenda stand beside it). */
function currentOf(versions: VersionDto[]): VersionDto | null {
  const main = versions.filter((v) => (v.kind === "original" || v.kind === "revision") && v.state === "accepted");
  return main.at(-1) ?? versions.find((v) => v.kind === "original") ?? null;
}

function questionCodes(contributionIds: number[]): Map<number, { ids: number[]; codes: string[] }> {
  const map = new Map<number, { ids: number[]; codes: string[] }>();
  if (contributionIds.length === 0) return map;
  const rows = getDb()
    .select({ cid: contributionQuestions.contributionId, id: questions.id, code: questions.code })
    .from(contributionQuestions)
    .innerJoin(questions, eq(questions.id, contributionQuestions.questionId))
    .where(inArray(contributionQuestions.contributionId, contributionIds))
    .orderBy(questions.number)
    .all();
  for (const r of rows) {
    const entry = map.get(r.cid) ?? { ids: [], codes: [] };
    entry.ids.push(r.id);
    entry.codes.push(r.code);
    map.set(r.cid, entry);
  }
  return map;
}

function versionsOf(contributionIds: number[], deadlines: Map<number, number>): Map<number, VersionDto[]> {
  const map = new Map<number, VersionDto[]>();
  if (contributionIds.length === 0) return map;
  const rows = getDb()
    .select({ v: contributionVersions, f: storedFiles, by: users.name })
    .from(contributionVersions)
    .innerJoin(storedFiles, eq(storedFiles.id, contributionVersions.fileId))
    .innerJoin(users, eq(users.id, contributionVersions.submittedByUserId))
    .where(inArray(contributionVersions.contributionId, contributionIds))
    .orderBy(asc(contributionVersions.receivedAt), asc(contributionVersions.id))
    .all();
  for (const { v, f, by } of rows) {
    const deadlineAt = deadlines.get(v.contributionId)!;
    const list = map.get(v.contributionId) ?? [];
    list.push({
      id: v.id,
      kind: v.kind,
      label: versionLabel(v.kind, v.ordinal) || "Original",
      ordinal: v.ordinal,
      originalName: v.originalName,
      size: f.size,
      sha256: f.sha256,
      mediaType: f.mediaType,
      requestStartedAt: v.requestStartedAt,
      receivedAt: v.receivedAt,
      late: isLate(v.receivedAt, { deadlineAt }),
      state: v.state,
      submittedBy: by,
      note: v.note,
    });
    map.set(v.contributionId, list);
  }
  return map;
}

function baseSelect() {
  return getDb()
    .select({
      c: contributions,
      meetingCode: meetings.code,
      meetingTitle: meetings.title,
      deadlineAt: meetings.deadlineAt,
      sgNumber: studyGroups.number,
      periodCode: studyPeriods.code,
      source: organisations.name,
    })
    .from(contributions)
    .innerJoin(meetings, eq(meetings.id, contributions.meetingId))
    .innerJoin(studyGroups, eq(studyGroups.id, contributions.studyGroupId))
    .innerJoin(studyPeriods, eq(studyPeriods.id, contributions.studyPeriodId))
    .innerJoin(organisations, eq(organisations.id, contributions.organisationId));
}

type BaseRow = Awaited<ReturnType<ReturnType<typeof baseSelect>["all"]>>[number];

function assemble(actor: Actor, rows: BaseRow[], opts: { details: boolean }): ContributionDto[] {
  const ids = rows.map((r) => r.c.id);
  const qs = questionCodes(ids);
  const versions = versionsOf(ids, new Map(rows.map((r) => [r.c.id, r.deadlineAt])));
  const db = getDb();
  return rows.map(({ c, meetingCode, meetingTitle, deadlineAt, sgNumber, periodCode, source }) => {
    const q = qs.get(c.id) ?? { ids: [], codes: [] };
    const mine = canChangeContribution(actor, c);
    const reviewer = canReviewContribution(actor, { studyGroupId: c.studyGroupId, questionIds: q.ids });
    // Outside the organisation and the reviewers, only what the meeting admitted is shown.
    const vs = (versions.get(c.id) ?? []).filter((v) => mine || reviewer || v.state === "accepted");
    const current = currentOf(vs);
    // The state of a late request and the secretariat's reasons are never shown to another organisation:
    // only to those who may change or review the contribution (DOMAIN.md, "Decisions taken").
    const lr =
      opts.details && (mine || reviewer)
        ? db.select().from(lateRequests).where(eq(lateRequests.contributionId, c.id)).orderBy(desc(lateRequests.id)).get()
        : undefined;
    const withdrawnBy = opts.details && c.withdrawnByUserId ? db.select({ name: users.name }).from(users).where(eq(users.id, c.withdrawnByUserId)).get()?.name : null;
    return {
      id: c.id,
      meetingCode,
      meetingTitle,
      deadlineAt,
      number: c.number,
      displayNumber: displayNumber(sgNumber, c.number),
      reference: fileReference(periodCode, sgNumber, c.number),
      title: c.title,
      purpose: c.purpose,
      abstract: c.abstract,
      keywords: c.keywords,
      status: c.status,
      source,
      organisationId: c.organisationId,
      questions: q.codes,
      contacts: opts.details
        ? db
            .select({
              name: contributionContacts.name,
              organization: contributionContacts.organization,
              country: contributionContacts.country,
              phone: contributionContacts.phone,
              email: contributionContacts.email,
            })
            .from(contributionContacts)
            .where(eq(contributionContacts.contributionId, c.id))
            .orderBy(contributionContacts.position)
            .all()
        : [],
      versions: vs,
      current,
      late: vs.some((v) => v.kind === "original" && v.late),
      withdrawn: c.withdrawnAt ? { at: c.withdrawnAt, reason: c.withdrawnReason ?? "", by: withdrawnBy ?? null } : null,
      lateRequest: lr ? { id: lr.id, status: lr.status, decisionReason: lr.decisionReason, decidedAt: lr.decidedAt } : null,
      sharedComments:
        opts.details && mine
          ? db
              .select({ body: comments.body, at: comments.createdAt, author: users.name })
              .from(comments)
              .innerJoin(users, eq(users.id, comments.authorUserId))
              .where(and(eq(comments.contributionId, c.id), eq(comments.sharedWithSubmitter, true)))
              .orderBy(asc(comments.createdAt))
              .all()
          : [],
      canChange: mine,
      canReview: reviewer,
    };
  });
}

function readable(actor: Actor, row: BaseRow, questionIds: number[]): boolean {
  return canReadContribution(actor, {
    organisationId: row.c.organisationId,
    studyGroupId: row.c.studyGroupId,
    questionIds,
    admitted: row.c.status === "active",
  });
}

/** One contribution, or not_found when it does not exist or the actor may not see it (existence stays private). */
export function getContribution(actor: Actor, id: number): Result<ContributionDto> {
  if (!Number.isInteger(id) || id <= 0) return failT("not_found", "api.notFound.document");
  const row = baseSelect().where(eq(contributions.id, id)).get();
  if (!row) return failT("not_found", "api.notFound.document");
  const qids = questionCodes([id]).get(id)?.ids ?? [];
  if (!readable(actor, row, qids)) return failT("not_found", "api.notFound.document");
  return ok(assemble(actor, [row], { details: true })[0]);
}

/** One page of a list, and how many there are in all (a page past the last is empty, with the total). */
export type ContributionPage = { items: ContributionDto[]; total: number; page: number; pageSize: number };
export type Paging = { page?: number; pageSize?: number };

function pageWindow(paging: Paging): { page: number; pageSize: number; offset: number } {
  const size = Math.trunc(paging.pageSize ?? LIST_PAGE_SIZE);
  const pageSize = Number.isFinite(size) ? Math.min(Math.max(size, 1), MAX_LIST_PAGE_SIZE) : LIST_PAGE_SIZE;
  const page = Math.max(1, Math.trunc(Number.isFinite(paging.page) ? paging.page! : 1));
  return { page, pageSize, offset: (page - 1) * pageSize };
}

/** My contributions: everything of the actor's organisation, every meeting, newest first, a page at a time. */
export function listOrganisationContributions(actor: Actor, paging: Paging = {}): ContributionPage {
  const { page, pageSize, offset } = pageWindow(paging);
  if (!actor.organisation || !hasPermission(actor, "contribution.submit")) return { items: [], total: 0, page, pageSize };
  const mine = eq(contributions.organisationId, actor.organisation.id);
  const total = getDb().select({ n: count() }).from(contributions).where(mine).get()?.n ?? 0;
  const rows = baseSelect().where(mine).orderBy(desc(contributions.createdAt), desc(contributions.id)).limit(pageSize).offset(offset).all();
  return { items: assemble(actor, rows, { details: false }), total, page, pageSize };
}

/**
 * A meeting's contributions as the actor may see them: the admitted list for everyone, plus their
 * organisation's own, the contributions to their Questions, or everything for the secretariat; by
 * number, a page at a time. `admittedOnly`: the meeting's document list, the same for everyone.
 */
export function listMeetingContributions(actor: Actor, meetingCode: string, opts: Paging & { admittedOnly?: boolean } = {}): Result<ContributionPage> {
  const meeting = getDb().select().from(meetings).where(eq(meetings.code, meetingCode)).get();
  if (!meeting || !hasPermission(actor, "meeting.read")) return failT("not_found", "api.notFound.meeting", { code: meetingCode });
  const scope: SQL[] = [eq(contributions.status, "active")];
  if (actor.organisation) scope.push(eq(contributions.organisationId, actor.organisation.id));
  if (actor.rapporteurQuestionIds.length > 0) {
    const theirs = getDb()
      .select({ id: contributionQuestions.contributionId })
      .from(contributionQuestions)
      .where(inArray(contributionQuestions.questionId, actor.rapporteurQuestionIds));
    scope.push(inArray(contributions.id, theirs));
  }
  const visible = actor.secretariatGroupIds.includes(meeting.studyGroupId)
    ? eq(contributions.meetingId, meeting.id)
    : and(eq(contributions.meetingId, meeting.id), or(...scope));
  const where = opts.admittedOnly ? and(visible, eq(contributions.status, "active"), isNotNull(contributions.number)) : visible;
  const { page, pageSize, offset } = pageWindow(opts);
  const total = getDb().select({ n: count() }).from(contributions).where(where).get()?.n ?? 0;
  const rows = baseSelect().where(where).orderBy(asc(contributions.number), asc(contributions.id)).limit(pageSize).offset(offset).all();
  return ok({ items: assemble(actor, rows, { details: false }), total, page, pageSize });
}

export type FileDownload = { sha256: string; size: number; mediaType: string; fileName: string; disposition: string };

/** A version's file (the current one by default) with its download name, if the actor may read the contribution. */
export function getContributionFile(actor: Actor, contributionId: number, versionId?: number): Result<FileDownload> {
  const found = getContribution(actor, contributionId);
  if (!found.ok) return found;
  const c = found.value;
  const v = versionId === undefined ? c.current : c.versions.find((x) => x.id === versionId);
  // Someone outside the organisation sees only what was admitted.
  if (!v || (!c.canChange && !c.canReview && v.state !== "accepted")) return failT("not_found", "api.notFound.document");
  const ext = v.originalName.match(/\.[A-Za-z0-9]{1,5}$/)?.[0]?.toLowerCase() ?? "";
  const known = { "application/pdf": ".pdf", "application/msword": ".doc", "application/zip": ".zip" } as Record<string, string>;
  const extension = known[v.mediaType] ?? (v.mediaType.includes("wordprocessingml") ? ".docx" : ext);
  const name = downloadName(c.reference, c.id, v.kind, v.ordinal, extension);
  // The original name is metadata only: sent back in a safe Content-Disposition, but always with the extension of
  // the type the server found, so that a PDF uploaded as "agenda.bat" or "notes.html" never downloads as a program or page.
  const stem = v.originalName.replace(/\.[^.]*$/, "") || name.replace(/\.[^.]*$/, "");
  return ok({ sha256: v.sha256, size: v.size, mediaType: v.mediaType, fileName: name, disposition: contentDisposition(stem + extension) });
}
