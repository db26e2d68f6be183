// zod schemas of the review desk: queue filters (query string and GET form), ZIP query, review state and comment bodies.
import { z } from "zod";
import { PURPOSES, REVIEW_STATES } from "@/db/schema";

export const MAX_COMMENT = 5000;
export const MAX_PAGE_SIZE = 200;
export const DEFAULT_PAGE_SIZE = 50;
export const QUEUE_SORTS = ["number", "received", "title", "source"] as const;

/** A GET form sends "" for an untouched field: that means "no filter", not an invalid value. */
const blankToUndefined = (v: unknown) => (v === "" || v === null ? undefined : v);
const flag = z.preprocess(
  blankToUndefined,
  z
    .enum(["1", "true", "on", "0", "false", "off"], { error: "Use 1 or 0." })
    .optional()
    .transform((v) => v === "1" || v === "true" || v === "on"),
);

export const queueQuery = z.object({
  state: z.preprocess(blankToUndefined, z.enum([...REVIEW_STATES, "all"], { error: `The review state is one of: all, ${REVIEW_STATES.join(", ")}.` }).default("all")),
  late: flag,
  revised: flag,
  purpose: z.preprocess(blankToUndefined, z.enum(PURPOSES, { error: `The purpose is one of: ${PURPOSES.join(", ")}.` }).optional()),
  q: z.preprocess(blankToUndefined, z.string().trim().max(200, "The search text is too long (at most 200 characters).").optional()),
  sort: z.preprocess(blankToUndefined, z.enum(QUEUE_SORTS, { error: `Sort by one of: ${QUEUE_SORTS.join(", ")}.` }).default("number")),
  dir: z.preprocess(blankToUndefined, z.enum(["asc", "desc"], { error: "The order is asc or desc." }).default("asc")),
  page: z.preprocess(blankToUndefined, z.coerce.number({ error: "The page is a number." }).int("The page is a whole number.").min(1, "Pages start at 1.").default(1)),
  pageSize: z.preprocess(
    blankToUndefined,
    z.coerce
      .number({ error: "The page size is a number." })
      .int("The page size is a whole number.")
      .min(1, "The page size is at least 1.")
      .max(MAX_PAGE_SIZE, `The page size is at most ${MAX_PAGE_SIZE}.`)
      .default(DEFAULT_PAGE_SIZE),
  ),
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
      .datetime({ offset: true, error: "'since' is an ISO 8601 instant with its zone, e.g. 2020-06-23T22:00:00Z." })
      .transform((s) => Date.parse(s))
      .optional(),
  ),
});

export const reviewStateBody = z.object({
  state: z.enum(REVIEW_STATES, { error: `The review state is one of: ${REVIEW_STATES.join(", ")}.` }),
});

export const commentBody = z.object({
  body: z
    .string({ error: "The comment must be text." })
    .trim()
    .min(1, "Write the comment.")
    .max(MAX_COMMENT, `The comment is too long (at most ${MAX_COMMENT} characters).`),
  sharedWithSubmitter: z.boolean({ error: "sharedWithSubmitter is true or false." }).default(false),
});

const contributionId = z.coerce.number().int().positive();

/** The review page's forms: a checkbox sends "on" when ticked and nothing otherwise. */
export const reviewStateForm = reviewStateBody.extend({ contributionId });

export const commentForm = z.object({
  contributionId,
  body: commentBody.shape.body,
  sharedWithSubmitter: z.preprocess((v) => v === "on" || v === "true" || v === "1", z.boolean()),
});
