import { csvResponse } from "@/lib/present/csv";
import { getApiActor } from "@/lib/http/actor";
import { auditCsv, auditRowToJson, canReadAudit, listAudit, parseAuditQuery } from "@/lib/data/audit-log";
import { failT } from "@/lib/domain/failures";
import { genevaDate } from "@/lib/time/geneva";
import { now } from "@/lib/time/clock";
import { json, jsonError, UNAUTHENTICATED } from "@/lib/http/json";
import { requestLocale } from "@/lib/i18n/server";

export const runtime = "nodejs";

/** GET /api/v1/audit?action=&actor=&entity=&entityId=&meeting=&from=&to=&page=&pageSize=[&format=csv] (secretariat only). */
export async function GET(request: Request) {
  const actor = await getApiActor(request);
  const locale = requestLocale(request, actor?.locale);
  if (!actor) return jsonError(UNAUTHENTICATED, undefined, locale);
  // Those who may not read the log learn nothing about it, not even how its filters are parsed.
  if (!canReadAudit(actor)) return jsonError(failT("not_found", "api.notFound.resource"), undefined, locale);
  const params = new URL(request.url).searchParams;
  const filters = parseAuditQuery(params);
  if (!filters.ok) return jsonError(filters, undefined, locale);
  if (params.get("format") === "csv") {
    const csv = auditCsv(actor, filters.value, locale);
    if (!csv.ok) return jsonError(csv, undefined, locale);
    return csvResponse(csv.value, `audit-log-${genevaDate(now())}.csv`);
  }
  const page = listAudit(actor, filters.value);
  if (!page.ok) return jsonError(page, undefined, locale);
  const { rows, ...rest } = page.value;
  return json({ ...rest, entries: rows.map(auditRowToJson) });
}
