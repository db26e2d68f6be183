import Link from "next/link";
import { listMeetings } from "@/lib/data/meetings";
import { requireActor } from "@/lib/auth/session";
import { formatDayRange } from "@/lib/present/time";
import { getT } from "@/lib/i18n/server";
import { DeadlineBox } from "./_components/deadline-box";
import { organisationTypeLabel } from "@/lib/present/labels";

export default async function HomePage() {
  const actor = await requireActor("/");
  const { t, locale } = await getT();
  const meetings = listMeetings(actor);
  const [current, ...others] = meetings;
  return (
    <>
      <h1>{t("common.home.welcome", { name: actor.name })}</h1>
      {actor.organisation ? (
        <p className="muted">
          {actor.organisation.name}, {organisationTypeLabel(actor.organisation, t)}
        </p>
      ) : null}
      {current ? (
        <section aria-labelledby="meeting-heading" data-testid="current-meeting">
          <h2 id="meeting-heading">
            <Link href={`/meetings/${current.code}`}>{current.title}</Link>
          </h2>
          <p>
            {current.studyGroup.code} ({current.studyGroup.title}) · {formatDayRange(current.firstDay, current.lastDay, locale)} ·{" "}
            {current.location} · <span className="muted">{current.code}</span>
          </p>
          <DeadlineBox deadlineAt={current.deadlineAt} />
        </section>
      ) : (
        <p>{t("common.home.noMeeting")}</p>
      )}
      {others.length > 0 ? (
        <section aria-labelledby="other-meetings">
          <h2 id="other-meetings">{t("common.home.otherMeetings")}</h2>
          <ul>
            {others.map((m) => (
              <li key={m.code}>
                <Link href={`/meetings/${m.code}`}>{m.title}</Link> ({formatDayRange(m.firstDay, m.lastDay, locale)})
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </>
  );
}
