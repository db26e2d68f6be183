// Русские сообщения: auth (смена собственного пароля, завершение сеансов, ограничение попыток входа и проверки, добавленные вместе с ними).
import type { auth as en } from "../en/auth";

export const auth: Record<keyof typeof en, string> = {
  "auth.password.heading": "Пароль",
  "auth.password.intro": "После смены пароля вы выйдете из системы везде, в том числе на этом устройстве, а ваши API-токены перестанут действовать: войдите снова с новым паролем и создайте новые токены для своих скриптов.",
  "auth.password.current": "Текущий пароль",
  "auth.password.new": "Новый пароль",
  "auth.password.repeat": "Повторите новый пароль",
  "auth.password.submit": "Сменить пароль",
  "auth.password.saving": "Смена пароля…",
  "auth.password.currentMissing": "Введите текущий пароль.",
  "auth.password.currentWrong": "Это не ваш текущий пароль.",
  "auth.password.summary.current": "Текущий пароль: {error}",
  "auth.password.done": "Пароль изменен. Все сеансы и API-токены вашей учетной записи завершены, включая этот.",
  "auth.password.doneSignIn": "{signIn} с новым паролем.",
  "auth.password.doneSignInLink": "Войдите снова",
  "auth.signIn.throttledElsewhere": "Слишком много неудачных попыток входа в эту учетную запись из мест, откуда в нее раньше не входили. Войдите с устройства или из сети, которыми вы уже пользовались, или повторите попытку через {minutes, plural, one {# минуту} few {# минуты} many {# минут} other {# минуты}}.",
  "auth.clock.outOfRange": "Моделируемые часы можно установить только на время в {first}–{last} годах.",
  "auth.clock.outOfRangeField": "Выберите время в {first}–{last} годах.",
  "auth.validation.noSuchDay": "Такого дня в календаре нет: проверьте число месяца.",
};
