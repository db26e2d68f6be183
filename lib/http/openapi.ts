// The OpenAPI 3.1 description of /api/v1, served at /api/v1/openapi.json; a unit test fails when a route is left out.
import { CONTRIBUTION_STATUSES, LATE_REQUEST_STATUSES, MEETING_MODES, PURPOSES, REVIEW_STATES, VERSION_KINDS } from "@/db/schema";
import { ERROR_STATUS, type ErrorCode } from "@/lib/domain/failures";
import { MAX_ABSTRACT, MAX_TITLE } from "@/lib/validation/contribution";
import { LIST_PAGE_SIZE, MAX_LIST_PAGE_SIZE } from "@/lib/validation/paging";

type Json = Record<string, unknown>;

export type OpenApiDocument = {
  openapi: string;
  info: Json;
  servers: Json[];
  security: Array<Record<string, string[]>>;
  tags: Json[];
  paths: Record<string, Record<string, Json>>;
  components: { securitySchemes: Json; schemas: Record<string, Json>; responses: Record<string, Json>; parameters: Record<string, Json> };
};

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const response = (name: string) => ({ $ref: `#/components/responses/${name}` });
const param = (name: string) => ({ $ref: `#/components/parameters/${name}` });
const iso = (description: string) => ({ type: "string", format: "date-time", description });
const jsonBody = (schema: Json, description?: string) => ({ description, content: { "application/json": { schema } } });

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

const ERROR_CODES = Object.keys(ERROR_STATUS) as ErrorCode[];

function errorTable(): string {
  return ["| code | HTTP status | meaning |", "|---|---|---|", ...ERROR_CODES.map((c) => `| \`${c}\` | ${ERROR_STATUS[c]} | ${ERROR_MEANING[c]} |`)].join("\n");
}

