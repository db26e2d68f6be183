// The OpenAPI answers about meetings and their deadlines: a meeting with its sessions and history, the server's clock
// that judges lateness, deadline extensions and the late-submission report.
import { DEADLINE_RULES, MEETING_MODES } from "@/lib/domain";
import { iso, type Json } from "@/lib/http/openapi-json";

export const MEETING_SCHEMAS: Record<string, Json> = {
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
};
