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
import { requireActor } from "@/lib/data/session";
import { formatGeneva, formatUtc, toGenevaLocalInput } from "@/lib/geneva-time";

export const metadata: Metadata = { title: "Audit log" };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

const PAGE_SIZES = [25, 50, 100, 200];

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

  return (
    <>
      <h1>Audit log</h1>
      <p>
        Every change made in the tracker, newest first: entries of your study groups&apos; meetings and those tied to no meeting (accounts, sign-ins,
        tokens). Entries can be neither edited nor deleted.
      </p>

      <form method="get" className="sec-filters card no-print" aria-label="Filter the audit log">
        {filters.entityType === undefined ? null : <input type="hidden" name="entity" value={filters.entityType} />}
        {filters.entityId === undefined ? null : <input type="hidden" name="entityId" value={filters.entityId} />}
        <div>
          <label htmlFor="f-action">Action</label>
          <p id="f-action-hint" className="hint">
            e.g. user.create, or user for every user.* action
          </p>
          <input id="f-action" name="action" type="text" list="f-action-list" defaultValue={filters.action ?? ""} aria-describedby="f-action-hint" />
          <datalist id="f-action-list">
            {actions.map((a) => (
              <option key={a} value={a} />
            ))}
          </datalist>
        </div>
        <div>
          <label htmlFor="f-actor">Actor&apos;s e-mail</label>
          <input id="f-actor" name="actor" type="email" defaultValue={filters.actorEmail ?? ""} />
        </div>
        <div>
          <label htmlFor="f-meeting">Meeting code</label>
          <input id="f-meeting" name="meeting" type="text" placeholder="SG20-2020-07" defaultValue={filters.meetingCode ?? ""} />
        </div>
        <div>
          <label htmlFor="f-from">From (Geneva time)</label>
          <input id="f-from" name="from" type="datetime-local" defaultValue={timeValue("from")} />
        </div>
        <div>
          <label htmlFor="f-to">Until (Geneva time, not included)</label>
          <input id="f-to" name="to" type="datetime-local" defaultValue={timeValue("to")} />
        </div>
        <div>
          <label htmlFor="f-size">Per page</label>
          <select id="f-size" name="pageSize" defaultValue={String(pageSize)}>
            {PAGE_SIZES.map((n) => (
              <option key={n} value={n}>
                {n}
              </option>
            ))}
          </select>
        </div>
        <div className="actions">
          <button type="submit" className="primary">
            Apply filters
          </button>
          {filtered ? <Link href="/secretariat/audit">Clear filters</Link> : null}
        </div>
      </form>
      {!parsed.ok ? (
        <div className="error-box" role="alert">
          {parsed.message} The whole log is shown instead.
        </div>
      ) : null}
      {filters.entityType || filters.entityId ? (
        <p>
          Showing entries about <strong>{[filters.entityType, filters.entityId].filter(Boolean).join(" ")}</strong> only.
        </p>
      ) : null}

      <p className="actions no-print">
        <a href={csvHref} download>
          Export CSV
        </a>
        <span className="muted">(every entry that matches the filters, not only this page)</span>
      </p>

      <h2 id="audit-h">
        {total === 0 ? "No entry" : `Entries ${firstRow}–${lastRow} of ${total}`}
        {filtered ? " (filtered)" : ""}
      </h2>
      {rows.length > 0 ? (
        <div className="table-wrap">
          <table className="stack-table audit-table" aria-labelledby="audit-h" data-testid="audit-rows">
            <thead>
              <tr>
                <th scope="col">When (Geneva)</th>
                <th scope="col">When (UTC)</th>
                <th scope="col">Actor</th>
                <th scope="col">Action</th>
                <th scope="col">Entity</th>
                <th scope="col">Meeting</th>
                <th scope="col">Details</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={r.id} data-testid="audit-row">
                  <td data-label="When (Geneva)">{formatGeneva(r.at)}</td>
                  <td data-label="When (UTC)">{formatUtc(r.at)}</td>
                  <td data-label="Actor">
                    {r.actorEmail ? (
                      <>
                        {r.actorName}
                        <div className="muted break-all">{r.actorEmail}</div>
                      </>
                    ) : (
                      <span className="muted">System</span>
                    )}
                  </td>
                  <td data-label="Action">
                    <code>{r.action}</code>
                  </td>
                  <td data-label="Entity">
                    {r.entityType === "user" && r.entityId ? (
                      <Link href={`/secretariat/accounts/${r.entityId}`}>user {r.entityId}</Link>
                    ) : (
                      [r.entityType, r.entityId].filter(Boolean).join(" ")
                    )}
                  </td>
                  <td data-label="Meeting">{r.meetingCode ?? <span className="muted">—</span>}</td>
                  <td data-label="Details">
                    <code className="audit-details">{JSON.stringify(r.details)}</code>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : (
        <p>No entry matches the filters.</p>
      )}

      {pages > 1 ? (
        <nav aria-label="Pages of the audit log" className="pager no-print">
          {page > 1 ? (
            <Link href={`/secretariat/audit${auditQueryString({ ...filters, page: page - 1, pageSize })}`} rel="prev">
              Previous page
            </Link>
          ) : null}
          <span aria-current="page">
            Page {page} of {pages}
          </span>
          {page < pages ? (
            <Link href={`/secretariat/audit${auditQueryString({ ...filters, page: page + 1, pageSize })}`} rel="next">
              Next page
            </Link>
          ) : null}
        </nav>
      ) : null}
    </>
  );
}
