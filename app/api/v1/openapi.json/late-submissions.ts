// The paths of what happens after a deadline: extensions, late submission requests and their decisions, the
// late-submission report.
import * as extensionRoute from "@/app/api/v1/extensions/[id]/route";
import * as decisionRoute from "@/app/api/v1/late-requests/[id]/decision/route";
import * as extensionsRoute from "@/app/api/v1/meetings/[code]/extensions/route";
import * as lateReportRoute from "@/app/api/v1/meetings/[code]/late-report/route";
import * as lateRequestsRoute from "@/app/api/v1/meetings/[code]/late-requests/route";
import type { ApiPath } from "@/lib/http/openapi";
import { LATE_REQUEST_STATUSES } from "@/lib/domain";
import { receiptResponse } from "@/lib/http/openapi-contributions";
import { jsonContent, ref, response } from "@/lib/http/openapi-json";
import { meetingCode, revoked } from "./shared";

export const extensionsPath: ApiPath = {
  path: "/meetings/{code}/extensions",
  module: extensionsRoute,
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
};

export const lateReportPath: ApiPath = {
  path: "/meetings/{code}/late-report",
  module: lateReportRoute,
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
};

export const extensionPath: ApiPath = {
  path: "/extensions/{id}",
  module: extensionRoute,
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
};

export const decisionPath: ApiPath = {
  path: "/late-requests/{id}/decision",
  module: decisionRoute,
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
};

export const lateRequestsPath: ApiPath = {
  path: "/meetings/{code}/late-requests",
  module: lateRequestsRoute,
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
};
