import { csvResponse } from "@/lib/csv";
import { getApiActor } from "@/lib/data/api-actor";
import { auditCsv, auditRowToJson, canReadAudit, listAudit, parseAuditQuery } from "@/lib/data/audit-log";
import { fail } from "@/lib/errors";
import { genevaDate } from "@/lib/geneva-time";
import { now } from "@/lib/clock";
import { json, jsonError, UNAUTHENTICATED } from "@/lib/http";

export const runtime = "nodejs";

/** GET /api/v1/audit?action=&actor=&entity=&entityId=&meeting=&from=&to=&page=&pageSize=[&format=csv] (secretariat only). */
export async function GET(request: Request) {
  const actor = await getApiActor(request);
  if (!actor) return jsonError(UNAUTHENTICATED);
  // Those who may not read the log learn nothing about it, not even how its filters are parsed.
  if (!canReadAudit(actor)) return jsonError(fail("not_found", "There is no such resource."));
  const params = new URL(request.url).searchParams;
  const filters = parseAuditQuery(params);
  if (!filters.ok) return jsonError(filters);
  if (params.get("format") === "csv") {
    const csv = auditCsv(actor, filters.value);
    if (!csv.ok) return jsonError(csv);
    return csvResponse(csv.value, `audit-log-${genevaDate(now())}.csv`);
  }
  const page = listAudit(actor, filters.value);
  if (!page.ok) return jsonError(page);
  const { rows, ...rest } = page.value;
  return json({ ...rest, entries: rows.map(auditRowToJson) });
}
