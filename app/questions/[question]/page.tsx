import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { PURPOSES, REVIEW_STATES } from "@/db/schema";
import { getMyQuestion, listQuestionQueue, questionCodeFromParam, recordQuestionVisit, REVIEW_STATE_LABEL, STATUS_LABEL } from "@/lib/data/review";
import { requireActor } from "@/lib/data/session";
import { formatGeneva, parseGenevaLocalInput, toGenevaLocalInput } from "@/lib/geneva-time";
import { DEFAULT_PAGE_SIZE, queueQuery, searchParamsObject, type QueueQuery } from "@/lib/validation/review";

type Props = { params: Promise<{ question: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  return { title: `Review queue ${questionCodeFromParam((await params).question)}` };
}

const SORT_LABEL = { number: "Number", received: "Received", title: "Title", source: "Source" } as const;
const PAGE_SIZES = [25, 50, 100, 200];

/** The query string of the filters (without the defaults), with some values replaced. */
function query(filters: QueueQuery, overrides: Partial<Record<keyof QueueQuery | "since" | "format", string | undefined>> = {}): string {
  const params = new URLSearchParams();
  const base: Record<string, string | undefined> = {
    state: filters.state === "all" ? undefined : filters.state,
    late: filters.late ? "1" : undefined,
    revised: filters.revised ? "1" : undefined,
    purpose: filters.purpose,
    q: filters.q,
    sort: filters.sort === "number" ? undefined : filters.sort,
    dir: filters.dir === "asc" ? undefined : filters.dir,
    pageSize: filters.pageSize === DEFAULT_PAGE_SIZE ? undefined : String(filters.pageSize),
    page: filters.page === 1 ? undefined : String(filters.page),
  };
  for (const [key, value] of Object.entries({ ...base, ...overrides })) if (value !== undefined && value !== "") params.set(key, value);
  const text = params.toString();
  return text ? `?${text}` : "";
}

export default async function QuestionQueuePage({ params, searchParams }: Props) {
  const { question } = await params;
  const raw = searchParamsObject(await searchParams);
  const actor = await requireActor(`/questions/${encodeURIComponent(question)}`);
  const summary = getMyQuestion(actor, question);
  if (!summary.ok) notFound();
  const q = summary.value;

  const parsed = queueQuery.safeParse(raw);
  const filters = parsed.success ? parsed.data : queueQuery.parse({});
  const result = listQuestionQueue(actor, question, filters);
  if (!result.ok) notFound();
  const queue = result.value;
  // Read the counts first, then mark the visit: what arrives from now on is "new" next time.
  recordQuestionVisit(actor, question);

  const since = raw.since ? parseGenevaLocalInput(raw.since) : null;
  const sinceInvalid = Boolean(raw.since) && since === null;
  const pages = Math.max(1, Math.ceil(queue.total / queue.pageSize));
  const first = queue.total === 0 ? 0 : (queue.page - 1) * queue.pageSize + 1;
  const last = (queue.page - 1) * queue.pageSize + queue.rows.length;
  const apiBase = `/api/v1/questions/${q.slug}`;
  const zipHref = `${apiBase}/contributions.zip${since !== null ? `?since=${encodeURIComponent(new Date(since).toISOString())}` : ""}`;
  const csvHref = `${apiBase}/contributions${query(filters, { page: undefined, pageSize: undefined, format: "csv" })}`;
  const filtered = filters.state !== "all" || filters.late || filters.revised || filters.purpose || filters.q;

  return (
    <>
      <p className="no-print">
        <Link href="/questions">My Questions</Link>
      </p>
      <h1>
        {q.code}: {q.title}
      </h1>
      <ul className="rv-counts" aria-label="Counts" data-testid="question-counts">
        <li>
          <strong>{q.counts.total}</strong> contributions
        </li>
        <li>
          <strong>{q.counts.new}</strong> new since your last visit
          {q.lastVisitedAt !== null ? <span className="muted"> ({formatGeneva(q.lastVisitedAt, { seconds: false })})</span> : null}
        </li>
        <li>
          <strong>{q.counts.late}</strong> LATE
        </li>
        <li>
          <strong>{q.counts.revisedSinceReview}</strong> revised since reviewed
        </li>
        <li>
          <strong>{q.counts.withdrawn}</strong> withdrawn
        </li>
      </ul>

      <section aria-labelledby="downloads-heading" className="card no-print">
        <h2 id="downloads-heading" style={{ marginTop: 0 }}>
          Downloads
        </h2>
        <form method="get" className="rv-row-form">
          {Object.entries(raw)
            .filter(([key]) => key !== "since")
            .map(([key, value]) => (
              <input key={key} type="hidden" name={key} value={value} />
            ))}
          <div>
            <label htmlFor="since">Only added or revised since (Geneva time)</label>
            <input id="since" name="since" type="datetime-local" defaultValue={since !== null ? toGenevaLocalInput(since) : ""} aria-describedby="since-help" />
          </div>
          <button type="submit">Use this time</button>
        </form>
        <p id="since-help" className="muted">
          {sinceInvalid ? (
            <span className="field-error" role="alert">
              That date and time was not understood; the ZIP holds every current version.
            </span>
          ) : since !== null ? (
            <>The ZIP holds only the documents whose current version arrived at or after {formatGeneva(since, { seconds: false })}.</>
          ) : (
            <>The ZIP holds the current version of every admitted contribution to {q.code}.</>
          )}
        </p>
        <p>
          <a href={zipHref} className="button" download>
            Download ZIP
          </a>{" "}
          <a href={csvHref} download>
            Export CSV
          </a>{" "}
          <span className="muted">(the CSV follows the filters below)</span>
        </p>
      </section>

      <form method="get" className="rv-filters no-print" aria-label="Filter the queue">
        <div>
          <label htmlFor="f-state">Review state</label>
          <select id="f-state" name="state" defaultValue={filters.state}>
            <option value="all">All</option>
            {REVIEW_STATES.map((s) => (
              <option key={s} value={s}>
                {REVIEW_STATE_LABEL[s]}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor="f-purpose">Purpose</label>
          <select id="f-purpose" name="purpose" defaultValue={filters.purpose ?? ""}>
            <option value="">Any</option>
            {PURPOSES.map((p) => (
              <option key={p} value={p}>
                {p}
              </option>
            ))}
          </select>
        </div>
        <div className="rv-wide">
          <label htmlFor="f-q">Search title, abstract, keywords and source</label>
          <input id="f-q" name="q" type="search" defaultValue={filters.q ?? ""} maxLength={200} />
        </div>
        <div>
          <label htmlFor="f-sort">Sort by</label>
          <select id="f-sort" name="sort" defaultValue={filters.sort}>
            {Object.entries(SORT_LABEL).map(([value, label]) => (
              <option key={value} value={value}>
                {label}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor="f-dir">Order</label>
          <select id="f-dir" name="dir" defaultValue={filters.dir}>
            <option value="asc">Ascending</option>
            <option value="desc">Descending</option>
          </select>
        </div>
        <div>
          <label htmlFor="f-size">Per page</label>
          <select id="f-size" name="pageSize" defaultValue={String(filters.pageSize)}>
            {PAGE_SIZES.map((n) => (
              <option key={n} value={n}>
                {n}
              </option>
            ))}
          </select>
        </div>
        <div className="rv-checks">
          <label className="rv-check">
            <input type="checkbox" name="late" value="1" defaultChecked={filters.late} /> LATE only
          </label>
          <label className="rv-check">
            <input type="checkbox" name="revised" value="1" defaultChecked={filters.revised} /> Revised since reviewed only
          </label>
        </div>
        <div className="rv-actions">
          <button type="submit" className="primary">
            Apply filters
          </button>{" "}
          {filtered ? <Link href={`/questions/${q.slug}`} prefetch={false}>
              Clear filters
            </Link> : null}
        </div>
      </form>
      {!parsed.success ? (
        <p className="error-box" role="alert">
          Some filters in the address were not understood; the whole queue is shown instead.
        </p>
      ) : null}

      <p role="status" data-testid="queue-total">
        {queue.total === 0
          ? filtered
            ? "No contribution matches these filters."
            : `No contribution to ${q.code} yet.`
          : `${first}–${last} of ${queue.total} contribution${queue.total === 1 ? "" : "s"}`}
      </p>
      {queue.rows.length > 0 ? (
        <div className="table-wrap">
          <table data-testid="queue">
            <caption className="visually-hidden">Contributions to {q.code}</caption>
            <thead>
              <tr>
                <th scope="col">Number</th>
                <th scope="col">Title</th>
                <th scope="col">Source</th>
                <th scope="col">Questions</th>
                <th scope="col">Received (Geneva time)</th>
                <th scope="col">Deadline</th>
                <th scope="col">Current version</th>
                <th scope="col">Review state</th>
              </tr>
            </thead>
            <tbody>
              {queue.rows.map((r) => (
                <tr key={r.id}>
                  <th scope="row">
                    {r.number === null ? <span className="muted">{r.displayNumber}</span> : r.displayNumber}
                    {q.lastVisitedAt === null || r.receivedAt >= q.lastVisitedAt ? (
                      <div>
                        <span className="badge rv-new">NEW</span>
                      </div>
                    ) : null}
                  </th>
                  <td>
                    <Link href={`/review/${r.id}`}>{r.title}</Link>
                    <div className="muted">
                      {r.purpose}
                      {r.status !== "active" ? ` · ${STATUS_LABEL[r.status]}` : ""}
                    </div>
                  </td>
                  <td>{r.source}</td>
                  <td>{r.questions.join(", ")}</td>
                  <td>{formatGeneva(r.receivedAt, { seconds: false })}</td>
                  <td>{r.late ? <span className="badge late">LATE</span> : <span className="badge ontime">On time</span>}</td>
                  <td>
                    {r.currentVersionLabel}
                    {r.currentVersionLabel !== "Original" ? (
                      <div className="muted">{formatGeneva(r.currentReceivedAt, { seconds: false })}</div>
                    ) : null}
                  </td>
                  <td>
                    {REVIEW_STATE_LABEL[r.reviewState]}
                    {r.revisedSinceReview ? (
                      <div>
                        <span className="badge rv-revised">Revised since review</span>
                      </div>
                    ) : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      {pages > 1 ? (
        <nav aria-label="Pages" className="rv-pagination">
          {queue.page > 1 ? <Link href={`/questions/${q.slug}${query(filters, { page: String(queue.page - 1) })}`} prefetch={false}>Previous page</Link> : <span />}
          <span>
            Page {Math.min(queue.page, pages)} of {pages}
          </span>
          {queue.page < pages ? <Link href={`/questions/${q.slug}${query(filters, { page: String(queue.page + 1) })}`} prefetch={false}>Next page</Link> : <span />}
        </nav>
      ) : null}
    </>
  );
}
