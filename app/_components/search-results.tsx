// The results of a search inside the documents: ranked, each with its snippet, the matches marked (text only, no HTML).
import Link from "next/link";
import type { SearchResult } from "@/lib/data/search";
import type { Translator } from "@/lib/i18n/translate";

type Props = {
  result: SearchResult;
  query: string;
  t: Translator;
  /** where a result leads: the review page for a rapporteur, the contribution page for a member */
  hrefOf: (contributionId: number) => string;
  /** the page's own URL for another page of results */
  pageHref: (page: number) => string;
};

export function SearchResults({ result, query, t, hrefOf, pageHref }: Props) {
  const pages = Math.max(1, Math.ceil(result.total / result.pageSize));
  const first = (result.page - 1) * result.pageSize + 1;
  return (
    <div data-testid="search">
      <p role="status" data-testid="search-total">
        {result.total === 0
          ? result.terms.length === 0
            ? t("search.results.nothingToSearch", { query })
            : t("search.results.none", { query })
          : t("search.results.count", { count: result.total, first, last: first + result.hits.length - 1, query })}
      </p>
      {result.hits.length > 0 ? (
        <ol className="search-results" data-testid="search-results" start={first}>
          {result.hits.map((hit) => (
            <li key={hit.id} data-testid="search-hit">
              <Link href={hrefOf(hit.id)}>
                {hit.number === null ? t("search.results.lateRequest") : hit.displayNumber}
                {hit.versionLabel ? ` ${hit.versionLabel}` : ""}: {hit.title}
              </Link>
              <div className="muted">
                {hit.source} · {hit.questions.join(", ")} · {hit.meetingCode}
                {hit.status !== "active" ? ` · ${t(`review.status.${hit.status}` as const)}` : ""}
                {" · "}
                {hit.versionKind === "original" ? t("search.results.inOriginal") : t("search.results.inVersion", { label: hit.versionLabel })}
              </div>
              {hit.snippet.length > 0 ? (
                <p className="snippet" data-testid="search-snippet">
                  {hit.snippet.map((part, i) => (part.match ? <mark key={i}>{part.text}</mark> : <span key={i}>{part.text}</span>))}
                </p>
              ) : null}
            </li>
          ))}
        </ol>
      ) : null}
      {pages > 1 ? (
        <nav aria-label={t("search.results.pages")} className="rv-pagination">
          {result.page > 1 ? (
            <Link href={pageHref(result.page - 1)} prefetch={false}>
              {t("review.queue.previousPage")}
            </Link>
          ) : (
            <span />
          )}
          <span>{t("review.queue.pageOf", { page: Math.min(result.page, pages), pages })}</span>
          {result.page < pages ? (
            <Link href={pageHref(result.page + 1)} prefetch={false}>
              {t("review.queue.nextPage")}
            </Link>
          ) : (
            <span />
          )}
        </nav>
      ) : null}
    </div>
  );
}
