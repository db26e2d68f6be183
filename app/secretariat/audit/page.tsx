import { describeFailure } from "@/lib/present/failures";
import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import {
  auditQueryString,
  listAudit,
  listAuditActions,
  parseAuditQuery,
  type AuditFilters,
} from "@/lib/data/audit-log";
import { requireActor } from "@/lib/auth/session";
import { toGenevaLocalInput } from "@/lib/time/geneva";
import { formatUtc } from "@/lib/present/time";
import { INTL_LOCALE } from "@/lib/i18n/config";
import { getT } from "@/lib/i18n/server";
import type { MessageKey, Translator } from "@/lib/i18n/translate";
import { When } from "@/app/_components/when";
import { DataTable } from "@/app/_components/data-table";
import { PageSizeField } from "@/app/_components/filter-options";

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getT();
  return { title: t("secretariat.audit.title") };
}

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

const ENTITY_KEY: Record<string, MessageKey> = {
  api_token: "secretariat.audit.entity.api_token",
  clock: "secretariat.audit.entity.clock",
  contribution: "secretariat.audit.entity.contribution",
  extension: "secretariat.audit.entity.extension",
  late_request: "secretariat.audit.entity.late_request",
  meeting: "secretariat.audit.entity.meeting",
  meeting_session: "secretariat.audit.entity.meeting_session",
  organisation: "secretariat.audit.entity.organisation",
  user: "secretariat.audit.entity.user",
};

/** "user 7" in the reader's language; an entity type we have no name for is shown as stored. */
function entityText(type: string | null | undefined, id: string | number | null | undefined, t: Translator): string {
  const name = type ? (Object.hasOwn(ENTITY_KEY, type) ? t(ENTITY_KEY[type]) : type) : null;
  return [name, id].filter(Boolean).join(" ");
}

function first(v: string | string[] | undefined): string {
  return (Array.isArray(v) ? v[0] : v)?.trim() ?? "";
}

