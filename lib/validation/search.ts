// zod schemas of search (API query and the pages' GET forms), of a comparison's two versions, and of notice settings.
import { z } from "zod";
import { CONTRIBUTION_STATUSES, NOTICE_MODES } from "@/lib/domain";
import { MAX_QUERY_LENGTH } from "@/lib/text/fts-query";
import { zodMessage } from "@/lib/validation/messages";
import { blankToUndefined, pageFields } from "@/lib/validation/paging";

export const SEARCH_PAGE_SIZE = 20;
export const MAX_SEARCH_PAGE_SIZE = 100;

/** Search reads up to a page's end in rank order: deep pages are for scripts, and 10,000 of them are plenty. */
export const MAX_SEARCH_PAGE = 10_000;

const filters = {
  meeting: z.preprocess(blankToUndefined, z.string().trim().max(40, zodMessage("search.validation.meeting")).optional()),
  question: z.preprocess(blankToUndefined, z.string().trim().max(20, zodMessage("search.validation.question")).optional()),
  state: z.preprocess(blankToUndefined, z.enum(CONTRIBUTION_STATUSES, { error: zodMessage("search.validation.state", { list: CONTRIBUTION_STATUSES.join(", ") }) }).optional()),
  ...pageFields(MAX_SEARCH_PAGE_SIZE, SEARCH_PAGE_SIZE, MAX_SEARCH_PAGE),
};

/** GET /api/v1/search: `q` is required; syntax in it is fine (it is searched as words), only its length is limited. */
export const searchQuery = z.object({
  q: z.preprocess(
    blankToUndefined,
    z
      .string({ error: zodMessage("search.validation.empty") })
      .trim()
      .min(1, zodMessage("search.validation.empty"))
      .max(MAX_QUERY_LENGTH, zodMessage("search.validation.tooLong", { max: MAX_QUERY_LENGTH })),
  ).describe('Words, or a "phrase in quotes".'),
  ...filters,
});

export type SearchQuery = z.infer<typeof searchQuery>;

/** ?from=<version id>&to=<version id> of GET /api/v1/contributions/{id}/diff. */
export const diffQuery = z.object({
  from: z.coerce
    .number({ error: zodMessage("search.validation.version") })
    .int(zodMessage("search.validation.version"))
    .positive(zodMessage("search.validation.version"))
    .describe("The older version's id."),
  to: z.coerce
    .number({ error: zodMessage("search.validation.version") })
    .int(zodMessage("search.validation.version"))
    .positive(zodMessage("search.validation.version"))
    .describe("The newer version's id."),
});

export const noticeSettings = z.object({
  mode: z.enum(NOTICE_MODES, { error: zodMessage("search.notices.invalidMode") }),
  digestHour: z.preprocess(blankToUndefined, z.coerce.number().int().min(0, zodMessage("search.notices.invalidHour")).max(23, zodMessage("search.notices.invalidHour")).default(8)),
});
