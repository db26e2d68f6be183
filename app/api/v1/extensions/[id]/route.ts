import { getApiWriter } from "@/lib/http/actor";
import { revokeExtension } from "@/lib/data/extensions";
import { json, jsonError } from "@/lib/http/json";
import { requestLocale } from "@/lib/i18n/server";
import { readJson } from "@/lib/validation/api";

export const runtime = "nodejs";

/** Revokes an extension; an optional JSON body {"reason"} is kept in the report. */
export async function DELETE(request: Request, { params }: { params: Promise<{ id: string }> }) {
  const writer = await getApiWriter(request);
  const locale = requestLocale(request, writer.ok ? writer.actor.locale : null);
  if (!writer.ok) return jsonError(writer, undefined, locale);
  const body = await readJson(request);
  const reason = body.ok && typeof (body.value as { reason?: unknown })?.reason === "string" ? (body.value as { reason: string }).reason : "";
  const result = revokeExtension(writer.actor, Number((await params).id), reason);
  if (!result.ok) return jsonError(result, undefined, locale);
  return json({ id: result.value.id, revoked: true });
}
