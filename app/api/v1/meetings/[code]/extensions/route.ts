import { getApiActor, getApiWriter } from "@/lib/http/actor";
import { extensionToJson, grantExtension, listExtensions } from "@/lib/data/extensions";
import { failT } from "@/lib/domain/failures";
import { json, jsonError, UNAUTHENTICATED } from "@/lib/http/json";
import { requestLocale } from "@/lib/i18n/server";
import { readJson } from "@/lib/validation/api";
import { failWithFieldTexts, zodFieldTexts } from "@/lib/validation/messages";
import { extensionBody } from "@/lib/validation/secretariat";

export const runtime = "nodejs";

type Ctx = { params: Promise<{ code: string }> };

export async function GET(request: Request, { params }: Ctx) {
  const actor = await getApiActor(request);
  const locale = requestLocale(request, actor?.locale);
  if (!actor) return jsonError(UNAUTHENTICATED, undefined, locale);
  const result = listExtensions(actor, (await params).code);
  if (!result.ok) return jsonError(result, undefined, locale);
  return json({ extensions: result.value.map(extensionToJson) });
}

export async function POST(request: Request, { params }: Ctx) {
  const writer = await getApiWriter(request);
  const locale = requestLocale(request, writer.ok ? writer.actor.locale : null);
  if (!writer.ok) return jsonError(writer, undefined, locale);
  const body = await readJson(request);
  if (!body.ok) return jsonError(failT("invalid", "api.body.extension"), undefined, locale);
  const parsed = extensionBody.safeParse(body.value);
  if (!parsed.success) return jsonError(failWithFieldTexts("invalid", "api.invalid.fields", undefined, zodFieldTexts(parsed.error)), undefined, locale);
  const result = grantExtension(writer.actor, (await params).code, {
    organisationId: parsed.data.organisation ?? null,
    userEmail: parsed.data.user ?? null,
    untilAt: Date.parse(parsed.data.until),
    reason: parsed.data.reason,
  });
  if (!result.ok) return jsonError(result, undefined, locale);
  return json(extensionToJson(result.value), 201);
}
