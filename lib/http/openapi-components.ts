// The parts of the OpenAPI document that zod cannot know, put together: the answers' shapes (what lib/present/api-json.ts's
// *ToJson functions write; each resource's in a module of its own), the error object and the shared responses, the
// document's introduction and security. The requests' shapes are not here: lib/http/openapi.ts writes them from the zod
// schemas that validate them.
import { COVER_PAGE_SCHEMA, CONTRIBUTION_SCHEMAS } from "@/lib/http/openapi-contributions";
import { DEADLINE_PASSED_SCHEMA, ERROR_SCHEMA, errorTable } from "@/lib/http/openapi-errors";
import type { Json } from "@/lib/http/openapi-json";
import { MEETING_SCHEMAS } from "@/lib/http/openapi-meetings";
import { REVIEW_SCHEMAS } from "@/lib/http/openapi-review";
import { SEARCH_SCHEMAS } from "@/lib/http/openapi-search";

// In the order the document has always listed them, so that a client comparing two versions of it sees no change.
export const SCHEMAS: Record<string, Json> = {
  Error: ERROR_SCHEMA,
  ...SEARCH_SCHEMAS,
  DeadlinePassedError: DEADLINE_PASSED_SCHEMA,
  ...CONTRIBUTION_SCHEMAS,
  ...MEETING_SCHEMAS,
  ...REVIEW_SCHEMAS,
  CoverPage: COVER_PAGE_SCHEMA,
};

export const INFO = {
  title: "ITU-T contribution tracker API",
  version: "1",
  description:
    "Submit, revise and withdraw contributions to ITU-T study group meetings, and read receipts, meetings and documents.\n\n" +
    "Instants are ISO 8601 UTC; each also comes as Geneva time with its zone named (`…Geneva`). The deadline is the first late instant: " +
    "on time iff received strictly before it.\n\n" +
    "Authenticate with a bearer token from POST /tokens, or the browser's session cookie (writes with the cookie must be same-origin).\n\n" +
    "Every JSON body is at most MAX_JSON_BODY_KB (64 KB by default): a larger one is refused with 413 `too_large`, by its Content-Length before it is read or as soon as a chunked one passes the cap. " +
    "Anything that fails unexpectedly is answered 500 `internal` with a `requestId` that names the entry in the server's log.\n\n" +
    "The request schemas (path, query, bodies, upload metadata) are generated from the zod schemas that validate the requests.\n\n" +
    `Errors are \`{"code", "message", "fields"?, "details"?, "requestId"?}\`:\n\n${errorTable()}`,
};

export const TAGS = [
  { name: "tokens", description: "API tokens" },
  { name: "clock", description: "The server's clock" },
  { name: "meetings", description: "Meetings and their deadlines" },
  { name: "contributions", description: "Submitting, revising, withdrawing, reading" },
  { name: "review", description: "Rapporteurs' queues, review states and comments" },
  { name: "secretariat", description: "Meetings, extensions, late requests and the late-submission report" },
  { name: "meta", description: "This description" },
];

export const SECURITY: Array<Record<string, string[]>> = [{ bearerAuth: [] }, { sessionCookie: [] }];

export const SECURITY_SCHEMES = {
  bearerAuth: { type: "http", scheme: "bearer", description: "A token from POST /tokens: `Authorization: Bearer <token>`." },
  sessionCookie: {
    type: "apiKey",
    in: "cookie",
    name: "next-auth.session-token",
    description: "The signed-in browser's session (`__Secure-next-auth.session-token` over HTTPS). Cross-site writes are refused (403).",
  },
};
