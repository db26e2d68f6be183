import { getApiActor } from "@/lib/http/actor";
import { contributionToJson, getContribution } from "@/lib/data/contributions";
import { json, jsonError, UNAUTHENTICATED } from "@/lib/http/json";
import { requestLocale } from "@/lib/i18n/server";

export const runtime = "nodejs";

export async function GET(request: Request, { params }: { params: Promise<{ id: string }> }) {
  const actor = await getApiActor(request);
  const locale = requestLocale(request, actor?.locale);
  if (!actor) return jsonError(UNAUTHENTICATED, undefined, locale);
  const result = getContribution(actor, Number((await params).id));
  if (!result.ok) return jsonError(result, undefined, locale);
  return json(contributionToJson(result.value));
}
