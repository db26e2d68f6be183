// The words of the tracker's e-mails (receipt, decision, contact notice), in the recipient's language. Pure, no I/O.
import type { LateRequest } from "@/db/schema";
import type { Receipt } from "@/lib/data/receipts";
import { formatGeneva, formatUtc } from "@/lib/present/time";
import type { DecidedStatus } from "@/lib/domain";
import type { Locale } from "@/lib/i18n/config";
import { formatDuration } from "@/lib/present/durations";
import { formatBytes } from "@/lib/present/bytes";
import { translator, type MessageKey, type Translator } from "@/lib/i18n/translate";

const STATUS_KEY: Record<string, MessageKey> = {
  active: "api.mail.status.active",
  awaiting_decision: "api.mail.status.awaiting_decision",
  withdrawn: "api.mail.status.withdrawn",
  deferred: "api.mail.status.deferred",
  reissued_td: "api.mail.status.reissued_td",
  declined: "api.mail.status.declined",
};

const DECISION_KEY: Record<DecidedStatus, MessageKey> = {
  admitted: "api.mail.decision.word.admitted",
  deferred: "api.mail.decision.word.deferred",
  reissued_td: "api.mail.decision.word.reissued_td",
  declined: "api.mail.decision.word.declined",
};

/** An absolute link when the public origin is known, else the path. */
function link(path: string): string {
  const origin = process.env.NEXTAUTH_URL?.replace(/\/+$/, "") ?? "";
  return `${origin}${path}`;
}

function isLateRequest(r: Receipt): boolean {
  return r.lateRequestId !== null && r.status === "awaiting_decision";
}

function numberLabel(r: Receipt): string {
  return [r.displayNumber, r.versionLabel].filter(Boolean).join(" ");
}

/** "LATE (5 min after the cutoff)" or "ON TIME (3 h 2 min before the cutoff)", judged as the receipt was. */
function deadlineWords(r: Receipt, t: Translator): string {
  return r.late
    ? t("api.mail.deadline.late", { duration: formatDuration(r.receivedAt - r.deadlineAt, t) })
    : t("api.mail.deadline.onTime", { duration: formatDuration(r.deadlineAt - r.receivedAt, t) });
}

function facts(lines: Array<[string, string]>): string[] {
  const width = Math.max(...lines.map(([k]) => k.length)) + 2;
  return lines.map(([k, v]) => `${`${k}:`.padEnd(width)}${v}`);
}

export function receiptSubject(r: Receipt, locale: Locale = "en"): string {
  const t = translator(locale);
  if (isLateRequest(r)) return t("api.mail.receipt.subjectLate", { title: r.title });
  return t("api.mail.receipt.subject", { label: numberLabel(r), title: r.title });
}

/** The plain-text receipt: every fact in words (ON TIME / LATE), every time with its zone. */
export function receiptText(r: Receipt, locale: Locale = "en"): string {
  const t = translator(locale);
  const late = isLateRequest(r);
  const lines: Array<[string, string]> = [
    [t("api.mail.label.number"), numberLabel(r)],
    [t("api.mail.label.fileReference"), r.reference ?? t("api.mail.noReferenceYet")],
    [t("api.mail.label.version"), r.versionLabel || t("api.mail.original")],
    [t("api.mail.label.title"), r.title],
    [t("api.mail.label.questions"), r.questions.join(", ") || t("api.mail.none")],
    [t("api.mail.label.meeting"), r.meetingCode],
    [t("api.mail.label.receivedGeneva"), formatGeneva(r.receivedAt, { locale })],
    [t("api.mail.label.receivedUtc"), `${formatUtc(r.receivedAt, locale)} (${new Date(r.receivedAt).toISOString()})`],
    [t("api.mail.label.deadline"), deadlineWords(r, t)],
    [t("api.mail.label.status"), STATUS_KEY[r.status] ? t(STATUS_KEY[r.status]) : r.status],
    [t("api.mail.label.fileName"), r.originalName],
    [t("api.mail.label.size"), formatBytes(r.size, locale)],
    ["SHA-256", r.sha256],
  ];
  return [
    t(late ? "api.mail.receipt.introLate" : "api.mail.receipt.intro"),
    "",
    ...facts(lines),
    "",
    t("api.mail.receipt.clock"),
    t("api.mail.receipt.checkHash"),
    "",
    t("api.mail.seeIt", { link: link(`/contributions/${r.contributionId}`) }),
  ].join("\n");
}

