import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { REVIEW_STATES } from "@/db/schema";
import { getContribution } from "@/lib/data/contributions";
import { getReviewPanel, questionSlug, REVIEW_STATE_LABEL, STATUS_LABEL } from "@/lib/data/review";
import { requireActor } from "@/lib/data/session";
import { formatGeneva } from "@/lib/geneva-time";
import { MAX_COMMENT } from "@/lib/validation/review";
import { addCommentAction, setReviewStateAction } from "./actions";

type Props = { params: Promise<{ id: string }>; searchParams: Promise<{ done?: string; error?: string }> };

export const metadata: Metadata = { title: "Review" };

const DONE: Record<string, string> = {
  state: "The review state has been saved.",
  comment: "Your comment has been added.",
};

const ERROR: Record<string, string> = {
  state: "Choose one of the review states.",
  comment: `Write the comment (at most ${MAX_COMMENT} characters).`,
  conflict: "This contribution has been withdrawn; its review state can no longer change.",
  not_found: "There is no such document, or you do not review it.",
  invalid: "The form was not understood. Try again.",
};

const ACTION_LABEL: Record<string, string> = {
  "contribution.submit": "Submitted",
  "contribution.revise": "New version received",
  "contribution.withdraw": "Withdrawn",
  "late_request.file": "Late submission request filed",
  "late_request.decide": "Late request decided",
  "review.state": "Review state set",
  "review.comment": "Comment added",
};

function describeDetail(key: string, value: unknown): string {
  if (typeof value === "number" && /At$/.test(key) && value > 946684800000) return formatGeneva(value);
  if (key === "sha256" && typeof value === "string") return `${value.slice(0, 12)}…`;
  if ((key === "from" || key === "to") && typeof value === "string" && value in REVIEW_STATE_LABEL) {
    return REVIEW_STATE_LABEL[value as keyof typeof REVIEW_STATE_LABEL];
  }
  if (value === null || value === undefined) return "—";
  return typeof value === "object" ? JSON.stringify(value) : String(value);
}

function formatSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

