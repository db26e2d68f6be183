import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { ActionForm } from "@/app/_components/action-form";
import { ArrivalsChart } from "@/app/_components/arrivals-chart";
import { LocalTime } from "@/app/_components/local-time";
import { deferralTargets } from "@/lib/data/late-decisions";
import { LocalBeside, When } from "@/app/_components/when";
import { buildLateReport, type LateArrivalRow, type LateRequestRow } from "@/lib/data/late-report";
import { getMeeting } from "@/lib/data/meetings";
import { requireActor } from "@/lib/auth/session";
import { formatGeneva } from "@/lib/present/time";
import { describeLateness } from "@/lib/present/durations";
import { LATE_REQUEST_STATUS_KEY } from "@/lib/present/labels";
import { getT } from "@/lib/i18n/server";
import type { MessageKey } from "@/lib/i18n/translate";
import { decideLateRequestAction } from "../actions";
import { LateBadge } from "@/app/_components/late-badge";
import { CardSection } from "@/app/_components/card-section";
import { DataTable } from "@/app/_components/data-table";

type Props = { params: Promise<{ code: string }>; searchParams: Promise<{ page?: string }> };

/** Requests awaiting a decision per page (each with its decision form), and rows shown of the other lists. */
const AWAITING_PAGE_SIZE = 20;
const LIST_LIMIT = 25;

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { t } = await getT();
  return { title: t("report.late.metaTitle", { code: (await params).code }) };
}

const REFUSAL: Record<string, MessageKey> = {
  deadline_passed: "report.late.refusal.deadline_passed",
  forbidden: "report.late.refusal.forbidden",
  unsupported_type: "report.late.refusal.unsupported_type",
  invalid: "report.late.refusal.invalid",
  conflict: "report.late.refusal.conflict",
  executable: "report.late.refusal.executable",
  macro_enabled: "report.late.refusal.macro_enabled",
  zip_bomb: "report.late.refusal.zip_bomb",
  unsafe_archive: "report.late.refusal.unsafe_archive",
  type_mismatch: "report.late.refusal.type_mismatch",
  empty: "report.late.refusal.empty",
};

const ATTEMPT: Record<string, MessageKey> = {
  submit: "report.late.attempt.submit",
  revise: "report.late.attempt.revise",
  late_request: "report.late.attempt.late_request",
};

const ADMITTED_VIA: Record<LateArrivalRow["admittedVia"], MessageKey> = {
  extension: "report.late.via.extension",
  "late request": "report.late.via.lateRequest",
};

