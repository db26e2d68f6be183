"use client";
// When the root layout itself fails, this replaces the whole document: no layout, so the language is the one the
// visitor chose (the cookie) or their browser's, found once the page runs in the browser.
import { useEffect, useState } from "react";
import "./globals.css";
import { isLocale, LOCALE_COOKIE, negotiateLocale, type Locale } from "@/lib/i18n/config";
import { translate, type Translator } from "@/lib/i18n/translate";
import { ErrorPanel } from "./_components/error-panel";

function visitorLocale(): Locale {
  const chosen = document.cookie.match(new RegExp(`(?:^|; )${LOCALE_COOKIE}=(\\w+)`))?.[1];
  return isLocale(chosen) ? chosen : negotiateLocale(navigator.languages.join(","));
}

export default function GlobalError({ error, retry }: { error: Error & { digest?: string }; retry: () => void }) {
  const [locale, setLocale] = useState<Locale>("en");
  useEffect(() => setLocale(visitorLocale()), []);
  const t: Translator = (key, params) => translate(locale, key, params);
  return (
    <html lang={locale}>
      <body>
        <title>{t("http.error.title")}</title>
        <main id="main">
          <ErrorPanel digest={error.digest} retry={retry} t={t} fullLoadHome />
        </main>
      </body>
    </html>
  );
}
