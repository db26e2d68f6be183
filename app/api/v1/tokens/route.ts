import { issueToken } from "@/lib/data/tokens";
import { json } from "@/lib/http/json";
import { jsonBody, reply, route } from "@/lib/http/route";
import { tokenRequest } from "@/lib/validation/api";

export const runtime = "nodejs";

function address(request: Request): string {
  return request.headers.get("x-forwarded-for")?.split(",")[0]?.trim() || request.headers.get("x-real-ip") || "local";
}

/** No one is signed in yet: the answer's language is the request's (cookie, then Accept-Language). */
export const POST = route({ access: "public", body: jsonBody(tokenRequest, "api.body.token") }, async ({ request, body }) =>
  reply(await issueToken(body.email, body.password, body.label, address(request)), (issued) => json({ id: issued.id, token: issued.token }, 201)),
);
