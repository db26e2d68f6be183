// The OpenAPI answers of searching inside the documents and comparing two versions' texts.
import { CONTRIBUTION_STATUSES, TEXT_STATES } from "@/lib/domain";
import { iso, ref, type Json } from "@/lib/http/openapi-json";

export const SEARCH_SCHEMAS: Record<string, Json> = {
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
};
