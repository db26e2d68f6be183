import { csvResponse, toCsv } from "@/lib/csv";
import { getApiActor } from "@/lib/data/api-actor";
import { buildLateReport, LATE_REPORT_CSV_COLUMNS, lateReportCsvRows, lateReportToJson } from "@/lib/data/late-report";
import { json, jsonError, UNAUTHENTICATED } from "@/lib/http";

export const runtime = "nodejs";

export async function GET(request: Request, { params }: { params: Promise<{ code: string }> }) {
  const actor = await getApiActor(request);
  if (!actor) return jsonError(UNAUTHENTICATED);
  const code = (await params).code;
  const report = buildLateReport(actor, code);
  if (!report.ok) return jsonError(report);
  if (new URL(request.url).searchParams.get("format") === "csv") {
    return csvResponse(toCsv(lateReportCsvRows(report.value), LATE_REPORT_CSV_COLUMNS), `${code}-late-report.csv`);
  }
  return json(lateReportToJson(report.value));
}
