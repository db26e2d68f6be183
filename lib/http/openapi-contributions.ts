// The OpenAPI answers about contributions: the receipt a submission gets, a contribution with its versions and
// contacts, the files' media types, and the cover page read from a DOCX.
import { CONTRIBUTION_STATUSES, LATE_REQUEST_STATUSES, PURPOSES, VERSION_STATES } from "@/lib/domain";
import { answerSchema, iso, ref, type Json } from "@/lib/http/openapi-json";
import { contactSchema } from "@/lib/validation/contribution";

export const FILE_MEDIA_TYPES = [
  "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
  "application/msword",
  "application/pdf",
  "application/zip",
];

export const CONTRIBUTION_SCHEMAS: Record<string, Json> = {
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
};

export const COVER_PAGE_SCHEMA: Json = {
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
};

/** A receipt answer (201 or 202), with the new contribution's address where it has one. */
export const receiptResponse = (description: string, withLocation: boolean) => ({
  description,
  ...(withLocation ? { headers: { Location: { description: "/api/v1/contributions/{id}", schema: { type: "string" } } } } : {}),
  content: { "application/json": { schema: ref("Receipt") } },
});
