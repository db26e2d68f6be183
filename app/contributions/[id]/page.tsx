import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getContribution } from "@/lib/data/contributions";
import { requireActor } from "@/lib/data/session";
import { CONTRIBUTION_STATUS_LABEL, formatBytes, lateRequestStatusLabel, shortHash, VERSION_STATE_LABEL } from "@/lib/format";
import { formatGeneva } from "@/lib/geneva-time";
import { settings } from "@/lib/settings";
import { LocalTime } from "@/app/_components/local-time";
import { ReviseForm } from "./revise-form";
import { WithdrawForm } from "./withdraw-form";

type Props = { params: Promise<{ id: string }> };

export const metadata: Metadata = { title: "Contribution" };

function When({ at }: { at: number }) {
  return (
    <>
      {formatGeneva(at)}
      <div className="muted">
        <LocalTime at={at} />
      </div>
    </>
  );
}

export default async function ContributionPage({ params }: Props) {
  const { id } = await params;
  const actor = await requireActor(`/contributions/${id}`);
  const found = getContribution(actor, Number(id));
  if (!found.ok) notFound();
  const c = found.value;
  const name = c.number === null ? "this late submission request" : c.displayNumber;
  const canRevise = c.canChange && c.status === "active";
  const canWithdraw = c.canChange && (c.status === "active" || c.status === "late_request");
  const lateRequestStatus = c.lateRequest ? lateRequestStatusLabel(c.lateRequest.status) : null;

  return (
    <>
      <p className="muted" style={{ margin: 0 }}>
        <Link href={`/meetings/${c.meetingCode}`}>{c.meetingTitle}</Link> ({c.meetingCode})
        {c.canChange ? (
          <>
            {" · "}
            <Link href="/contributions">My contributions</Link>
          </>
        ) : null}
      </p>
      <h1>
        <span data-testid="contribution-number">{c.number === null ? "Late submission request" : c.displayNumber}</span>: {c.title}
      </h1>
      <p>
        <span className="badge" data-testid="contribution-status">
          {CONTRIBUTION_STATUS_LABEL[c.status]}
        </span>{" "}
        {c.late ? <span className="badge late">LATE</span> : c.current ? <span className="badge ontime">On time</span> : null}
      </p>

      {c.withdrawn ? (
        <div className="notice" data-testid="withdrawn">
          <strong>Withdrawn</strong> on {formatGeneva(c.withdrawn.at)}
          {c.withdrawn.by ? ` by ${c.withdrawn.by}` : ""}.{" "}
          <span className="muted">
            (<LocalTime at={c.withdrawn.at} />)
          </span>
          <p style={{ margin: ".3rem 0 0" }}>Reason: {c.withdrawn.reason}</p>
        </div>
      ) : null}
      {c.lateRequest ? (
        <div className="notice" data-testid="late-request">
          <strong>Late request:</strong> {lateRequestStatus}
          {c.lateRequest.decidedAt ? (
            <>
              {" "}
              (decided {formatGeneva(c.lateRequest.decidedAt)}, <LocalTime at={c.lateRequest.decidedAt} />)
            </>
          ) : null}
          {c.lateRequest.decisionReason ? <p style={{ margin: ".3rem 0 0" }}>Reason given: {c.lateRequest.decisionReason}</p> : null}
        </div>
      ) : null}

      <section aria-labelledby="cover-heading">
        <h2 id="cover-heading">Cover page</h2>
        <dl className="facts card">
          <dt>Number</dt>
          <dd>{c.number === null ? "None yet: given when the secretariat admits the document" : c.displayNumber}</dd>
          <dt>Reference</dt>
          <dd>{c.reference ?? "—"}</dd>
          <dt>Title</dt>
          <dd>{c.title}</dd>
          <dt>Purpose</dt>
          <dd>{c.purpose}</dd>
          <dt>Question(s)</dt>
          <dd>{c.questions.join(", ") || "—"}</dd>
          <dt>Source</dt>
          <dd>{c.source}</dd>
          <dt>Abstract</dt>
          <dd style={{ whiteSpace: "pre-line" }}>{c.abstract || "—"}</dd>
          <dt>Keywords</dt>
          <dd>{c.keywords || "—"}</dd>
          <dt>Contact(s)</dt>
          <dd>
            {c.contacts.length === 0 ? (
              "—"
            ) : (
              <ul className="plain">
                {c.contacts.map((p, i) => (
                  <li key={`${p.email}-${i}`}>
                    <strong>{p.name}</strong>, {p.organization}, {p.country}
                    {p.phone ? `, tel ${p.phone}` : ""}, <a href={`mailto:${p.email}`}>{p.email}</a>
                  </li>
                ))}
              </ul>
            )}
          </dd>
        </dl>
      </section>

      <section aria-labelledby="versions-heading">
        <h2 id="versions-heading">Versions</h2>
        {c.versions.length === 0 ? (
          <p>No version is available to you.</p>
        ) : (
          <div className="table-wrap">
            <table className="stack-table" data-testid="versions">
              <thead>
                <tr>
                  <th scope="col">Version</th>
                  <th scope="col">Received</th>
                  <th scope="col">Size</th>
                  <th scope="col">SHA-256</th>
                  <th scope="col">Deadline</th>
                  <th scope="col">State</th>
                  <th scope="col">Links</th>
                </tr>
              </thead>
              <tbody>
                {c.versions.map((v) => (
                  <tr key={v.id} data-testid="version-row">
                    <td data-label="Version">
                      <strong>{v.label}</strong>
                      <div className="muted break-all">{v.originalName}</div>
                      {v.note ? <div>{v.note}</div> : null}
                    </td>
                    <td data-label="Received">
                      <When at={v.receivedAt} />
                    </td>
                    <td data-label="Size">{formatBytes(v.size)}</td>
                    <td data-label="SHA-256">
                      <code title={v.sha256}>{shortHash(v.sha256)}</code>
                    </td>
                    <td data-label="Deadline">
                      {v.late ? <span className="badge late">LATE</span> : <span className="badge ontime">On time</span>}
                      <div className="muted">{v.lateness.replace(/^on time, /, "")}</div>
                    </td>
                    <td data-label="State">{VERSION_STATE_LABEL[v.state]}</td>
                    <td data-label="Links">
                      <a href={`/api/v1/contributions/${c.id}/file?version=${v.id}`} download>
                        Download<span className="visually-hidden"> {v.label}</span>
                      </a>
                      {" · "}
                      <Link href={`/contributions/${c.id}/receipt?version=${v.id}`}>
                        Receipt<span className="visually-hidden"> of {v.label}</span>
                      </Link>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>

      {c.canChange ? (
        <section aria-labelledby="comments-heading">
          <h2 id="comments-heading">Comments from the rapporteurs and the secretariat</h2>
          {c.sharedComments.length === 0 ? (
            <p className="muted">No comment has been shared with you.</p>
          ) : (
            <ul className="plain comments">
              {c.sharedComments.map((m, i) => (
                <li key={`${m.at}-${i}`} className="card">
                  <p style={{ margin: 0 }}>
                    <strong>{m.author}</strong>, {formatGeneva(m.at, { seconds: false })} <LocalTime at={m.at} />
                  </p>
                  <p style={{ margin: ".3rem 0 0", whiteSpace: "pre-line" }}>{m.body}</p>
                </li>
              ))}
            </ul>
          )}
        </section>
      ) : null}

      {canRevise ? (
        <section aria-labelledby="revise-heading" className="card">
          <h2 id="revise-heading" style={{ marginTop: 0 }}>
            Revise
          </h2>
          <p className="muted">
            A new version keeps the number ({c.displayNumber} Rev.1, Add.1, Corr.1…) and gets its own receipt time and deadline mark.
          </p>
          <ReviseForm contributionId={c.id} maxUploadBytes={settings().maxUploadBytes} />
        </section>
      ) : null}

      {canWithdraw ? (
        <section aria-labelledby="withdraw-heading" className="card">
          <h2 id="withdraw-heading" style={{ marginTop: 0 }}>
            Withdraw
          </h2>
          <WithdrawForm contributionId={c.id} name={name} />
        </section>
      ) : null}
    </>
  );
}
