// Where a long list is, page by page: "101–200 of 2,278 (page 2 of 23)" with the links either side.
import Link from "next/link";
import type { Translator } from "@/lib/i18n/translate";
import { LIST_PAGE_SIZE } from "@/lib/validation/paging";

/** The link to one page of a list: the defaults (page 1, the usual page size) are left out of the URL. */
export function listHref(path: string, page: number, pageSize: number): string {
  const query = new URLSearchParams();
  if (page > 1) query.set("page", String(page));
  if (pageSize !== LIST_PAGE_SIZE) query.set("pageSize", String(pageSize));
  const text = query.toString();
  return text ? `${path}?${text}` : path;
}

type Props = { page: number; pageSize: number; total: number; shown: number; href: (page: number) => string; t: Translator };

export function Pager({ page, pageSize, total, shown, href, t }: Props) {
  const pages = Math.max(1, Math.ceil(total / pageSize));
  if (pages <= 1 && page <= 1) return null;
  if (shown === 0) {
    return (
      <nav aria-label={t("paging.label")} className="rv-pagination" data-testid="pager">
        <Link href={href(pages)} prefetch={false}>
          {t("paging.pastTheEnd", { pages })}
        </Link>
      </nav>
    );
  }
  const from = (page - 1) * pageSize + 1;
  return (
    <nav aria-label={t("paging.label")} className="rv-pagination" data-testid="pager">
      {page > 1 ? (
        <Link href={href(page - 1)} prefetch={false} rel="prev">
          {t("paging.previous")}
        </Link>
      ) : (
        <span />
      )}
      <span>{t("paging.summary", { from, to: from + shown - 1, count: total, page, pages })}</span>
      {page < pages ? (
        <Link href={href(page + 1)} prefetch={false} rel="next">
          {t("paging.next")}
        </Link>
      ) : (
        <span />
      )}
    </nav>
  );
}
