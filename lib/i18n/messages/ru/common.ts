// Русские сообщения: оболочка, вход, главная, страница собрания, срок, часы, учетная запись, исходящие, сброс пароля.
import type { common as en } from "../en/common";

export const common: Record<keyof typeof en, string> = {
  "common.appName": "Учет вкладов",
  "common.appDescription": "Вклады к собраниям исследовательских комиссий МСЭ-Т, принятые и отмеченные по женевскому времени.",
  "common.brand": "МСЭ-Т: учет вкладов",
  "common.skipToContent": "Перейти к содержанию",
  "common.nav.label": "Главное меню",
  "common.nav.home": "Главная",
  "common.nav.meeting": "Собрание {code}",
  "common.nav.documents": "Документы",
  "common.nav.myQuestions": "Мои Вопросы",
  "common.nav.lateReport": "Отчет об опозданиях",
  "common.nav.manageMeeting": "Управление собранием",
  "common.nav.accounts": "Учетные записи",
  "common.nav.auditLog": "Журнал аудита",
  "common.nav.submit": "Представить вклад",
  "common.nav.myContributions": "Мои вклады",
  "common.nav.outbox": "Исходящие письма",
  "common.nav.account": "Учетная запись",
  "common.role.secretariat": "Секретариат",
  "common.role.rapporteur": "Докладчик",
  "common.signOut": "Выйти",
  "common.language.switchTo": "Переключить интерфейс на язык: {language}",
};
