import { getApiWriter } from "@/lib/http/actor";
import { withdrawContribution } from "@/lib/data/submissions";
import { failT } from "@/lib/domain/failures";
import { json, jsonError } from "@/lib/http/json";
import { requestLocale } from "@/lib/i18n/server";
import { readJson } from "@/lib/validation/api";
import { withdrawalBody } from "@/lib/validation/contribution";
import { failWithFieldTexts, zodFieldTexts } from "@/lib/validation/messages";

export const runtime = "nodejs";

export async function POST(request: Request, { params }: { params: Promise<{ id: string }> }) {
  const writer = await getApiWriter(request);
  const locale = requestLocale(request, writer.ok ? writer.actor.locale : null);
  if (!writer.ok) return jsonError(writer, undefined, locale);
  const body = await readJson(request);
  if (!body.ok) return jsonError(failT("invalid", "api.body.withdrawal"), undefined, locale);
  const parsed = withdrawalBody.safeParse(body.value);
  if (!parsed.success) return jsonError(failWithFieldTexts("invalid", "api.validation.withdrawReason", undefined, zodFieldTexts(parsed.error)), undefined, locale);
  const result = withdrawContribution(writer.actor, Number((await params).id), parsed.data.reason);
  if (!result.ok) return jsonError(result, undefined, locale);
  return json({ id: result.value.id, status: "withdrawn", withdrawnAt: new Date(result.value.withdrawnAt).toISOString() });
}
