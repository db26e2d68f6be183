import type { Metadata } from "next";
import Link from "next/link";
import { listOrganisationContributions, type ContributionDto } from "@/lib/data/contributions";
import { listMeetings } from "@/lib/data/meetings";
import { requireActor } from "@/lib/data/session";
import { CONTRIBUTION_STATUS_LABEL } from "@/lib/format";
import { formatGeneva } from "@/lib/geneva-time";
import { LocalTime } from "@/app/_components/local-time";

export const metadata: Metadata = { title: "My contributions" };

type Group = { code: string; title: string; items: ContributionDto[] };

function byMeeting(list: ContributionDto[]): Group[] {
  const groups = new Map<string, Group>();
  for (const c of list) {
    const g = groups.get(c.meetingCode) ?? { code: c.meetingCode, title: c.meetingTitle, items: [] };
    g.items.push(c);
    groups.set(c.meetingCode, g);
  }
  return [...groups.values()];
}

export default async function MyContributionsPage() {
  const actor = await requireActor("/contributions");
  if (!actor.organisation) {
    return (
      <>
        <h1>My contributions</h1>
        <p>Contributions are submitted by delegates of ITU-T member organisations, and your account is not linked to one.</p>
      </>
    );
  }
  const groups = byMeeting(listOrganisationContributions(actor));
  const meetings = listMeetings(actor);

  return (
    <>
      <h1>My contributions</h1>
      <p className="muted">Everything {actor.organisation.name} has submitted, meeting by meeting, with the receipts.</p>
      {groups.length === 0 ? (
        <div className="card" data-testid="no-contributions">
          <p style={{ marginTop: 0 }}>Your organisation has not submitted any contribution yet.</p>
          {meetings.length > 0 ? (
            <ul style={{ marginBottom: 0 }}>
              {meetings.map((m) => (
                <li key={m.code}>
                  <Link href={`/meetings/${m.code}/submit`}>Submit a new contribution</Link> to {m.title}
                </li>
              ))}
            </ul>
          ) : null}
        </div>
      ) : null}
      {groups.map((g) => (
        <section key={g.code} aria-labelledby={`meeting-${g.code}`} data-testid="contribution-group">
          <h2 id={`meeting-${g.code}`}>
            <Link href={`/meetings/${g.code}`}>{g.title}</Link> <span className="muted">({g.code})</span>
          </h2>
          <p>
            <Link href={`/meetings/${g.code}/submit`}>Submit a new contribution</Link>
          </p>
          <div className="table-wrap">
            <table className="stack-table">
              <thead>
                <tr>
                  <th scope="col">Number</th>
                  <th scope="col">Title</th>
                  <th scope="col">Question(s)</th>
                  <th scope="col">Status</th>
                  <th scope="col">Version</th>
                  <th scope="col">Received</th>
                  <th scope="col">Deadline</th>
                  <th scope="col">Links</th>
                </tr>
              </thead>
              <tbody>
                {g.items.map((c) => {
                  const v = c.current;
                  return (
                    <tr key={c.id} data-testid="contribution-row">
                      <td data-label="Number" className="nowrap">{c.number === null ? "Late request" : c.displayNumber}</td>
                      <td data-label="Title">
                        <Link href={`/contributions/${c.id}`}>{c.title}</Link>
                      </td>
                      <td data-label="Question(s)">{c.questions.join(", ")}</td>
                      <td data-label="Status">{CONTRIBUTION_STATUS_LABEL[c.status]}</td>
                      <td data-label="Version">{v?.label ?? "—"}</td>
                      <td data-label="Received">
                        {v ? (
                          <>
                            {formatGeneva(v.receivedAt)}
                            <div className="muted">
                              <LocalTime at={v.receivedAt} />
                            </div>
                          </>
                        ) : (
                          "—"
                        )}
                      </td>
                      <td data-label="Deadline">
                        {v ? v.late ? <span className="badge late">LATE</span> : <span className="badge ontime">On time</span> : "—"}
                      </td>
                      <td data-label="Links">
                        <Link href={`/contributions/${c.id}`}>
                          Details<span className="visually-hidden"> of {c.title}</span>
                        </Link>
                        {v ? (
                          <>
                            {" · "}
                            <Link href={`/contributions/${c.id}/receipt?version=${v.id}`}>
                              Receipt<span className="visually-hidden"> of {c.title}</span>
                            </Link>
                          </>
                        ) : null}
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
        </section>
      ))}
    </>
  );
}
