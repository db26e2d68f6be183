import { issueToken } from "@/lib/data/tokens";
import { clientAddress } from "@/lib/http/client-address";
import { json } from "@/lib/http/json";
import { jsonBody, reply, route } from "@/lib/http/route";
import { tokenRequest } from "@/lib/validation/api";

export const runtime = "nodejs";

/** No one is signed in yet: the answer's language is the request's (cookie, then Accept-Language). */
export const POST = route({ access: "public", body: jsonBody(tokenRequest, "api.body.token") }, async ({ request, body }) =>
  reply(await issueToken(body.email, body.password, body.label, clientAddress(request.headers)), (issued) => json({ id: issued.id, token: issued.token }, 201)),
);
