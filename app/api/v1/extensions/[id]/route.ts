import { revokeExtension } from "@/lib/data/extensions";
import { json } from "@/lib/http/json";
import { jsonBody, reply, route } from "@/lib/http/route";
import { idParam } from "@/lib/validation/api";
import { revokeExtensionBody } from "@/lib/validation/secretariat";

export const runtime = "nodejs";

/** Revokes an extension; an optional JSON body {"reason"} is kept in the report. */
export const DELETE = route(
  { access: "writer", params: { id: idParam }, notFound: "api.notFound.extension", body: jsonBody(revokeExtensionBody, null) },
  ({ actor, params, body }) => reply(revokeExtension(actor, params.id, body.reason), (e) => json({ id: e.id, revoked: true })),
);
