// The words of a notice e-mail (at once, or a daily digest) in the reader's language: one line per thing to tell.
import type { NoticeKind } from "@/lib/domain";
import type { Locale } from "@/lib/i18n/config";
import { translator, type MessageKey } from "@/lib/i18n/translate";
import { formatGeneva } from "@/lib/present/time";

export type NoticeLine = {
  kind: NoticeKind;
  contributionId: number;
  /** null while a late request has no number */
  displayNumber: string | null;
  /** "" for the original */
  versionLabel: string;
  title: string;
  source: string;
  meetingCode: string;
  questions: string[];
  at: number;
};

const KIND_KEY: Record<NoticeKind, MessageKey> = {
  new: "search.mail.kind.new",
  late_request: "search.mail.kind.late_request",
  revised: "search.mail.kind.revised",
  admitted: "search.mail.kind.admitted",
  comment: "search.mail.kind.comment",
};

export function noticeMail(lines: NoticeLine[], opts: { locale: Locale; digest: boolean; origin: string }): { subject: string; text: string } {
  const t = translator(opts.locale);
  const subject =
    lines.length === 1 && !opts.digest
      ? t("search.mail.subjectOne", { what: t(KIND_KEY[lines[0].kind]), name: nameOf(lines[0], t), title: lines[0].title })
      : t(opts.digest ? "search.mail.subjectDigest" : "search.mail.subjectMany", { count: lines.length });
  const body = lines.flatMap((l) => [
    `${t(KIND_KEY[l.kind])}: ${nameOf(l, t)}${l.versionLabel ? ` ${l.versionLabel}` : ""}: ${l.title}`,
    `  ${t("search.mail.line", { source: l.source, questions: l.questions.join(", ") || "—", meeting: l.meetingCode, time: formatGeneva(l.at, { locale: opts.locale, seconds: false }) })}`,
    `  ${opts.origin}/contributions/${l.contributionId}`,
    "",
  ]);
  return {
    subject,
    text: [t(opts.digest ? "search.mail.introDigest" : "search.mail.intro", { count: lines.length }), "", ...body, t("search.mail.footer", { link: `${opts.origin}/account` })].join("\n"),
  };
}

function nameOf(l: NoticeLine, t: ReturnType<typeof translator>): string {
  return l.displayNumber ?? t("search.mail.lateRequest");
}
