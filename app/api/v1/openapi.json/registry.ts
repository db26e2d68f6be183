// Every route module of /api/v1, imported statically with its path template, and the words each operation needs that its
// route() declaration cannot give (summary, description, answers). lib/http/openapi.ts writes the OpenAPI document from
// this list and the declarations; a unit test fails when a route file is missing here. It lives in app/ because it
// imports the route modules (lib/ never imports app/).
import * as audit from "@/app/api/v1/audit/route";
import * as clock from "@/app/api/v1/clock/route";
import * as contribution from "@/app/api/v1/contributions/[id]/route";
import * as diff from "@/app/api/v1/contributions/[id]/diff/route";
import * as file from "@/app/api/v1/contributions/[id]/file/route";
import * as review from "@/app/api/v1/contributions/[id]/review/route";
import * as revisions from "@/app/api/v1/contributions/[id]/revisions/route";
import * as withdrawal from "@/app/api/v1/contributions/[id]/withdrawal/route";
import * as coverPage from "@/app/api/v1/cover-page/route";
import * as extension from "@/app/api/v1/extensions/[id]/route";
import * as decision from "@/app/api/v1/late-requests/[id]/decision/route";
import * as meeting from "@/app/api/v1/meetings/[code]/route";
import * as meetingCalendar from "@/app/api/v1/meetings/[code]/calendar.ics/route";
import * as meetingContributions from "@/app/api/v1/meetings/[code]/contributions/route";
import * as extensions from "@/app/api/v1/meetings/[code]/extensions/route";
import * as lateReport from "@/app/api/v1/meetings/[code]/late-report/route";
import * as lateRequests from "@/app/api/v1/meetings/[code]/late-requests/route";
import * as queue from "@/app/api/v1/questions/[question]/contributions/route";
import * as queueZip from "@/app/api/v1/questions/[question]/contributions.zip/route";
import * as feed from "@/app/api/v1/questions/[question]/feed.atom/route";
import * as search from "@/app/api/v1/search/route";
import * as groupCalendar from "@/app/api/v1/study-groups/[group]/calendar.ics/route";
import * as token from "@/app/api/v1/tokens/[id]/route";
import * as tokens from "@/app/api/v1/tokens/route";
import { openApiDocument as build, type ApiPath, type OpenApiDocument } from "@/lib/http/openapi";
import { errorResponse, FILE_MEDIA_TYPES, iso, jsonContent, receiptResponse, ref, response } from "@/lib/http/openapi-components";
import type { RouteOptions } from "@/lib/http/route";
import { LATE_REQUEST_STATUSES, REVIEW_STATES } from "@/lib/domain";

/** The declaration of GET /openapi.json, here so that this list need not import the route that imports it. */
export const OPENAPI_ROUTE = { access: "public" } as const satisfies RouteOptions;

const calendarDescription =
  "No sign-in: a calendar application subscribes to it (also as `webcal://`). Each event has a stable UID " +
  "(`deadline-{code}@{host}`, `meeting-{code}@{host}`, `session-{id}@{host}`) and a SEQUENCE that counts the changes " +
  "of the meeting's history that touched it, so a deadline moved by a corrigendum updates the subscriber's event. " +
  "The deadline event starts at the deadline instant (the first late instant), in UTC. Answers carry an ETag; `If-None-Match` gets 304.";

const calendarResponses = {
  "200": { description: "An iCalendar feed (RFC 5545).", content: { "text/calendar": { schema: { type: "string" } } } },
  "304": { description: "Not modified since the ETag sent in If-None-Match." },
};

const meetingCode = { code: { description: "The meeting's code.", example: "SG20-2020-07" } };
const contributionId = { id: { description: "The contribution's id.", example: "12" } };
const questionCode = { question: { description: "A Question code, `Q3-20` or `Q3%2F20`.", example: "Q3-20" } };
const revoked = jsonContent({ type: "object", properties: { id: { type: "integer" }, revoked: { const: true } } }, "Revoked.");

