import type { Metadata } from "next";
import Link from "next/link";
import { headers } from "next/headers";
import { listPublicMeetings } from "@/lib/data/meetings";
import { now } from "@/lib/time/clock";
import { windowState } from "@/lib/time/deadlines";
import { formatGeneva } from "@/lib/present/time";
import { getT } from "@/lib/i18n/server";
import type { MessageKey } from "@/lib/i18n/translate";
import { publicOrigin } from "@/lib/http/origin";
import { CALENDAR_PATH } from "@/lib/present/ics";
import { MEETING_MODE_KEY } from "@/lib/present/labels";
import { formatCalendarDay } from "@/lib/present/meeting-history";
import { CalendarLinks } from "@/app/_components/calendar-links";
import { DataTable } from "@/app/_components/data-table";

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getT();
  return { title: t("public.meetings.metaTitle") };
}

const STATE_KEY = {
  open: "common.deadline.state.open",
  closing: "common.deadline.state.closing",
  closed: "common.deadline.state.closed",
} as const satisfies Record<string, MessageKey>;

/** Public (DOMAIN.md, "Decisions taken"): every meeting with its dates and deadline, and the study groups' calendars. */
export default async function MeetingsPage() {
  const { t, locale } = await getT();
  const meetings = listPublicMeetings();
  const at = now();
  const origin = publicOrigin(await headers());
  const groups = [...new Map(meetings.map((m) => [m.studyGroup.code, m.studyGroup])).values()];
  return (
    <>
      <h1>{t("public.meetings.heading")}</h1>
      <p>{t("public.meetings.intro")}</p>
      {meetings.length === 0 ? (
        <p>{t("public.meetings.none")}</p>
      ) : (
        <DataTable
          testId="meetings-table"
          columns={[t("public.meetings.meeting"), t("public.meetings.dates"), t("public.meetings.where"), t("public.meetings.deadline"), t("public.meetings.state")]}
        >
          {meetings.map((m) => (
            <tr key={m.code}>
              <td>
                <Link href={`/meetings/${m.code}`}>{m.title}</Link>
                <div className="muted">{m.code}</div>
              </td>
              <td>{t("common.meeting.datesValue", { first: formatCalendarDay(m.firstDay, locale), last: formatCalendarDay(m.lastDay, locale) })}</td>
              <td>
                {t(MEETING_MODE_KEY[m.mode])}
                <div className="muted">{m.location}</div>
              </td>
              <td>{formatGeneva(m.deadlineAt - 1, { seconds: true, locale })}</td>
              <td>
                <span className="badge">{t(STATE_KEY[windowState(at, m).state])}</span>
              </td>
            </tr>
          ))}
        </DataTable>
      )}
      <CalendarLinks
        feeds={groups.map((g) => ({ key: g.code, url: `${origin}${CALENDAR_PATH.studyGroup(g.code)}`, label: t("public.calendar.subscribeGroup", { code: g.code }) }))}
      />
    </>
  );
}
