import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { PURPOSES } from "@/lib/domain";
import { getMyQuestion, recordQuestionVisit } from "@/lib/data/review-questions";
import { listQuestionQueue } from "@/lib/data/review-queue";
import { questionCodeFromParam } from "@/lib/data/review-scope";
import { searchContributions } from "@/lib/data/search";
import { questionTextCounts } from "@/lib/data/text-jobs";
import { searchQuery } from "@/lib/validation/search";
import { SearchResults } from "@/app/_components/search-results";
import { requireActor } from "@/lib/auth/session";
import { parseGenevaLocalInput, toGenevaLocalInput } from "@/lib/time/geneva";
import { formatGeneva } from "@/lib/present/time";
import { CONTRIBUTION_STATUS_KEY, PURPOSE_KEY, REVIEW_STATE_KEY, versionName } from "@/lib/present/labels";
import { getT } from "@/lib/i18n/server";
import type { MessageKey } from "@/lib/i18n/translate";
import { DEFAULT_PAGE_SIZE, queueQuery, searchParamsObject, type QueueQuery } from "@/lib/validation/review";
import { LocalBeside, When } from "@/app/_components/when";
import { LateBadge } from "@/app/_components/late-badge";
import { SearchForm } from "@/app/_components/search-form";
import { DataTable } from "@/app/_components/data-table";
import { PageSizeField, ReviewStateOptions } from "@/app/_components/filter-options";

