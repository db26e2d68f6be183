import { issueToken } from "@/lib/data/tokens";
import { json, jsonError } from "@/lib/http";
import { fieldErrors, readJson, tokenRequest } from "@/lib/validation/api";

export const runtime = "nodejs";

function address(request: Request): string {
  return request.headers.get("x-forwarded-for")?.split(",")[0]?.trim() || request.headers.get("x-real-ip") || "local";
}

export async function POST(request: Request) {
  const body = await readJson(request);
  if (!body.ok) return jsonError({ code: "invalid", message: 'The body must be JSON: {"email", "password", "label"}.' });
  const parsed = tokenRequest.safeParse(body.value);
  if (!parsed.success) return jsonError({ code: "invalid", message: "Some fields are missing or wrong.", fields: fieldErrors(parsed.error) });
  const result = await issueToken(parsed.data.email, parsed.data.password, parsed.data.label, address(request));
  if (!result.ok) return jsonError(result);
  return json({ id: result.value.id, token: result.value.token }, 201);
}
