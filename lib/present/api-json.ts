// The API's JSON answers: the data layer's DTOs (values, instants as epoch ms) as the API writes them, instants as
// ISO 8601 UTC with their Geneva reading beside them ("Tue 23 Jun 2020, 23:59:59 CEST (UTC+2)", always in English).
import type { AuditRow } from "@/lib/data/audit-log";
import type { Comparison, VersionText } from "@/lib/data/compare";
import type { ContributionDto } from "@/lib/data/contributions";
import type { ExtensionDto } from "@/lib/data/extensions";
import type { MeetingDetailDto } from "@/lib/data/meetings";
import type { Receipt } from "@/lib/data/receipts";
import type { QueuePage } from "@/lib/data/review-queue";
import type { CommentDto, ReviewPanelDto } from "@/lib/data/review-state";
import type { SearchResult } from "@/lib/data/search";
import { formatGeneva, formatUtc } from "@/lib/present/time";

/** An instant as ISO 8601 UTC ("2020-06-23T21:59:59.999Z"); null stays null. */
function iso(ms: number): string;
function iso(ms: number | null): string | null;
function iso(ms: number | null): string | null {
  return ms === null ? null : new Date(ms).toISOString();
}

/** The JSON form of GET /api/v1/meetings/{code}: instants as ISO 8601 UTC, Geneva labels beside them. */
export function meetingToJson(m: MeetingDetailDto) {
  return {
    code: m.code,
    title: m.title,
    studyGroup: m.studyGroup.code,
    studyPeriod: m.studyPeriod.label,
    mode: m.mode,
    location: m.location,
    firstDay: m.firstDay,
    lastDay: m.lastDay,
    timeZone: m.timeZone,
    deadline: iso(m.deadlineAt),
    deadlineGeneva: formatGeneva(m.deadlineAt),
    deadlineRule: m.deadlineRule,
    deadlineNote: m.deadlineNote,
    sessions: m.sessions.map((s) => ({
      title: s.title,
      kind: s.kind,
      start: iso(s.startsAt),
      end: iso(s.endsAt),
      startGeneva: formatGeneva(s.startsAt, { seconds: false }),
      endGeneva: formatGeneva(s.endsAt, { seconds: false }),
      registrationRequired: s.registrationRequired,
      note: s.note,
    })),
    history: m.changes.map((c) => ({
      at: iso(c.at),
      atGeneva: formatGeneva(c.at),
      by: c.actorName,
      reference: c.reference,
      reason: c.reason,
      changes: c.changes,
    })),
  };
}

/** The JSON of an extension in the API. */
export function extensionToJson(e: ExtensionDto) {
  return {
    id: e.id,
    organisation: e.organisationName,
    user: e.userEmail,
    until: iso(e.untilAt),
    untilGeneva: formatGeneva(e.untilAt),
    reason: e.reason,
    grantedBy: e.grantedBy,
    grantedAt: iso(e.grantedAt),
    revokedAt: iso(e.revokedAt),
    revokedBy: e.revokedBy,
    revokeReason: e.revokeReason,
  };
}

/** The JSON of a contribution in the API. */
export function contributionToJson(c: ContributionDto) {
  return {
    id: c.id,
    meeting: c.meetingCode,
    number: c.number,
    displayNumber: c.displayNumber,
    reference: c.reference,
    title: c.title,
    purpose: c.purpose,
    abstract: c.abstract,
    keywords: c.keywords,
    source: c.source,
    questions: c.questions,
    status: c.status,
    late: c.late,
    contacts: c.contacts,
    withdrawn: c.withdrawn ? { at: iso(c.withdrawn.at), reason: c.withdrawn.reason } : null,
    lateRequest: c.lateRequest ? { ...c.lateRequest, decidedAt: c.lateRequest.decidedAt === null ? null : iso(c.lateRequest.decidedAt) } : null,
    versions: c.versions.map((v) => ({
      id: v.id,
      version: v.label,
      fileName: v.originalName,
      size: v.size,
      sha256: v.sha256,
      mediaType: v.mediaType,
      receivedAt: iso(v.receivedAt),
      receivedAtGeneva: formatGeneva(v.receivedAt),
      requestStartedAt: iso(v.requestStartedAt),
      late: v.late,
      state: v.state,
    })),
  };
}

