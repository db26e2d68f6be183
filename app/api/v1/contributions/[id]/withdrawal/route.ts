import { withdrawContribution } from "@/lib/data/submissions";
import { json } from "@/lib/http/json";
import { jsonBody, reply, route } from "@/lib/http/route";
import { idParam } from "@/lib/validation/api";
import { withdrawalBody } from "@/lib/validation/contribution";

export const runtime = "nodejs";

/** {"reason": "…"}: the contribution keeps its number and history and leaves the meeting's list. */
export const POST = route(
  { access: "writer", params: { id: idParam }, notFound: "api.notFound.document", body: jsonBody(withdrawalBody, "api.body.withdrawal", "api.validation.withdrawReason") },
  ({ actor, params, body }) =>
    reply(withdrawContribution(actor, params.id, body.reason), (w) => json({ id: w.id, status: "withdrawn", withdrawnAt: new Date(w.withdrawnAt).toISOString() })),
);
