import { compareVersions } from "@/lib/data/compare";
import { json } from "@/lib/http/json";
import { reply, route } from "@/lib/http/route";
import { idParam } from "@/lib/validation/api";
import { diffQuery } from "@/lib/validation/search";
import { comparisonToJson } from "@/lib/present/api-json";

export const runtime = "nodejs";

/** What changed from one version to another: ?from=<versionId>&to=<versionId>, word-level parts. */
export const GET = route(
  { access: "reader", params: { id: idParam }, notFound: "api.notFound.document", query: { schema: diffQuery, invalid: "search.validation.versions" } },
  ({ actor, params, query }) => reply(compareVersions(actor, params.id, query.from, query.to), (comparison) => json(comparisonToJson(comparison))),
);
