import { getApiActor } from "@/lib/http/actor";
import { searchContributions, searchResultToJson } from "@/lib/data/search";
import { json, jsonError, UNAUTHENTICATED } from "@/lib/http/json";
import { requestLocale } from "@/lib/i18n/server";
import { failWithFieldTexts, zodFieldTexts } from "@/lib/validation/messages";
import { searchParamsObject } from "@/lib/validation/review";
import { searchQuery } from "@/lib/validation/search";

export const runtime = "nodejs";

/** Search inside the documents: ?q= (words; FTS5 syntax is taken as words), optional meeting, question, state, page. */
export async function GET(request: Request) {
  const actor = await getApiActor(request);
  const locale = requestLocale(request, actor?.locale);
  if (!actor) return jsonError(UNAUTHENTICATED, undefined, locale);
  const parsed = searchQuery.safeParse(searchParamsObject(new URL(request.url).searchParams));
  if (!parsed.success) return jsonError(failWithFieldTexts("invalid", "search.validation.query", undefined, zodFieldTexts(parsed.error)), undefined, locale);
  const { q, ...filters } = parsed.data;
  const result = searchContributions(actor, q, filters);
  if (!result.ok) return jsonError(result, undefined, locale);
  return json(searchResultToJson(result.value));
}
