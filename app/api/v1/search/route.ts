import { searchContributions } from "@/lib/data/search";
import { json } from "@/lib/http/json";
import { reply, route } from "@/lib/http/route";
import { searchQuery } from "@/lib/validation/search";
import { searchResultToJson } from "@/lib/present/api-json";

export const runtime = "nodejs";

/** Search inside the documents: ?q= (words; FTS5 syntax is taken as words), optional meeting, question, state, page. */
export const GET = route({ access: "reader", query: { schema: searchQuery, invalid: "search.validation.query" } }, ({ actor, query }) => {
  const { q, ...filters } = query;
  return reply(searchContributions(actor, q, filters), (result) => json(searchResultToJson(result)));
});