export const API_PATHS: readonly ApiPath[] = [
  {
    path: "/openapi.json",
    module: { GET: { route: OPENAPI_ROUTE } },
    operations: { GET: { tags: ["meta"], summary: "This document", operationId: "getOpenApi", responses: { "200": jsonContent({ type: "object" }, "The OpenAPI 3.1 document.") } } },
  },
  {
    path: "/tokens",
    module: tokens,
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
  },
  {
    path: "/tokens/{id}",
    module: token,
    operations: {
      DELETE: { tags: ["tokens"], summary: "Revoke one of your tokens", operationId: "revokeToken", parameters: { id: { description: "The token's id." } }, responses: { "200": revoked } },
    },
  },
  {
    path: "/clock",
    module: clock,
    operations: {
      GET: { tags: ["clock"], summary: "The server's time", description: "Count down from this, not from the client's clock. Public.", operationId: "getClock", responses: { "200": jsonContent(ref("Clock"), "The server's current instant.") } },
      PUT: {
        tags: ["clock"],
        summary: "Move the simulated clock (demo only, secretariat)",
        operationId: "setClock",
        body: "The instant to move to, ISO 8601 with its offset, e.g. `2020-06-23T21:59:00Z`.",
        responses: { "200": jsonContent(ref("Clock"), "The clock after the move."), "404": errorResponse("The server runs on the real clock: this control does not exist.", ["not_available"]) },
      },
    },
  },
  {
    path: "/meetings/{code}",
    module: meeting,
    operations: {
      GET: { tags: ["meetings"], summary: "A meeting, its deadline, related sessions and history", operationId: "getMeeting", parameters: meetingCode, responses: { "200": jsonContent(ref("Meeting"), "The meeting.") } },
      PATCH: {
        tags: ["secretariat"],
        summary: "Change a meeting's facts (secretariat), e.g. after a corrigendum",
        description:
          "Only the fields given change; `reason` and `reference` are kept in the meeting's history. `deadline` is the new first late instant with its offset, or `default` (13 days before the first day, end of day in Geneva). Lateness is re-judged at once against the new deadline.",
        operationId: "updateMeeting",
        parameters: meetingCode,
        responses: { "200": jsonContent({ type: "object", properties: { changed: { type: "array", items: { type: "string" } }, meeting: ref("Meeting") } }, "What changed, and the meeting now.") },
      },
    },
  },
  {
    path: "/meetings/{code}/calendar.ics",
    module: meetingCalendar,
    operations: {
      GET: { tags: ["meetings"], summary: "The meeting, its deadline and related sessions as an iCalendar feed (public)", description: calendarDescription, operationId: "getMeetingCalendar", parameters: meetingCode, responses: calendarResponses },
    },
  },
  {
    path: "/study-groups/{group}/calendar.ics",
    module: groupCalendar,
    operations: {
      GET: {
        tags: ["meetings"],
        summary: "Every meeting of a study group as one iCalendar feed (public)",
        description: calendarDescription,
        operationId: "getStudyGroupCalendar",
        parameters: { group: { description: "A study group's code, any case.", example: "SG20" } },
        responses: calendarResponses,
      },
    },
  },
  {
    path: "/meetings/{code}/extensions",
    module: extensions,
    operations: {
      GET: {
        tags: ["secretariat"],
        summary: "The meeting's deadline extensions",
        operationId: "listExtensions",
        parameters: meetingCode,
        responses: { "200": jsonContent({ type: "object", properties: { extensions: { type: "array", items: ref("Extension") } } }, "The extensions."), "403": response("Forbidden") },
      },
      POST: {
        tags: ["secretariat"],
        summary: "Grant an organisation or a member an extension (secretariat)",
        operationId: "grantExtension",
        parameters: meetingCode,
        body: "Either `organisation` (an organisation's id) or `user` (a member's e-mail), not both; `until` is after the deadline, with its offset.",
        responses: { "201": jsonContent(ref("Extension"), "Granted.") },
      },
    },
  },
  {
    path: "/meetings/{code}/late-report",
    module: lateReport,
    operations: {
      GET: {
        tags: ["secretariat"],
        summary: "The late-submission report (secretariat)",
        operationId: "getLateReport",
        parameters: meetingCode,
        responses: {
          "200": { description: "The report, as JSON or (format=csv) CSV.", content: { "application/json": { schema: ref("LateReport") }, "text/csv": { schema: { type: "string" } } } },
        },
      },
    },
  },
  {
    path: "/extensions/{id}",
    module: extension,
    operations: {
      DELETE: {
        tags: ["secretariat"],
        summary: "Revoke an extension (secretariat)",
        description: 'An optional JSON body `{"reason"}` is kept in the report.',
        operationId: "revokeExtension",
        parameters: { id: { description: "The extension's id." } },
        // Any body is read as a reason or none: it is never refused.
        responses: { "200": revoked, "409": response("Conflict"), "422": null },
      },
    },
  },
  {
    path: "/late-requests/{id}/decision",
    module: decision,
    operations: {
      POST: {
        tags: ["secretariat"],
        summary: "Decide a late submission request (secretariat)",
        description:
          "Admit (it gets its number and keeps its LATE mark), defer to a later meeting of the group (`deferTo`: its code), reissue as a TD (`tdReference`), or decline; always with a reason, which the submitter reads.",
        operationId: "decideLateRequest",
        parameters: { id: { description: "The late request's id." } },
        responses: {
          "200": jsonContent(
            {
              type: "object",
              properties: {
                lateRequestId: { type: "integer" },
                contributionId: { type: "integer" },
                status: { type: "string", enum: LATE_REQUEST_STATUSES.filter((s) => s !== "awaiting_decision") },
                number: { type: ["integer", "null"] },
                meetingCode: { type: "string" },
              },
            },
            "Decided.",
          ),
          "409": response("Conflict"),
        },
      },
    },
  },
  {
    path: "/meetings/{code}/contributions",
    module: meetingContributions,
    operations: {
      GET: {
        tags: ["contributions"],
        summary: "The meeting's contributions the caller may see",
        description:
          "Everyone sees the admitted list; members also their organisation's own, rapporteurs the contributions to their Questions, the secretariat everything. " +
          "By number, a page at a time (a large meeting has thousands): `total` says how many there are, a page past the last is empty.",
        operationId: "listMeetingContributions",
        parameters: meetingCode,
        responses: {
          "200": jsonContent(
            {
              type: "object",
              required: ["contributions", "total", "page", "pageSize"],
              properties: { contributions: { type: "array", items: ref("Contribution") }, total: { type: "integer" }, page: { type: "integer" }, pageSize: { type: "integer" } },
            },
            "One page of the list, by number.",
          ),
        },
      },
      POST: {
        tags: ["contributions"],
        summary: "Submit a contribution",
        description:
          "The receipt time is the server's clock once the whole file is stored. At or after the deadline the answer is 409 `deadline_passed`; send the same body to POST /meetings/{code}/late-requests to file a late submission request. Unknown metadata fields (organisation, submitter, receipt time...) are ignored: they come from the account and the server's clock.",
        operationId: "submitContribution",
        parameters: meetingCode,
        body: "`metadata` (JSON, in a part of its own) and `file`.",
        responses: { "201": receiptResponse("Received and numbered: the receipt.", true), "409": errorResponse("The deadline has passed.", ["deadline_passed"], ref("DeadlinePassedError")) },
      },
    },
  },
  {
    path: "/meetings/{code}/late-requests",
    module: lateRequests,
    operations: {
      POST: {
        tags: ["contributions"],
        summary: "File a late submission request",
        description: "After the deadline: stored, hashed and timestamped, without a number until the secretariat admits it. Before the deadline the answer is 409 `conflict`.",
        operationId: "fileLateRequest",
        parameters: meetingCode,
        body: "`metadata` (JSON, with an optional `explanation` of why it is late) and `file`.",
        responses: { "202": receiptResponse("Received; awaiting the secretariat's decision.", true), "409": response("Conflict") },
      },
    },
  },
  {
    path: "/contributions/{id}",
    module: contribution,
    operations: { GET: { tags: ["contributions"], summary: "One contribution with its versions", operationId: "getContribution", parameters: contributionId, responses: { "200": jsonContent(ref("Contribution"), "The contribution.") } } },
  },
  {
    path: "/contributions/{id}/review",
    module: review,
    operations: {
      GET: {
        tags: ["review"],
        summary: "The review panel: state, reviewed version, comments, history (rapporteurs of its Questions, secretariat)",
        operationId: "getReviewPanel",
        parameters: contributionId,
        responses: { "200": jsonContent(ref("ReviewPanel"), "The panel.") },
      },
      PUT: {
        tags: ["review"],
        summary: "Set the review state",
        operationId: "setReviewState",
        parameters: contributionId,
        responses: {
          "200": jsonContent(
            { type: "object", properties: { state: { type: "string", enum: [...REVIEW_STATES] }, reviewedVersionId: { type: ["integer", "null"] }, updatedAt: iso("ISO 8601 UTC") } },
            "The new state.",
          ),
        },
      },
      POST: {
        tags: ["review"],
        summary: "Comment on a contribution, privately or shared with the submitter",
        operationId: "addComment",
        parameters: contributionId,
        responses: { "201": jsonContent(ref("Comment"), "The comment.") },
      },
    },
  },
  {
    path: "/questions/{question}/contributions",
    module: queue,
    operations: {
      GET: {
        tags: ["review"],
        summary: "A Question's review queue, as JSON pages or (format=csv) every matching row",
        operationId: "listQuestionQueue",
        parameters: {
          ...questionCode,
          q: { description: "Search text." },
        },
        responses: { "200": { description: "The queue.", content: { "application/json": { schema: ref("QueuePage") }, "text/csv": { schema: { type: "string" } } } } },
      },
    },
  },
  {
    path: "/questions/{question}/feed.atom",
    module: feed,
    operations: {
      GET: {
        tags: ["review"],
        summary: "A Question's Atom feed of new and revised contributions",
        description:
          "Atom 1.0 (RFC 4287): the 50 newest versions (originals, revisions, addenda, corrigenda) of the contributions to the Question, as the caller may read them. Entry ids are tag: URIs that never change. A feed reader that cannot sign in sends the account's feed key (made and revoked on the account page) as `key`.",
        operationId: "getQuestionFeed",
        // Declared public because the key may be what names the reader; without a key, a token or a session it is 401.
        security: [{ bearerAuth: [] }, { sessionCookie: [] }],
        parameters: questionCode,
        extraParameters: [
          {
            name: "key",
            in: "query",
            schema: { type: "string", examples: ["cfk_…"] },
            description: "The account's feed key, in place of a token or a session: it reads feeds only, and stops working when revoked.",
          },
        ],
        responses: { "200": { description: "The feed.", content: { "application/atom+xml": { schema: { type: "string" } } } }, "401": response("Unauthenticated") },
      },
    },
  },
  {
    path: "/search",
    module: search,
    operations: {
      GET: {
        tags: ["contributions"],
        summary: "Search inside the documents",
        description:
          "Full-text search over the text of every version and the cover page (title, abstract, keywords, source), in English and Russian, accents and case folded, ranked by relevance (a word in the title counts more than one in the body). Every word must appear; a passage in double quotes is a phrase. Any other character is searched as a word, never as a query operator. A late request awaiting a decision or a withdrawn document is found only by those who may open it.",
        operationId: "searchContributions",
        parameters: {
          meeting: { example: "SG20-2020-07" },
          question: { example: "Q3/20" },
          state: { description: "The contribution's status (active: admitted)." },
        },
        responses: { "200": jsonContent(ref("SearchResults"), "The results (an empty list when nothing matches).") },
      },
    },
  },
  {
    path: "/contributions/{id}/diff",
    module: diff,
    operations: {
      GET: {
        tags: ["contributions"],
        summary: "What changed between two versions of a contribution",
        description:
          "The extracted texts of two versions (DOCX in document order with tracked changes accepted, a PDF's text layer, a ZIP's DOCX) compared word by word. For whoever may read both versions; anyone else gets 404.",
        operationId: "diffVersions",
        parameters: contributionId,
        responses: { "200": jsonContent(ref("Comparison"), "The differences, or the state of a text not yet there.") },
      },
    },
  },
  {
    path: "/questions/{question}/contributions.zip",
    module: queueZip,
    operations: {
      GET: {
        tags: ["review"],
        summary: "The current version of every admitted contribution to the Question, as one ZIP",
        operationId: "downloadQuestionZip",
        parameters: questionCode,
        responses: { "200": { description: "A streamed ZIP.", content: { "application/zip": { schema: { type: "string", contentMediaType: "application/zip" } } } } },
      },
    },
  },
  {
    path: "/contributions/{id}/revisions",
    module: revisions,
    operations: {
      POST: {
        tags: ["contributions"],
        summary: "Revise a contribution of your organisation (Rev., Add., Corr.)",
        description:
          "The number is kept; each version has its own receipt time. Every metadata field is optional; cover fields given replace the contribution's (once the version is admitted). After the deadline: 409 `deadline_passed`, or send `asLateRequest=1` to file a late revision request (202).",
        operationId: "reviseContribution",
        parameters: contributionId,
        body: "`file`, and optionally `metadata` (JSON).",
        responses: {
          "201": receiptResponse("Received: the receipt.", false),
          "202": receiptResponse("With asLateRequest=1: received, awaiting the secretariat's decision.", false),
          "409": response("DeadlinePassedOrConflict"),
        },
      },
    },
  },
  {
    path: "/contributions/{id}/withdrawal",
    module: withdrawal,
    operations: {
      POST: {
        tags: ["contributions"],
        summary: "Withdraw a contribution of your organisation",
        description: "The number and the history are kept; the document leaves the meeting's list.",
        operationId: "withdrawContribution",
        parameters: contributionId,
        responses: {
          "200": jsonContent({ type: "object", properties: { id: { type: "integer" }, status: { const: "withdrawn" }, withdrawnAt: iso("ISO 8601 UTC") } }, "Withdrawn."),
          "409": response("Conflict"),
        },
      },
    },
  },
  {
    path: "/contributions/{id}/file",
    module: file,
    operations: {
      GET: {
        tags: ["contributions"],
        summary: "Download a version's file",
        operationId: "downloadContributionFile",
        parameters: contributionId,
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
        },
      },
    },
  },
  {
    path: "/audit",
    module: audit,
    operations: {
      GET: {
        tags: ["secretariat"],
        summary: "The audit log (secretariat)",
        description:
          "Entries of meetings of the caller's study groups and entries tied to no meeting, newest first. `action=user` matches every `user.*` action; `from`/`to` are ISO 8601 instants or Geneva wall times (YYYY-MM-DDTHH:mm); `to` is exclusive. Others get 404.",
        operationId: "listAudit",
        // The filters are parsed by the audit log itself (lib/data/audit-log.ts), after the secretariat check.
        extraParameters: [
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
          "404": response("NotFound"),
          "422": response("Invalid"),
        },
      },
    },
  },
  {
    path: "/cover-page",
    module: coverPage,
    operations: {
      POST: {
        tags: ["contributions"],
        summary: "Read the cover page of ITU's template from a DOCX, to prefill a submission",
        description:
          "Nothing is stored. The file is judged as a submission would judge it (a refused file gets the same 415 or 422). The reader stops after the cover (a bounded number of bytes of XML) and caps every field at the length a submission accepts.",
        operationId: "readCoverPage",
        body: "`file`: the DOCX.",
        responses: {
          "200": jsonContent(
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
        },
      },
    },
  },
];

/** The document served at /api/v1/openapi.json. */
export function apiDocument(): OpenApiDocument {
  return build(API_PATHS);
}
