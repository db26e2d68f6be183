import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { listMeetingContributions } from "@/lib/data/contributions";
import { listMeetingQuestions } from "@/lib/data/questions";
import { searchContributions } from "@/lib/data/search";
import { requireActor } from "@/lib/auth/session";
import { getT } from "@/lib/i18n/server";
import { searchParamsObject } from "@/lib/validation/review";
import { searchQuery } from "@/lib/validation/search";
import { SearchResults } from "@/app/_components/search-results";
import { When } from "@/app/_components/when";
import { listHref, Pager } from "@/app/_components/pager";
import { listPageOf } from "@/lib/validation/paging";
import { LateBadge } from "@/app/_components/late-badge";
import { SearchForm } from "@/app/_components/search-form";
import { DataTable } from "@/app/_components/data-table";

type Props = { params: Promise<{ code: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { t } = await getT();
  return { title: t("member.documents.metaTitle", { code: (await params).code }) };
}

/** The meeting's list of admitted contributions, for every signed-in member. */
export default async function DocumentsPage({ params, searchParams }: Props) {
  const { code } = await params;
  const raw = searchParamsObject(await searchParams);
  const actor = await requireActor(`/meetings/${code}/documents`);
  const { t, locale } = await getT();
  // The admitted documents, by number, a page at a time: a large meeting has a couple of thousand. While a search is
  // shown, ?page= pages its results and the list stays on its first page.
  const searching = raw.q !== undefined && raw.q.trim() !== "";
  const result = listMeetingContributions(actor, code, { ...listPageOf(searching ? {} : await searchParams), admittedOnly: true });
  if (!result.ok) notFound();
  const { items: docs, total, page, pageSize } = result.value;
  const pager = <Pager page={page} pageSize={pageSize} total={total} shown={docs.length} t={t} href={(p) => listHref(`/meetings/${code}/documents`, p, pageSize)} />;
  // Search inside the documents of this meeting: ?q= with a Question and a state, as the reader may read them.
  const asked = searching;
  const parsed = searchQuery.safeParse({ ...raw, meeting: code });
  const found = asked && parsed.success ? searchContributions(actor, parsed.data.q, parsed.data) : null;
  const questions = listMeetingQuestions(actor, code);
  const pageHref = (page: number) => {
    const next = new URLSearchParams({ q: raw.q ?? "", ...(raw.question ? { question: raw.question } : {}), ...(raw.state ? { state: raw.state } : {}), page: String(page) });
    return `/meetings/${code}/documents?${next.toString()}#search-heading`;
  };
  return (
    <>
      <h1>{t("member.documents.heading", { code })}</h1>

      <section aria-labelledby="search-heading" className="no-print">
        <h2 id="search-heading">{t("search.form.heading")}</h2>
        <SearchForm
          action={`/meetings/${code}/documents#search-heading`}
          idPrefix="search"
          names={{ words: "q", state: "state" }}
          values={{ words: raw.q, state: raw.state, question: raw.question }}
          questions={questions}
          t={t}
        />
        {asked && !parsed.success ? (
          <p className="error-box" role="alert">
            {t("search.form.invalid")}
          </p>
        ) : null}
        {found?.ok ? <SearchResults result={found.value} query={raw.q ?? ""} t={t} hrefOf={(id) => `/contributions/${id}`} pageHref={pageHref} /> : null}
      </section>

      <h2>{t("search.form.allDocuments")}</h2>
      <p>{t("member.documents.count", { count: total })}</p>
      <DataTable
        testId="documents-table"
        columns={[t("member.col.number"), t("member.col.title"), t("member.field.source"), t("member.documents.questions"), t("member.col.receivedGeneva")]}
      >
        {docs.map((c) => (
          <tr key={c.id}>
            <td>
              <Link href={`/contributions/${c.id}`}>{c.displayNumber}</Link>
              {c.current && c.current.kind !== "original" ? ` ${c.current.label}` : ""}{" "}
              <LateBadge late={c.late} onTime={false} t={t} />
            </td>
            <td>{c.title}</td>
            <td>{c.source}</td>
            <td>{c.questions.join(", ")}</td>
            <td>{c.versions[0] ? <When at={c.versions[0].receivedAt} locale={locale} seconds={false} /> : "—"}</td>
          </tr>
        ))}
      </DataTable>
      {pager}
    </>
  );
}
