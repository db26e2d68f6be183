import type { Metadata } from "next";
import Link from "next/link";
import "./globals.css";
import { LocalBeside } from "@/app/_components/when";
import { getActor } from "@/lib/auth/session";
import { listMeetings } from "@/lib/data/meetings";
import { getT } from "@/lib/i18n/server";
import type { Translator } from "@/lib/i18n/translate";
import { canSubmitContribution, type Actor } from "@/lib/auth/permissions";
import { now } from "@/lib/time/clock";
import type { MeetingDto } from "@/lib/data/meetings";
import { formatGeneva } from "@/lib/time/geneva";
import type { Locale } from "@/lib/i18n/config";
import { formatDurationT } from "@/lib/i18n/durations";
import { outboxInApp } from "@/lib/data/outbox";
import { ClockBanner } from "./_components/clock-banner";
import { HydrationMarker } from "./_components/hydration-marker";
import { I18nProvider } from "./_components/i18n-provider";
import { LanguageSwitcher } from "./_components/language-switcher";
import { SignOutButton } from "./_components/sign-out-button";
import { TimeZoneProvider } from "./_components/time-zone-provider";

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getT();
  return {
    title: { default: t("common.appName"), template: `%s · ${t("common.appName")}` },
    description: t("common.appDescription"),
  };
}

export const dynamic = "force-dynamic";

function roleLabel(actor: Actor, t: Translator): string {
  const parts: string[] = [];
  if (actor.roles.includes("secretariat")) parts.push(t("common.role.secretariat"));
  if (actor.roles.includes("rapporteur")) parts.push(t("common.role.rapporteur"));
  if (actor.roles.includes("member") && actor.organisation) parts.push(actor.organisation.name);
  return parts.join(", ");
}

const DAY_MS = 24 * 3_600_000;

/** From 21 days before the cutoff, every page of a member who may contribute says how long is left; in the last 24 hours, louder. */
function deadlineNotice(actor: Actor, meeting: MeetingDto, locale: Locale, t: Translator): { text: string; strong: boolean; at: number } | null {
  if (!canSubmitContribution(actor, { studyGroupId: meeting.studyGroup.id, studyGroupCode: meeting.studyGroup.code })) return null;
  const left = meeting.deadlineAt - now();
  if (left <= 0 || left > 21 * DAY_MS) return null;
  const params = { code: meeting.code, deadline: formatGeneva(meeting.deadlineAt - 1, { seconds: false, locale }), left: formatDurationT(left, t) };
  const at = meeting.deadlineAt - 1;
  return left <= DAY_MS ? { text: t("common.notice.lastDay", params), strong: true, at } : { text: t("common.notice.approaching", params), strong: false, at };
}

export default async function RootLayout({ children }: { children: React.ReactNode }) {
  const actor = await getActor();
  const { locale, t } = await getT();
  const meeting = actor ? listMeetings(actor)[0] : undefined;
  const notice = actor && meeting ? deadlineNotice(actor, meeting, locale, t) : null;
  return (
    <html lang={locale}>
      <body>
        <I18nProvider locale={locale}>
          <a className="skip-link" href="#main">
            {t("common.skipToContent")}
          </a>
          <ClockBanner actor={actor} deadlineAt={meeting?.deadlineAt ?? null} />
          <header className="site-header">
            <Link href="/" className="brand">
              {t("common.brand")}
            </Link>
            {actor ? (
              <nav aria-label={t("common.nav.label")}>
                <ul>
                  <li>
                    <Link href="/">{t("common.nav.home")}</Link>
                  </li>
                  {meeting ? (
                    <li>
                      <Link href={`/meetings/${meeting.code}`}>{t("common.nav.meeting", { code: meeting.code })}</Link>
                    </li>
                  ) : null}
                  {meeting ? (
                    <li>
                      <Link href={`/meetings/${meeting.code}/documents`}>{t("common.nav.documents")}</Link>
                    </li>
                  ) : null}
                  {actor.roles.includes("rapporteur") || actor.roles.includes("secretariat") ? (
                    <li>
                      <Link href="/questions">{t("common.nav.myQuestions")}</Link>
                    </li>
                  ) : null}
                  {meeting?.canManage ? (
                    <>
                      <li>
                        <Link href={`/meetings/${meeting.code}/late-report`}>{t("common.nav.lateReport")}</Link>
                      </li>
                      <li>
                        <Link href={`/meetings/${meeting.code}/manage`}>{t("common.nav.manageMeeting")}</Link>
                      </li>
                    </>
                  ) : null}
                  {actor.roles.includes("secretariat") ? (
                    <>
                      <li>
                        <Link href="/secretariat/accounts">{t("common.nav.accounts")}</Link>
                      </li>
                      <li>
                        <Link href="/secretariat/audit">{t("common.nav.auditLog")}</Link>
                      </li>
                    </>
                  ) : null}
                  {actor.roles.includes("member") ? (
                    <>
                      {meeting ? (
                        <li>
                          <Link href={`/meetings/${meeting.code}/submit`}>{t("common.nav.submit")}</Link>
                        </li>
                      ) : null}
                      <li>
                        <Link href="/contributions">{t("common.nav.myContributions")}</Link>
                      </li>
                    </>
                  ) : null}
                  {outboxInApp() ? (
                    <li>
                      <Link href="/outbox">{t("common.nav.outbox")}</Link>
                    </li>
                  ) : null}
                  <li>
                    <Link href="/account">{t("common.nav.account")}</Link>
                  </li>
                </ul>
              </nav>
            ) : null}
            <div className="who">
              {actor ? (
                <>
                  <span data-testid="signed-in-as">
                    {actor.name} <span className="muted">({roleLabel(actor, t)})</span>
                  </span>
                  <SignOutButton />
                </>
              ) : null}
              <LanguageSwitcher locale={locale} t={t} />
            </div>
          </header>
          {notice ? (
            <div className={`notice deadline-notice${notice.strong ? " strong" : ""}`} role="note" data-testid="deadline-notice">
              <span data-testid="deadline-notice-text">{notice.text}</span> <LocalBeside at={notice.at} />
            </div>
          ) : null}
          <main id="main">
            <TimeZoneProvider timeZone={actor?.timeZone ?? null}>{children}</TimeZoneProvider>
          </main>
          <HydrationMarker />
        </I18nProvider>
      </body>
    </html>
  );
}
