// The late-submission report at the edge: its JSON for the API (lateness in ms and in English words, as before) and its CSV lines and columns in the reader's language.
import type { LateRequestStatus } from "@/lib/domain";
import type { LateReport } from "@/lib/data/late-report";
import type { Locale } from "@/lib/i18n/config";
import { translator } from "@/lib/i18n/translate";
import type { CsvColumn } from "@/lib/present/csv";
import { describeLateness } from "@/lib/present/durations";
import { LATE_REQUEST_STATUS_KEY } from "@/lib/present/labels";
import { formatGeneva } from "@/lib/present/time";

/** The JSON form of the report for the API: instants as ISO 8601 UTC with Geneva labels, lateness in ms and in English words. */
export function lateReportToJson(r: LateReport) {
  const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());
  const geneva = (ms: number | null) => (ms === null ? null : formatGeneva(ms));
  const en = translator("en");
  const lateBy = (at: number) => describeLateness(at, r.meeting.deadlineAt, en);
  return {
    meeting: r.meeting.code,
    deadline: iso(r.meeting.deadlineAt),
    deadlineGeneva: geneva(r.meeting.deadlineAt),
    summary: r.summary,
    lateRequests: r.lateRequests.map((x) => ({ ...x, lateBy: lateBy(x.receivedAt), receivedAt: iso(x.receivedAt), receivedAtGeneva: geneva(x.receivedAt), decidedAt: iso(x.decidedAt) })),
    lateContributions: r.lateContributions.map((x) => ({ ...x, lateBy: lateBy(x.receivedAt), receivedAt: iso(x.receivedAt), receivedAtGeneva: geneva(x.receivedAt) })),
    lateRevisions: r.lateRevisions.map((x) => ({ ...x, lateBy: lateBy(x.receivedAt), receivedAt: iso(x.receivedAt), receivedAtGeneva: geneva(x.receivedAt) })),
    extensions: r.extensions.map((e) => ({ ...e, untilAt: iso(e.untilAt), grantedAt: iso(e.grantedAt), revokedAt: iso(e.revokedAt) })),
    refusedAttempts: r.refused.map((x) => ({ ...x, lateBy: x.lateByMs === null ? null : lateBy(x.at), at: iso(x.at), atGeneva: geneva(x.at) })),
    arrivalsPerHour: r.arrivals.map((b) => ({ start: iso(b.start), onTime: b.onTime, late: b.late })),
  };
}

/** One CSV line per event of the report: late requests, late arrivals, extensions, refused attempts. */
export type LateReportCsvRow = {
  type: string;
  status: string;
  number: string;
  title: string;
  member: string;
  organisation: string;
  questions: string;
  atUtc: string;
  atGeneva: string;
  lateBy: string;
  decision: string;
  decidedBy: string;
  reason: string;
};

type LateDocument = Pick<LateReport["lateRequests"][number], "displayNumber" | "versionLabel" | "title" | "member" | "organisation" | "questions" | "receivedAt">;

/** The report's CSV lines, their words in the reader's language (English by default; codes stay codes). */
export function lateReportCsvRows(r: LateReport, locale: Locale = "en"): LateReportCsvRow[] {
  const t = translator(locale);
  const english = locale === "en";
  const iso = (ms: number | null) => (ms === null ? "" : new Date(ms).toISOString());
  const geneva = (ms: number | null) => (ms === null ? "" : formatGeneva(ms, { locale }));
  const lateness = (at: number) => describeLateness(at, r.meeting.deadlineAt, t);
  const status = (s: LateRequestStatus) => (english ? s : t(LATE_REQUEST_STATUS_KEY[s]));
  // A late request and a late arrival are both a document: its number with the version, who sent it, when, how late.
  const documentCells = (x: LateDocument) => ({
    number: x.displayNumber + (x.versionLabel ? ` ${x.versionLabel}` : ""),
    title: x.title,
    member: x.member,
    organisation: x.organisation,
    questions: x.questions.join(" "),
    atUtc: iso(x.receivedAt),
    atGeneva: geneva(x.receivedAt),
    lateBy: lateness(x.receivedAt),
  });
  return [
    ...r.lateRequests.map((x) => ({
      type: x.kind === "new" ? t("api.csv.type.lateRequest") : t("api.csv.type.lateRevisionRequest"),
      status: status(x.status),
      ...documentCells(x),
      decision:
        x.status === "awaiting_decision"
          ? ""
          : (x.deferredTo ? t("api.csv.deferredTo", { status: status(x.status), meeting: x.deferredTo }) : status(x.status)) + (x.tdReference ? ` (${x.tdReference})` : ""),
      decidedBy: x.decidedBy ?? "",
      reason: x.decisionReason ?? x.explanation,
    })),
    ...[...r.lateContributions, ...r.lateRevisions].map((x) => ({
      type: x.kind === "original" ? t("api.csv.type.lateContribution") : t("api.csv.type.lateRevision"),
      status: x.admittedVia === "late request" ? t("api.csv.admittedViaLateRequest") : t("api.csv.admittedViaExtension"),
      ...documentCells(x),
      decision: "",
      decidedBy: "",
      reason: "",
    })),
    ...r.extensions.map((e) => ({
      type: t("api.csv.type.extension"),
      status: e.revokedAt ? t("api.csv.revoked") : t("api.csv.granted"),
      number: "",
      title: "",
      member: e.userEmail ?? "",
      organisation: e.organisationName ?? "",
      questions: "",
      atUtc: iso(e.untilAt),
      atGeneva: geneva(e.untilAt),
      lateBy: "",
      decision: e.revokedAt ? t("api.csv.revokedAt", { at: geneva(e.revokedAt) }) : t("api.csv.until", { at: geneva(e.untilAt) }),
      decidedBy: e.revokedBy ?? e.grantedBy,
      reason: e.revokeReason ?? e.reason,
    })),
    ...r.refused.map((x) => ({
      type: t("api.csv.type.refused"),
      status: x.code,
      number: "",
      title: x.fileName ?? "",
      member: x.member ?? "",
      organisation: x.organisation ?? "",
      questions: "",
      atUtc: iso(x.at),
      atGeneva: geneva(x.at),
      lateBy: x.lateByMs === null ? "" : lateness(x.at),
      decision: x.action,
      decidedBy: "",
      reason: "",
    })),
  ];
}

/** The report's CSV columns, headers in the reader's language (English by default). */
export function lateReportCsvColumns(locale: Locale = "en"): CsvColumn<LateReportCsvRow>[] {
  const t = translator(locale);
  return [
    { header: t("api.csv.type"), value: (r) => r.type },
    { header: t("api.csv.status"), value: (r) => r.status },
    { header: t("api.csv.number"), value: (r) => r.number },
    { header: t("api.csv.titleOrFile"), value: (r) => r.title },
    { header: t("api.csv.member"), value: (r) => r.member },
    { header: t("api.csv.organisation"), value: (r) => r.organisation },
    { header: t("api.csv.questions"), value: (r) => r.questions },
    { header: t("api.csv.whenUtc"), value: (r) => r.atUtc },
    { header: t("api.csv.whenGeneva"), value: (r) => r.atGeneva },
    { header: t("api.csv.howLate"), value: (r) => r.lateBy },
    { header: t("api.csv.decision"), value: (r) => r.decision },
    { header: t("api.csv.decidedBy"), value: (r) => r.decidedBy },
    { header: t("api.csv.reason"), value: (r) => r.reason },
  ];
}
