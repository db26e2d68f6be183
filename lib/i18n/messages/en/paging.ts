// English messages: paging (the long lists of documents, a page at a time, on pages and in the API).
export const paging = {
  "paging.invalid": "The page asked for is not valid.",
  "paging.label": "Pages",
  "paging.previous": "Previous page",
  "paging.next": "Next page",
  "paging.summary": "{from}–{to} of {count} (page {page} of {pages})",
  "paging.pastTheEnd": "There is nothing on this page: the list has {pages, plural, one {# page} other {# pages}}.",
} as const;
