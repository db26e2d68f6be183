import type { Metadata } from "next";
import Link from "next/link";
import { listOrganisationContributions, type ContributionDto } from "@/lib/data/contributions";
import { listMeetings } from "@/lib/data/meetings";
import { requireActor } from "@/lib/auth/session";
import { fillSlots } from "@/lib/present/format";
import { CONTRIBUTION_STATUS_KEY, versionName } from "@/lib/present/labels";
import { getT } from "@/lib/i18n/server";
import { When } from "@/app/_components/when";
import { listHref, Pager } from "@/app/_components/pager";
import { listPageOf } from "@/lib/validation/paging";
import { LateBadge } from "@/app/_components/late-badge";
import { DataTable } from "@/app/_components/data-table";

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getT();
  return { title: t("member.list.heading") };
}

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

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function MyContributionsPage({ searchParams }: Props) {
  const actor = await requireActor("/contributions");
  const { t, locale } = await getT();
  if (!actor.organisation) {
    return (
      <>
        <h1>{t("member.list.heading")}</h1>
        <p>{t("member.list.noOrganisation")}</p>
      </>
    );
  }
  // Newest first, a page at a time: ten years of a large member are tens of thousands of documents.
  const paging = listPageOf(await searchParams);
  const list = listOrganisationContributions(actor, paging);
  const groups = byMeeting(list.items);
  const meetings = list.total === 0 ? listMeetings(actor) : [];
  const pager = (
    <Pager page={list.page} pageSize={list.pageSize} total={list.total} shown={list.items.length} t={t} href={(page) => listHref("/contributions", page, list.pageSize)} />
  );
  const col = {
    number: t("member.col.number"),
    title: t("member.col.title"),
    questions: t("member.col.questions"),
    status: t("member.col.status"),
    version: t("member.col.version"),
    received: t("member.col.received"),
    deadline: t("member.col.deadline"),
    links: t("member.col.links"),
  };

  return (
    <>
      <h1>{t("member.list.heading")}</h1>
      <p className="muted">{t("member.list.intro", { organisation: actor.organisation.name })}</p>
      {list.total === 0 ? (
        <div className="card" data-testid="no-contributions">
          <p style={{ marginTop: 0 }}>{t("member.list.none")}</p>
          {meetings.length > 0 ? (
            <ul style={{ marginBottom: 0 }}>
              {meetings.map((m) => (
                <li key={m.code}>
                  {fillSlots(t("member.list.submitTo"), {
                    link: (
                      <Link key="link" href={`/meetings/${m.code}/submit`}>
                        {t("member.list.submitNew")}
                      </Link>
                    ),
                    meeting: m.title,
                  })}
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
            <Link href={`/meetings/${g.code}/submit`}>{t("member.list.submitNew")}</Link>
          </p>
          <DataTable className="stack-table" columns={[col.number, col.title, col.questions, col.status, col.version, col.received, col.deadline, col.links]}>
            {g.items.map((c) => {
              const v = c.current;
              return (
                <tr key={c.id} data-testid="contribution-row">
                  <td data-label={col.number} className="nowrap">
                    {c.number === null ? t("member.list.lateRequest") : c.displayNumber}
                  </td>
                  <td data-label={col.title}>
                    <Link href={`/contributions/${c.id}`}>{c.title}</Link>
                  </td>
                  <td data-label={col.questions}>{c.questions.join(", ")}</td>
                  <td data-label={col.status}>{t(CONTRIBUTION_STATUS_KEY[c.status])}</td>
                  <td data-label={col.version}>{v ? versionName(v, t) : "—"}</td>
                  <td data-label={col.received}>
                    {v ? <When at={v.receivedAt} locale={locale} /> : "—"}
                  </td>
                  <td data-label={col.deadline}>
                    {v ? <LateBadge late={v.late} t={t} /> : "—"}
                  </td>
                  <td data-label={col.links}>
                    <Link href={`/contributions/${c.id}`}>
                      {t("member.list.details")}
                      <span className="visually-hidden"> {t("member.list.detailsOf", { title: c.title })}</span>
                    </Link>
                    {v ? (
                      <>
                        {" · "}
                        <Link href={`/contributions/${c.id}/receipt?version=${v.id}`}>
                          {t("member.list.receipt")}
                          <span className="visually-hidden"> {t("member.list.receiptOf", { title: c.title })}</span>
                        </Link>
                      </>
                    ) : null}
                  </td>
                </tr>
              );
            })}
          </DataTable>
        </section>
      ))}
      {pager}
    </>
  );
}