function errorResponse(description: string, codes: ErrorCode[], schema: Json = ref("Error")): Json {
  return {
    description: `${description} Codes: ${codes.map((c) => `\`${c}\``).join(", ")}.`,
    content: { "application/json": { schema: { allOf: [schema, { properties: { code: { enum: codes } } }] } } },
  };
}

const UPLOAD_ERRORS = {
  "401": response("Unauthenticated"),
  "403": response("Forbidden"),
  "413": response("TooLarge"),
  "415": response("UnsupportedType"),
  "422": response("Invalid"),
};

// The decisions of lib/data/late-decisions.ts, repeated here so that the document does not load the data layer.
const LATE_DECISIONS = ["admit", "defer", "reissue_as_td", "decline"];

const FILE_MEDIA_TYPES = [
  "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
  "application/msword",
  "application/pdf",
  "application/zip",
];

const schemas: Record<string, Json> = {
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
          state: { type: "string", enum: ["pending", "done", "no_text", "failed"] },
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
  Contact: {
    type: "object",
    required: ["name", "organization", "country", "email"],
    properties: {
      name: { type: "string", maxLength: 200 },
      organization: { type: "string", maxLength: 200 },
      country: { type: "string", maxLength: 100 },
      phone: { type: "string", maxLength: 60, default: "" },
      email: { type: "string", format: "email", maxLength: 320 },
    },
  },
  SubmissionMetadata: {
    type: "object",
    description: "The cover page of a contribution. Unknown fields (organisation, submitter, receipt time...) are ignored: they come from the account and the server's clock.",
    required: ["title", "questions", "purpose", "contacts"],
    properties: {
      title: { type: "string", minLength: 1, maxLength: MAX_TITLE },
      questions: {
        type: "array",
        minItems: 1,
        maxItems: 20,
        items: { type: "string", examples: ["Q3/20"] },
        description: "Questions of the meeting's study group; `3/20` and `q 3/20` are read as `Q3/20`.",
        examples: [["Q3/20"]],
      },
      purpose: { type: "string", enum: [...PURPOSES] },
      abstract: { type: "string", maxLength: MAX_ABSTRACT, default: "" },
      keywords: {
        oneOf: [{ type: "string", description: "separated by ';' or ','" }, { type: "array", items: { type: "string" } }],
        default: "",
      },
      contacts: { type: "array", minItems: 1, maxItems: 10, items: ref("Contact") },
    },
  },
  LateSubmissionMetadata: {
    allOf: [
      ref("SubmissionMetadata"),
      { type: "object", properties: { explanation: { type: "string", maxLength: 2000, default: "", description: "Why it is late, for the secretariat." } } },
    ],
  },
  RevisionMetadata: {
    type: "object",
    description: "Every field is optional; cover fields given replace the contribution's (once the version is admitted).",
    properties: {
      kind: { type: "string", enum: VERSION_KINDS.filter((k) => k !== "original"), default: "revision" },
      note: { type: "string", maxLength: 1000 },
      explanation: { type: "string", maxLength: 2000, description: "With asLateRequest=1: why it is late." },
      title: { type: "string", minLength: 1, maxLength: MAX_TITLE },
      questions: { type: "array", minItems: 1, maxItems: 20, items: { type: "string" } },
      purpose: { type: "string", enum: [...PURPOSES] },
      abstract: { type: "string", maxLength: MAX_ABSTRACT },
      keywords: { oneOf: [{ type: "string" }, { type: "array", items: { type: "string" } }] },
      contacts: { type: "array", minItems: 1, maxItems: 10, items: ref("Contact") },
    },
  },
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
      state: { type: "string", enum: ["accepted", "pending", "refused"] },
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
      deadlineRule: { type: "string", enum: ["default", "override"] },
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

const responses: Record<string, Json> = {
  Unauthenticated: errorResponse("Not signed in.", ["unauthenticated"]),
  Forbidden: errorResponse("Not allowed.", ["forbidden"]),
  NotFound: errorResponse("Not found, or not visible to the caller.", ["not_found"]),
  Conflict: errorResponse("Not in a state that allows it.", ["conflict"]),
  DeadlinePassedOrConflict: {
    description: "`deadline_passed` (with the deadline and how late, see DeadlinePassedError) or `conflict`.",
    content: { "application/json": { schema: { oneOf: [ref("DeadlinePassedError"), { allOf: [ref("Error"), { properties: { code: { const: "conflict" } } }] }] } } },
  },
  Invalid: errorResponse("The body or a field is wrong; see `fields`.", ["invalid"]),
  TooLarge: errorResponse("The file is over the size limit.", ["too_large"]),
  UnsupportedType: errorResponse("Not a DOCX, DOC, PDF or ZIP file.", ["unsupported_type"]),
  Throttled: errorResponse("Too many failed attempts.", ["throttled"]),
};

const parameters: Record<string, Json> = {
  meetingCode: { name: "meetingCode", in: "path", required: true, schema: { type: "string" }, example: "SG20-2020-07" },
  contributionId: { name: "id", in: "path", required: true, schema: { type: "integer", minimum: 1 }, description: "The contribution's id." },
  question: { name: "question", in: "path", required: true, schema: { type: "string" }, description: "A Question code, `Q3-20` or `Q3%2F20`.", example: "Q3-20" },
};

const uploadBody = (metadataSchema: string, metadataRequired: boolean, description: string) => ({
  required: true,
  description,
  content: {
    "multipart/form-data": {
      schema: {
        type: "object",
        required: metadataRequired ? ["metadata", "file"] : ["file"],
        properties: {
          metadata: { ...ref(metadataSchema), description: "JSON, in a part of its own." },
          file: { type: "string", contentMediaType: "application/octet-stream", description: "The document: DOCX (ITU's standard), DOC, PDF or ZIP, checked by content." },
        },
      },
      encoding: { metadata: { contentType: "application/json" }, file: { contentType: FILE_MEDIA_TYPES.join(", ") } },
    },
  },
});

const receiptResponse = (description: string, withLocation: boolean) => ({
  description,
  ...(withLocation ? { headers: { Location: { description: "/api/v1/contributions/{id}", schema: { type: "string" } } } } : {}),
  content: { "application/json": { schema: ref("Receipt") } },
});

const calendarDescription =
  "No sign-in: a calendar application subscribes to it (also as `webcal://`). Each event has a stable UID " +
  "(`deadline-{meetingCode}@{host}`, `meeting-{meetingCode}@{host}`, `session-{id}@{host}`) and a SEQUENCE that counts the changes " +
  "of the meeting's history that touched it, so a deadline moved by a corrigendum updates the subscriber's event. " +
  "The deadline event starts at the deadline instant (the first late instant), in UTC. Answers carry an ETag; `If-None-Match` gets 304.";

const calendarResponses = {
  "200": { description: "An iCalendar feed (RFC 5545).", content: { "text/calendar": { schema: { type: "string" } } } },
  "304": { description: "Not modified since the ETag sent in If-None-Match." },
  "404": response("NotFound"),
};

