import { revokeToken } from "@/lib/data/tokens";
import { json } from "@/lib/http/json";
import { reply, route } from "@/lib/http/route";
import { idParam } from "@/lib/validation/api";

export const runtime = "nodejs";

/** Revokes one of the caller's own tokens; anyone else's id answers not_found. A write: cross-site cookies are refused. */
export const DELETE = route({ access: "writer", params: { id: idParam }, notFound: "api.token.notFound" }, ({ actor, params }) =>
  reply(revokeToken(actor, params.id), () => json({ id: params.id, revoked: true })),
);
