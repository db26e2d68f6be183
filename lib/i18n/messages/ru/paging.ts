// Русские сообщения: paging (длинные списки документов постранично, на страницах и в API).
import type { paging as en } from "../en/paging";

export const paging: Record<keyof typeof en, string> = {
  "paging.invalid": "Запрошенная страница указана неверно.",
  "paging.label": "Страницы",
  "paging.previous": "Предыдущая страница",
  "paging.next": "Следующая страница",
  "paging.summary": "{from}–{to} из {count} (страница {page} из {pages})",
  "paging.pastTheEnd": "На этой странице ничего нет: в списке {pages, plural, one {# страница} few {# страницы} many {# страниц} other {# страницы}}.",
};
