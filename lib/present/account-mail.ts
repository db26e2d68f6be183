// The words of the e-mail that carries a password link (a new account, or a reset), in the addressee's language. Pure, no I/O.
import type { Locale } from "@/lib/i18n/config";
import { translator } from "@/lib/i18n/translate";
import { formatGeneva, formatUtc } from "@/lib/present/time";

export type PasswordLinkMail = { name: string; by: string; link: string; expiresAt: number; isNew: boolean };

export function passwordLinkMail(mail: PasswordLinkMail, locale: Locale): { subject: string; text: string } {
  const t = translator(locale);
  const text = [
    t("api.mail.account.dear", { name: mail.name }),
    "",
    t(mail.isNew ? "api.mail.account.introNew" : "api.mail.account.introReset", { by: mail.by }),
    t("api.mail.account.choose"),
    "",
    mail.link,
    "",
    t("api.mail.account.linkWorks", { until: formatGeneva(mail.expiresAt, { seconds: false, locale }), utc: formatUtc(mail.expiresAt, locale) }),
    t("api.mail.account.unexpected"),
  ].join("\n");
  return { subject: t(mail.isNew ? "api.mail.account.subjectNew" : "api.mail.account.subjectReset"), text };
}