const paths: Record<string, Record<string, Json>> = {
  "/openapi.json": {
    get: {
      tags: ["meta"],
      summary: "This document",
      operationId: "getOpenApi",
      security: [],
      responses: { "200": jsonBody({ type: "object" }, "The OpenAPI 3.1 document.") },
    },
  },
  "/tokens": {
    post: {
      tags: ["tokens"],
      summary: "Create an API token with e-mail and password",
      description: "Same checks and throttling as the sign-in form. The secret is shown once; send it as `Authorization: Bearer <token>`.",
      operationId: "createToken",
      security: [],
      requestBody: {
        required: true,
        content: {
          "application/json": {
            schema: {
              type: "object",
              required: ["email", "password", "label"],
              properties: { email: { type: "string", maxLength: 320 }, password: { type: "string", maxLength: 1000 }, label: { type: "string", maxLength: 100, examples: ["upload script"] } },
            },
          },
        },
      },
      responses: {
        "201": jsonBody({ type: "object", required: ["id", "token"], properties: { id: { type: "integer" }, token: { type: "string" } } }, "The token; its secret is not shown again."),
        "401": response("Unauthenticated"),
        "422": response("Invalid"),
        "429": response("Throttled"),
      },
    },
  },
  "/tokens/{id}": {
    delete: {
      tags: ["tokens"],
      summary: "Revoke one of your tokens",
      operationId: "revokeToken",
      parameters: [{ name: "id", in: "path", required: true, schema: { type: "integer", minimum: 1 }, description: "The token's id." }],
      responses: {
        "200": jsonBody({ type: "object", properties: { id: { type: "integer" }, revoked: { const: true } } }, "Revoked."),
        "401": response("Unauthenticated"),
        "404": response("NotFound"),
      },
    },
  },
  "/clock": {
    get: {
      tags: ["clock"],
      summary: "The server's time",
      description: "Count down from this, not from the client's clock. Public.",
      operationId: "getClock",
      security: [],
      responses: { "200": jsonBody(ref("Clock"), "The server's current instant.") },
    },
    put: {
      tags: ["clock"],
      summary: "Move the simulated clock (demo only, secretariat)",
      operationId: "setClock",
      requestBody: {
        required: true,
        content: { "application/json": { schema: { type: "object", required: ["now"], properties: { now: { type: "string", format: "date-time", description: "ISO 8601 with its offset", examples: ["2020-06-23T21:59:00Z"] } } } } },
      },
      responses: {
        "200": jsonBody(ref("Clock"), "The clock after the move."),
        "401": response("Unauthenticated"),
        "403": response("Forbidden"),
        "404": errorResponse("The server runs on the real clock: this control does not exist.", ["not_available"]),
        "422": response("Invalid"),
      },
    },
  },
  "/meetings/{meetingCode}": {
    get: {
      tags: ["meetings"],
      summary: "A meeting, its deadline, related sessions and history",
      operationId: "getMeeting",
      parameters: [param("meetingCode")],
      responses: { "200": jsonBody(ref("Meeting"), "The meeting."), "401": response("Unauthenticated"), "404": response("NotFound") },
    },
    patch: {
      tags: ["secretariat"],
      summary: "Change a meeting's facts (secretariat), e.g. after a corrigendum",
      description: "Only the fields given change; `reason` and `reference` are kept in the meeting's history. Lateness is re-judged at once against the new deadline.",
      operationId: "updateMeeting",
      parameters: [param("meetingCode")],
      requestBody: {
        required: true,
        content: {
          "application/json": {
            schema: {
              type: "object",
              required: ["reason", "reference"],
              properties: {
                title: { type: "string", minLength: 1, maxLength: 300 },
                mode: { type: "string", enum: [...MEETING_MODES] },
                location: { type: "string", maxLength: 300 },
                firstDay: { type: "string", format: "date" },
                lastDay: { type: "string", format: "date" },
                timeZone: { type: "string", maxLength: 60 },
                deadline: {
                  oneOf: [{ type: "string", format: "date-time", description: "The new first late instant, with its offset." }, { const: "default", description: "Back to 13 days before the first day, end of day in Geneva." }],
                },
                deadlineNote: { type: ["string", "null"], maxLength: 1000 },
                reason: { type: "string", minLength: 3, maxLength: 2000 },
                reference: { type: "string", minLength: 3, maxLength: 300, examples: ["Corrigendum 1 to Collective letter 8/20"] },
              },
            },
          },
        },
      },
      responses: {
        "200": jsonBody({ type: "object", properties: { changed: { type: "array", items: { type: "string" } }, meeting: ref("Meeting") } }, "What changed, and the meeting now."),
        "401": response("Unauthenticated"),
        "403": response("Forbidden"),
        "404": response("NotFound"),
        "422": response("Invalid"),
      },
    },
  },
  "/meetings/{meetingCode}/calendar.ics": {
    get: {
      tags: ["meetings"],
      summary: "The meeting, its deadline and related sessions as an iCalendar feed (public)",
      description: calendarDescription,
      operationId: "getMeetingCalendar",
      security: [],
      parameters: [param("meetingCode")],
      responses: calendarResponses,
    },
  },
  "/study-groups/{group}/calendar.ics": {
    get: {
      tags: ["meetings"],
      summary: "Every meeting of a study group as one iCalendar feed (public)",
      description: calendarDescription,
      operationId: "getStudyGroupCalendar",
      security: [],
      parameters: [{ name: "group", in: "path", required: true, schema: { type: "string" }, description: "A study group's code, any case.", example: "SG20" }],
      responses: calendarResponses,
    },
  },
  "/meetings/{meetingCode}/extensions": {
    get: {
      tags: ["secretariat"],
      summary: "The meeting's deadline extensions",
      operationId: "listExtensions",
      parameters: [param("meetingCode")],
      responses: {
        "200": jsonBody({ type: "object", properties: { extensions: { type: "array", items: ref("Extension") } } }, "The extensions."),
        "401": response("Unauthenticated"),
        "403": response("Forbidden"),
        "404": response("NotFound"),
      },
    },
    post: {
      tags: ["secretariat"],
      summary: "Grant an organisation or a member an extension (secretariat)",
      operationId: "grantExtension",
      parameters: [param("meetingCode")],
      requestBody: {
        required: true,
        content: {
          "application/json": {
            schema: {
              type: "object",
              description: "Either `organisation` or `user`, not both.",
              required: ["until", "reason"],
              properties: {
                organisation: { oneOf: [{ type: "integer", minimum: 1 }, { type: "string", pattern: "^\\d+$" }], description: "An organisation id." },
                user: { type: "string", maxLength: 320, description: "A member's e-mail." },
                until: { type: "string", format: "date-time", description: "ISO 8601 with its offset; after the deadline." },
                reason: { type: "string", minLength: 3, maxLength: 2000 },
              },
            },
          },
        },
      },
      responses: {
        "201": jsonBody(ref("Extension"), "Granted."),
        "401": response("Unauthenticated"),
        "403": response("Forbidden"),
        "404": response("NotFound"),
        "422": response("Invalid"),
      },
    },
  },
  "/meetings/{meetingCode}/late-report": {
    get: {
      tags: ["secretariat"],
      summary: "The late-submission report (secretariat)",
      operationId: "getLateReport",
      parameters: [
        param("meetingCode"),
        { name: "format", in: "query", required: false, schema: { type: "string", enum: ["csv"] }, description: "csv: the report as a CSV file." },
      ],
      responses: {
        "200": {
          description: "The report, as JSON or (format=csv) CSV.",
          content: { "application/json": { schema: ref("LateReport") }, "text/csv": { schema: { type: "string" } } },
        },
        "401": response("Unauthenticated"),
        "404": response("NotFound"),
      },
    },
  },
  "/extensions/{id}": {
    delete: {
      tags: ["secretariat"],
      summary: "Revoke an extension (secretariat)",
      description: 'An optional JSON body `{"reason"}` is kept in the report.',
      operationId: "revokeExtension",
      parameters: [{ name: "id", in: "path", required: true, schema: { type: "integer", minimum: 1 }, description: "The extension's id." }],
      requestBody: { required: false, content: { "application/json": { schema: { type: "object", properties: { reason: { type: "string" } } } } } },
      responses: {
        "200": jsonBody({ type: "object", properties: { id: { type: "integer" }, revoked: { const: true } } }, "Revoked."),
        "401": response("Unauthenticated"),
        "403": response("Forbidden"),
        "404": response("NotFound"),
        "409": response("Conflict"),
      },
    },
  },
  "/late-requests/{id}/decision": {
    post: {
      tags: ["secretariat"],
      summary: "Decide a late submission request (secretariat)",
      description: "Admit (it gets its number and keeps its LATE mark), defer to a later meeting of the group, reissue as a TD, or decline; always with a reason, which the submitter reads.",
      operationId: "decideLateRequest",
      parameters: [{ name: "id", in: "path", required: true, schema: { type: "integer", minimum: 1 }, description: "The late request's id." }],
      requestBody: {
        required: true,
        content: {
          "application/json": {
            schema: {
              type: "object",
              required: ["decision", "reason"],
              properties: {
                decision: { type: "string", enum: LATE_DECISIONS },
                reason: { type: "string", minLength: 3, maxLength: 2000 },
                deferTo: { type: ["string", "null"], maxLength: 60, description: "With defer: the later meeting's code." },
                tdReference: { type: ["string", "null"], maxLength: 60, description: "With reissue_as_td: the TD's reference." },
              },
            },
          },
        },
      },
      responses: {
        "200": jsonBody(
          {
            type: "object",
            properties: {
              lateRequestId: { type: "integer" },
              contributionId: { type: "integer" },
              status: { type: "string", enum: ["admitted", "deferred", "reissued_td", "declined"] },
              number: { type: ["integer", "null"] },
              meetingCode: { type: "string" },
            },
          },
          "Decided.",
        ),
        "401": response("Unauthenticated"),
        "403": response("Forbidden"),
        "404": response("NotFound"),
        "409": response("Conflict"),
        "422": response("Invalid"),
      },
    },
  },
  "/meetings/{meetingCode}/contributions": {
    get: {
      tags: ["contributions"],
      summary: "The meeting's contributions the caller may see",
      description:
        "Everyone sees the admitted list; members also their organisation's own, rapporteurs the contributions to their Questions, the secretariat everything. " +
        "By number, a page at a time (a large meeting has thousands): `total` says how many there are, a page past the last is empty.",
      operationId: "listMeetingContributions",
      parameters: [
        param("meetingCode"),
        { name: "page", in: "query", schema: { type: "integer", minimum: 1, default: 1 } },
        { name: "pageSize", in: "query", schema: { type: "integer", minimum: 1, maximum: MAX_LIST_PAGE_SIZE, default: LIST_PAGE_SIZE } },
      ],
      responses: {
        "200": jsonBody(
          {
            type: "object",
            required: ["contributions", "total", "page", "pageSize"],
            properties: { contributions: { type: "array", items: ref("Contribution") }, total: { type: "integer" }, page: { type: "integer" }, pageSize: { type: "integer" } },
          },
          "One page of the list, by number.",
        ),
        "401": response("Unauthenticated"),
        "404": response("NotFound"),
        "422": response("Invalid"),
      },
    },
    post: {
      tags: ["contributions"],
      summary: "Submit a contribution",
      description:
        "The receipt time is the server's clock once the whole file is stored. At or after the deadline the answer is 409 `deadline_passed`; send the same body to POST /meetings/{meetingCode}/late-requests to file a late submission request.",
      operationId: "submitContribution",
      parameters: [param("meetingCode")],
      requestBody: uploadBody("SubmissionMetadata", true, "`metadata` (JSON) and `file`."),
      responses: {
        "201": receiptResponse("Received and numbered: the receipt.", true),
        ...UPLOAD_ERRORS,
        "404": response("NotFound"),
        "409": errorResponse("The deadline has passed.", ["deadline_passed"], ref("DeadlinePassedError")),
      },
    },
  },
  "/meetings/{meetingCode}/late-requests": {
    post: {
      tags: ["contributions"],
      summary: "File a late submission request",
      description: "After the deadline: stored, hashed and timestamped, without a number until the secretariat admits it. Before the deadline the answer is 409 `conflict`.",
      operationId: "fileLateRequest",
      parameters: [param("meetingCode")],
      requestBody: uploadBody("LateSubmissionMetadata", true, "`metadata` (JSON, with an optional `explanation`) and `file`."),
      responses: {
        "202": receiptResponse("Received; awaiting the secretariat's decision.", true),
        ...UPLOAD_ERRORS,
        "404": response("NotFound"),
        "409": response("Conflict"),
      },
    },
  },
  "/contributions/{id}": {
    get: {
      tags: ["contributions"],
      summary: "One contribution with its versions",
      operationId: "getContribution",
      parameters: [param("contributionId")],
      responses: { "200": jsonBody(ref("Contribution"), "The contribution."), "401": response("Unauthenticated"), "404": response("NotFound") },
    },
  },
  "/contributions/{id}/review": {
    get: {
      tags: ["review"],
      summary: "The review panel: state, reviewed version, comments, history (rapporteurs of its Questions, secretariat)",
      operationId: "getReviewPanel",
      parameters: [param("contributionId")],
      responses: { "200": jsonBody(ref("ReviewPanel"), "The panel."), "401": response("Unauthenticated"), "404": response("NotFound") },
    },
    put: {
      tags: ["review"],
      summary: "Set the review state",
      operationId: "setReviewState",
      parameters: [param("contributionId")],
      requestBody: { required: true, content: { "application/json": { schema: { type: "object", required: ["state"], properties: { state: { type: "string", enum: [...REVIEW_STATES] } } } } } },
      responses: {
        "200": jsonBody(
          { type: "object", properties: { state: { type: "string", enum: [...REVIEW_STATES] }, reviewedVersionId: { type: ["integer", "null"] }, updatedAt: iso("ISO 8601 UTC") } },
          "The new state.",
        ),
        "401": response("Unauthenticated"),
        "403": response("Forbidden"),
        "404": response("NotFound"),
        "422": response("Invalid"),
      },
    },
    post: {
      tags: ["review"],
      summary: "Comment on a contribution, privately or shared with the submitter",
      operationId: "addComment",
      parameters: [param("contributionId")],
      requestBody: {
        required: true,
        content: {
          "application/json": {
            schema: { type: "object", required: ["body"], properties: { body: { type: "string", minLength: 1, maxLength: 5000 }, sharedWithSubmitter: { type: "boolean", default: false } } },
          },
        },
      },
      responses: {
        "201": jsonBody(ref("Comment"), "The comment."),
        "401": response("Unauthenticated"),
        "403": response("Forbidden"),
        "404": response("NotFound"),
        "422": response("Invalid"),
      },
    },
  },
  "/questions/{question}/contributions": {
    get: {
      tags: ["review"],
      summary: "A Question's review queue, as JSON pages or (format=csv) every matching row",
      operationId: "listQuestionQueue",
      parameters: [
        param("question"),
        { name: "state", in: "query", schema: { type: "string", enum: [...REVIEW_STATES, "all"], default: "all" } },
        { name: "late", in: "query", schema: { type: "string", enum: ["1", "0"] }, description: "1: late ones only." },
        { name: "revised", in: "query", schema: { type: "string", enum: ["1", "0"] }, description: "1: revised since the last review only." },
        { name: "purpose", in: "query", schema: { type: "string", enum: [...PURPOSES] } },
        { name: "q", in: "query", schema: { type: "string", maxLength: 200 }, description: "Search text." },
        { name: "sort", in: "query", schema: { type: "string", enum: ["number", "received", "title", "source"], default: "number" } },
        { name: "dir", in: "query", schema: { type: "string", enum: ["asc", "desc"], default: "asc" } },
        { name: "page", in: "query", schema: { type: "integer", minimum: 1, default: 1 } },
        { name: "pageSize", in: "query", schema: { type: "integer", minimum: 1, maximum: 200, default: 50 } },
        { name: "format", in: "query", schema: { type: "string", enum: ["json", "csv"], default: "json" } },
      ],
      responses: {
        "200": { description: "The queue.", content: { "application/json": { schema: ref("QueuePage") }, "text/csv": { schema: { type: "string" } } } },
        "401": response("Unauthenticated"),
        "404": response("NotFound"),
        "422": response("Invalid"),
      },
    },
  },
  "/questions/{question}/feed.atom": {
    get: {
      tags: ["review"],
      summary: "A Question's Atom feed of new and revised contributions",
      description:
        "Atom 1.0 (RFC 4287): the 50 newest versions (originals, revisions, addenda, corrigenda) of the contributions to the Question, as the caller may read them. Entry ids are tag: URIs that never change. A feed reader that cannot sign in sends the account's feed key (made and revoked on the account page) as `key`.",
      operationId: "getQuestionFeed",
      parameters: [
        param("question"),
        {
          name: "key",
          in: "query",
          schema: { type: "string", examples: ["cfk_…"] },
          description: "The account's feed key, in place of a token or a session: it reads feeds only, and stops working when revoked.",
        },
      ],
      responses: {
        "200": { description: "The feed.", content: { "application/atom+xml": { schema: { type: "string" } } } },
        "401": response("Unauthenticated"),
        "404": response("NotFound"),
      },
    },
  },
  "/search": {
    get: {
      tags: ["contributions"],
      summary: "Search inside the documents",
      description:
        "Full-text search over the text of every version and the cover page (title, abstract, keywords, source), in English and Russian, accents and case folded, ranked by relevance (a word in the title counts more than one in the body). Every word must appear; a passage in double quotes is a phrase. Any other character is searched as a word, never as a query operator. A late request awaiting a decision or a withdrawn document is found only by those who may open it.",
      operationId: "searchContributions",
      parameters: [
        { name: "q", in: "query", required: true, schema: { type: "string", minLength: 1, maxLength: 200 }, description: "Words, or a \"phrase in quotes\"." },
        { name: "meeting", in: "query", schema: { type: "string", examples: ["SG20-2020-07"] } },
        { name: "question", in: "query", schema: { type: "string", examples: ["Q3/20", "Q3-20"] } },
        { name: "state", in: "query", schema: { type: "string", enum: [...CONTRIBUTION_STATUSES] }, description: "The contribution's status (active: admitted)." },
        { name: "page", in: "query", schema: { type: "integer", minimum: 1, default: 1 } },
        { name: "pageSize", in: "query", schema: { type: "integer", minimum: 1, maximum: 100, default: 20 } },
      ],
      responses: {
        "200": jsonBody(ref("SearchResults"), "The results (an empty list when nothing matches)."),
        "401": response("Unauthenticated"),
        "422": response("Invalid"),
      },
    },
  },
  "/contributions/{id}/diff": {
    get: {
      tags: ["contributions"],
      summary: "What changed between two versions of a contribution",
      description:
        "The extracted texts of two versions (DOCX in document order with tracked changes accepted, a PDF's text layer, a ZIP's DOCX) compared word by word. For whoever may read both versions; anyone else gets 404.",
      operationId: "diffVersions",
      parameters: [
        param("contributionId"),
        { name: "from", in: "query", required: true, schema: { type: "integer", minimum: 1 }, description: "The older version's id." },
        { name: "to", in: "query", required: true, schema: { type: "integer", minimum: 1 }, description: "The newer version's id." },
      ],
      responses: {
        "200": jsonBody(ref("Comparison"), "The differences, or the state of a text not yet there."),
        "401": response("Unauthenticated"),
        "404": response("NotFound"),
        "422": response("Invalid"),
      },
    },
  },
  "/questions/{question}/contributions.zip": {
    get: {
      tags: ["review"],
      summary: "The current version of every admitted contribution to the Question, as one ZIP",
      operationId: "downloadQuestionZip",
      parameters: [param("question"), { name: "since", in: "query", schema: { type: "string", format: "date-time" }, description: "Only what arrived since this instant (with its zone)." }],
      responses: {
        "200": { description: "A streamed ZIP.", content: { "application/zip": { schema: { type: "string", contentMediaType: "application/zip" } } } },
        "401": response("Unauthenticated"),
        "404": response("NotFound"),
        "422": response("Invalid"),
      },
    },
  },
  "/contributions/{id}/revisions": {
    post: {
      tags: ["contributions"],
      summary: "Revise a contribution of your organisation (Rev., Add., Corr.)",
      description: "The number is kept; each version has its own receipt time. After the deadline: 409 `deadline_passed`, or send `asLateRequest=1` to file a late revision request (202).",
      operationId: "reviseContribution",
      parameters: [
        param("contributionId"),
        { name: "asLateRequest", in: "query", required: false, schema: { type: "string", enum: ["1"] }, description: "1: file the revision as a late request." },
      ],
      requestBody: uploadBody("RevisionMetadata", false, "`file`, and optionally `metadata` (JSON)."),
      responses: {
        "201": receiptResponse("Received: the receipt.", false),
        "202": receiptResponse("With asLateRequest=1: received, awaiting the secretariat's decision.", false),
        ...UPLOAD_ERRORS,
        "404": response("NotFound"),
        "409": response("DeadlinePassedOrConflict"),
      },
    },
  },
  "/contributions/{id}/withdrawal": {
    post: {
      tags: ["contributions"],
      summary: "Withdraw a contribution of your organisation",
      description: "The number and the history are kept; the document leaves the meeting's list.",
      operationId: "withdrawContribution",
      parameters: [param("contributionId")],
      requestBody: {
        required: true,
        content: { "application/json": { schema: { type: "object", required: ["reason"], properties: { reason: { type: "string", minLength: 3, maxLength: 2000 } } } } },
      },
      responses: {
        "200": jsonBody(
          { type: "object", properties: { id: { type: "integer" }, status: { const: "withdrawn" }, withdrawnAt: iso("ISO 8601 UTC") } },
          "Withdrawn.",
        ),
        "401": response("Unauthenticated"),
        "403": response("Forbidden"),
        "404": response("NotFound"),
        "409": response("Conflict"),
        "422": response("Invalid"),
      },
    },
  },
  "/contributions/{id}/file": {
    get: {
      tags: ["contributions"],
      summary: "Download a version's file",
      operationId: "downloadContributionFile",
      parameters: [
        param("contributionId"),
        { name: "version", in: "query", required: false, schema: { type: "integer" }, description: "A version id; the current version by default." },
      ],
      responses: {
        "200": {
          description: "The file, named by reference and version (T17-SG20-C-0012-R1.docx).",
          headers: {
            "Content-Disposition": { schema: { type: "string" } },
            ETag: { description: "The SHA-256, quoted.", schema: { type: "string" } },
            Digest: { description: "sha-256=<base64>", schema: { type: "string" } },
          },
          content: Object.fromEntries(FILE_MEDIA_TYPES.map((t) => [t, { schema: { type: "string", contentMediaType: t } }])),
        },
        "401": response("Unauthenticated"),
        "404": response("NotFound"),
      },
    },
  },
  "/audit": {
    get: {
      tags: ["secretariat"],
      summary: "The audit log (secretariat)",
      description:
        "Entries of meetings of the caller's study groups and entries tied to no meeting, newest first. `action=user` matches every `user.*` action; `from`/`to` are ISO 8601 instants or Geneva wall times (YYYY-MM-DDTHH:mm); `to` is exclusive. Others get 404.",
      operationId: "listAudit",
      parameters: [
        ...["action", "actor", "entity", "entityId", "meeting", "from", "to"].map((name) => ({ name, in: "query", required: false, schema: { type: "string" } })),
        { name: "page", in: "query", required: false, schema: { type: "integer", minimum: 1 } },
        { name: "pageSize", in: "query", required: false, schema: { type: "integer", minimum: 1, maximum: 200 } },
        { name: "format", in: "query", required: false, schema: { type: "string", enum: ["csv"] }, description: "csv: every matching entry as CSV." },
      ],
      responses: {
        "200": {
          description: "{total, page, pageSize, pages, entries[]} or (format=csv) CSV.",
          content: { "application/json": { schema: { type: "object" } }, "text/csv": { schema: { type: "string" } } },
        },
        "401": response("Unauthenticated"),
        "404": response("NotFound"),
        "422": response("Invalid"),
      },
    },
  },
  "/cover-page": {
    post: {
      tags: ["contributions"],
      summary: "Read the cover page of ITU's template from a DOCX, to prefill a submission",
      description:
        "Nothing is stored. The file is judged as a submission would judge it (a refused file gets the same 415 or 422). The reader stops after the cover (a bounded number of bytes of XML) and caps every field at the length a submission accepts.",
      operationId: "readCoverPage",
      requestBody: {
        required: true,
        content: { "multipart/form-data": { schema: { type: "object", required: ["file"], properties: { file: { type: "string", contentMediaType: "application/octet-stream" } } } } },
      },
      responses: {
        "200": jsonBody(
          {
            oneOf: [
              { type: "object", required: ["found", "cover"], properties: { found: { const: true }, cover: ref("CoverPage") } },
              {
                type: "object",
                required: ["found", "reason", "note"],
                properties: { found: { const: false }, reason: { type: "string", enum: ["not_docx", "no_template", "damaged"] }, note: { type: "string" } },
              },
            ],
          },
          "What was found, or why nothing was.",
        ),
        "401": response("Unauthenticated"),
        "403": response("Forbidden"),
        "413": response("TooLarge"),
        "415": response("UnsupportedType"),
        "422": response("Invalid"),
      },
    },
  },
};

