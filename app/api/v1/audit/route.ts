import { csvResponse } from "@/lib/present/csv";
import { auditCsvRows, canReadAudit, listAudit, parseAuditQuery } from "@/lib/data/audit-log";
import { auditCsv } from "@/lib/present/audit-csv";
import { failT } from "@/lib/domain/failures";
import { genevaDate } from "@/lib/time/geneva";
import { now } from "@/lib/time/clock";
import { json } from "@/lib/http/json";
import { reply, route } from "@/lib/http/route";
import { auditRowToJson } from "@/lib/present/api-json";

export const runtime = "nodejs";

/** GET /api/v1/audit?action=&actor=&entity=&entityId=&meeting=&from=&to=&page=&pageSize=[&format=csv] (secretariat only). */
export const GET = route(
  {
    access: "reader",
    // Those who may not read the log learn nothing about it, not even how its filters are parsed.
    guard: (actor) => (canReadAudit(actor) ? null : failT("not_found", "api.notFound.resource")),
  },
  ({ actor, request, locale }) => {
    const params = new URL(request.url).searchParams;
    const filters = parseAuditQuery(params);
    if (!filters.ok) return filters;
    if (params.get("format") === "csv") return reply(auditCsvRows(actor, filters.value), (rows) => csvResponse(auditCsv(rows, locale), `audit-log-${genevaDate(now())}.csv`));
    return reply(listAudit(actor, filters.value), ({ rows, ...rest }) => json({ ...rest, entries: rows.map(auditRowToJson) }));
  },
);
