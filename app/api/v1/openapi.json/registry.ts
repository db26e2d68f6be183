// Every path of /api/v1 in the order the document lists them; each path's route module and the words its operations
// need that their route() declarations cannot give (summary, description, answers) are in the module of its resource
// beside this one. lib/http/openapi.ts writes the OpenAPI document from this list and the declarations; a unit test
// fails when a route file is missing here. It lives in app/ because it imports the route modules (lib/ never imports app/).
import { auditPath } from "./audit";
import { contributionPath, coverPagePath, filePath, meetingContributionsPath, revisionsPath, withdrawalPath } from "./contributions";
import { decisionPath, extensionPath, extensionsPath, lateReportPath, lateRequestsPath } from "./late-submissions";
import { clockPath, groupCalendarPath, meetingCalendarPath, meetingPath } from "./meetings";
import { feedPath, queuePath, queueZipPath, reviewPath } from "./review";
import { diffPath, searchPath } from "./search";
import { tokenPath, tokensPath } from "./tokens";
import { openApiDocument as build, type ApiPath, type OpenApiDocument } from "@/lib/http/openapi";
import { jsonContent } from "@/lib/http/openapi-json";
import type { RouteOptions } from "@/lib/http/route";

/** The declaration of GET /openapi.json, here so that this list need not import the route that imports it. */
export const OPENAPI_ROUTE = { access: "public" } as const satisfies RouteOptions;

export const API_PATHS: readonly ApiPath[] = [
  {
    path: "/openapi.json",
    module: { GET: { route: OPENAPI_ROUTE } },
    operations: { GET: { tags: ["meta"], summary: "This document", operationId: "getOpenApi", responses: { "200": jsonContent({ type: "object" }, "The OpenAPI 3.1 document.") } } },
  },
  tokensPath,
  tokenPath,
  clockPath,
  meetingPath,
  meetingCalendarPath,
  groupCalendarPath,
  extensionsPath,
  lateReportPath,
  extensionPath,
  decisionPath,
  meetingContributionsPath,
  lateRequestsPath,
  contributionPath,
  reviewPath,
  queuePath,
  feedPath,
  searchPath,
  diffPath,
  queueZipPath,
  revisionsPath,
  withdrawalPath,
  filePath,
  auditPath,
  coverPagePath,
];

/** The document served at /api/v1/openapi.json. */
export function apiDocument(): OpenApiDocument {
  return build(API_PATHS);
}
