// Labels shared by pages and client forms in the reader's language: file sizes, hashes, durations, statuses. Pure, no I/O.
import { isLate } from "@/lib/time/deadlines";
import { formatDurationT } from "@/lib/i18n/durations";
import type { ContributionStatus, LateRequestStatus, Purpose, VersionKind } from "@/db/schema";
import { INTL_LOCALE, type Locale } from "@/lib/i18n/config";
import { translate, type MessageKey, type Translator } from "@/lib/i18n/translate";

const MB = 1024 * 1024;
const KB = 1024;

// Formatters are costly to build and these run for every row of a list.
const counts = new Map<Locale, Intl.NumberFormat>();
const oneDecimals = new Map<Locale, Intl.NumberFormat>();

function countFormat(locale: Locale): Intl.NumberFormat {
  let f = counts.get(locale);
  if (!f) counts.set(locale, (f = new Intl.NumberFormat(INTL_LOCALE[locale])));
  return f;
}

function oneDecimal(locale: Locale): Intl.NumberFormat {
  let f = oneDecimals.get(locale);
  if (!f) oneDecimals.set(locale, (f = new Intl.NumberFormat(INTL_LOCALE[locale], { maximumFractionDigits: 1 })));
  return f;
}

/** "1.2 MB (1,234,567 bytes)"; "12.1 KB (12,345 bytes)"; "512 bytes". Megabytes of 1024 × 1024 bytes, as the upload limit. */
export function formatBytes(n: number, locale: Locale = "en"): string {
  const bytes = translate(locale, "member.size.bytes", { n: countFormat(locale).format(n), count: n });
  if (n >= MB) return translate(locale, "member.size.mbWithBytes", { size: oneDecimal(locale).format(n / MB), bytes });
  if (n >= KB) return translate(locale, "member.size.kbWithBytes", { size: oneDecimal(locale).format(n / KB), bytes });
  return bytes;
}

/** The upload limit as people say it: "50 MB". */
export function formatLimit(n: number, locale: Locale = "en"): string {
  return n >= MB
    ? translate(locale, "member.size.mb", { size: oneDecimal(locale).format(n / MB) })
    : translate(locale, "member.size.kb", { size: oneDecimal(locale).format(n / KB) });
}

/** The first characters of a SHA-256, enough to tell versions apart on screen. */
export function shortHash(sha256: string): string {
  return `${sha256.slice(0, 12)}…`;
}

/** "3 h 2 min before the cutoff" or "2 h 14 min after the cutoff" (the same test as isLate: the deadline is the first late instant). */
export function cutoffDistance(receivedAt: number, deadlineAt: number, t: Translator): string {
  return isLate(receivedAt, { deadlineAt })
    ? t("member.lateness.after", { duration: formatDurationT(receivedAt - deadlineAt, t) })
    : t("member.lateness.before", { duration: formatDurationT(deadlineAt - receivedAt, t) });
}

export const CONTRIBUTION_STATUS_KEY: Record<ContributionStatus, MessageKey> = {
  active: "member.status.active",
  withdrawn: "member.status.withdrawn",
  late_request: "member.status.lateRequest",
  deferred: "member.status.deferred",
  reissued_td: "member.status.reissuedTd",
  declined: "member.status.declined",
};

export const LATE_REQUEST_STATUS_KEY: Record<LateRequestStatus, MessageKey> = {
  awaiting_decision: "member.lateRequestStatus.awaitingDecision",
  admitted: "member.lateRequestStatus.admitted",
  deferred: "member.lateRequestStatus.deferred",
  reissued_td: "member.lateRequestStatus.reissuedTd",
  declined: "member.lateRequestStatus.declined",
};

/** The late request's status in words; an unknown status is shown as stored rather than hidden. */
export function lateRequestStatusLabel(status: string, t: Translator): string {
  const key = (LATE_REQUEST_STATUS_KEY as Record<string, MessageKey | undefined>)[status];
  return key ? t(key) : status;
}

export const VERSION_STATE_KEY = {
  accepted: "member.versionState.accepted",
  pending: "member.versionState.pending",
  refused: "member.versionState.refused",
} as const satisfies Record<string, MessageKey>;

export const PURPOSE_KEY: Record<Purpose, MessageKey> = {
  Proposal: "member.purpose.proposal",
  Information: "member.purpose.information",
  Discussion: "member.purpose.discussion",
  Decision: "member.purpose.decision",
  Other: "member.purpose.other",
};

/** A version as people name it: "Original", or its code ("Rev.1", "Add.2"), which is the same in every language. */
export function versionName(version: { kind: VersionKind; label: string }, t: Translator): string {
  return version.kind === "original" ? t("member.version.original") : version.label;
}

/**
 * Splits a translated text at its remaining {slots} so that a page can put a link or an element
 * where the catalog says ("write to the secretariat at {email}."). Elements passed in need a key.
 */
export function fillSlots<T>(text: string, slots: Record<string, T>): Array<string | T> {
  const out: Array<string | T> = [];
  let last = 0;
  for (const m of text.matchAll(/\{(\w+)\}/g)) {
    if (!(m[1] in slots)) continue;
    if (m.index > last) out.push(text.slice(last, m.index));
    out.push(slots[m[1]]);
    last = m.index + m[0].length;
  }
  if (last < text.length) out.push(text.slice(last));
  return out;
}
