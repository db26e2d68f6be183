// The API tokens' paths: creating one with e-mail and password, revoking one.
import * as tokenRoute from "@/app/api/v1/tokens/[id]/route";
import * as tokensRoute from "@/app/api/v1/tokens/route";
import type { ApiPath } from "@/lib/http/openapi";
import { errorResponse } from "@/lib/http/openapi-errors";
import { jsonContent, response } from "@/lib/http/openapi-json";
import { revoked } from "./shared";

export const tokensPath: ApiPath = {
  path: "/tokens",
  module: tokensRoute,
  operations: {
    POST: {
      tags: ["tokens"],
      summary: "Create an API token with e-mail and password",
      description: "Same checks and throttling as the sign-in form. The secret is shown once; send it as `Authorization: Bearer <token>`.",
      operationId: "createToken",
      responses: {
        "201": jsonContent({ type: "object", required: ["id", "token"], properties: { id: { type: "integer" }, token: { type: "string" } } }, "The token; its secret is not shown again."),
        "401": errorResponse("Wrong e-mail or password.", ["unauthenticated"]),
        "429": response("Throttled"),
      },
    },
  },
};

export const tokenPath: ApiPath = {
  path: "/tokens/{id}",
  module: tokenRoute,
  operations: {
    DELETE: { tags: ["tokens"], summary: "Revoke one of your tokens", operationId: "revokeToken", parameters: { id: { description: "The token's id." } }, responses: { "200": revoked } },
  },
};
