import { z } from "zod";
import { queueCsvRows } from "@/lib/data/review-exports";
import { listQuestionQueue } from "@/lib/data/review-queue";
import { queueCsvColumns } from "@/lib/present/queue-csv";
import { csvResponse, toCsv } from "@/lib/present/csv";
import { json } from "@/lib/http/json";
import { reply, route } from "@/lib/http/route";
import { codeParam } from "@/lib/validation/api";
import { failFields } from "@/lib/validation/messages";
import { queueQuery } from "@/lib/validation/review";
import { queuePageToJson } from "@/lib/present/api-json";

export const runtime = "nodejs";

const queueRequest = queueQuery.extend({ format: z.string().optional().describe("`json` (the default) or `csv`.") });

/** A Question's review queue ("Q3-20" or "Q3%2F20"): JSON pages, or every matching row with ?format=csv. */
export const GET = route({ access: "reader", params: { question: codeParam }, query: { schema: queueRequest, invalid: "api.queue.filters" } }, ({ actor, params, query, locale }) => {
  const { format, ...filters } = query;
  if (format === "csv") return reply(queueCsvRows(actor, params.question, filters), (csv) => csvResponse(toCsv(csv.rows, queueCsvColumns(locale)), csv.fileName));
  if (format !== undefined && format !== "json") return failFields("invalid", "api.queue.format", undefined, { format: "api.field.jsonOrCsv" });
  return reply(listQuestionQueue(actor, params.question, filters), (page) => json(queuePageToJson(page)));
});
