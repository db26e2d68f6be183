import { csvResponse, toCsv } from "@/lib/present/csv";
import { buildLateReport } from "@/lib/data/late-report";
import { lateReportCsvColumns, lateReportCsvRows, lateReportToJson } from "@/lib/present/late-report";
import { json } from "@/lib/http/json";
import { reply, route } from "@/lib/http/route";
import { codeParam, formatQuery } from "@/lib/validation/api";

export const runtime = "nodejs";

/** Every late request, late arrival, extension and refused attempt of the meeting: JSON, or CSV with ?format=csv. */
export const GET = route(
  { access: "reader", params: { code: codeParam }, query: { schema: formatQuery, invalid: "api.invalid.fields" } },
  ({ actor, params, query, locale }) =>
    reply(buildLateReport(actor, params.code), (report) =>
      query.format === "csv"
        ? csvResponse(toCsv(lateReportCsvRows(report, locale), lateReportCsvColumns(locale)), `${params.code}-late-report.csv`)
        : json(lateReportToJson(report)),
    ),
);
