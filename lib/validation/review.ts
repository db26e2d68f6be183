// zod schemas of the review desk: queue filters (query string and GET form), ZIP query, review state and comment bodies.
import { z } from "zod";
import { PURPOSES, REVIEW_STATES } from "@/lib/domain";
import { zodMessage } from "@/lib/validation/messages";
import { blankToUndefined, pageFields } from "@/lib/validation/paging";

export const MAX_COMMENT = 5000;
export const MAX_PAGE_SIZE = 200;
export const DEFAULT_PAGE_SIZE = 50;
export const QUEUE_SORTS = ["number", "received", "title", "source"] as const;

const flag = z.preprocess(
  blankToUndefined,
  z
    .enum(["1", "true", "on", "0", "false", "off"], { error: zodMessage("api.validation.flag") })
    .optional()
    .transform((v) => v === "1" || v === "true" || v === "on"),
);

export const queueQuery = z.object({
  state: z.preprocess(blankToUndefined, z.enum([...REVIEW_STATES, "all"], { error: zodMessage("api.validation.reviewStateFilter", { list: ["all", ...REVIEW_STATES].join(", ") }) }).default("all")),
  late: flag.describe("1: late ones only."),
  revised: flag.describe("1: revised since the last review only."),
  purpose: z.preprocess(blankToUndefined, z.enum(PURPOSES, { error: zodMessage("api.validation.purposeFilter", { list: PURPOSES.join(", ") }) }).optional()),
  q: z.preprocess(blankToUndefined, z.string().trim().max(200, zodMessage("api.validation.searchTooLong", { max: 200 })).optional()),
  sort: z.preprocess(blankToUndefined, z.enum(QUEUE_SORTS, { error: zodMessage("api.validation.sort", { list: QUEUE_SORTS.join(", ") }) }).default("number")),
  dir: z.preprocess(blankToUndefined, z.enum(["asc", "desc"], { error: zodMessage("api.validation.order") }).default("asc")),
  ...pageFields(MAX_PAGE_SIZE, DEFAULT_PAGE_SIZE),
});

export type QueueQuery = z.infer<typeof queueQuery>;

/** URLSearchParams (or a page's searchParams) → a plain object for queueQuery; the first value of a repeated key wins. */
export function searchParamsObject(params: URLSearchParams | Record<string, string | string[] | undefined>): Record<string, string> {
  const out: Record<string, string> = {};
  if (params instanceof URLSearchParams) {
    for (const [k, v] of params) out[k] ??= v;
  } else {
    for (const [k, v] of Object.entries(params)) {
      const first = Array.isArray(v) ? v[0] : v;
      if (first !== undefined) out[k] = first;
    }
  }
  return out;
}

/** ?since=<ISO 8601 instant with Z or an offset>, for the ZIP. */
export const zipQuery = z.object({
  since: z.preprocess(
    blankToUndefined,
    z.iso
      .datetime({ offset: true, error: zodMessage("api.validation.since") })
      .transform((s) => Date.parse(s))
      .optional(),
  ).describe("Only what arrived since this instant (ISO 8601 with its zone)."),
});

export const reviewStateBody = z.object({
  state: z.enum(REVIEW_STATES, { error: zodMessage("api.validation.reviewState", { list: REVIEW_STATES.join(", ") }) }),
});

export const commentBody = z.object({
  body: z
    .string({ error: zodMessage("api.validation.comment.text") })
    .trim()
    .min(1, zodMessage("api.validation.comment.required"))
    .max(MAX_COMMENT, zodMessage("api.validation.comment.tooLong", { max: MAX_COMMENT })),
  sharedWithSubmitter: z.boolean({ error: zodMessage("api.validation.sharedWithSubmitter") }).default(false),
});

const contributionId = z.coerce.number().int().positive();

/** The review page's forms: a checkbox sends "on" when ticked and nothing otherwise. */
export const reviewStateForm = reviewStateBody.extend({ contributionId });

export const commentForm = z.object({
  contributionId,
  body: commentBody.shape.body,
  sharedWithSubmitter: z.preprocess((v) => v === "on" || v === "true" || v === "1", z.boolean()),
});
