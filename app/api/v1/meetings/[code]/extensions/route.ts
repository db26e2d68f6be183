import { getApiActor, getApiWriter } from "@/lib/data/api-actor";
import { extensionToJson, grantExtension, listExtensions } from "@/lib/data/extensions";
import { json, jsonError, UNAUTHENTICATED } from "@/lib/http";
import { fieldErrors, readJson } from "@/lib/validation/api";
import { extensionBody } from "@/lib/validation/secretariat";

export const runtime = "nodejs";

type Ctx = { params: Promise<{ code: string }> };

export async function GET(request: Request, { params }: Ctx) {
  const actor = await getApiActor(request);
  if (!actor) return jsonError(UNAUTHENTICATED);
  const result = listExtensions(actor, (await params).code);
  if (!result.ok) return jsonError(result);
  return json({ extensions: result.value.map(extensionToJson) });
}

export async function POST(request: Request, { params }: Ctx) {
  const writer = await getApiWriter(request);
  if (!writer.ok) return jsonError(writer);
  const body = await readJson(request);
  if (!body.ok) return jsonError({ code: "invalid", message: 'The body must be JSON: {"organisation"|"user", "until", "reason"}.' });
  const parsed = extensionBody.safeParse(body.value);
  if (!parsed.success) return jsonError({ code: "invalid", message: "Some fields are missing or wrong.", fields: fieldErrors(parsed.error) });
  const result = grantExtension(writer.actor, (await params).code, {
    organisationId: parsed.data.organisation ?? null,
    userEmail: parsed.data.user ?? null,
    untilAt: Date.parse(parsed.data.until),
    reason: parsed.data.reason,
  });
  if (!result.ok) return jsonError(result);
  return json(extensionToJson(result.value), 201);
}
