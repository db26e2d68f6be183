import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getMeeting } from "@/lib/data/meetings";
import { requireActor } from "@/lib/data/session";
import { formatGeneva } from "@/lib/geneva-time";
import { DeadlineBox } from "@/app/_components/deadline-box";
import { LocalTime } from "@/app/_components/local-time";

type Props = { params: Promise<{ code: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  return { title: `Meeting ${(await params).code}` };
}

function describeChange(value: unknown): string {
  if (typeof value === "number" && value > 946684800000) return formatGeneva(value, { seconds: false });
  return String(value);
}

export default async function MeetingPage({ params }: Props) {
  const { code } = await params;
  const actor = await requireActor(`/meetings/${code}`);
  const result = getMeeting(actor, code);
  if (!result.ok) notFound();
  const m = result.value;
  return (
    <>
      <h1>{m.title}</h1>
      <dl className="facts card">
        <dt>Code</dt>
        <dd>{m.code}</dd>
        <dt>Study group</dt>
        <dd>
          {m.studyGroup.code}: {m.studyGroup.title} (study period {m.studyPeriod.label})
        </dd>
        <dt>Dates</dt>
        <dd>
          {m.firstDay} to {m.lastDay}
        </dd>
        <dt>Mode</dt>
        <dd>{m.mode === "virtual" ? "Fully virtual" : m.mode === "hybrid" ? "Hybrid" : "Physical"}</dd>
        <dt>Location</dt>
        <dd>{m.location}</dd>
        <dt>Time zone</dt>
        <dd>{m.timeZone}</dd>
        {m.deadlineNote ? (
          <>
            <dt>Deadline note</dt>
            <dd>{m.deadlineNote}</dd>
          </>
        ) : null}
        {m.studyGroup.email ? (
          <>
            <dt>Secretariat</dt>
            <dd>
              <a href={`mailto:${m.studyGroup.email}`}>{m.studyGroup.email}</a>
            </dd>
          </>
        ) : null}
      </dl>
      <DeadlineBox deadlineAt={m.deadlineAt} />
      <p className="no-print">
        <a href={`/api/v1/meetings/${m.code}/calendar.ics`} download>
          Add the important dates to your calendar (.ics)
        </a>{" "}
        · <Link href={`/meetings/${m.code}/documents`}>Documents</Link>
        {m.canManage ? (
          <>
            {" "}
            · <Link href={`/meetings/${m.code}/manage`}>Manage</Link> · <Link href={`/meetings/${m.code}/late-report`}>Late-submission report</Link>
          </>
        ) : null}
      </p>

      <h2>Related sessions</h2>
      {m.sessions.length === 0 ? (
        <p>None.</p>
      ) : (
        <div className="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">Session</th>
                <th scope="col">When (Geneva time)</th>
                <th scope="col">Registration</th>
              </tr>
            </thead>
            <tbody>
              {m.sessions.map((s) => (
                <tr key={`${s.title}-${s.startsAt}`}>
                  <td>
                    {s.title}
                    {s.note ? <div className="muted">{s.note}</div> : null}
                  </td>
                  <td>
                    {formatGeneva(s.startsAt, { seconds: false })} – {formatGeneva(s.endsAt, { seconds: false, weekday: false })}
                    <div className="muted">
                      <LocalTime at={s.startsAt} />
                    </div>
                  </td>
                  <td>{s.registrationRequired ? "Mandatory" : "—"}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}

      <h2>History</h2>
      {m.changes.length === 0 ? (
        <p>No change since the meeting was announced.</p>
      ) : (
        <ol data-testid="meeting-history">
          {m.changes.map((c) => (
            <li key={`${c.at}-${c.reference}`}>
              <strong>{c.reference}</strong> — {formatGeneva(c.at, { seconds: false })}
              {c.actorName ? ` by ${c.actorName}` : ""}
              <p style={{ margin: ".2rem 0" }}>{c.reason}</p>
              <ul>
                {Object.entries(c.changes).map(([field, change]) => (
                  <li key={field}>
                    {field}: {describeChange(change.from)} → {describeChange(change.to)}
                  </li>
                ))}
              </ul>
            </li>
          ))}
        </ol>
      )}
    </>
  );
}