/** The whole document; built on each call so that it is never shared and mutated. */
export function openApiDocument(): OpenApiDocument {
  const doc: OpenApiDocument = {
    openapi: "3.1.1",
    info: {
      title: "ITU-T contribution tracker API",
      version: "1",
      description:
        "Submit, revise and withdraw contributions to ITU-T study group meetings, and read receipts, meetings and documents.\n\n" +
        "Instants are ISO 8601 UTC; each also comes as Geneva time with its zone named (`…Geneva`). The deadline is the first late instant: " +
        "on time iff received strictly before it.\n\n" +
        "Authenticate with a bearer token from POST /tokens, or the browser's session cookie (writes with the cookie must be same-origin).\n\n" +
        "Every JSON body is at most MAX_JSON_BODY_KB (64 KB by default): a larger one is refused with 413 `too_large`, by its Content-Length before it is read or as soon as a chunked one passes the cap. " +
        "Anything that fails unexpectedly is answered 500 `internal` with a `requestId` that names the entry in the server's log.\n\n" +
        `Errors are \`{"code", "message", "fields"?, "details"?, "requestId"?}\`:\n\n${errorTable()}`,
    },
    servers: [{ url: "/api/v1" }],
    security: [{ bearerAuth: [] }, { sessionCookie: [] }],
    tags: [
      { name: "tokens", description: "API tokens" },
      { name: "clock", description: "The server's clock" },
      { name: "meetings", description: "Meetings and their deadlines" },
      { name: "contributions", description: "Submitting, revising, withdrawing, reading" },
      { name: "review", description: "Rapporteurs' queues, review states and comments" },
      { name: "secretariat", description: "Meetings, extensions, late requests and the late-submission report" },
      { name: "meta", description: "This description" },
    ],
    paths,
    components: {
      securitySchemes: {
        bearerAuth: { type: "http", scheme: "bearer", description: "A token from POST /tokens: `Authorization: Bearer <token>`." },
        sessionCookie: {
          type: "apiKey",
          in: "cookie",
          name: "next-auth.session-token",
          description: "The signed-in browser's session (`__Secure-next-auth.session-token` over HTTPS). Cross-site writes are refused (403).",
        },
      },
      schemas,
      responses,
      parameters,
    },
  };
  return structuredClone(doc);
}
