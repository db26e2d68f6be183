import { getApiActor } from "@/lib/data/api-actor";
import { contributionToJson, getContribution } from "@/lib/data/contributions";
import { json, jsonError, UNAUTHENTICATED } from "@/lib/http";

export const runtime = "nodejs";

export async function GET(request: Request, { params }: { params: Promise<{ id: string }> }) {
  const actor = await getApiActor(request);
  if (!actor) return jsonError(UNAUTHENTICATED);
  const result = getContribution(actor, Number((await params).id));
  if (!result.ok) return jsonError(result);
  return json(contributionToJson(result.value));
}
