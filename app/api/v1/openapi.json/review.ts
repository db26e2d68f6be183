// The rapporteurs' paths: a contribution's review panel, a Question's queue, its Atom feed and its ZIP of documents.
import * as reviewRoute from "@/app/api/v1/contributions/[id]/review/route";
import * as queueZipRoute from "@/app/api/v1/questions/[question]/contributions.zip/route";
import * as queueRoute from "@/app/api/v1/questions/[question]/contributions/route";
import * as feedRoute from "@/app/api/v1/questions/[question]/feed.atom/route";
import { REVIEW_STATES } from "@/lib/domain";
import type { ApiPath } from "@/lib/http/openapi";
import { iso, jsonContent, ref, response } from "@/lib/http/openapi-json";
import { contributionId, questionCode } from "./shared";

export const reviewPath: ApiPath = {
  path: "/contributions/{id}/review",
  module: reviewRoute,
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
};

export const queuePath: ApiPath = {
  path: "/questions/{question}/contributions",
  module: queueRoute,
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
};

export const feedPath: ApiPath = {
  path: "/questions/{question}/feed.atom",
  module: feedRoute,
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
};

export const queueZipPath: ApiPath = {
  path: "/questions/{question}/contributions.zip",
  module: queueZipRoute,
  operations: {
    GET: {
      tags: ["review"],
      summary: "The current version of every admitted contribution to the Question, as one ZIP",
      operationId: "downloadQuestionZip",
      parameters: questionCode,
      responses: { "200": { description: "A streamed ZIP.", content: { "application/zip": { schema: { type: "string", contentMediaType: "application/zip" } } } } },
    },
  },
};
