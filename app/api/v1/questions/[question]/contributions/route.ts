import { getApiActor } from "@/lib/data/api-actor";
import { listQuestionQueue, QUEUE_CSV_COLUMNS, queueCsvRows, queuePageToJson } from "@/lib/data/review";
import { csvResponse, toCsv } from "@/lib/csv";
import { json, jsonError, UNAUTHENTICATED } from "@/lib/http";
import { fieldErrors } from "@/lib/validation/api";
import { queueQuery, searchParamsObject } from "@/lib/validation/review";

export const runtime = "nodejs";

/** A Question's review queue ("Q3-20" or "Q3%2F20"): JSON pages, or every matching row with ?format=csv. */
export async function GET(request: Request, { params }: { params: Promise<{ question: string }> }) {
  const actor = await getApiActor(request);
  if (!actor) return jsonError(UNAUTHENTICATED);
  const search = new URL(request.url).searchParams;
  const { format, ...rest } = searchParamsObject(search);
  const parsed = queueQuery.safeParse(rest);
  if (!parsed.success) return jsonError({ code: "invalid", message: "Some filters are not valid.", fields: fieldErrors(parsed.error) });
  const question = (await params).question;
  if (format === "csv") {
    const result = queueCsvRows(actor, question, parsed.data);
    if (!result.ok) return jsonError(result);
    return csvResponse(toCsv(result.value.rows, QUEUE_CSV_COLUMNS), result.value.fileName);
  }
  if (format !== undefined && format !== "json") return jsonError({ code: "invalid", message: "format is json or csv.", fields: { format: "json or csv" } });
  const result = listQuestionQueue(actor, question, parsed.data);
  if (!result.ok) return jsonError(result);
  return json(queuePageToJson(result.value));
}
