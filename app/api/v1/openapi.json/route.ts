import { json } from "@/lib/http/json";
import { openApiDocument } from "@/lib/http/openapi";

export const runtime = "nodejs";

/** The OpenAPI 3.1 description of this API. Public: it describes the API, not any member's data. */
export async function GET() {
  return json(openApiDocument());
}