export default async function AuditPage({ searchParams }: Props) {
  const actor = await requireActor("/secretariat/audit");
  const raw = await searchParams;
  const parsed = parseAuditQuery(raw);
  const filters: AuditFilters = parsed.ok ? parsed.value : {};
  const result = listAudit(actor, filters);
  if (!result.ok) notFound();
  const { rows, total, page, pages, pageSize } = result.value;
  const actions = listAuditActions(actor);
  const filtered = Boolean(filters.action || filters.actorEmail || filters.entityType || filters.entityId || filters.meetingCode || filters.from || filters.to);
  const csvHref = `/api/v1/audit${auditQueryString({ ...filters, page: undefined, pageSize: undefined }, { format: "csv" })}`;
  const firstRow = total === 0 ? 0 : (page - 1) * pageSize + 1;
  const lastRow = (page - 1) * pageSize + rows.length;
  // Typed text that did not parse stays in its field, so that it can be corrected.
  const timeValue = (key: "from" | "to") => (filters[key] !== undefined ? toGenevaLocalInput(filters[key]) : first(raw[key]));
  const { t, locale } = await getT();
  const num = new Intl.NumberFormat(INTL_LOCALE[locale]);
  // The subject is bold inside the sentence: split the translated sentence around it.
  const [beforeSubject, afterSubject] = t("secretariat.audit.showingAbout").split("{subject}");

  return (
    <>
      <h1>{t("secretariat.audit.title")}</h1>
      <p>{t("secretariat.audit.intro")}</p>

      <form method="get" className="sec-filters card no-print" aria-label={t("secretariat.audit.filterLabel")}>
        {filters.entityType === undefined ? null : <input type="hidden" name="entity" value={filters.entityType} />}
        {filters.entityId === undefined ? null : <input type="hidden" name="entityId" value={filters.entityId} />}
        <div>
          <label htmlFor="f-action">{t("secretariat.audit.action")}</label>
          <p id="f-action-hint" className="hint">
            {t("secretariat.audit.actionHint")}
          </p>
          <input id="f-action" name="action" type="text" list="f-action-list" defaultValue={filters.action ?? ""} aria-describedby="f-action-hint" />
          <datalist id="f-action-list">
            {actions.map((a) => (
              <option key={a} value={a} />
            ))}
          </datalist>
        </div>
        <div>
          <label htmlFor="f-actor">{t("secretariat.audit.actorEmail")}</label>
          <input id="f-actor" name="actor" type="email" defaultValue={filters.actorEmail ?? ""} />
        </div>
        <div>
          <label htmlFor="f-meeting">{t("secretariat.audit.meetingCode")}</label>
          <input id="f-meeting" name="meeting" type="text" placeholder="SG20-2020-07" defaultValue={filters.meetingCode ?? ""} />
        </div>
        <div>
          <label htmlFor="f-from">{t("secretariat.audit.from")}</label>
          <input id="f-from" name="from" type="datetime-local" defaultValue={timeValue("from")} />
        </div>
        <div>
          <label htmlFor="f-to">{t("secretariat.audit.to")}</label>
          <input id="f-to" name="to" type="datetime-local" defaultValue={timeValue("to")} />
        </div>
        <PageSizeField label={t("secretariat.audit.perPage")} value={pageSize} />
        <div className="actions">
          <button type="submit" className="primary">
            {t("secretariat.audit.apply")}
          </button>
          {filtered ? <Link href="/secretariat/audit">{t("secretariat.audit.clear")}</Link> : null}
        </div>
      </form>
      {!parsed.ok ? (
        <div className="error-box" role="alert">
          {t("secretariat.audit.wholeLogShown", { message: describeFailure(parsed, locale) })}
        </div>
      ) : null}
      {filters.entityType || filters.entityId ? (
        <p>
          {beforeSubject}
          <strong>{entityText(filters.entityType, filters.entityId, t)}</strong>
          {afterSubject}
        </p>
      ) : null}

      <p className="actions no-print">
        <a href={csvHref} download>
          {t("secretariat.audit.exportCsv")}
        </a>
        <span className="muted">{t("secretariat.audit.exportNote")}</span>
      </p>

      <h2 id="audit-h">
        {total === 0
          ? t("secretariat.audit.noEntry")
          : t("secretariat.audit.entries", { first: num.format(firstRow), last: num.format(lastRow), total: num.format(total) })}
        {filtered ? ` ${t("secretariat.audit.filtered")}` : ""}
      </h2>
      {rows.length > 0 ? (
        <DataTable
          className="stack-table audit-table"
          labelledBy="audit-h"
          testId="audit-rows"
          columns={[
            t("secretariat.audit.col.whenGeneva"), t("secretariat.audit.col.whenUtc"), t("secretariat.audit.col.actor"), t("secretariat.audit.col.action"),
            t("secretariat.audit.col.entity"), t("secretariat.audit.col.meeting"), t("secretariat.audit.col.details"),
          ]}
        >
          {rows.map((r) => (
            <tr key={r.id} data-testid="audit-row">
              <td data-label={t("secretariat.audit.col.whenGeneva")}>
                <When at={r.at} locale={locale} />
              </td>
              <td data-label={t("secretariat.audit.col.whenUtc")}>{formatUtc(r.at, locale)}</td>
              <td data-label={t("secretariat.audit.col.actor")}>
                {r.actorEmail ? (
                  <>
                    {r.actorName}
                    <div className="muted break-all">{r.actorEmail}</div>
                  </>
                ) : (
                  <span className="muted">{t("secretariat.audit.system")}</span>
                )}
              </td>
              <td data-label={t("secretariat.audit.col.action")}>
                <code>{r.action}</code>
              </td>
              <td data-label={t("secretariat.audit.col.entity")}>
                {r.entityType === "user" && r.entityId ? (
                  <Link href={`/secretariat/accounts/${r.entityId}`}>{entityText(r.entityType, r.entityId, t)}</Link>
                ) : (
                  entityText(r.entityType, r.entityId, t)
                )}
              </td>
              <td data-label={t("secretariat.audit.col.meeting")}>{r.meetingCode ?? <span className="muted">—</span>}</td>
              <td data-label={t("secretariat.audit.col.details")}>
                <code className="audit-details">{JSON.stringify(r.details)}</code>
              </td>
            </tr>
          ))}
        </DataTable>
      ) : (
        <p>{t("secretariat.audit.noMatch")}</p>
      )}

      {pages > 1 ? (
        <nav aria-label={t("secretariat.audit.pagerLabel")} className="pager no-print">
          {page > 1 ? (
            <Link href={`/secretariat/audit${auditQueryString({ ...filters, page: page - 1, pageSize })}`} rel="prev">
              {t("secretariat.audit.previous")}
            </Link>
          ) : null}
          <span aria-current="page">{t("secretariat.audit.pageOf", { page: num.format(page), pages: num.format(pages) })}</span>
          {page < pages ? (
            <Link href={`/secretariat/audit${auditQueryString({ ...filters, page: page + 1, pageSize })}`} rel="next">
              {t("secretariat.audit.next")}
            </Link>
          ) : null}
        </nav>
      ) : null}
    </>
  );
}