export default async function ReviewPage({ params, searchParams }: Props) {
  const { id: rawId } = await params;
  const { done, error } = await searchParams;
  const id = Number(rawId);
  const actor = await requireActor(`/review/${encodeURIComponent(rawId)}`);
  // Both must answer: the panel refuses whoever does not review this contribution, whatever they may read.
  const panel = getReviewPanel(actor, id);
  const found = getContribution(actor, id);
  if (!panel.ok || !found.ok || !found.value.canReview) notFound();
  const c = found.value;
  const p = panel.value;
  const original = c.versions.find((v) => v.kind === "original");
  const reviewedLabel = c.versions.find((v) => v.id === p.reviewedVersionId)?.label;

  return (
    <>
      <p className="no-print">
        {c.questions.map((code, i) => (
          <span key={code}>
            {i > 0 ? " · " : ""}
            <Link href={`/questions/${questionSlug(code)}`} prefetch={false}>
              Queue {code}
            </Link>
          </span>
        ))}
      </p>
      <h1>
        {c.displayNumber}: {c.title}
      </h1>
      {done && DONE[done] ? (
        <p className="notice" role="status">
          {DONE[done]}
        </p>
      ) : null}
      {error ? (
        <p className="error-box" role="alert">
          {ERROR[error] ?? ERROR.invalid}
        </p>
      ) : null}

      <section aria-labelledby="cover-heading">
        <h2 id="cover-heading">Cover page</h2>
        <dl className="facts card">
          <dt>Reference</dt>
          <dd>{c.reference ?? "No number yet"}</dd>
          <dt>Meeting</dt>
          <dd>
            {c.meetingTitle} ({c.meetingCode})
          </dd>
          <dt>Status</dt>
          <dd>
            {STATUS_LABEL[c.status]}
            {c.withdrawn ? ` on ${formatGeneva(c.withdrawn.at, { seconds: false })}: ${c.withdrawn.reason}` : ""}
          </dd>
          <dt>Received</dt>
          <dd>
            {original ? formatGeneva(original.receivedAt) : "—"}{" "}
            {c.late ? <span className="badge late">LATE</span> : <span className="badge ontime">On time</span>}
            {original ? <div className="muted">{original.lateness}</div> : null}
          </dd>
          <dt>Source</dt>
          <dd>{c.source}</dd>
          <dt>Question(s)</dt>
          <dd>{c.questions.join(", ")}</dd>
          <dt>Purpose</dt>
          <dd>{c.purpose}</dd>
          <dt>Keywords</dt>
          <dd>{c.keywords || "—"}</dd>
          <dt>Abstract</dt>
          <dd className="rv-prewrap">{c.abstract || "—"}</dd>
          <dt>Contact(s)</dt>
          <dd>
            {c.contacts.length === 0 ? (
              "—"
            ) : (
              <ul className="rv-plain">
                {c.contacts.map((k) => (
                  <li key={`${k.email}-${k.name}`}>
                    {k.name}, {k.organization}, {k.country}
                    {k.phone ? `, tel ${k.phone}` : ""}, <a href={`mailto:${k.email}`}>{k.email}</a>
                  </li>
                ))}
              </ul>
            )}
          </dd>
        </dl>
      </section>

      <section aria-labelledby="versions-heading">
        <h2 id="versions-heading">Versions</h2>
        <div className="table-wrap">
          <table data-testid="versions">
            <thead>
              <tr>
                <th scope="col">Version</th>
                <th scope="col">Received (Geneva time)</th>
                <th scope="col">Deadline</th>
                <th scope="col">State</th>
                <th scope="col">File</th>
              </tr>
            </thead>
            <tbody>
              {c.versions.map((v) => (
                <tr key={v.id}>
                  <th scope="row">
                    {v.label}
                    {c.current?.id === v.id ? <div className="muted">current</div> : null}
                  </th>
                  <td>{formatGeneva(v.receivedAt)}</td>
                  <td>{v.late ? <span className="badge late">LATE</span> : <span className="badge ontime">On time</span>}</td>
                  <td>{v.state === "accepted" ? "Accepted" : v.state === "pending" ? "Awaiting decision" : "Refused"}</td>
                  <td>
                    <a href={`/api/v1/contributions/${c.id}/file?version=${v.id}`} download>
                      Download {v.label}
                    </a>
                    <div className="muted">
                      {v.originalName} · {formatSize(v.size)}
                    </div>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>

      <section aria-labelledby="review-heading">
        <h2 id="review-heading">Review</h2>
        <p data-testid="review-status">
          {REVIEW_STATE_LABEL[p.state]}
          {p.updatedAt !== null ? (
            <span className="muted">
              {" "}
              — set by {p.updatedBy} on {formatGeneva(p.updatedAt, { seconds: false })}
              {reviewedLabel ? `, on the ${reviewedLabel === "Original" ? "original" : reviewedLabel}` : ""}
            </span>
          ) : null}{" "}
          {p.revisedSinceReview ? <span className="badge rv-revised">Revised since review</span> : null}
        </p>
        {c.status === "withdrawn" ? (
          <p className="muted">The contribution has been withdrawn; its review is closed.</p>
        ) : (
          <form action={setReviewStateAction} className="rv-row-form">
            <input type="hidden" name="contributionId" value={c.id} />
            <div>
              <label htmlFor="review-state">Review state</label>
              <select id="review-state" name="state" defaultValue={p.state}>
                {REVIEW_STATES.map((s) => (
                  <option key={s} value={s}>
                    {REVIEW_STATE_LABEL[s]}
                  </option>
                ))}
              </select>
            </div>
            <button type="submit" className="primary">
              Save review state
            </button>
          </form>
        )}
      </section>

      {/* No accessible name on this section: "Comments" would also answer to the label "Comment" of the textarea. */}
      <section>
        <h2 id="comments-heading">Comments</h2>
        {p.comments.length === 0 ? (
          <p>No comment yet.</p>
        ) : (
          <ol className="rv-comments" data-testid="comments">
            {p.comments.map((m) => (
              <li key={m.id} className="card">
                <p className="muted" style={{ margin: 0 }}>
                  {m.author}, {formatGeneva(m.at, { seconds: false })} ·{" "}
                  {m.sharedWithSubmitter ? <span className="badge rv-shared">Shared with the submitter</span> : <span className="badge">Reviewers only</span>}
                </p>
                <p className="rv-prewrap" style={{ margin: ".4rem 0 0" }}>
                  {m.body}
                </p>
              </li>
            ))}
          </ol>
        )}
        <form action={addCommentAction} className="stack">
          <input type="hidden" name="contributionId" value={c.id} />
          <div>
            <label htmlFor="comment-body">Comment</label>
            <textarea id="comment-body" name="body" rows={4} required maxLength={MAX_COMMENT} />
          </div>
          <div>
            <label className="rv-check">
              <input type="checkbox" name="sharedWithSubmitter" /> Share with the submitter
            </label>
            <p className="muted" style={{ margin: 0 }}>
              Unshared comments are seen only by the rapporteurs of its Questions and the secretariat.
            </p>
          </div>
          <div>
            <button type="submit" className="primary">
              Add comment
            </button>
          </div>
        </form>
      </section>

      <section aria-labelledby="history-heading">
        <h2 id="history-heading">History</h2>
        <div className="table-wrap">
          <table data-testid="history">
            <thead>
              <tr>
                <th scope="col">When (Geneva time)</th>
                <th scope="col">What</th>
                <th scope="col">Who</th>
                <th scope="col">Details</th>
              </tr>
            </thead>
            <tbody>
              {p.history.map((h, i) => (
                <tr key={`${h.at}-${i}`}>
                  <td>{formatGeneva(h.at)}</td>
                  <th scope="row">{ACTION_LABEL[h.action] ?? h.action}</th>
                  <td>{h.actor ?? "System"}</td>
                  <td>
                    <ul className="rv-plain">
                      {Object.entries(h.details).map(([k, v]) => (
                        <li key={k}>
                          {k}: {describeDetail(k, v)}
                        </li>
                      ))}
                    </ul>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>
    </>
  );
}
