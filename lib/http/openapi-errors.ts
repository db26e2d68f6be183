// The error answer in the OpenAPI document: the error object, its codes and what each means, and the shared failure
// responses that operations refer to.
import { ERROR_STATUS, type ErrorCode } from "@/lib/domain/failures";
import { iso, ref, type Json } from "@/lib/http/openapi-json";

const ERROR_MEANING: Record<ErrorCode, string> = {
  unauthenticated: "No valid session cookie or bearer token (or wrong e-mail/password for POST /tokens).",
  forbidden: "Signed in, but the role does not allow it (e.g. an Associate of another study group submitting), or a cross-site write with the session cookie.",
  not_found: "Does not exist, or the caller may not see it: another organisation's document answers not_found, never forbidden, so existence stays private.",
  conflict: "The state does not allow it: revising a withdrawn document, withdrawing twice, a late request before the deadline has passed.",
  deadline_passed: "Received at or after the meeting's deadline (Geneva time). `details` holds deadline, deadlineGeneva, receivedAt and lateByMs; file the document as a late submission request instead.",
  too_large: "The file is over the size limit (MAX_UPLOAD_MB, 50 MB by default), or a JSON body is over its cap (MAX_JSON_BODY_KB, 64 KB by default). `details.limitBytes` gives the limit.",
  unsupported_type: "The file's content is not DOCX, DOC, PDF or ZIP (checked by content, not by extension).",
  invalid: "The body is malformed or a field is wrong; `fields` maps each field to a message.",
  throttled: "Too many failed sign-ins for this account or address; wait and try again.",
  not_available: "The feature does not exist here, e.g. PUT /clock when the server runs on the real clock.",
  internal: "Something failed that nobody expected. `requestId` names the entry in the server's log; try again, and quote it if it persists.",
};

export const ERROR_CODES = Object.keys(ERROR_STATUS) as ErrorCode[];

export function errorTable(): string {
  return ["| code | HTTP status | meaning |", "|---|---|---|", ...ERROR_CODES.map((c) => `| \`${c}\` | ${ERROR_STATUS[c]} | ${ERROR_MEANING[c]} |`)].join("\n");
}

export function errorResponse(description: string, codes: ErrorCode[], schema: Json = ref("Error")): Json {
  return {
    description: `${description} Codes: ${codes.map((c) => `\`${c}\``).join(", ")}.`,
    content: { "application/json": { schema: { allOf: [schema, { properties: { code: { enum: codes } } }] } } },
  };
}

export const ERROR_SCHEMA: Json = {
  type: "object",
  description: `Every error answer. The HTTP status follows from the code:\n\n${errorTable()}`,
  required: ["code", "message"],
  properties: {
    code: { type: "string", enum: ERROR_CODES },
    message: { type: "string", description: "A sentence for a delegate, in English." },
    fields: { type: "object", additionalProperties: { type: "string" }, description: "With `invalid`: field name (dotted path, e.g. `contacts.0.email`) → message." },
    details: { type: "object", additionalProperties: true, description: "Machine-readable facts about the failure." },
    requestId: { type: "string", description: "With `internal`: the request's id in the server's log." },
  },
};

/** A failure of submitting or revising after the deadline, with the facts a client needs to file a late request instead. */
export const DEADLINE_PASSED_SCHEMA: Json = {
  allOf: [
    ref("Error"),
    {
      type: "object",
      properties: {
        code: { const: "deadline_passed" },
        details: {
          type: "object",
          required: ["deadline", "deadlineGeneva", "receivedAt", "lateByMs"],
          properties: {
            deadline: iso("The meeting's deadline: the first late instant, ISO 8601 UTC (2020-06-23T22:00:00.000Z for SG20 July 2020)."),
            deadlineGeneva: { type: "string", examples: ["Wed 24 Jun 2020, 00:00:00 CEST (UTC+2)"] },
            receivedAt: iso("When the server had the whole file, ISO 8601 UTC."),
            lateByMs: { type: "integer", minimum: 0 },
            lateRequestAllowed: { type: "boolean" },
          },
        },
      },
    },
  ],
};

export const RESPONSES: Record<string, Json> = {
  Unauthenticated: errorResponse("Not signed in.", ["unauthenticated"]),
  Forbidden: errorResponse("Not allowed.", ["forbidden"]),
  NotFound: errorResponse("Not found, or not visible to the caller.", ["not_found"]),
  Conflict: errorResponse("Not in a state that allows it.", ["conflict"]),
  DeadlinePassedOrConflict: {
    description: "`deadline_passed` (with the deadline and how late, see DeadlinePassedError) or `conflict`.",
    content: { "application/json": { schema: { oneOf: [ref("DeadlinePassedError"), { allOf: [ref("Error"), { properties: { code: { const: "conflict" } } }] }] } } },
  },
  Invalid: errorResponse("The body or a field is wrong; see `fields`.", ["invalid"]),
  TooLarge: errorResponse("The file, or the JSON body, is over its size limit.", ["too_large"]),
  UnsupportedType: errorResponse("Not a DOCX, DOC, PDF or ZIP file.", ["unsupported_type"]),
  Throttled: errorResponse("Too many failed attempts.", ["throttled"]),
  NotAvailable: errorResponse("This feature does not exist on this server.", ["not_available"]),
  Internal: errorResponse("Something failed that nobody expected; `requestId` names the entry in the server's log.", ["internal"]),
};
