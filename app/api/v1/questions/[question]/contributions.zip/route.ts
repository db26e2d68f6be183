import { Readable } from "node:stream";
import { getApiActor } from "@/lib/http/actor";
import { streamQuestionZip } from "@/lib/data/review";
import { contentDisposition } from "@/lib/domain/numbering";
import { jsonError, UNAUTHENTICATED } from "@/lib/http/json";
import { requestLocale } from "@/lib/i18n/server";
import { failWithFieldTexts, zodFieldTexts } from "@/lib/validation/messages";
import { searchParamsObject, zipQuery } from "@/lib/validation/review";

export const runtime = "nodejs";

/** The current version of every admitted contribution to the Question, as one streamed ZIP (?since=<ISO instant>). */
export async function GET(request: Request, { params }: { params: Promise<{ question: string }> }) {
  const actor = await getApiActor(request);
  const locale = requestLocale(request, actor?.locale);
  if (!actor) return jsonError(UNAUTHENTICATED, undefined, locale);
  const parsed = zipQuery.safeParse(searchParamsObject(new URL(request.url).searchParams));
  if (!parsed.success) return jsonError(failWithFieldTexts("invalid", "api.zip.since", undefined, zodFieldTexts(parsed.error)), undefined, locale);
  const result = streamQuestionZip(actor, (await params).question, { since: parsed.data.since });
  if (!result.ok) return jsonError(result, undefined, locale);
  const zip = result.value;
  const headers: Record<string, string> = {
    "Content-Type": "application/zip",
    "Content-Disposition": contentDisposition(zip.fileName),
    "Cache-Control": "private, no-store",
    "X-Content-Type-Options": "nosniff",
  };
  if (zip.size !== null) headers["Content-Length"] = String(zip.size);
  return new Response(Readable.toWeb(zip.stream) as ReadableStream, { headers });
}
