// E-mails that follow a state change (receipts, decisions). Sent after the commit; a mail failure never undoes a receipt.
import "server-only";
import { asc, eq } from "drizzle-orm";
import { getDb } from "@/db/client";
import { contributionContacts, contributionVersions, lateRequests, meetings, users, type LateRequest } from "@/db/schema";
import type { Receipt } from "@/lib/data/submissions";
import { formatGeneva, formatUtc } from "@/lib/geneva-time";
import { sendMail } from "@/lib/mail";

const STATUS_WORDS: Record<string, string> = {
  active: "admitted to the meeting",
  awaiting_decision: "late submission request, awaiting the secretariat's decision",
  withdrawn: "withdrawn",
  deferred: "deferred to a later meeting",
  reissued_td: "reissued as a TD",
  declined: "declined",
};

function formatSize(bytes: number): string {
  const exact = `${bytes.toLocaleString("en-US")} bytes`;
  if (bytes < 1024) return exact;
  const kb = bytes / 1024;
  return kb < 1024 ? `${exact} (${kb.toFixed(1)} KB)` : `${exact} (${(kb / 1024).toFixed(1)} MB)`;
}

/** Where the receipt's page is: an absolute link when the public origin is known, else the path. */
function contributionLink(contributionId: number): string {
  const origin = process.env.NEXTAUTH_URL?.replace(/\/+$/, "") ?? "";
  return `${origin}/contributions/${contributionId}`;
}

function isLateRequest(r: Receipt): boolean {
  return r.lateRequestId !== null && r.status === "awaiting_decision";
}

export function receiptSubject(r: Receipt): string {
  if (isLateRequest(r)) return `Late submission request received — ${r.title}`;
  const label = [r.displayNumber, r.versionLabel].filter(Boolean).join(" ");
  return `Receipt: ${label} — ${r.title}`;
}

/** The plain-text receipt: every fact in words (ON TIME / LATE), every time with its zone. */
export function receiptText(r: Receipt): string {
  const late = isLateRequest(r);
  const lines: Array<[string, string]> = [
    ["Number", [r.displayNumber, r.versionLabel].filter(Boolean).join(" ")],
    ["File reference", r.reference ?? "none yet (given if the secretariat admits the document)"],
    ["Version", r.versionLabel || "Original"],
    ["Title", r.title],
    ["Questions", r.questions.join(", ") || "(none)"],
    ["Meeting", r.meetingCode],
    ["Received (Geneva)", r.receivedAtGeneva],
    ["Received (UTC)", `${r.receivedAtUtc} (${new Date(r.receivedAt).toISOString()})`],
    ["Deadline", r.late ? `LATE (${r.lateness})` : `ON TIME (${r.lateness.replace(/^on time, /, "")})`],
    ["Status", STATUS_WORDS[r.status] ?? r.status],
    ["File name", r.originalName],
    ["Size", formatSize(r.size)],
    ["SHA-256", r.sha256],
  ];
  const intro = late
    ? "Your late submission request has been received and stored. The contribution deadline had passed when it arrived, so it is not part of the meeting's document list until the secretariat decides: admit it, defer it to the next meeting, reissue it as a TD, or decline it. You will be told of the decision."
    : "Your document has been received and stored. This e-mail is your receipt.";
  return [
    intro,
    "",
    ...facts(lines),
    "",
    `The receipt time is the server's clock when the whole file had been received and stored.`,
    `To check that a copy is the document received, compare its SHA-256 with the one above.`,
    "",
    `See it in the tracker: ${contributionLink(r.contributionId)}`,
  ].join("\n");
}

function facts(lines: Array<[string, string]>): string[] {
  const width = Math.max(...lines.map(([k]) => k.length)) + 2;
  return lines.map(([k, v]) => `${`${k}:`.padEnd(width)}${v}`);
}

