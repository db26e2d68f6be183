import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { ActionForm } from "@/app/_components/action-form";
import { ArrivalsChart } from "@/app/_components/arrivals-chart";
import { LocalTime } from "@/app/_components/local-time";
import { deferralTargets } from "@/lib/data/late-decisions";
import { buildLateReport } from "@/lib/data/late-report";
import { getMeeting } from "@/lib/data/meetings";
import { requireActor } from "@/lib/data/session";
import { formatGeneva } from "@/lib/geneva-time";
import { decideLateRequestAction } from "../actions";

type Props = { params: Promise<{ code: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  return { title: `Late submissions, ${(await params).code}` };
}

const STATUS: Record<string, string> = {
  awaiting_decision: "Awaiting decision",
  admitted: "Admitted (LATE)",
  deferred: "Deferred",
  reissued_td: "Reissued as TD",
  declined: "Declined",
};

const REFUSAL: Record<string, string> = {
  deadline_passed: "Deadline passed",
  forbidden: "Not allowed",
  unsupported_type: "File type refused",
  invalid: "Invalid",
  conflict: "Conflict",
  executable: "Program, not a document",
  macro_enabled: "Macro-enabled document",
  zip_bomb: "ZIP bomb",
  unsafe_archive: "Unsafe archive",
  type_mismatch: "Name and content differ",
  empty: "Empty file",
};

export default async function LateReportPage({ params }: Props) {
  const { code } = await params;
  const actor = await requireActor(`/meetings/${code}/late-report`);
  const result = buildLateReport(actor, code);
  if (!result.ok) notFound();
  const r = result.value;
  const meeting = getMeeting(actor, code);
  const targets = meeting.ok ? deferralTargets(actor, meeting.value.id) : [];
  const s = r.summary;
  const decide = decideLateRequestAction.bind(null, code);
  return (
    <>
      <h1>Late-submission report — {r.meeting.code}</h1>
      <p>
        {r.meeting.title}. Contributions were due before <strong>{formatGeneva(r.meeting.deadlineAt, { seconds: false })}</strong> Geneva
        time (<LocalTime at={r.meeting.deadlineAt} />
        ).
      </p>
      <p className="no-print">
        <a href={`/api/v1/meetings/${code}/late-report?format=csv`}>Export CSV</a> ·{" "}
        <Link href={`/meetings/${code}/manage`}>Extensions and meeting facts</Link>
      </p>

      <section aria-labelledby="summary-h" className="card">
        <h2 id="summary-h" style={{ marginTop: 0 }}>
          Summary
        </h2>
        <dl className="facts" data-testid="late-summary">
          <dt>Late requests awaiting decision</dt>
          <dd data-testid="count-awaiting">{s.awaitingDecision}</dd>
          <dt>Admitted / deferred / reissued as TD / declined</dt>
          <dd>
            {s.admitted} / {s.deferred} / {s.reissuedAsTd} / {s.declined}
          </dd>
          <dt>LATE contributions in the meeting</dt>
          <dd data-testid="count-late-contributions">{s.lateContributions}</dd>
          <dt>LATE revisions</dt>
          <dd>{s.lateRevisions}</dd>
          <dt>Extensions in force</dt>
          <dd>{s.activeExtensions}</dd>
          <dt>Refused attempts (after the deadline)</dt>
          <dd>
            {s.refusedAttempts} ({s.refusedAfterDeadline})
          </dd>
        </dl>
      </section>

      <section aria-labelledby="chart-h">
        <h2 id="chart-h">Arrivals around the cutoff</h2>
        <ArrivalsChart buckets={r.arrivals} deadlineAt={r.meeting.deadlineAt} />
      </section>

      <section aria-labelledby="requests-h">
        <h2 id="requests-h">Late submission requests ({r.lateRequests.length})</h2>
        {r.lateRequests.length === 0 ? <p>None.</p> : null}
        {r.lateRequests.map((x) => (
          <article key={x.id} className="card" data-testid={`late-request-${x.id}`}>
            <h3 style={{ marginTop: 0 }}>
              {x.kind === "new" ? "Late contribution" : `Late ${x.versionLabel} of ${x.displayNumber}`}: {x.title}{" "}
              <span className="badge late">LATE</span> <span className="badge">{STATUS[x.status]}</span>
            </h3>
            <dl className="facts">
              <dt>From</dt>
              <dd>
                {x.member} ({x.memberEmail}), {x.organisation}
              </dd>
              <dt>Questions</dt>
              <dd>{x.questions.join(", ") || "—"}</dd>
              <dt>Received</dt>
              <dd>
                {formatGeneva(x.receivedAt)} — {x.lateBy}
              </dd>
              {x.explanation ? (
                <>
                  <dt>Explanation</dt>
                  <dd>{x.explanation}</dd>
                </>
              ) : null}
              {x.status !== "awaiting_decision" ? (
                <>
                  <dt>Decision</dt>
                  <dd>
                    {STATUS[x.status]}
                    {x.deferredTo ? ` to ${x.deferredTo}` : ""}
                    {x.tdReference ? ` as ${x.tdReference}` : ""} by {x.decidedBy} on {x.decidedAt ? formatGeneva(x.decidedAt, { seconds: false }) : ""}: {x.decisionReason}
                  </dd>
                </>
              ) : null}
            </dl>
            <p>
              <Link href={`/contributions/${x.contributionId}`}>Open the document</Link>
            </p>
            {x.status === "awaiting_decision" ? (
              <ActionForm action={decide} submitLabel="Record decision" label={`Decide late request ${x.id}`} className="stack no-print">
                <input type="hidden" name="requestId" value={x.id} />
                <fieldset>
                  <legend>Decision</legend>
                  <label style={{ fontWeight: 400 }}>
                    <input type="radio" name="decision" value="admit" required /> Admit to this meeting (it gets the next number and keeps the LATE mark)
                  </label>
                  {x.kind === "new" ? (
                    <label style={{ fontWeight: 400 }}>
                      <input type="radio" name="decision" value="defer" /> Defer to a later meeting
                    </label>
                  ) : null}
                  <label style={{ fontWeight: 400 }}>
                    <input type="radio" name="decision" value="reissue_as_td" /> Reissue as a TD
                  </label>
                  <label style={{ fontWeight: 400 }}>
                    <input type="radio" name="decision" value="decline" /> Decline
                  </label>
                </fieldset>
                {x.kind === "new" ? (
                  <div>
                    <label htmlFor={`defer-${x.id}`}>Later meeting (for a deferral)</label>
                    <select id={`defer-${x.id}`} name="deferTo" defaultValue="">
                      <option value="">—</option>
                      {targets.map((t) => (
                        <option key={t.code} value={t.code}>
                          {t.code} ({t.firstDay})
                        </option>
                      ))}
                    </select>
                  </div>
                ) : null}
                <div>
                  <label htmlFor={`td-${x.id}`}>TD reference (for a reissue)</label>
                  <input id={`td-${x.id}`} name="tdReference" type="text" />
                </div>
                <div>
                  <label htmlFor={`reason-${x.id}`}>Reason (sent to the submitter)</label>
                  <textarea id={`reason-${x.id}`} name="reason" required minLength={3} rows={2} />
                </div>
              </ActionForm>
            ) : null}
          </article>
        ))}
      </section>

      <section aria-labelledby="admitted-h">
        <h2 id="admitted-h">LATE documents in the meeting</h2>
        {r.lateContributions.length + r.lateRevisions.length === 0 ? (
          <p>None.</p>
        ) : (
          <div className="table-wrap">
            <table>
              <thead>
                <tr>
                  <th scope="col">Document</th>
                  <th scope="col">Title</th>
                  <th scope="col">Source</th>
                  <th scope="col">Questions</th>
                  <th scope="col">Received (Geneva)</th>
                  <th scope="col">How late</th>
                  <th scope="col">Admitted via</th>
                </tr>
              </thead>
              <tbody>
                {[...r.lateContributions, ...r.lateRevisions].map((x) => (
                  <tr key={x.versionId}>
                    <td>
                      <Link href={`/contributions/${x.contributionId}`}>
                        {x.displayNumber}
                        {x.versionLabel ? ` ${x.versionLabel}` : ""}
                      </Link>{" "}
                      <span className="badge late">LATE</span>
                    </td>
                    <td>{x.title}</td>
                    <td>
                      {x.organisation} ({x.member})
                    </td>
                    <td>{x.questions.join(", ")}</td>
                    <td>{formatGeneva(x.receivedAt)}</td>
                    <td>{x.lateBy}</td>
                    <td>{x.admittedVia}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>

      <section aria-labelledby="ext-h">
        <h2 id="ext-h">Extensions</h2>
        {r.extensions.length === 0 ? (
          <p>None.</p>
        ) : (
          <ul>
            {r.extensions.map((e) => (
              <li key={e.id}>
                {e.organisationName ?? `${e.userName} (${e.userEmail})`} until {formatGeneva(e.untilAt, { seconds: false })}, granted by {e.grantedBy}: {e.reason}
                {e.revokedAt ? ` — revoked ${formatGeneva(e.revokedAt, { seconds: false })} by ${e.revokedBy}${e.revokeReason ? `: ${e.revokeReason}` : ""}` : ""}
              </li>
            ))}
          </ul>
        )}
      </section>

      <section aria-labelledby="refused-h">
        <h2 id="refused-h">Refused attempts ({r.refused.length})</h2>
        {r.refused.length === 0 ? (
          <p>None.</p>
        ) : (
          <div className="table-wrap">
            <table data-testid="refused-table">
              <thead>
                <tr>
                  <th scope="col">When (Geneva)</th>
                  <th scope="col">Member</th>
                  <th scope="col">Attempt</th>
                  <th scope="col">Why refused</th>
                  <th scope="col">File</th>
                </tr>
              </thead>
              <tbody>
                {r.refused.map((x, i) => (
                  <tr key={i}>
                    <td>
                      {formatGeneva(x.at)}
                      {x.lateBy ? <div className="muted">{x.lateBy}</div> : null}
                    </td>
                    <td>
                      {x.member ?? "—"}
                      {x.organisation ? `, ${x.organisation}` : ""}
                    </td>
                    <td>{x.action.replace("_", " ")}</td>
                    <td>{REFUSAL[x.code] ?? x.code}</td>
                    <td style={{ overflowWrap: "anywhere" }}>{x.fileName ?? "—"}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </>
  );
}
