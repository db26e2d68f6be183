import { getApiWriter } from "@/lib/http/actor";
import { decideLateRequest } from "@/lib/data/late-decisions";
import { failT } from "@/lib/domain/failures";
import { json, jsonError } from "@/lib/http/json";
import { requestLocale } from "@/lib/i18n/server";
import { readJson } from "@/lib/validation/api";
import { failWithFieldTexts, zodFieldTexts } from "@/lib/validation/messages";
import { decisionBody } from "@/lib/validation/secretariat";

export const runtime = "nodejs";

export async function POST(request: Request, { params }: { params: Promise<{ id: string }> }) {
  const writer = await getApiWriter(request);
  const locale = requestLocale(request, writer.ok ? writer.actor.locale : null);
  if (!writer.ok) return jsonError(writer, undefined, locale);
  const body = await readJson(request);
  if (!body.ok) return jsonError(failT("invalid", "api.body.decision"), undefined, locale);
  const parsed = decisionBody.safeParse(body.value);
  if (!parsed.success) return jsonError(failWithFieldTexts("invalid", "api.invalid.fields", undefined, zodFieldTexts(parsed.error)), undefined, locale);
  const result = await decideLateRequest(writer.actor, Number((await params).id), parsed.data);
  if (!result.ok) return jsonError(result, undefined, locale);
  return json(result.value);
}