export default async function LateReportPage({ params, searchParams }: Props) {
  const { code } = await params;
  const actor = await requireActor(`/meetings/${code}/late-report`);
  const { t, locale } = await getT();
  const result = buildLateReport(actor, code, { awaitingPage: Number((await searchParams).page ?? 1), awaitingPageSize: AWAITING_PAGE_SIZE, listLimit: LIST_LIMIT });
  if (!result.ok) notFound();
  const r = result.value;
  const meeting = getMeeting(actor, code);
  const targets = meeting.ok ? deferralTargets(actor, meeting.value.id) : [];
  const s = r.summary;
  const decide = decideLateRequestAction.bind(null, code);
  const deadlineAt = r.meeting.deadlineAt;
  const awaiting = r.lateRequests.filter((x) => x.status === "awaiting_decision");
  const decided = r.lateRequests.filter((x) => x.status !== "awaiting_decision");
  const decidedCount = s.admitted + s.deferred + s.reissuedAsTd + s.declined;
  const paging = r.awaitingPage ?? { page: 1, pages: 1, pageSize: AWAITING_PAGE_SIZE };
  const pageHref = (n: number) => `/meetings/${code}/late-report${n > 1 ? `?page=${n}` : ""}#awaiting-h`;
  const pagerLinks =
    paging.pages > 1 ? (
      <>
        {paging.page > 1 ? <Link href={pageHref(paging.page - 1)}>{t("report.late.previousPage", { n: paging.pageSize })}</Link> : null}{" "}
        <span aria-current="page">
          {t("report.late.pageOf", {
            from: (paging.page - 1) * paging.pageSize + 1,
            to: Math.min(paging.page * paging.pageSize, s.awaitingDecision),
            count: s.awaitingDecision,
            page: paging.page,
            pages: paging.pages,
          })}
        </span>{" "}
        {paging.page < paging.pages ? <Link href={pageHref(paging.page + 1)}>{t("report.late.nextPage", { n: paging.pageSize })}</Link> : null}
      </>
    ) : null;
  // One navigation landmark above the requests; the same links again below them, for whoever scrolled down.
  const pager = pagerLinks ? (
    <nav aria-label={t("report.late.pagerLabel")} className="pager no-print">
      {pagerLinks}
    </nav>
  ) : null;

  /** "The 50 most recent of 312 are shown; the CSV export lists them all." when a list is cut. */
  const MoreInCsv = ({ shown, count }: { shown: number; count: number }) =>
    count > shown ? <p className="muted">{t("report.late.mostRecentOnly", { shown, count })}</p> : null;

  /** One request: who, what, when, how late, the decision if there is one; `children` is the decision form. */
  const RequestCard = ({ x, children }: { x: LateRequestRow; children?: React.ReactNode }) => (
    <article className="card" data-testid={`late-request-${x.id}`}>
      <h3 style={{ marginTop: 0 }}>
        {x.kind === "new" ? t("report.late.lateContribution") : t("report.late.lateVersion", { version: x.versionLabel, number: x.displayNumber })}: {x.title}{" "}
        <LateBadge late t={t} /> <span className="badge">{t(LATE_REQUEST_STATUS_KEY[x.status])}</span>
      </h3>
      <dl className="facts">
        <dt>{t("report.late.from")}</dt>
        <dd>
          {x.member} ({x.memberEmail}), {x.organisation}
        </dd>
        <dt>{t("report.late.questions")}</dt>
        <dd>{x.questions.join(", ") || "—"}</dd>
        <dt>{t("report.late.received")}</dt>
        <dd>
          <When at={x.receivedAt} locale={locale} inline /> — {describeLateness(x.receivedAt, deadlineAt, t)}
        </dd>
        {x.explanation ? (
          <>
            <dt>{t("report.late.explanation")}</dt>
            <dd>{x.explanation}</dd>
          </>
        ) : null}
        {x.status !== "awaiting_decision" ? (
          <>
            <dt>{t("report.late.decision")}</dt>
            <dd>
              {t(LATE_REQUEST_STATUS_KEY[x.status])}
              {x.deferredTo ? ` ${t("report.late.deferredTo", { meeting: x.deferredTo })}` : ""}
              {x.tdReference ? ` ${t("report.late.asTd", { reference: x.tdReference })}` : ""}{" "}
              {t("report.late.decidedBy", {
                who: x.decidedBy ?? "",
                date: x.decidedAt ? formatGeneva(x.decidedAt, { seconds: false, locale }) : "",
                reason: x.decisionReason ?? "",
              })}
              {x.decidedAt ? (
                <>
                  {" "}
                  <LocalBeside at={x.decidedAt} />
                </>
              ) : null}
            </dd>
          </>
        ) : null}
      </dl>
      <p>
        <Link href={`/contributions/${x.contributionId}`}>{t("report.late.openDocument")}</Link>
      </p>
      {children}
    </article>
  );
  return (
    <>
      <h1>{t("report.late.title", { code: r.meeting.code })}</h1>
      <p>
        {t("report.late.dueBefore", { title: r.meeting.title })} <strong>{formatGeneva(deadlineAt, { seconds: false, locale })}</strong>{" "}
        {t("report.late.genevaTime")} (<LocalTime at={deadlineAt} label={t("report.late.yourTime")} />
        ).
      </p>
      <p className="no-print">
        <a href={`/api/v1/meetings/${code}/late-report?format=csv`}>{t("report.late.exportCsv")}</a> ·{" "}
        <Link href={`/meetings/${code}/manage`}>{t("report.late.manageLink")}</Link>
      </p>

      <CardSection id="summary-h" heading={t("report.late.summary")}>
        <dl className="facts" data-testid="late-summary">
          <dt>{t("report.late.summary.awaiting")}</dt>
          <dd data-testid="count-awaiting">{s.awaitingDecision}</dd>
          <dt>{t("report.late.summary.decided")}</dt>
          <dd>
            {s.admitted} / {s.deferred} / {s.reissuedAsTd} / {s.declined}
          </dd>
          <dt>{t("report.late.summary.lateContributions")}</dt>
          <dd data-testid="count-late-contributions">{s.lateContributions}</dd>
          <dt>{t("report.late.summary.lateRevisions")}</dt>
          <dd>{s.lateRevisions}</dd>
          <dt>{t("report.late.summary.extensions")}</dt>
          <dd>{s.activeExtensions}</dd>
          <dt>{t("report.late.summary.refused")}</dt>
          <dd>
            {s.refusedAttempts} ({s.refusedAfterDeadline})
          </dd>
        </dl>
      </CardSection>

      <section aria-labelledby="chart-h">
        <h2 id="chart-h">{t("report.late.arrivals")}</h2>
        <ArrivalsChart buckets={r.arrivals} deadlineAt={deadlineAt} />
      </section>

      <section aria-labelledby="awaiting-h">
        <h2 id="awaiting-h">{t("report.late.awaitingTitle", { count: s.awaitingDecision })}</h2>
        {awaiting.length === 0 ? <p>{t("report.late.none")}</p> : null}
        {pager}
        {awaiting.map((x) => (
          <RequestCard key={x.id} x={x}>
            <ActionForm action={decide} submitLabel={t("report.late.recordDecision")} label={t("report.late.decideRequest", { id: x.id })} className="stack no-print">
              <input type="hidden" name="requestId" value={x.id} />
              <fieldset>
                <legend>{t("report.late.decision")}</legend>
                <label style={{ fontWeight: 400 }}>
                  <input type="radio" name="decision" value="admit" required /> {t("report.late.admit")}
                </label>
                {x.kind === "new" ? (
                  <label style={{ fontWeight: 400 }}>
                    <input type="radio" name="decision" value="defer" /> {t("report.late.defer")}
                  </label>
                ) : null}
                <label style={{ fontWeight: 400 }}>
                  <input type="radio" name="decision" value="reissue_as_td" /> {t("report.late.reissue")}
                </label>
                <label style={{ fontWeight: 400 }}>
                  <input type="radio" name="decision" value="decline" /> {t("report.late.decline")}
                </label>
              </fieldset>
              {x.kind === "new" ? (
                <div>
                  <label htmlFor={`defer-${x.id}`}>{t("report.late.laterMeeting")}</label>
                  <select id={`defer-${x.id}`} name="deferTo" defaultValue="">
                    <option value="">—</option>
                    {targets.map((target) => (
                      <option key={target.code} value={target.code}>
                        {target.code} ({target.firstDay})
                      </option>
                    ))}
                  </select>
                </div>
              ) : null}
              <div>
                <label htmlFor={`td-${x.id}`}>{t("report.late.tdReference")}</label>
                <input id={`td-${x.id}`} name="tdReference" type="text" />
              </div>
              <div>
                <label htmlFor={`reason-${x.id}`}>{t("report.late.reason")}</label>
                <textarea id={`reason-${x.id}`} name="reason" required minLength={3} rows={2} />
              </div>
            </ActionForm>
          </RequestCard>
        ))}
        {awaiting.length > 0 && pagerLinks ? <div className="pager no-print">{pagerLinks}</div> : null}
      </section>

      <section aria-labelledby="decided-h">
        <h2 id="decided-h">{t("report.late.decidedTitle", { count: decidedCount })}</h2>
        {decided.length === 0 ? <p>{t("report.late.none")}</p> : null}
        <MoreInCsv shown={decided.length} count={decidedCount} />
        {decided.map((x) => (
          <RequestCard key={x.id} x={x} />
        ))}
      </section>

      <section aria-labelledby="admitted-h">
        <h2 id="admitted-h">{t("report.late.lateDocuments")}</h2>
        {r.lateContributions.length + r.lateRevisions.length === 0 ? (
          <p>{t("report.late.none")}</p>
        ) : (
          <DataTable
            above={<MoreInCsv shown={r.lateContributions.length + r.lateRevisions.length} count={s.lateContributions + s.lateRevisions} />}
            columns={[
              t("report.late.col.document"), t("report.late.col.title"), t("report.late.col.source"), t("report.late.col.questions"),
              t("report.late.col.received"), t("report.late.col.howLate"), t("report.late.col.admittedVia"),
            ]}
          >
            {[...r.lateContributions, ...r.lateRevisions]
              .sort((a, b) => b.receivedAt - a.receivedAt)
              .map((x) => (
                <tr key={x.versionId}>
                  <td>
                    <Link href={`/contributions/${x.contributionId}`}>
                      {x.displayNumber}
                      {x.versionLabel ? ` ${x.versionLabel}` : ""}
                    </Link>{" "}
                    <LateBadge late t={t} />
                  </td>
                  <td>{x.title}</td>
                  <td>
                    {x.organisation} ({x.member})
                  </td>
                  <td>{x.questions.join(", ")}</td>
                  <td>
                    <When at={x.receivedAt} locale={locale} weekday={false} />
                  </td>
                  <td>{describeLateness(x.receivedAt, deadlineAt, t)}</td>
                  <td>{t(ADMITTED_VIA[x.admittedVia])}</td>
                </tr>
              ))}
          </DataTable>
        )}
      </section>

      <section aria-labelledby="ext-h">
        <h2 id="ext-h">{t("report.late.extensions")}</h2>
        {r.extensions.length === 0 ? (
          <p>{t("report.late.none")}</p>
        ) : (
          <ul>
            {r.extensions.map((e) => (
              <li key={e.id}>
                {t("report.late.extension", {
                  who: e.organisationName ?? `${e.userName} (${e.userEmail})`,
                  date: formatGeneva(e.untilAt, { seconds: false, locale }),
                  grantedBy: e.grantedBy,
                  reason: e.reason,
                })}{" "}
                <LocalBeside at={e.untilAt} />
                {e.revokedAt
                  ? `${t("report.late.extensionRevoked", { date: formatGeneva(e.revokedAt, { seconds: false, locale }), who: String(e.revokedBy) })}${e.revokeReason ? t("report.late.revokeReason", { reason: e.revokeReason }) : ""}`
                  : ""}
              </li>
            ))}
          </ul>
        )}
      </section>

      <section aria-labelledby="refused-h">
        <h2 id="refused-h">{t("report.late.refused", { count: s.refusedAttempts })}</h2>
        {r.refused.length === 0 ? (
          <p>{t("report.late.none")}</p>
        ) : (
          <DataTable
            testId="refused-table"
            above={<MoreInCsv shown={r.refused.length} count={s.refusedAttempts} />}
            columns={[t("report.late.col.when"), t("report.late.col.member"), t("report.late.col.attempt"), t("report.late.col.why"), t("report.late.col.file")]}
          >
            {r.refused.map((x, i) => (
              <tr key={i}>
                <td>
                  <When at={x.at} locale={locale} weekday={false} />
                  {x.lateByMs !== null ? <div className="muted">{describeLateness(x.at, deadlineAt, t)}</div> : null}
                </td>
                <td>
                  {x.member ?? "—"}
                  {x.organisation ? `, ${x.organisation}` : ""}
                </td>
                <td>{Object.hasOwn(ATTEMPT, x.action) ? t(ATTEMPT[x.action]) : x.action.replace("_", " ")}</td>
                <td>{Object.hasOwn(REFUSAL, x.code) ? t(REFUSAL[x.code]) : x.code}</td>
                <td style={{ overflowWrap: "anywhere" }}>{x.fileName ?? "—"}</td>
              </tr>
            ))}
          </DataTable>
        )}
      </section>
    </>
  );
}
