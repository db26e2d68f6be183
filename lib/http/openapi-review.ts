// The OpenAPI answers of the rapporteurs' review: comments, a contribution's review panel, a Question's queue.
import { CONTRIBUTION_STATUSES, PURPOSES, REVIEW_STATES } from "@/lib/domain";
import { iso, ref, type Json } from "@/lib/http/openapi-json";

export const REVIEW_SCHEMAS: Record<string, Json> = {
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
};
