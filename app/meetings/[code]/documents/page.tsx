import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { listMeetingContributions } from "@/lib/data/contributions";
import { requireActor } from "@/lib/auth/session";
import { getT } from "@/lib/i18n/server";
import { When } from "@/app/_components/when";
import { listHref, Pager } from "@/app/_components/pager";
import { listPageOf } from "@/lib/validation/paging";

type Props = { params: Promise<{ code: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { t } = await getT();
  return { title: t("member.documents.metaTitle", { code: (await params).code }) };
}

/** The meeting's list of admitted contributions, for every signed-in member. */
export default async function DocumentsPage({ params, searchParams }: Props) {
  const { code } = await params;
  const actor = await requireActor(`/meetings/${code}/documents`);
  const { t, locale } = await getT();
  // The admitted documents, by number, a page at a time: a large meeting has a couple of thousand.
  const result = listMeetingContributions(actor, code, { ...listPageOf(await searchParams), admittedOnly: true });
  if (!result.ok) notFound();
  const { items: docs, total, page, pageSize } = result.value;
  const pager = <Pager page={page} pageSize={pageSize} total={total} shown={docs.length} t={t} href={(p) => listHref(`/meetings/${code}/documents`, p, pageSize)} />;
  return (
    <>
      <h1>{t("member.documents.heading", { code })}</h1>
      <p>{t("member.documents.count", { count: total })}</p>
      <div className="table-wrap">
        <table data-testid="documents-table">
          <thead>
            <tr>
              <th scope="col">{t("member.col.number")}</th>
              <th scope="col">{t("member.col.title")}</th>
              <th scope="col">{t("member.field.source")}</th>
              <th scope="col">{t("member.documents.questions")}</th>
              <th scope="col">{t("member.col.receivedGeneva")}</th>
            </tr>
          </thead>
          <tbody>
            {docs.map((c) => (
              <tr key={c.id}>
                <td>
                  <Link href={`/contributions/${c.id}`}>{c.displayNumber}</Link>
                  {c.current && c.current.kind !== "original" ? ` ${c.current.label}` : ""}{" "}
                  {c.late ? <span className="badge late">{t("member.badge.late")}</span> : null}
                </td>
                <td>{c.title}</td>
                <td>{c.source}</td>
                <td>{c.questions.join(", ")}</td>
                <td>{c.versions[0] ? <When at={c.versions[0].receivedAt} locale={locale} seconds={false} /> : "—"}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {pager}
    </>
  );
}
