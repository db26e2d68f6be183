import { getApiActor } from "@/lib/http/actor";
import { listQuestionQueue, queueCsvColumns, queueCsvRows, queuePageToJson } from "@/lib/data/review";
import { csvResponse, toCsv } from "@/lib/present/csv";
import { json, jsonError, UNAUTHENTICATED } from "@/lib/http/json";
import { requestLocale } from "@/lib/i18n/server";
import { failFields, failWithFieldTexts, zodFieldTexts } from "@/lib/validation/messages";
import { queueQuery, searchParamsObject } from "@/lib/validation/review";

export const runtime = "nodejs";

/** A Question's review queue ("Q3-20" or "Q3%2F20"): JSON pages, or every matching row with ?format=csv. */
export async function GET(request: Request, { params }: { params: Promise<{ question: string }> }) {
  const actor = await getApiActor(request);
  const locale = requestLocale(request, actor?.locale);
  if (!actor) return jsonError(UNAUTHENTICATED, undefined, locale);
  const search = new URL(request.url).searchParams;
  const { format, ...rest } = searchParamsObject(search);
  const parsed = queueQuery.safeParse(rest);
  if (!parsed.success) return jsonError(failWithFieldTexts("invalid", "api.queue.filters", undefined, zodFieldTexts(parsed.error)), undefined, locale);
  const question = (await params).question;
  if (format === "csv") {
    const result = queueCsvRows(actor, question, parsed.data);
    if (!result.ok) return jsonError(result, undefined, locale);
    return csvResponse(toCsv(result.value.rows, queueCsvColumns(locale)), result.value.fileName);
  }
  if (format !== undefined && format !== "json") return jsonError(failFields("invalid", "api.queue.format", undefined, { format: "api.field.jsonOrCsv" }), undefined, locale);
  const result = listQuestionQueue(actor, question, parsed.data);
  if (!result.ok) return jsonError(result, undefined, locale);
  return json(queuePageToJson(result.value));
}
