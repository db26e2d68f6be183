import type { Metadata } from "next";
import Link from "next/link";
import { headers } from "next/headers";
import { notFound } from "next/navigation";
import { getMeeting, getPublicMeeting } from "@/lib/data/meetings";
import { getActor } from "@/lib/auth/session";
import { formatGeneva } from "@/lib/present/time";
import { getT } from "@/lib/i18n/server";
import { publicOrigin } from "@/lib/http/origin";
import { CALENDAR_PATH } from "@/lib/present/ics";
import { MEETING_MODE_KEY } from "@/lib/present/labels";
import { describeMeetingChange, formatCalendarDay, type HistoryValue } from "@/lib/present/meeting-history";
import type { Locale } from "@/lib/i18n/config";
import { CalendarLinks } from "@/app/_components/calendar-links";
import { DeadlineBox } from "@/app/_components/deadline-box";
import { LocalTime } from "@/app/_components/local-time";
import { When } from "@/app/_components/when";
import { DataTable } from "@/app/_components/data-table";

type Props = { params: Promise<{ code: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { t } = await getT();
  return { title: t("common.meeting.metaTitle", { code: (await params).code }) };
}

function HistoryValueView({ value, locale }: { value: HistoryValue; locale: Locale }) {
  return "instant" in value ? <When at={value.instant} locale={locale} seconds={value.seconds} inline /> : <>{value.text}</>;
}

/**
 * Public (DOMAIN.md, "Decisions taken"): the meeting's facts, deadline, related sessions and history, as the
 * collective letter gives them. Signed in, the page adds the way to the documents and, for the secretariat, its desks.
 */
export default async function MeetingPage({ params }: Props) {
  const { code } = await params;
  const found = getPublicMeeting(code);
  if (!found.ok) notFound();
  const m = found.value;
  const actor = await getActor();
  const signedIn = actor ? getMeeting(actor, code) : null;
  const canManage = signedIn?.ok ? signedIn.value.canManage : false;
  // Who in the secretariat made each change is for signed-in readers only; both lists come in the same order.
  const changedBy = signedIn?.ok && signedIn.value.changes.length === m.changes.length ? signedIn.value.changes.map((c) => c.actorName) : null;
  const { t, locale } = await getT();
  const origin = publicOrigin(await headers());
  const history = m.changes.map((c) => describeMeetingChange(c, locale, t));
  return (
    <>
      <h1>{m.title}</h1>
      <dl className="facts card">
        <dt>{t("common.meeting.code")}</dt>
        <dd>{m.code}</dd>
        <dt>{t("common.meeting.studyGroup")}</dt>
        <dd>{t("common.meeting.studyGroupValue", { code: m.studyGroup.code, title: m.studyGroup.title, period: m.studyPeriod.label })}</dd>
        <dt>{t("common.meeting.dates")}</dt>
        <dd data-testid="meeting-dates">{t("common.meeting.datesValue", { first: formatCalendarDay(m.firstDay, locale), last: formatCalendarDay(m.lastDay, locale) })}</dd>
        <dt>{t("common.meeting.mode")}</dt>
        <dd>{t(MEETING_MODE_KEY[m.mode])}</dd>
        <dt>{t("common.meeting.location")}</dt>
        <dd>{m.location}</dd>
        <dt>{t("common.meeting.timeZone")}</dt>
        <dd>{m.timeZone}</dd>
        {m.deadlineNote ? (
          <>
            <dt>{t("common.meeting.deadlineNote")}</dt>
            <dd>{m.deadlineNote}</dd>
          </>
        ) : null}
        {m.studyGroup.email ? (
          <>
            <dt>{t("common.meeting.secretariat")}</dt>
            <dd>
              <a href={`mailto:${m.studyGroup.email}`}>{m.studyGroup.email}</a>
            </dd>
          </>
        ) : null}
      </dl>
      <DeadlineBox deadlineAt={m.deadlineAt} />
      <p className="no-print" data-testid="meeting-links">
        {actor ? (
          <Link href={`/meetings/${m.code}/documents`}>{t("common.meeting.documents")}</Link>
        ) : (
          <Link href={`/login?callbackUrl=${encodeURIComponent(`/meetings/${m.code}/documents`)}`}>{t("public.meeting.signIn")}</Link>
        )}
        {canManage ? (
          <>
            {" "}
            · <Link href={`/meetings/${m.code}/manage`}>{t("common.meeting.manage")}</Link> ·{" "}
            <Link href={`/meetings/${m.code}/late-report`}>{t("common.meeting.lateReport")}</Link>
          </>
        ) : null}
      </p>

      <h2>{t("common.meeting.sessions")}</h2>
      {m.sessions.length === 0 ? (
        <p>{t("common.meeting.noSessions")}</p>
      ) : (
        <DataTable columns={[t("common.meeting.session"), t("common.meeting.when"), t("common.meeting.registration")]}>
          {m.sessions.map((s) => (
            <tr key={s.id}>
              <td>
                {s.title}
                {s.note ? <div className="muted">{s.note}</div> : null}
              </td>
              <td>
                {formatGeneva(s.startsAt, { seconds: false, locale })} – {formatGeneva(s.endsAt, { seconds: false, weekday: false, locale })}
                <div className="muted">
                  <LocalTime at={s.startsAt} />
                </div>
              </td>
              <td>{s.registrationRequired ? t("common.meeting.registrationMandatory") : "—"}</td>
            </tr>
          ))}
        </DataTable>
      )}

      <h2>{t("common.meeting.history")}</h2>
      {history.length === 0 ? (
        <p>{t("common.meeting.noChanges")}</p>
      ) : (
        <ol data-testid="meeting-history">
          {history.map((c, i) => (
            <li key={`${c.at}-${c.reference}-${i}`}>
              <strong>{c.reference}</strong> — <When at={c.at} locale={locale} seconds={false} inline />
              {changedBy?.[i] ? ` ${t("common.meeting.changedBy", { name: changedBy[i] })}` : ""}
              {/* The announcement's stored reason is a fixed English text: it is said in the reader's language instead. */}
              <p style={{ margin: ".2rem 0" }}>{c.announced ? t("public.meeting.announced") : c.reason}</p>
              {c.lines.length > 0 ? (
                <ul>
                  {c.lines.map((line) => (
                    <li key={line.field} data-testid="history-line">
                      {line.label}: <HistoryValueView value={line.from} locale={locale} /> → <HistoryValueView value={line.to} locale={locale} />
                    </li>
                  ))}
                </ul>
              ) : null}
            </li>
          ))}
        </ol>
      )}

      <CalendarLinks
        feeds={[
          { key: "meeting", url: `${origin}${CALENDAR_PATH.meeting(m.code)}`, label: t("public.calendar.subscribeMeeting") },
          { key: "group", url: `${origin}${CALENDAR_PATH.studyGroup(m.studyGroup.code)}`, label: t("public.calendar.subscribeGroup", { code: m.studyGroup.code }) },
        ]}
      />
    </>
  );
}
