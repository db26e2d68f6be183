import { json } from "@/lib/http/json";
import { openApiDocument } from "@/lib/http/openapi";
import { route } from "@/lib/http/route";

export const runtime = "nodejs";

/** The OpenAPI 3.1 description of this API. Public: it describes the API, not any member's data. */
export const GET = route({ access: "public" }, () => json(openApiDocument()));
