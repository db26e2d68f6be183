import { getApiActor } from "@/lib/http/actor";
import { revokeToken } from "@/lib/data/tokens";
import { failT } from "@/lib/domain/failures";
import { json, jsonError, UNAUTHENTICATED } from "@/lib/http/json";
import { requestLocale } from "@/lib/i18n/server";

export const runtime = "nodejs";

export async function DELETE(request: Request, { params }: { params: Promise<{ id: string }> }) {
  const actor = await getApiActor(request);
  const locale = requestLocale(request, actor?.locale);
  if (!actor) return jsonError(UNAUTHENTICATED, undefined, locale);
  const id = Number((await params).id);
  if (!Number.isInteger(id) || id <= 0) return jsonError(failT("not_found", "api.token.notFound"), undefined, locale);
  const result = revokeToken(actor, id);
  if (!result.ok) return jsonError(result, undefined, locale);
  return json({ id, revoked: true });
}
