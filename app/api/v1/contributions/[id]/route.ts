import { getContribution } from "@/lib/data/contributions";
import { json } from "@/lib/http/json";
import { reply, route } from "@/lib/http/route";
import { idParam } from "@/lib/validation/api";
import { contributionToJson } from "@/lib/present/api-json";

export const runtime = "nodejs";

export const GET = route({ access: "reader", params: { id: idParam }, notFound: "api.notFound.document" }, ({ actor, params }) =>
  reply(getContribution(actor, params.id), (c) => json(contributionToJson(c))),
);
