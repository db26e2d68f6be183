import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getContribution } from "@/lib/data/contributions";
import { comparisonFor } from "@/lib/data/compare";
import { getNoticePreferences, isFollowing } from "@/lib/data/notices";
import { requireActor } from "@/lib/auth/session";
import { fillSlots, shortHash } from "@/lib/present/format";
import { CONTRIBUTION_STATUS_KEY, lateRequestStatusLabel, PURPOSE_KEY, VERSION_STATE_KEY, versionName } from "@/lib/present/labels";
import { cutoffDistance } from "@/lib/present/durations";
import { formatBytes } from "@/lib/present/bytes";
import { formatGeneva } from "@/lib/present/time";
import { getT } from "@/lib/i18n/server";
import { settings } from "@/lib/config/settings";
import { LocalTime } from "@/app/_components/local-time";
import { When } from "@/app/_components/when";
import { VersionCompare } from "@/app/_components/version-compare";
import { setFollowAction } from "./actions";
import { ReviseForm } from "./revise-form";
import { WithdrawForm } from "./withdraw-form";
import { LateBadge } from "@/app/_components/late-badge";
import { ContactsList } from "@/app/_components/contacts-list";
import { CardSection } from "@/app/_components/card-section";
import { DataTable } from "@/app/_components/data-table";

type Props = { params: Promise<{ id: string }>; searchParams: Promise<{ from?: string; to?: string; followed?: string }> };

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getT();
  return { title: t("member.contribution.metaTitle") };
}

