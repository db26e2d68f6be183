import { getApiActor } from "@/lib/data/api-actor";
import { revokeToken } from "@/lib/data/tokens";
import { json, jsonError, UNAUTHENTICATED } from "@/lib/http";

export const runtime = "nodejs";

export async function DELETE(request: Request, { params }: { params: Promise<{ id: string }> }) {
  const actor = await getApiActor(request);
  if (!actor) return jsonError(UNAUTHENTICATED);
  const id = Number((await params).id);
  if (!Number.isInteger(id) || id <= 0) return jsonError({ code: "not_found", message: "There is no such active token on your account." });
  const result = revokeToken(actor, id);
  if (!result.ok) return jsonError(result);
  return json({ id, revoked: true });
}