/** The JSON of a receipt in the API: instants as ISO 8601 UTC, the receipt time with its Geneva reading. */
export function receiptToJson(r: Receipt) {
  return {
    id: r.contributionId,
    versionId: r.versionId,
    lateRequestId: r.lateRequestId,
    meeting: r.meetingCode,
    number: r.number,
    displayNumber: r.displayNumber,
    reference: r.reference,
    version: r.versionLabel || "original",
    title: r.title,
    questions: r.questions,
    fileName: r.originalName,
    receivedAt: iso(r.receivedAt),
    receivedAtGeneva: formatGeneva(r.receivedAt),
    requestStartedAt: iso(r.requestStartedAt),
    sha256: r.sha256,
    size: r.size,
    mediaType: r.mediaType,
    late: r.late,
    status: r.status,
    replayed: r.replayed ?? false,
  };
}

/** The JSON of a queue page in the API. */
export function queuePageToJson(p: QueuePage) {
  return {
    question: p.question.code,
    total: p.total,
    page: p.page,
    pageSize: p.pageSize,
    contributions: p.rows.map((r) => ({
      id: r.id,
      number: r.number,
      displayNumber: r.displayNumber,
      reference: r.reference,
      title: r.title,
      source: r.source,
      questions: r.questions,
      purpose: r.purpose,
      status: r.status,
      receivedAt: iso(r.receivedAt),
      receivedAtGeneva: formatGeneva(r.receivedAt),
      late: r.late,
      currentVersionId: r.currentVersionId,
      currentVersion: r.currentVersionLabel,
      currentReceivedAt: iso(r.currentReceivedAt),
      reviewState: r.reviewState,
      revisedSinceReview: r.revisedSinceReview,
    })),
  };
}

/** The JSON of the review panel in the API: instants as ISO 8601 UTC, with their Geneva reading. */
export function reviewPanelToJson(p: ReviewPanelDto) {
  return {
    contributionId: p.contributionId,
    state: p.state,
    reviewedVersionId: p.reviewedVersionId,
    currentVersionId: p.currentVersionId,
    revisedSinceReview: p.revisedSinceReview,
    updatedAt: p.updatedAt === null ? null : iso(p.updatedAt),
    updatedBy: p.updatedBy,
    comments: p.comments.map(commentToJson),
    history: p.history.map((h) => ({ action: h.action, at: iso(h.at), atGeneva: formatGeneva(h.at), actor: h.actor, details: h.details })),
  };
}
/** The JSON of a review comment in the API. */
export function commentToJson(c: CommentDto) {
  return { id: c.id, body: c.body, sharedWithSubmitter: c.sharedWithSubmitter, author: c.author, at: iso(c.at), atGeneva: formatGeneva(c.at) };
}

/** The JSON of an entry of the audit log in the API: the instant in UTC (ISO and in words) and in Geneva time. */
export function auditRowToJson(r: AuditRow) {
  return {
    id: r.id,
    at: iso(r.at),
    atGeneva: formatGeneva(r.at),
    atUtc: formatUtc(r.at),
    actor: r.actorEmail ? { name: r.actorName, email: r.actorEmail } : null,
    action: r.action,
    entityType: r.entityType,
    entityId: r.entityId,
    meeting: r.meetingCode,
    details: r.details,
  };
}

function versionJson(v: VersionText) {
  return {
    id: v.id,
    version: v.label || "original",
    receivedAt: iso(v.receivedAt),
    text: { state: v.textState, reason: v.reason, truncated: v.truncated, characters: v.chars, attempts: v.attempts },
  };
}
/** The JSON of a comparison in the API. */
export function comparisonToJson(c: Comparison) {
  return { contributionId: c.contributionId, from: versionJson(c.from), to: versionJson(c.to), ready: c.ready, stats: c.stats, parts: c.parts };
}

/** The JSON of a search in the API: the snippet as plain text and as parts marked `match`, never as HTML. */
export function searchResultToJson(r: SearchResult) {
  return {
    terms: r.terms,
    total: r.total,
    page: r.page,
    pageSize: r.pageSize,
    results: r.hits.map((h) => ({
      id: h.id,
      number: h.number,
      displayNumber: h.displayNumber,
      title: h.title,
      source: h.source,
      meeting: h.meetingCode,
      questions: h.questions,
      status: h.status,
      version: { id: h.versionId, label: h.versionLabel || "original" },
      snippet: h.snippet.map((p) => p.text).join(""),
      highlights: h.snippet,
    })),
  };
}
