// The contributions' paths: a meeting's list, submitting, reading, revising, withdrawing, downloading, and reading a
// cover page to prefill a submission.
import * as fileRoute from "@/app/api/v1/contributions/[id]/file/route";
import * as revisionsRoute from "@/app/api/v1/contributions/[id]/revisions/route";
import * as contributionRoute from "@/app/api/v1/contributions/[id]/route";
import * as withdrawalRoute from "@/app/api/v1/contributions/[id]/withdrawal/route";
import * as coverPageRoute from "@/app/api/v1/cover-page/route";
import * as meetingContributionsRoute from "@/app/api/v1/meetings/[code]/contributions/route";
import type { ApiPath } from "@/lib/http/openapi";
import { FILE_MEDIA_TYPES, receiptResponse } from "@/lib/http/openapi-contributions";
import { errorResponse } from "@/lib/http/openapi-errors";
import { iso, jsonContent, ref, response } from "@/lib/http/openapi-json";
import { meetingCode, contributionId } from "./shared";

export const meetingContributionsPath: ApiPath = {
  path: "/meetings/{code}/contributions",
  module: meetingContributionsRoute,
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
};

export const contributionPath: ApiPath = {
  path: "/contributions/{id}",
  module: contributionRoute,
  operations: { GET: { tags: ["contributions"], summary: "One contribution with its versions", operationId: "getContribution", parameters: contributionId, responses: { "200": jsonContent(ref("Contribution"), "The contribution.") } } },
};

export const revisionsPath: ApiPath = {
  path: "/contributions/{id}/revisions",
  module: revisionsRoute,
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
};

export const withdrawalPath: ApiPath = {
  path: "/contributions/{id}/withdrawal",
  module: withdrawalRoute,
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
};

export const filePath: ApiPath = {
  path: "/contributions/{id}/file",
  module: fileRoute,
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
};

export const coverPagePath: ApiPath = {
  path: "/cover-page",
  module: coverPageRoute,
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
};
