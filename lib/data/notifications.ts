// Who is told what after a commit (receipt, decision, contact notice): queued inside the committing transaction,
// put into words when the worker sends it (lib/mail/worker.ts).
//
// The rule for a contribution's contacts: the first MAX_CONTACTS_TOLD distinct addresses (other than the
// submitter's) are written to, the rest are not. A contact who is an active account of the submitting
// organisation is a colleague: Cc of the receipt and of a decision, as the submitter is. Anyone else (no account,
// or another organisation's) gets only a short notice that a document naming them was submitted, with its title
// and number: the receipt's file name, hash, times, lateness and status, and a late request's decision and its
// reasons, are the organisation's own. Each notice is a message of its own, so contacts never see each other's
// addresses.
import "server-only";
import { asc, eq, sql } from "drizzle-orm";
import { getDb } from "@/db/client";
import { contributionContacts, contributions, lateRequests, meetings, organisations, studyGroups, users, type QueuedMail } from "@/db/schema";
import { enqueueMail } from "@/lib/data/mail-queue";
import { renderNoticeMail } from "@/lib/data/notices";
import { prepared, type PreparableConn } from "@/lib/data/prepared";
import { receiptFor } from "@/lib/data/receipts";
import { isLocale, type Locale } from "@/lib/i18n/config";
import type { MailMessage } from "@/lib/mail/transport";
import { contactNoticeSubject, contactNoticeText, decisionSubject, decisionText, receiptSubject, receiptText } from "@/lib/present/mail";

/** At most this many contacts of one submission are written to (the receipt's Cc and notices together). */
export const MAX_CONTACTS_TOLD = 5;

const p = sql.placeholder;

const contactEmailsOf = prepared((db) =>
  db
    .select({ email: contributionContacts.email })
    .from(contributionContacts)
    .where(eq(contributionContacts.contributionId, p("contributionId")))
    .orderBy(asc(contributionContacts.position))
    .prepare(),
);
const accountByEmail = prepared((db) =>
  db.select({ organisationId: users.organisationId, active: users.active, locale: users.locale }).from(users).where(eq(users.email, p("email"))).prepare(),
);
const emailOfUser = prepared((db) => db.select({ email: users.email }).from(users).where(eq(users.id, p("id"))).prepare());

/** The contacts to write to, split by the rule above. */
function contactsToTell(conn: PreparableConn, contributionId: number, organisationId: number, submitterEmail: string): { colleagues: string[]; others: string[] } {
  const seen = new Set([submitterEmail.trim().toLowerCase()]);
  const colleagues: string[] = [];
  const others: string[] = [];
  for (const { email } of contactEmailsOf(conn).all({ contributionId })) {
    const address = email.trim();
    const key = address.toLowerCase();
    if (!key || seen.has(key)) continue;
    if (colleagues.length + others.length >= MAX_CONTACTS_TOLD) break;
    seen.add(key);
    const account = accountByEmail(conn).get({ email: key });
    (account?.active && account.organisationId === organisationId ? colleagues : others).push(address);
  }
  return { colleagues, others };
}

export type ReceiptMailFacts = {
  versionId: number;
  contributionId: number;
  organisationId: number;
  studyGroupId: number;
  submitterEmail: string;
  /** the commit's instant */
  at: number;
};

/** Queues, inside the transaction that stores a version, its receipt (submitter and colleagues) and the contacts' notices. */
export function queueReceiptMail(tx: PreparableConn, f: ReceiptMailFacts): void {
  const { colleagues, others } = contactsToTell(tx, f.contributionId, f.organisationId, f.submitterEmail);
  const base = { createdAt: f.at, studyGroupId: f.studyGroupId, versionId: f.versionId };
  enqueueMail(tx, { ...base, kind: "receipt", to: [f.submitterEmail], cc: colleagues });
  for (const address of others) enqueueMail(tx, { ...base, kind: "contact_notice", to: [address] });
}

export type DecisionMailFacts = {
  lateRequestId: number;
  contributionId: number;
  organisationId: number;
  studyGroupId: number;
  requestedByUserId: number;
  at: number;
};

