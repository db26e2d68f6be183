import Link from "next/link";
import { listMeetings } from "@/lib/data/meetings";
import { requireActor } from "@/lib/auth/session";
import { INTL_LOCALE, type Locale } from "@/lib/i18n/config";
import { getT } from "@/lib/i18n/server";
import { DeadlineBox } from "./_components/deadline-box";
import { memberTypeLabel } from "./_components/member-type";

// Built once per language: a formatter costs far more to make than to use, and ten years are 250 meetings.
const dayFormats = new Map<string, Intl.DateTimeFormat>();

function dayFormat(locale: Locale, withYear: boolean): Intl.DateTimeFormat {
  const key = `${locale}/${withYear}`;
  let format = dayFormats.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat(INTL_LOCALE[locale], { day: "numeric", month: "long", year: withYear ? "numeric" : undefined, timeZone: "UTC" });
    dayFormats.set(key, format);
  }
  return format;
}

function days(first: string, last: string, locale: Locale): string {
  const fmt = (d: string, withYear: boolean) => dayFormat(locale, withYear).format(Date.parse(`${d}T00:00:00Z`));
  return `${fmt(first, false)} – ${fmt(last, true)}`;
}

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
          {actor.organisation.name}, {memberTypeLabel(actor.organisation, t)}
        </p>
      ) : null}
      {current ? (
        <section aria-labelledby="meeting-heading" data-testid="current-meeting">
          <h2 id="meeting-heading">
            <Link href={`/meetings/${current.code}`}>{current.title}</Link>
          </h2>
          <p>
            {current.studyGroup.code} ({current.studyGroup.title}) · {days(current.firstDay, current.lastDay, locale)} ·{" "}
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
                <Link href={`/meetings/${m.code}`}>{m.title}</Link> ({days(m.firstDay, m.lastDay, locale)})
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </>
  );
}
