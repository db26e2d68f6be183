// Switches the interface language; remembered in a cookie and, when signed in, on the account. Works without JavaScript.
import { setLocaleAction } from "@/app/actions";
import { LOCALE_NAMES, LOCALES, type Locale } from "@/lib/i18n/config";
import type { Translator } from "@/lib/i18n/translate";

export function LanguageSwitcher({ locale, t }: { locale: Locale; t: Translator }) {
  return (
    <form action={setLocaleAction} className="language-switcher">
      {LOCALES.filter((l) => l !== locale).map((l) => (
        <button key={l} type="submit" name="locale" value={l} lang={l} className="link" aria-label={t("common.language.switchTo", { language: LOCALE_NAMES[l] })}>
          {LOCALE_NAMES[l]}
        </button>
      ))}
    </form>
  );
}