type Props = { params: Promise<{ question: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { t } = await getT();
  return { title: t("review.queue.title", { code: questionCodeFromParam((await params).question) }) };
}

const SORT_LABEL: Record<QueueQuery["sort"], MessageKey> = {
  number: "review.queue.sort.number",
  received: "review.queue.sort.received",
  title: "review.queue.sort.title",
  source: "review.queue.sort.source",
};

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
  const { t, locale } = await getT();
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
  // Search inside the documents of this Question (?text=, its own parameters so that the queue's filters stay apart).
  const textAsked = raw.text !== undefined && raw.text.trim() !== "";
  const textParsed = searchQuery.safeParse({ q: raw.text, state: raw.textState, page: raw.textPage, question: q.code });
  const textFound = textAsked && textParsed.success ? searchContributions(actor, textParsed.data.q, textParsed.data) : null;
  const texts = questionTextCounts(actor, q.id);
  const textPageHref = (page: number) => {
    const next = new URLSearchParams({ text: raw.text ?? "", ...(raw.textState ? { textState: raw.textState } : {}), textPage: String(page) });
    return `/questions/${q.slug}?${next.toString()}#text-search-heading`;
  };

  return (
    <>
      <p className="no-print">
        <Link href="/questions">{t("review.questions.title")}</Link>
      </p>
      <h1>
        {q.code}: {q.title}
      </h1>
      <ul className="rv-counts" aria-label={t("review.queue.counts")} data-testid="question-counts">
        <li>
          <strong>{q.counts.total}</strong> {t("review.queue.count.contributions", { count: q.counts.total })}
        </li>
        <li>
          <strong>{q.counts.new}</strong> {t("review.queue.count.new", { count: q.counts.new })}
          {q.lastVisitedAt !== null ? (
            <span className="muted">
              {" "}
              (<When at={q.lastVisitedAt} locale={locale} seconds={false} inline />)
            </span>
          ) : null}
        </li>
        <li>
          <strong>{q.counts.late}</strong> {t("review.queue.count.late", { count: q.counts.late })}
        </li>
        <li>
          <strong>{q.counts.revisedSinceReview}</strong> {t("review.queue.count.revised", { count: q.counts.revisedSinceReview })}
        </li>
        <li>
          <strong>{q.counts.withdrawn}</strong> {t("review.queue.count.withdrawn", { count: q.counts.withdrawn })}
        </li>
      </ul>

      <section aria-labelledby="downloads-heading" className="card no-print">
        <h2 id="downloads-heading" style={{ marginTop: 0 }}>
          {t("review.queue.downloads")}
        </h2>
        <form method="get" className="rv-row-form">
          {Object.entries(raw)
            .filter(([key]) => key !== "since")
            .map(([key, value]) => (
              <input key={key} type="hidden" name={key} value={value} />
            ))}
          <div>
            <label htmlFor="since">{t("review.queue.since")}</label>
            <input id="since" name="since" type="datetime-local" defaultValue={since !== null ? toGenevaLocalInput(since) : ""} aria-describedby="since-help" />
          </div>
          <button type="submit">{t("review.queue.useThisTime")}</button>
        </form>
        <p id="since-help" className="muted">
          {sinceInvalid ? (
            <span className="field-error" role="alert">
              {t("review.queue.sinceInvalid")}
            </span>
          ) : since !== null ? (
            <>
              {t("review.queue.zipSince", { time: formatGeneva(since, { seconds: false, locale }) })} <LocalBeside at={since} />
            </>
          ) : (
            t("review.queue.zipAll", { code: q.code })
          )}
        </p>
        <p>
          <a href={zipHref} className="button" download>
            {t("review.queue.downloadZip")}
          </a>{" "}
          <a href={csvHref} download>
            {t("review.queue.exportCsv")}
          </a>{" "}
          <span className="muted">{t("review.queue.csvFollowsFilters")}</span>
        </p>
      </section>

      <section aria-labelledby="text-search-heading" className="card no-print">
        <h2 id="text-search-heading" style={{ marginTop: 0 }}>
          {t("search.form.headingQuestion", { code: q.code })}
        </h2>
        <SearchForm
          action={`/questions/${q.slug}#text-search-heading`}
          idPrefix="text"
          names={{ words: "text", state: "textState" }}
          values={{ words: raw.text, state: raw.textState }}
          t={t}
        />
        {texts ? (
          <p className="muted" data-testid="text-states">
            {t("search.texts.states", { done: texts.done, pending: texts.pending, noText: texts.no_text, failed: texts.failed })}
          </p>
        ) : null}
        {textAsked && !textParsed.success ? (
          <p className="error-box" role="alert">
            {t("search.form.invalid")}
          </p>
        ) : null}
        {textFound?.ok ? <SearchResults result={textFound.value} query={raw.text ?? ""} t={t} hrefOf={(id) => `/review/${id}`} pageHref={textPageHref} /> : null}
        <p className="muted" style={{ marginBottom: 0 }}>
          <a href={`${apiBase}/feed.atom`} type="application/atom+xml" data-testid="feed-link">
            {t("search.feed.link", { code: q.code })}
          </a>{" "}
          {t("search.feed.keyHint")} <Link href="/account#feed-heading">{t("search.feed.keyLink")}</Link>
        </p>
      </section>

      <form method="get" className="rv-filters no-print" aria-label={t("review.queue.filters")}>
        <div>
          <label htmlFor="f-state">{t("review.queue.reviewState")}</label>
          <select id="f-state" name="state" defaultValue={filters.state}>
            <option value="all">{t("review.queue.all")}</option>
            <ReviewStateOptions t={t} />
          </select>
        </div>
        <div>
          <label htmlFor="f-purpose">{t("review.queue.purpose")}</label>
          <select id="f-purpose" name="purpose" defaultValue={filters.purpose ?? ""}>
            <option value="">{t("review.queue.any")}</option>
            {PURPOSES.map((p) => (
              <option key={p} value={p}>
                {t(PURPOSE_KEY[p])}
              </option>
            ))}
          </select>
        </div>
        <div className="rv-wide">
          <label htmlFor="f-q">{t("review.queue.search")}</label>
          <input id="f-q" name="q" type="search" defaultValue={filters.q ?? ""} maxLength={200} />
        </div>
        <div>
          <label htmlFor="f-sort">{t("review.queue.sortBy")}</label>
          <select id="f-sort" name="sort" defaultValue={filters.sort}>
            {Object.entries(SORT_LABEL).map(([value, key]) => (
              <option key={value} value={value}>
                {t(key)}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor="f-dir">{t("review.queue.order")}</label>
          <select id="f-dir" name="dir" defaultValue={filters.dir}>
            <option value="asc">{t("review.queue.ascending")}</option>
            <option value="desc">{t("review.queue.descending")}</option>
          </select>
        </div>
        <PageSizeField label={t("review.queue.perPage")} value={filters.pageSize} />
        <div className="rv-checks">
          <label className="rv-check">
            <input type="checkbox" name="late" value="1" defaultChecked={filters.late} /> {t("review.queue.lateOnly")}
          </label>
          <label className="rv-check">
            <input type="checkbox" name="revised" value="1" defaultChecked={filters.revised} /> {t("review.queue.revisedOnly")}
          </label>
        </div>
        <div className="rv-actions">
          <button type="submit" className="primary">
            {t("review.queue.apply")}
          </button>{" "}
          {filtered ? <Link href={`/questions/${q.slug}`} prefetch={false}>
              {t("review.queue.clear")}
            </Link> : null}
        </div>
      </form>
      {!parsed.success ? (
        <p className="error-box" role="alert">
          {t("review.queue.badFilters")}
        </p>
      ) : null}

      <p role="status" data-testid="queue-total">
        {queue.total === 0
          ? filtered
            ? t("review.queue.noMatch")
            : t("review.queue.empty", { code: q.code })
          : t("review.queue.range", { first, last, count: queue.total })}
      </p>
      {queue.rows.length > 0 ? (
        <DataTable
          testId="queue"
          caption={t("review.queue.caption", { code: q.code })}
          columns={[
            t("review.queue.col.number"), t("review.queue.col.title"), t("review.queue.col.source"), t("review.queue.col.questions"),
            t("review.queue.col.received"), t("review.queue.col.deadline"), t("review.queue.col.currentVersion"), t("review.queue.col.reviewState"),
          ]}
        >
          {queue.rows.map((r) => (
            <tr key={r.id}>
              <th scope="row">
                {r.number === null ? <span className="muted">{t("review.noNumberYet")}</span> : r.displayNumber}
                {q.lastVisitedAt === null || r.receivedAt >= q.lastVisitedAt ? (
                  <div>
                    <span className="badge rv-new">{t("review.badge.new")}</span>
                  </div>
                ) : null}
              </th>
              <td>
                <Link href={`/review/${r.id}`}>{r.title}</Link>
                <div className="muted">
                  {t(PURPOSE_KEY[r.purpose])}
                  {r.status !== "active" ? ` · ${t(CONTRIBUTION_STATUS_KEY[r.status])}` : ""}
                </div>
              </td>
              <td>{r.source}</td>
              <td>{r.questions.join(", ")}</td>
              <td>
                <When at={r.receivedAt} locale={locale} seconds={false} />
              </td>
              <td><LateBadge late={r.late} t={t} /></td>
              <td>
                {versionName({ kind: r.currentVersionKind, label: r.currentVersionLabel }, t)}
                {r.currentVersionKind !== "original" ? (
                  <div className="muted">
                    <When at={r.currentReceivedAt} locale={locale} seconds={false} />
                  </div>
                ) : null}
              </td>
              <td>
                {t(REVIEW_STATE_KEY[r.reviewState])}
                {r.revisedSinceReview ? (
                  <div>
                    <span className="badge rv-revised">{t("review.badge.revisedSinceReview")}</span>
                  </div>
                ) : null}
              </td>
            </tr>
          ))}
        </DataTable>
      ) : null}
      {pages > 1 ? (
        <nav aria-label={t("review.queue.pages")} className="rv-pagination">
          {queue.page > 1 ? <Link href={`/questions/${q.slug}${query(filters, { page: String(queue.page - 1) })}`} prefetch={false}>{t("review.queue.previousPage")}</Link> : <span />}
          <span>
            {t("review.queue.pageOf", { page: Math.min(queue.page, pages), pages })}
          </span>
          {queue.page < pages ? <Link href={`/questions/${q.slug}${query(filters, { page: String(queue.page + 1) })}`} prefetch={false}>{t("review.queue.nextPage")}</Link> : <span />}
        </nav>
      ) : null}
    </>
  );
}
