import { issueToken } from "@/lib/data/tokens";
import { clientAddress } from "@/lib/http/client-address";
import { failT } from "@/lib/domain/failures";
import { json, jsonError } from "@/lib/http/json";
import { requestLocale } from "@/lib/i18n/server";
import { readJson, tokenRequest } from "@/lib/validation/api";
import { failWithFieldTexts, zodFieldTexts } from "@/lib/validation/messages";

export const runtime = "nodejs";

/** No one is signed in yet: the answer's language is the request's (cookie, then Accept-Language). */
export async function POST(request: Request) {
  const locale = requestLocale(request);
  const body = await readJson(request);
  if (!body.ok) return jsonError(failT("invalid", "api.body.token"), undefined, locale);
  const parsed = tokenRequest.safeParse(body.value);
  if (!parsed.success) return jsonError(failWithFieldTexts("invalid", "api.invalid.fields", undefined, zodFieldTexts(parsed.error)), undefined, locale);
  const result = await issueToken(parsed.data.email, parsed.data.password, parsed.data.label, clientAddress(request.headers));
  if (!result.ok) return jsonError(result, undefined, locale);
  return json({ id: result.value.id, token: result.value.token }, 201);
}
