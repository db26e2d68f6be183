// The parts of the OpenAPI document that zod cannot know: the answers' shapes (what lib/present/api-json.ts's *ToJson functions
// write), the error object and its codes, the shared responses, the document's introduction. The requests' shapes are
// not here: lib/http/openapi.ts writes them from the zod schemas that validate them.
import { z } from "zod";
import { CONTRIBUTION_STATUSES, DEADLINE_RULES, LATE_REQUEST_STATUSES, MEETING_MODES, PURPOSES, REVIEW_STATES, TEXT_STATES, VERSION_STATES } from "@/lib/domain";
import { ERROR_STATUS, type ErrorCode } from "@/lib/domain/failures";
import { contactSchema } from "@/lib/validation/contribution";

export type Json = Record<string, unknown>;

export const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
export const response = (name: string) => ({ $ref: `#/components/responses/${name}` });
export const iso = (description: string) => ({ type: "string", format: "date-time", description });
export const jsonContent = (schema: Json, description: string) => ({ description, content: { "application/json": { schema } } });

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

export const FILE_MEDIA_TYPES = [
  "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
  "application/msword",
  "application/pdf",
  "application/zip",
];

/** An answer schema from a zod schema (what the server writes back is what it accepted, defaults filled in). */
const answerSchema = (schema: z.ZodType): Json => {
  const { $schema: _, ...rest } = z.toJSONSchema(schema, { io: "output", target: "draft-2020-12" }) as Json;
  return rest;
};

