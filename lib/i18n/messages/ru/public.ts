// Русские сообщения: public (страницы, открытые без входа: собрания и их календари; вход в демонстрационной версии).
import type { public_ as en } from "../en/public";

export const public_: Record<keyof typeof en, string> = {
  "public.notFound.studyGroup": "Исследовательской комиссии {code} нет.",
  "public.nav.meetings": "Собрания",
  "public.nav.signIn": "Войти",

  // Список собраний
  "public.meetings.metaTitle": "Собрания",
  "public.meetings.heading": "Собрания",
  "public.meetings.intro":
    "Все собрания с датами, предельным сроком представления вкладов, связанными заседаниями и историей изменений, как их объявляют коллективные письма. Эти страницы открыты для всех; документы доступны членам после входа в систему.",
  "public.meetings.meeting": "Собрание",
  "public.meetings.dates": "Даты",
  "public.meetings.where": "Место",
  "public.meetings.deadline": "Предельный срок представления вкладов (по женевскому времени)",
  "public.meetings.state": "Прием вкладов",
  "public.meetings.none": "Собрания пока не объявлены.",

  // Календари
  "public.calendar.heading": "Календарь",
  "public.calendar.intro":
    "Подпишитесь один раз: ваше календарное приложение будет получать все изменения, и предельный срок, перенесенный исправлением, переместится и в вашем календаре.",
  "public.calendar.subscribeMeeting": "Подписаться на даты этого собрания",
  "public.calendar.subscribeGroup": "Подписаться на все собрания {code}",
  "public.calendar.download": "скачать файл .ics",
  "public.calendar.feedUrl": "Адрес календаря:",

  // Собрание без входа в систему
  "public.meeting.signIn": "Войдите, чтобы читать документы собрания.",
  "public.meeting.announced": "Собрание объявлено",

  // Вход в демонстрационной версии
  "public.demo.intro": "Выберите учетную запись: одним щелчком форма будет заполнена и выполнен вход.",
};
