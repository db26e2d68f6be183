import { getApiActor } from "@/lib/http/actor";
import { compareVersions, comparisonToJson } from "@/lib/data/compare";
import { json, jsonError, UNAUTHENTICATED } from "@/lib/http/json";
import { requestLocale } from "@/lib/i18n/server";
import { failWithFieldTexts, zodFieldTexts } from "@/lib/validation/messages";
import { searchParamsObject } from "@/lib/validation/review";
import { diffQuery } from "@/lib/validation/search";

export const runtime = "nodejs";

/** What changed from one version to another: ?from=<versionId>&to=<versionId>, word-level parts. */
export async function GET(request: Request, { params }: { params: Promise<{ id: string }> }) {
  const actor = await getApiActor(request);
  const locale = requestLocale(request, actor?.locale);
  if (!actor) return jsonError(UNAUTHENTICATED, undefined, locale);
  const parsed = diffQuery.safeParse(searchParamsObject(new URL(request.url).searchParams));
  if (!parsed.success) return jsonError(failWithFieldTexts("invalid", "search.validation.versions", undefined, zodFieldTexts(parsed.error)), undefined, locale);
  const result = compareVersions(actor, Number((await params).id), parsed.data.from, parsed.data.to);
  if (!result.ok) return jsonError(result, undefined, locale);
  return json(comparisonToJson(result.value));
}