/** The person who sent the document (To) and the contribution's contacts (Cc), each address once. */
function recipients(userId: number | null, contributionId: number): { to: string[]; cc: string[] } {
  const db = getDb();
  const submitter = userId === null ? undefined : db.select({ email: users.email }).from(users).where(eq(users.id, userId)).get();
  const contacts = db
    .select({ email: contributionContacts.email })
    .from(contributionContacts)
    .where(eq(contributionContacts.contributionId, contributionId))
    .orderBy(asc(contributionContacts.position))
    .all();
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

/** The receipt e-mail of one version, to the submitter and the contribution's contacts. */
export async function notifyReceipt(versionId: number): Promise<void> {
  try {
    // Imported here: submissions.ts imports this module, and a static import back would be circular.
    const { receiptFor } = await import("@/lib/data/submissions");
    const receipt = receiptFor(versionId);
    if (!receipt) {
      console.error(`Receipt e-mail: there is no version ${versionId}.`);
      return;
    }
    const version = getDb().select({ by: contributionVersions.submittedByUserId }).from(contributionVersions).where(eq(contributionVersions.id, versionId)).get();
    const { to, cc } = recipients(version?.by ?? null, receipt.contributionId);
    if (to.length === 0) {
      console.error(`Receipt e-mail for version ${versionId}: no recipient.`);
      return;
    }
    const sent = await sendMail({ to, cc, subject: receiptSubject(receipt), text: receiptText(receipt) });
    if (!sent.ok) console.error(`Receipt e-mail for version ${versionId} was not sent: ${sent.error}`);
  } catch (error) {
    console.error(`Receipt e-mail for version ${versionId} failed:`, error);
  }
}

type DecidedStatus = Exclude<LateRequest["status"], "awaiting_decision">;

const DECISION_WORDS: Record<DecidedStatus, string> = {
  admitted: "ADMITTED",
  deferred: "DEFERRED",
  reissued_td: "REISSUED AS A TD",
  declined: "DECLINED",
};

export function decisionSubject(status: DecidedStatus, r: Receipt, deferredTo: string | null): string {
  const label = [r.displayNumber, r.versionLabel].filter(Boolean).join(" ");
  switch (status) {
    case "admitted":
      return `Late submission admitted: ${label} — ${r.title}`;
    case "deferred":
      return `Late submission deferred to ${deferredTo ?? "a later meeting"}: ${label} — ${r.title}`;
    case "reissued_td":
      return `Late submission reissued as a TD — ${r.title}`;
    case "declined":
      return `Late submission declined — ${r.title}`;
  }
}

/** The secretariat's decision on a late request, in words, with the reason and the receipt it concerns. */
export function decisionText(
  request: Pick<LateRequest, "decidedAt" | "decisionReason" | "tdReference"> & { status: DecidedStatus },
  r: Receipt,
  extra: { deferredTo: string | null; decidedBy: string | null },
): string {
  const outcome: Record<DecidedStatus, string> = {
    admitted: `It has been admitted to the meeting ${r.meetingCode} as ${r.displayNumber}${r.versionLabel ? ` ${r.versionLabel}` : ""}. It keeps its LATE mark.`,
    deferred: `It has been deferred to the meeting ${extra.deferredTo ?? "(a later meeting)"} as ${r.displayNumber}.`,
    reissued_td: `It will not be a contribution to ${r.meetingCode}; it is reissued as a Temporary Document${request.tdReference ? ` (${request.tdReference})` : ""}.`,
    declined: `It has been declined: it is not part of the meeting ${r.meetingCode}.`,
  };
  const decidedAt = request.decidedAt;
  return [
    "The secretariat has decided on your late submission request.",
    "",
    outcome[request.status],
    "",
    ...facts([
      ["Decision", DECISION_WORDS[request.status]],
      ["Reason", request.decisionReason ?? ""],
      ["Decided (Geneva)", decidedAt === null ? "unknown" : formatGeneva(decidedAt)],
      ["Decided (UTC)", decidedAt === null ? "unknown" : formatUtc(decidedAt)],
      ["Decided by", extra.decidedBy ?? "the secretariat"],
      ["Number", [r.displayNumber, r.versionLabel].filter(Boolean).join(" ")],
      ["File reference", r.reference ?? "none"],
      ["Title", r.title],
      ["Questions", r.questions.join(", ") || "(none)"],
      ["Received (Geneva)", r.receivedAtGeneva],
      ["Received (UTC)", `${r.receivedAtUtc} (${new Date(r.receivedAt).toISOString()})`],
      ["Deadline", r.late ? `LATE (${r.lateness})` : `ON TIME (${r.lateness.replace(/^on time, /, "")})`],
      ["File name", r.originalName],
      ["SHA-256", r.sha256],
    ]),
    "",
    `See it in the tracker: ${contributionLink(r.contributionId)}`,
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
    const sent = await sendMail({
      to,
      cc,
      subject: decisionSubject(status, receipt, deferredTo),
      text: decisionText({ ...request, status }, receipt, { deferredTo, decidedBy }),
    });
    if (!sent.ok) console.error(`Decision e-mail for late request ${lateRequestId} was not sent: ${sent.error}`);
  } catch (error) {
    console.error(`Decision e-mail for late request ${lateRequestId} failed:`, error);
  }
}
