import { decideLateRequest } from "@/lib/data/late-decisions";
import { json } from "@/lib/http/json";
import { jsonBody, reply, route } from "@/lib/http/route";
import { idParam } from "@/lib/validation/api";
import { decisionBody } from "@/lib/validation/secretariat";

export const runtime = "nodejs";

/** The secretariat's decision on a late request: admit, defer, reissue as a TD, or decline, with a reason. */
export const POST = route(
  { access: "writer", params: { id: idParam }, notFound: "api.notFound.lateRequest", body: jsonBody(decisionBody, "api.body.decision") },
  async ({ actor, params, body }) => reply(await decideLateRequest(actor, params.id, body), (decided) => json(decided)),
);