/** Queues, inside the transaction that records a decision, its e-mail to whoever filed the request and their colleagues. */
export function queueDecisionMail(tx: PreparableConn, f: DecisionMailFacts): void {
  const requester = emailOfUser(tx).get({ id: f.requestedByUserId });
  if (!requester) return;
  const { colleagues } = contactsToTell(tx, f.contributionId, f.organisationId, requester.email);
  enqueueMail(tx, { kind: "decision", createdAt: f.at, studyGroupId: f.studyGroupId, lateRequestId: f.lateRequestId, to: [requester.email], cc: colleagues });
}

// ---------------------------------------------------------------- the words, when the worker sends

/** The saved language of the account a message is addressed to; English for an address without an account or a choice. */
function recipientLocale(address: string | undefined): Locale {
  if (!address) return "en";
  const row = accountByEmail(getDb()).get({ email: address.trim().toLowerCase() });
  return isLocale(row?.locale) ? row.locale : "en";
}

const groupCodeOf = prepared((db) => db.select({ code: studyGroups.code }).from(studyGroups).where(eq(studyGroups.id, p("id"))).prepare());
const organisationNameOf = prepared((db) => db.select({ name: organisations.name }).from(organisations).where(eq(organisations.id, p("id"))).prepare());

export type RenderedMail = { ok: true; message: MailMessage } | { ok: false; error: string };

/**
 * The message of a queue row, in its first recipient's saved language, as the data stand now. A row whose
 * subject no longer exists cannot become a message: that is a value, and the worker gives it up.
 */
export function renderQueuedMail(row: QueuedMail): RenderedMail {
  const db = getDb();
  const locale = recipientLocale(row.toAddresses[0]);
  const head = {
    to: row.toAddresses,
    cc: row.ccAddresses,
    date: row.createdAt,
    queueId: row.id,
    tags: { kind: row.kind, studyGroups: [groupCodeOf(db).get({ id: row.studyGroupId })?.code ?? ""].filter(Boolean) },
  };
  if (row.kind === "notice" || row.kind === "notice_digest") {
    const notice = renderNoticeMail(row, db);
    return notice.ok ? { ok: true, message: { ...head, subject: notice.subject, text: notice.text } } : notice;
  }
  if (row.kind === "receipt" || row.kind === "contact_notice") {
    const receipt = row.versionId === null ? null : receiptFor(row.versionId);
    if (!receipt) return { ok: false, error: `there is no version ${row.versionId}` };
    if (row.kind === "receipt") return { ok: true, message: { ...head, subject: receiptSubject(receipt, locale), text: receiptText(receipt, locale) } };
    const contribution = db.select({ organisationId: contributions.organisationId }).from(contributions).where(eq(contributions.id, receipt.contributionId)).get();
    const facts = {
      title: receipt.title,
      meetingCode: receipt.meetingCode,
      number: receipt.number === null ? null : receipt.displayNumber,
      organisation: (contribution && organisationNameOf(db).get({ id: contribution.organisationId })?.name) ?? "",
    };
    return { ok: true, message: { ...head, subject: contactNoticeSubject(facts, locale), text: contactNoticeText(facts, locale) } };
  }
  const request = row.lateRequestId === null ? undefined : db.select().from(lateRequests).where(eq(lateRequests.id, row.lateRequestId)).get();
  if (!request) return { ok: false, error: `there is no late request ${row.lateRequestId}` };
  const status = request.status;
  if (status === "awaiting_decision") return { ok: false, error: `late request ${request.id} has not been decided` };
  const receipt = receiptFor(request.versionId);
  if (!receipt) return { ok: false, error: `late request ${request.id} has no version ${request.versionId}` };
  const deferredTo = request.deferredToMeetingId === null ? null : (db.select({ code: meetings.code }).from(meetings).where(eq(meetings.id, request.deferredToMeetingId)).get()?.code ?? null);
  const decidedBy = request.decidedByUserId === null ? null : (db.select({ name: users.name }).from(users).where(eq(users.id, request.decidedByUserId)).get()?.name ?? null);
  return {
    ok: true,
    message: {
      ...head,
      subject: decisionSubject(status, receipt, deferredTo, locale),
      text: decisionText({ ...request, status }, receipt, { deferredTo, decidedBy }, locale),
    },
  };
}