export default async function ContributionPage({ params, searchParams }: Props) {
  const { id } = await params;
  const { from, to, followed } = await searchParams;
  const actor = await requireActor(`/contributions/${id}`);
  const { t, locale } = await getT();
  const found = getContribution(actor, Number(id));
  if (!found.ok) notFound();
  const c = found.value;
  const canRevise = c.canChange && c.status === "active";
  const canWithdraw = c.canChange && (c.status === "active" || c.status === "late_request");
  const lateRequestStatus = c.lateRequest ? lateRequestStatusLabel(c.lateRequest.status, t) : null;
  const compare = comparisonFor(actor, c.id, c.current?.id ?? null, from, to);
  const following = isFollowing(actor, c.id);
  const notices = getNoticePreferences(actor);
  const col = {
    version: t("member.col.version"),
    received: t("member.col.received"),
    size: t("member.col.size"),
    sha256: "SHA-256",
    deadline: t("member.col.deadline"),
    state: t("member.col.state"),
    links: t("member.col.links"),
  };

  return (
    <>
      <p className="muted" style={{ margin: 0 }}>
        <Link href={`/meetings/${c.meetingCode}`}>{c.meetingTitle}</Link> ({c.meetingCode})
        {c.canChange ? (
          <>
            {" · "}
            <Link href="/contributions">{t("member.list.heading")}</Link>
          </>
        ) : null}
      </p>
      <h1>
        <span data-testid="contribution-number">{c.number === null ? t("member.contribution.lateRequestName") : c.displayNumber}</span>: {c.title}
      </h1>
      <p>
        <span className="badge" data-testid="contribution-status">
          {t(CONTRIBUTION_STATUS_KEY[c.status])}
        </span>{" "}
        <LateBadge late={c.late} onTime={Boolean(c.current)} t={t} />
      </p>

      {c.withdrawn ? (
        <div className="notice" data-testid="withdrawn">
          {fillSlots(
            c.withdrawn.by
              ? t("member.contribution.withdrawnOnBy", { time: formatGeneva(c.withdrawn.at, { locale }), name: c.withdrawn.by })
              : t("member.contribution.withdrawnOn", { time: formatGeneva(c.withdrawn.at, { locale }) }),
            { withdrawn: <strong key="withdrawn">{t(CONTRIBUTION_STATUS_KEY.withdrawn)}</strong> },
          )}{" "}
          <span className="muted">
            (<LocalTime at={c.withdrawn.at} />)
          </span>
          <p style={{ margin: ".3rem 0 0" }}>{t("member.contribution.withdrawnReason", { reason: c.withdrawn.reason })}</p>
        </div>
      ) : null}
      {c.lateRequest ? (
        <div className="notice" data-testid="late-request">
          <strong>{t("member.contribution.lateRequestLabel")}</strong> {lateRequestStatus}
          {c.lateRequest.decidedAt ? (
            <>
              {" "}
              {fillSlots(t("member.contribution.decided", { time: formatGeneva(c.lateRequest.decidedAt, { locale }) }), {
                local: <LocalTime key="local" at={c.lateRequest.decidedAt} />,
              })}
            </>
          ) : null}
          {c.lateRequest.decisionReason ? (
            <p style={{ margin: ".3rem 0 0" }}>{t("member.contribution.decisionReason", { reason: c.lateRequest.decisionReason })}</p>
          ) : null}
        </div>
      ) : null}

      <section aria-labelledby="cover-heading">
        <h2 id="cover-heading">{t("member.contribution.coverHeading")}</h2>
        <dl className="facts card">
          <dt>{t("member.col.number")}</dt>
          <dd>{c.number === null ? t("member.contribution.noNumberYet") : c.displayNumber}</dd>
          <dt>{t("member.field.reference")}</dt>
          <dd>{c.reference ?? "—"}</dd>
          <dt>{t("member.col.title")}</dt>
          <dd>{c.title}</dd>
          <dt>{t("member.submit.purpose")}</dt>
          <dd>{t(PURPOSE_KEY[c.purpose])}</dd>
          <dt>{t("member.col.questions")}</dt>
          <dd>{c.questions.join(", ") || "—"}</dd>
          <dt>{t("member.field.source")}</dt>
          <dd>{c.source}</dd>
          <dt>{t("member.submit.abstract")}</dt>
          <dd style={{ whiteSpace: "pre-line" }}>{c.abstract || "—"}</dd>
          <dt>{t("member.submit.keywords")}</dt>
          <dd>{c.keywords || "—"}</dd>
          <dt>{t("member.submit.contactsLegend")}</dt>
          <dd>
            <ContactsList contacts={c.contacts} t={t} className="plain" boldName />
          </dd>
        </dl>
      </section>

      <section aria-labelledby="versions-heading">
        <h2 id="versions-heading">{t("member.contribution.versionsHeading")}</h2>
        {c.versions.length === 0 ? (
          <p>{t("member.contribution.noVersions")}</p>
        ) : (
          <DataTable className="stack-table" testId="versions" columns={[col.version, col.received, col.size, col.sha256, col.deadline, col.state, col.links]}>
            {c.versions.map((v) => {
              const name = versionName(v, t);
              return (
                <tr key={v.id} data-testid="version-row">
                  <td data-label={col.version}>
                    <strong>{name}</strong>
                    <div className="muted break-all">{v.originalName}</div>
                    {v.note ? <div>{v.note}</div> : null}
                  </td>
                  <td data-label={col.received}>
                    <When at={v.receivedAt} locale={locale} />
                  </td>
                  <td data-label={col.size}>{formatBytes(v.size, locale)}</td>
                  <td data-label={col.sha256}>
                    <code title={v.sha256}>{shortHash(v.sha256)}</code>
                  </td>
                  <td data-label={col.deadline}>
                    <LateBadge late={v.late} t={t} />
                    <div className="muted">{cutoffDistance(v.receivedAt, c.deadlineAt, t)}</div>
                  </td>
                  <td data-label={col.state}>{t(VERSION_STATE_KEY[v.state])}</td>
                  <td data-label={col.links}>
                    <a href={`/api/v1/contributions/${c.id}/file?version=${v.id}`} download>
                      {t("member.contribution.download")}
                      <span className="visually-hidden"> {name}</span>
                    </a>
                    {" · "}
                    <Link href={`/contributions/${c.id}/receipt?version=${v.id}`}>
                      {t("member.list.receipt")}
                      <span className="visually-hidden"> {t("member.contribution.ofVersion", { version: name })}</span>
                    </Link>
                  </td>
                </tr>
              );
            })}
          </DataTable>
        )}
      </section>

      {compare ? <VersionCompare {...compare} path={`/contributions/${c.id}`} t={t} locale={locale} /> : null}

      <section aria-labelledby="follow-heading" id="follow" className="no-print">
        <h2 id="follow-heading">{t("search.follow.heading")}</h2>
        <form action={setFollowAction} className="rv-row-form">
          <input type="hidden" name="contributionId" value={c.id} />
          <input type="hidden" name="follow" value={following ? "0" : "1"} />
          <p style={{ margin: 0 }} data-testid="follow-state">
            {following ? t("search.follow.following") : t("search.follow.notFollowing")}
          </p>
          <button type="submit" className={following ? "secondary" : "primary"}>
            {following ? t("search.follow.unfollow") : t("search.follow.follow")}
          </button>
        </form>
        {followed === "1" || followed === "0" ? (
          <p className="muted" role="status">
            {followed === "1" ? t("search.follow.done") : t("search.follow.undone")}
          </p>
        ) : null}
        <p className="muted">
          {notices.mode === "none"
            ? t("search.follow.noticesOff")
            : notices.mode === "daily"
              ? t("search.follow.noticesDaily", { hour: String(notices.digestHour).padStart(2, "0") })
              : t("search.follow.noticesImmediate")}{" "}
          <Link href="/account#notices-heading">{t("search.follow.change")}</Link>
        </p>
      </section>

      {c.canChange ? (
        <section aria-labelledby="comments-heading">
          <h2 id="comments-heading">{t("member.contribution.commentsHeading")}</h2>
          {c.sharedComments.length === 0 ? (
            <p className="muted">{t("member.contribution.noComments")}</p>
          ) : (
            <ul className="plain comments">
              {c.sharedComments.map((m, i) => (
                <li key={`${m.at}-${i}`} className="card">
                  <p style={{ margin: 0 }}>
                    <strong>{m.author}</strong>, {formatGeneva(m.at, { seconds: false, locale })} <LocalTime at={m.at} />
                  </p>
                  <p style={{ margin: ".3rem 0 0", whiteSpace: "pre-line" }}>{m.body}</p>
                </li>
              ))}
            </ul>
          )}
        </section>
      ) : null}

      {canRevise ? (
        <CardSection id="revise-heading" heading={t("member.revise.heading")}>
          <p className="muted">{t("member.revise.intro", { number: c.displayNumber })}</p>
          <ReviseForm contributionId={c.id} maxUploadBytes={settings().maxUploadBytes} />
        </CardSection>
      ) : null}

      {canWithdraw ? (
        <CardSection id="withdraw-heading" heading={t("member.withdraw.heading")}>
          <WithdrawForm contributionId={c.id} name={c.number === null ? null : c.displayNumber} />
        </CardSection>
      ) : null}
    </>
  );
}
