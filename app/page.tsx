import Link from "next/link";
import { MEMBER_TYPE_LABEL } from "@/lib/permissions";
import { listMeetings } from "@/lib/data/meetings";
import { requireActor } from "@/lib/data/session";
import { DeadlineBox } from "./_components/deadline-box";

function days(first: string, last: string): string {
  const fmt = (d: string, withYear: boolean) =>
    new Intl.DateTimeFormat("en-GB", { day: "numeric", month: "long", year: withYear ? "numeric" : undefined, timeZone: "UTC" }).format(
      Date.parse(`${d}T00:00:00Z`),
    );
  return `${fmt(first, false)} – ${fmt(last, true)}`;
}

export default async function HomePage() {
  const actor = await requireActor("/");
  const meetings = listMeetings(actor);
  const [current, ...others] = meetings;
  return (
    <>
      <h1>Welcome, {actor.name}</h1>
      {actor.organisation ? (
        <p className="muted">
          {actor.organisation.name}, {MEMBER_TYPE_LABEL[actor.organisation.memberType]}
          {actor.organisation.associateStudyGroupCode ? ` of ${actor.organisation.associateStudyGroupCode}` : ""}
        </p>
      ) : null}
      {current ? (
        <section aria-labelledby="meeting-heading" data-testid="current-meeting">
          <h2 id="meeting-heading">
            <Link href={`/meetings/${current.code}`}>{current.title}</Link>
          </h2>
          <p>
            {current.studyGroup.code} ({current.studyGroup.title}) · {days(current.firstDay, current.lastDay)} ·{" "}
            {current.location} · <span className="muted">{current.code}</span>
          </p>
          <DeadlineBox deadlineAt={current.deadlineAt} />
        </section>
      ) : (
        <p>No meeting has been scheduled yet.</p>
      )}
      {others.length > 0 ? (
        <section aria-labelledby="other-meetings">
          <h2 id="other-meetings">Other meetings</h2>
          <ul>
            {others.map((m) => (
              <li key={m.code}>
                <Link href={`/meetings/${m.code}`}>{m.title}</Link> ({days(m.firstDay, m.lastDay)})
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </>
  );
}
