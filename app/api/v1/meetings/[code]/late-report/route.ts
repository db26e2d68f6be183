import { csvResponse, toCsv } from "@/lib/present/csv";
import { getApiActor } from "@/lib/http/actor";
import { buildLateReport, lateReportCsvColumns, lateReportCsvRows, lateReportToJson } from "@/lib/data/late-report";
import { json, jsonError, UNAUTHENTICATED } from "@/lib/http/json";
import { requestLocale } from "@/lib/i18n/server";

export const runtime = "nodejs";

export async function GET(request: Request, { params }: { params: Promise<{ code: string }> }) {
  const actor = await getApiActor(request);
  const locale = requestLocale(request, actor?.locale);
  if (!actor) return jsonError(UNAUTHENTICATED, undefined, locale);
  const code = (await params).code;
  const report = buildLateReport(actor, code);
  if (!report.ok) return jsonError(report, undefined, locale);
  if (new URL(request.url).searchParams.get("format") === "csv") {
    return csvResponse(toCsv(lateReportCsvRows(report.value, locale), lateReportCsvColumns(locale)), `${code}-late-report.csv`);
  }
  return json(lateReportToJson(report.value));
}
