// zod schema of ?page= and ?pageSize= for the lists of documents (a meeting's, an organisation's), API and pages alike.
import { z } from "zod";
import { zodMessage } from "@/lib/validation/messages";

/** Ten years of an organisation, or a large meeting, are thousands of documents: lists come 50 at a time, as the queue. */
export const LIST_PAGE_SIZE = 50;
export const MAX_LIST_PAGE_SIZE = 500;

/** A GET form or link sends "" for an untouched field: that means the default (or no filter), not an invalid value. */
export const blankToUndefined = (v: unknown) => (v === "" || v === null ? undefined : v);

/**
 * ?page= and ?pageSize= with their messages, for a list of at most `max` rows a page (`size` by default), and pages up
 * to `lastPage`: the lists, the review queue and search.
 */
export function pageFields(max: number, size: number, lastPage = Number.MAX_SAFE_INTEGER) {
  return {
    page: z.preprocess(
      blankToUndefined,
      z.coerce
        .number({ error: zodMessage("api.validation.page.number") })
        .int(zodMessage("api.validation.page.whole"))
        .min(1, zodMessage("api.validation.page.min"))
        .max(lastPage, zodMessage("api.validation.page.max", { max: lastPage }))
        .default(1),
    ),
    pageSize: z.preprocess(
      blankToUndefined,
      z.coerce
        .number({ error: zodMessage("api.validation.pageSize.number") })
        .int(zodMessage("api.validation.pageSize.whole"))
        .min(1, zodMessage("api.validation.pageSize.min"))
        .max(max, zodMessage("api.validation.pageSize.max", { max }))
        .default(size),
    ),
  };
}

export const listPageQuery = z.object(pageFields(MAX_LIST_PAGE_SIZE, LIST_PAGE_SIZE));

export type ListPageQuery = z.infer<typeof listPageQuery>;

/** A page's own searchParams: a malformed ?page= shows the first page rather than an error. */
export function listPageOf(params: Record<string, string | string[] | undefined>): ListPageQuery {
  const first = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);
  const parsed = listPageQuery.safeParse({ page: first(params.page), pageSize: first(params.pageSize) });
  return parsed.success ? parsed.data : { page: 1, pageSize: LIST_PAGE_SIZE };
}