export function decisionSubject(status: DecidedStatus, r: Receipt, deferredTo: string | null, locale: Locale = "en"): string {
  const t = translator(locale);
  const label = numberLabel(r);
  switch (status) {
    case "admitted":
      return t("api.mail.decision.subject.admitted", { label, title: r.title });
    case "deferred":
      return t("api.mail.decision.subject.deferred", { meeting: deferredTo ?? t("api.mail.decision.aLaterMeeting"), label, title: r.title });
    case "reissued_td":
      return t("api.mail.decision.subject.reissued_td", { title: r.title });
    case "declined":
      return t("api.mail.decision.subject.declined", { title: r.title });
  }
}

/** The secretariat's decision on a late request, in words, with the reason and the receipt it concerns. */
export function decisionText(
  request: Pick<LateRequest, "decidedAt" | "decisionReason" | "tdReference"> & { status: DecidedStatus },
  r: Receipt,
  extra: { deferredTo: string | null; decidedBy: string | null },
  locale: Locale = "en",
): string {
  const t = translator(locale);
  const outcome: Record<DecidedStatus, string> = {
    admitted: t("api.mail.decision.outcome.admitted", { code: r.meetingCode, label: numberLabel(r) }),
    deferred: t("api.mail.decision.outcome.deferred", { meeting: extra.deferredTo ?? t("api.mail.decision.aLaterMeetingInBrackets"), number: r.displayNumber }),
    reissued_td: t("api.mail.decision.outcome.reissued_td", { code: r.meetingCode, td: request.tdReference ? ` (${request.tdReference})` : "" }),
    declined: t("api.mail.decision.outcome.declined", { code: r.meetingCode }),
  };
  const decidedAt = request.decidedAt;
  return [
    t("api.mail.decision.intro"),
    "",
    outcome[request.status],
    "",
    ...facts([
      [t("api.mail.label.decision"), t(DECISION_KEY[request.status])],
      [t("api.mail.label.reason"), request.decisionReason ?? ""],
      [t("api.mail.label.decidedGeneva"), decidedAt === null ? t("api.mail.unknown") : formatGeneva(decidedAt, { locale })],
      [t("api.mail.label.decidedUtc"), decidedAt === null ? t("api.mail.unknown") : formatUtc(decidedAt, locale)],
      [t("api.mail.label.decidedBy"), extra.decidedBy ?? t("api.mail.theSecretariat")],
      [t("api.mail.label.number"), numberLabel(r)],
      [t("api.mail.label.fileReference"), r.reference ?? t("api.mail.noReference")],
      [t("api.mail.label.title"), r.title],
      [t("api.mail.label.questions"), r.questions.join(", ") || t("api.mail.none")],
      [t("api.mail.label.receivedGeneva"), formatGeneva(r.receivedAt, { locale })],
      [t("api.mail.label.receivedUtc"), `${formatUtc(r.receivedAt, locale)} (${new Date(r.receivedAt).toISOString()})`],
      [t("api.mail.label.deadline"), deadlineWords(r, t)],
      [t("api.mail.label.fileName"), r.originalName],
      ["SHA-256", r.sha256],
    ]),
    "",
    t("api.mail.seeIt", { link: link(`/contributions/${r.contributionId}`) }),
  ].join("\n");
}

/** The facts a contact who is not in the submitting organisation may know: which document, where, from whom. */
export type ContactNoticeFacts = { title: string; meetingCode: string; number: string | null; organisation: string };

export function contactNoticeSubject(n: ContactNoticeFacts, locale: Locale = "en"): string {
  return translator(locale)("mail.notice.subject", { title: n.title });
}

/**
 * The short notice to a named contact: no file, no hash, no receipt time, no lateness and no status, which
 * are the submitting organisation's; only what a cover page would show.
 */
export function contactNoticeText(n: ContactNoticeFacts, locale: Locale = "en"): string {
  const t = translator(locale);
  const lines: Array<[string, string]> = [[t("api.mail.label.title"), n.title]];
  if (n.number) lines.push([t("api.mail.label.number"), n.number]);
  lines.push([t("api.mail.label.meeting"), n.meetingCode], [t("mail.notice.source"), n.organisation]);
  return [
    t("mail.notice.intro", { meeting: n.meetingCode }),
    "",
    ...facts(lines),
    "",
    t("mail.notice.why"),
    t("mail.notice.where", { link: link(`/meetings/${encodeURIComponent(n.meetingCode)}`) }),
    t("mail.notice.unexpected"),
  ].join("\n");
}
