// E-mails that follow a state change (receipts, decisions). Sent after the commit; a mail failure never undoes a receipt.
import "server-only";
import { asc, eq, sql } from "drizzle-orm";
import { getDb } from "@/db/client";
import { contributionContacts, contributionVersions, lateRequests, meetings, users, type LateRequest } from "@/db/schema";
import { prepared } from "@/lib/data/prepared";
import type { Receipt } from "@/lib/data/submissions";
import { formatGeneva, formatUtc } from "@/lib/present/time";
import { isLocale, type Locale } from "@/lib/i18n/config";
import { formatDuration } from "@/lib/present/durations";
import { formatBytes } from "@/lib/present/bytes";
import { translator, type MessageKey, type Translator } from "@/lib/i18n/translate";
import { sendMail } from "@/lib/mail/transport";

const STATUS_KEY: Record<string, MessageKey> = {
  active: "api.mail.status.active",
  awaiting_decision: "api.mail.status.awaiting_decision",
  withdrawn: "api.mail.status.withdrawn",
  deferred: "api.mail.status.deferred",
  reissued_td: "api.mail.status.reissued_td",
  declined: "api.mail.status.declined",
};

/** Where the receipt's page is: an absolute link when the public origin is known, else the path. */
function contributionLink(contributionId: number): string {
  const origin = process.env.NEXTAUTH_URL?.replace(/\/+$/, "") ?? "";
  return `${origin}/contributions/${contributionId}`;
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
    t("api.mail.seeIt", { link: contributionLink(r.contributionId) }),
  ].join("\n");
}

function facts(lines: Array<[string, string]>): string[] {
  const width = Math.max(...lines.map(([k]) => k.length)) + 2;
  return lines.map(([k, v]) => `${`${k}:`.padEnd(width)}${v}`);
}

const localeOfAddress = prepared((db) => db.select({ locale: users.locale }).from(users).where(eq(users.email, sql.placeholder("email"))).prepare());
const emailOfUser = prepared((db) => db.select({ email: users.email }).from(users).where(eq(users.id, sql.placeholder("id"))).prepare());
const contactEmailsOf = prepared((db) =>
  db
    .select({ email: contributionContacts.email })
    .from(contributionContacts)
    .where(eq(contributionContacts.contributionId, sql.placeholder("contributionId")))
    .orderBy(asc(contributionContacts.position))
    .prepare(),
);
const submitterOfVersion = prepared((db) =>
  db.select({ by: contributionVersions.submittedByUserId }).from(contributionVersions).where(eq(contributionVersions.id, sql.placeholder("id"))).prepare(),
);

/** The saved language of the account a message is addressed to; English for an address without an account or a choice. */
function recipientLocale(address: string | undefined): Locale {
  if (!address) return "en";
  const row = localeOfAddress(getDb()).get({ email: address.trim().toLowerCase() });
  return isLocale(row?.locale) ? row.locale : "en";
}

/** The person who sent the document (To) and the contribution's contacts (Cc), each address once. */
function recipients(userId: number | null, contributionId: number): { to: string[]; cc: string[] } {
  const db = getDb();
  const submitter = userId === null ? undefined : emailOfUser(db).get({ id: userId });
  const contacts = contactEmailsOf(db).all({ contributionId });
  const seen = new Set<string>();
  const take = (email: string | undefined): string[] => {
    const key = email?.trim().toLowerCase();
    if (!key || seen.has(key)) return [];
    seen.add(key);
    return [email!.trim()];
  };
  const to = take(submitter?.email);
  const cc = contacts.flatMap((c) => take(c.email));
  // Without a submitter address the contacts still get the receipt.
  return to.length > 0 ? { to, cc } : { to: cc, cc: [] };
}

/** The receipt e-mail of one version (its id, or the receipt just built), to the submitter and the contribution's contacts. */
export async function notifyReceipt(of: number | Receipt): Promise<void> {
  const versionId = typeof of === "number" ? of : of.versionId;
  try {
    // Imported here: submissions.ts imports this module, and a static import back would be circular.
    const receipt = typeof of === "number" ? (await import("@/lib/data/submissions")).receiptFor(of) : of;
    if (!receipt) {
      console.error(`Receipt e-mail: there is no version ${versionId}.`);
      return;
    }
    const version = submitterOfVersion(getDb()).get({ id: versionId });
    const { to, cc } = recipients(version?.by ?? null, receipt.contributionId);
    if (to.length === 0) {
      console.error(`Receipt e-mail for version ${versionId}: no recipient.`);
      return;
    }
    const locale = recipientLocale(to[0]);
    const sent = await sendMail({ to, cc, subject: receiptSubject(receipt, locale), text: receiptText(receipt, locale) });
    if (!sent.ok) console.error(`Receipt e-mail for version ${versionId} was not sent: ${sent.error}`);
  } catch (error) {
    console.error(`Receipt e-mail for version ${versionId} failed:`, error);
  }
}

type DecidedStatus = Exclude<LateRequest["status"], "awaiting_decision">;

const DECISION_KEY: Record<DecidedStatus, MessageKey> = {
  admitted: "api.mail.decision.word.admitted",
  deferred: "api.mail.decision.word.deferred",
  reissued_td: "api.mail.decision.word.reissued_td",
  declined: "api.mail.decision.word.declined",
};

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
    t("api.mail.seeIt", { link: contributionLink(r.contributionId) }),
  ].join("\n");
}

/** The decision e-mail of one late request, to whoever filed it and the contribution's contacts. */
export async function notifyDecision(lateRequestId: number): Promise<void> {
  try {
    const { receiptFor } = await import("@/lib/data/submissions");
    const db = getDb();
    const request = db.select().from(lateRequests).where(eq(lateRequests.id, lateRequestId)).get();
    if (!request) {
      console.error(`Decision e-mail: there is no late request ${lateRequestId}.`);
      return;
    }
    if (request.status === "awaiting_decision") {
      console.error(`Decision e-mail: late request ${lateRequestId} has not been decided.`);
      return;
    }
    const receipt = receiptFor(request.versionId);
    if (!receipt) {
      console.error(`Decision e-mail: late request ${lateRequestId} has no version ${request.versionId}.`);
      return;
    }
    const deferredTo = request.deferredToMeetingId === null ? null : (db.select({ code: meetings.code }).from(meetings).where(eq(meetings.id, request.deferredToMeetingId)).get()?.code ?? null);
    const decidedBy = request.decidedByUserId === null ? null : (db.select({ name: users.name }).from(users).where(eq(users.id, request.decidedByUserId)).get()?.name ?? null);
    const { to, cc } = recipients(request.requestedByUserId, request.contributionId);
    if (to.length === 0) {
      console.error(`Decision e-mail for late request ${lateRequestId}: no recipient.`);
      return;
    }
    const status = request.status;
    const locale = recipientLocale(to[0]);
    const sent = await sendMail({
      to,
      cc,
      subject: decisionSubject(status, receipt, deferredTo, locale),
      text: decisionText({ ...request, status }, receipt, { deferredTo, decidedBy }, locale),
    });
    if (!sent.ok) console.error(`Decision e-mail for late request ${lateRequestId} was not sent: ${sent.error}`);
  } catch (error) {
    console.error(`Decision e-mail for late request ${lateRequestId} failed:`, error);
  }
}