export const SCHEMAS: Record<string, Json> = {
  Error: {
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
  },
  SearchResults: {
    type: "object",
    description: "Contributions whose text (any version) or cover page (title, abstract, keywords, source) holds every word searched, best first, one result per contribution, as the caller may read them.",
    required: ["terms", "total", "page", "pageSize", "results"],
    properties: {
      terms: { type: "array", items: { type: "string" }, description: "The words and phrases searched. Empty when nothing searchable was typed (then there are no results)." },
      total: { type: "integer", minimum: 0 },
      page: { type: "integer", minimum: 1 },
      pageSize: { type: "integer", minimum: 1 },
      results: {
        type: "array",
        items: {
          type: "object",
          required: ["id", "displayNumber", "title", "snippet", "highlights"],
          properties: {
            id: { type: "integer" },
            number: { type: ["integer", "null"] },
            displayNumber: { type: "string", examples: ["COM 20-C 12"] },
            title: { type: "string" },
            source: { type: "string" },
            meeting: { type: "string" },
            questions: { type: "array", items: { type: "string" } },
            status: { type: "string", enum: [...CONTRIBUTION_STATUSES] },
            version: { type: "object", properties: { id: { type: "integer" }, label: { type: "string", examples: ["original", "Rev.1"] } }, description: "The version whose text matched best." },
            snippet: { type: "string", description: "A passage around the matches, as plain text." },
            highlights: {
              type: "array",
              description: "The same passage in parts; `match: true` marks the words found. Never HTML: escape it where you show it.",
              items: { type: "object", required: ["text", "match"], properties: { text: { type: "string" }, match: { type: "boolean" } } },
            },
          },
        },
      },
    },
  },
  VersionText: {
    type: "object",
    properties: {
      id: { type: "integer" },
      version: { type: "string", examples: ["original", "Rev.1"] },
      receivedAt: iso("When the server had the whole file, ISO 8601 UTC."),
      text: {
        type: "object",
        description: "The state of the version's text: pending until the extraction queue has read it.",
        properties: {
          state: { type: "string", enum: [...TEXT_STATES] },
          reason: { type: ["string", "null"], enum: ["scanned", "encrypted", "damaged", "limits", "unsupported", null], description: "Why there is no text." },
          truncated: { type: "boolean", description: "A very long document: only its beginning was read." },
          characters: { type: ["integer", "null"] },
          attempts: { type: "integer" },
        },
      },
    },
  },
  Comparison: {
    type: "object",
    required: ["contributionId", "from", "to", "ready", "parts"],
    properties: {
      contributionId: { type: "integer" },
      from: ref("VersionText"),
      to: ref("VersionText"),
      ready: { type: "boolean", description: "Both texts are there. When false, `parts` is empty and the texts' states say why." },
      stats: { type: "object", properties: { addedWords: { type: "integer" }, removedWords: { type: "integer" }, unchangedWords: { type: "integer" } } },
      parts: {
        type: "array",
        description: "Word-level differences in reading order. Joining the parts that are not `added` gives the `from` text; those that are not `removed`, the `to` text.",
        items: { type: "object", required: ["type", "text"], properties: { type: { type: "string", enum: ["added", "removed", "unchanged"] }, text: { type: "string" } } },
      },
    },
  },
  DeadlinePassedError: {
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
  },
  Contact: answerSchema(contactSchema),
  Receipt: {
    type: "object",
    description: "What the server stored: keep it. `late` is derived from `receivedAt` and the meeting's current deadline.",
    required: ["id", "versionId", "number", "displayNumber", "reference", "version", "title", "questions", "fileName", "receivedAt", "receivedAtGeneva", "requestStartedAt", "sha256", "size", "late", "status"],
    properties: {
      id: { type: "integer", description: "The contribution's id (GET /contributions/{id})." },
      versionId: { type: "integer" },
      lateRequestId: { type: ["integer", "null"] },
      meeting: { type: "string", examples: ["SG20-2020-07"] },
      number: { type: ["integer", "null"], description: "null while a late request awaits the secretariat's decision." },
      displayNumber: { type: "string", examples: ["COM 20-C 12", "(no number yet)"] },
      reference: { type: ["string", "null"], examples: ["T17-SG20-C-0012"] },
      version: { type: "string", examples: ["original", "Rev.1", "Add.1", "Corr.1"] },
      title: { type: "string" },
      questions: { type: "array", items: { type: "string" }, examples: [["Q3/20"]] },
      fileName: { type: "string", description: "The uploaded file's name, as metadata." },
      receivedAt: iso("The server's clock once the whole file was stored, ISO 8601 UTC with milliseconds."),
      receivedAtGeneva: { type: "string", examples: ["Tue 23 Jun 2020, 23:59:59 CEST (UTC+2)"] },
      requestStartedAt: iso("When the request began to arrive, ISO 8601 UTC."),
      sha256: { type: "string", pattern: "^[0-9a-f]{64}$" },
      size: { type: "integer", description: "bytes" },
      mediaType: { type: "string", description: "the type judged from the file's content (the download carries its extension)" },
      late: { type: "boolean" },
      status: { type: "string", enum: [...CONTRIBUTION_STATUSES, "awaiting_decision"] },
    },
  },
  Version: {
    type: "object",
    properties: {
      id: { type: "integer" },
      version: { type: "string", examples: ["Original", "Rev.1"] },
      fileName: { type: "string" },
      size: { type: "integer" },
      sha256: { type: "string" },
      mediaType: { type: "string", enum: FILE_MEDIA_TYPES },
      receivedAt: iso("ISO 8601 UTC"),
      receivedAtGeneva: { type: "string" },
      requestStartedAt: iso("ISO 8601 UTC"),
      late: { type: "boolean" },
      state: { type: "string", enum: [...VERSION_STATES] },
    },
  },
  Contribution: {
    type: "object",
    properties: {
      id: { type: "integer" },
      meeting: { type: "string" },
      number: { type: ["integer", "null"] },
      displayNumber: { type: "string" },
      reference: { type: ["string", "null"] },
      title: { type: "string" },
      purpose: { type: "string", enum: [...PURPOSES] },
      abstract: { type: "string" },
      keywords: { type: "string" },
      source: { type: "string", description: "The submitting organisation." },
      questions: { type: "array", items: { type: "string" } },
      status: { type: "string", enum: [...CONTRIBUTION_STATUSES] },
      late: { type: "boolean", description: "The original version arrived at or after the deadline." },
      contacts: { type: "array", items: ref("Contact"), description: "Empty in lists; filled in GET /contributions/{id}." },
      withdrawn: { type: ["object", "null"], properties: { at: iso("ISO 8601 UTC"), reason: { type: "string" } } },
      lateRequest: {
        type: ["object", "null"],
        properties: {
          id: { type: "integer" },
          status: { type: "string", enum: [...LATE_REQUEST_STATUSES] },
          decisionReason: { type: ["string", "null"] },
          decidedAt: { type: ["string", "null"], format: "date-time", description: "ISO 8601 UTC" },
        },
      },
      versions: { type: "array", items: ref("Version"), description: "Outside the submitting organisation and the reviewers, admitted versions only." },
    },
  },
  Meeting: {
    type: "object",
    properties: {
      code: { type: "string", examples: ["SG20-2020-07"] },
      title: { type: "string" },
      studyGroup: { type: "string", examples: ["SG20"] },
      studyPeriod: { type: "string", examples: ["2017-2020"] },
      mode: { type: "string", enum: [...MEETING_MODES] },
      location: { type: "string" },
      firstDay: { type: "string", format: "date" },
      lastDay: { type: "string", format: "date" },
      timeZone: { type: "string", examples: ["Europe/Zurich"] },
      deadline: iso("The first late instant, ISO 8601 UTC: on time iff received strictly before it."),
      deadlineGeneva: { type: "string", examples: ["Wed 24 Jun 2020, 00:00:00 CEST (UTC+2)"] },
      deadlineRule: { type: "string", enum: [...DEADLINE_RULES] },
      deadlineNote: { type: ["string", "null"] },
      sessions: {
        type: "array",
        items: {
          type: "object",
          properties: {
            title: { type: "string" },
            kind: { type: "string" },
            start: iso("ISO 8601 UTC"),
            end: iso("ISO 8601 UTC"),
            startGeneva: { type: "string" },
            endGeneva: { type: "string" },
            registrationRequired: { type: "boolean" },
            note: { type: ["string", "null"] },
          },
        },
      },
      history: {
        type: "array",
        description: "Corrigenda and deadline moves, oldest first.",
        items: {
          type: "object",
          properties: {
            at: iso("ISO 8601 UTC"),
            atGeneva: { type: "string" },
            by: { type: ["string", "null"] },
            reference: { type: "string" },
            reason: { type: "string" },
            changes: { type: "object", additionalProperties: { type: "object", properties: { from: {}, to: {} } } },
          },
        },
      },
    },
  },
  Clock: {
    type: "object",
    required: ["now", "nowMs", "nowGeneva", "simulated"],
    properties: {
      now: iso("The server's current instant, ISO 8601 UTC."),
      nowMs: { type: "integer", description: "UTC epoch milliseconds" },
      nowGeneva: { type: "string" },
      simulated: { type: "boolean", description: "true in the demo, whose clock can be moved." },
    },
  },
  Extension: {
    type: "object",
    description: "A grant to a member or organisation to submit after the deadline, until `until`; what arrives inside it is admitted but still marked LATE.",
    properties: {
      id: { type: "integer" },
      organisation: { type: ["string", "null"] },
      user: { type: ["string", "null"], description: "The member's e-mail, for a personal extension." },
      until: iso("ISO 8601 UTC"),
      untilGeneva: { type: "string" },
      reason: { type: "string" },
      grantedBy: { type: "string" },
      grantedAt: iso("ISO 8601 UTC"),
      revokedAt: { type: ["string", "null"], format: "date-time" },
      revokedBy: { type: ["string", "null"] },
      revokeReason: { type: ["string", "null"] },
    },
  },
  LateReport: {
    type: "object",
    description: "Every late request, late arrival, extension and refused attempt of a meeting. Instants ISO 8601 UTC, with `…Geneva` beside them.",
    properties: {
      meeting: { type: "string" },
      deadline: iso("ISO 8601 UTC"),
      deadlineGeneva: { type: "string" },
      summary: {
        type: "object",
        properties: Object.fromEntries(
          ["awaitingDecision", "admitted", "deferred", "reissuedAsTd", "declined", "lateContributions", "lateRevisions", "activeExtensions", "refusedAttempts", "refusedAfterDeadline"].map((k) => [k, { type: "integer" }]),
        ),
      },
      lateRequests: { type: "array", items: { type: "object", additionalProperties: true } },
      lateContributions: { type: "array", items: { type: "object", additionalProperties: true } },
      lateRevisions: { type: "array", items: { type: "object", additionalProperties: true } },
      extensions: { type: "array", items: { type: "object", additionalProperties: true } },
      refusedAttempts: { type: "array", items: { type: "object", additionalProperties: true } },
      arrivalsPerHour: {
        type: "array",
        items: { type: "object", properties: { start: iso("ISO 8601 UTC"), onTime: { type: "integer" }, late: { type: "integer" } } },
      },
    },
  },
  Comment: {
    type: "object",
    properties: {
      id: { type: "integer" },
      body: { type: "string" },
      sharedWithSubmitter: { type: "boolean" },
      author: { type: "string" },
      at: iso("ISO 8601 UTC"),
      atGeneva: { type: "string" },
    },
  },
  ReviewPanel: {
    type: "object",
    properties: {
      contributionId: { type: "integer" },
      state: { type: "string", enum: [...REVIEW_STATES] },
      reviewedVersionId: { type: ["integer", "null"] },
      currentVersionId: { type: ["integer", "null"] },
      revisedSinceReview: { type: "boolean" },
      updatedAt: { type: ["string", "null"], format: "date-time" },
      updatedBy: { type: ["string", "null"] },
      comments: { type: "array", items: ref("Comment") },
      history: {
        type: "array",
        items: { type: "object", properties: { action: { type: "string" }, at: iso("ISO 8601 UTC"), atGeneva: { type: "string" }, actor: { type: ["string", "null"] }, details: { type: "object" } } },
      },
    },
  },
  QueuePage: {
    type: "object",
    properties: {
      question: { type: "string", examples: ["Q3/20"] },
      total: { type: "integer" },
      page: { type: "integer" },
      pageSize: { type: "integer" },
      contributions: {
        type: "array",
        items: {
          type: "object",
          properties: {
            id: { type: "integer" },
            number: { type: ["integer", "null"] },
            displayNumber: { type: "string" },
            reference: { type: ["string", "null"] },
            title: { type: "string" },
            source: { type: "string" },
            questions: { type: "array", items: { type: "string" } },
            purpose: { type: "string", enum: [...PURPOSES] },
            status: { type: "string", enum: [...CONTRIBUTION_STATUSES] },
            receivedAt: iso("The original's receipt, ISO 8601 UTC."),
            receivedAtGeneva: { type: "string" },
            late: { type: "boolean" },
            currentVersionId: { type: ["integer", "null"] },
            currentVersion: { type: "string" },
            currentReceivedAt: iso("ISO 8601 UTC"),
            reviewState: { type: "string", enum: [...REVIEW_STATES] },
            revisedSinceReview: { type: "boolean" },
          },
        },
      },
    },
  },
  CoverPage: {
    type: "object",
    properties: {
      questions: { type: "array", items: { type: "string" } },
      studyGroup: { type: ["string", "null"] },
      workingParty: { type: ["string", "null"] },
      source: { type: ["string", "null"] },
      title: { type: ["string", "null"] },
      purpose: { oneOf: [{ type: "string", enum: [...PURPOSES] }, { type: "null" }] },
      contacts: { type: "array", items: ref("Contact") },
      keywords: { type: "array", items: { type: "string" } },
      abstract: { type: ["string", "null"] },
      meeting: { type: ["string", "null"] },
    },
  },
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

/** A receipt answer (201 or 202), with the new contribution's address where it has one. */
export const receiptResponse = (description: string, withLocation: boolean) => ({
  description,
  ...(withLocation ? { headers: { Location: { description: "/api/v1/contributions/{id}", schema: { type: "string" } } } } : {}),
  content: { "application/json": { schema: ref("Receipt") } },
});

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
