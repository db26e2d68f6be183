import { json } from "@/lib/http/json";
import { route } from "@/lib/http/route";
import { apiDocument, OPENAPI_ROUTE } from "./registry";

export const runtime = "nodejs";

/** The OpenAPI 3.1 description of this API, generated from the routes' declarations. Public: it describes the API, not any member's data. */
export const GET = route(OPENAPI_ROUTE, () => json(apiDocument()));
