// The paths that read inside the documents: full-text search, and what changed between two versions.
import * as diffRoute from "@/app/api/v1/contributions/[id]/diff/route";
import * as searchRoute from "@/app/api/v1/search/route";
import type { ApiPath } from "@/lib/http/openapi";
import { jsonContent, ref } from "@/lib/http/openapi-json";
import { contributionId } from "./shared";

export const searchPath: ApiPath = {
  path: "/search",
  module: searchRoute,
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
};

export const diffPath: ApiPath = {
  path: "/contributions/{id}/diff",
  module: diffRoute,
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
};
