"use client";
// When the root layout itself fails, this replaces the whole document: no layout, so the language is the one the
// visitor chose (the cookie) or their browser's, found once the page runs in the browser.
import { useEffect, useState } from "react";
import "./globals.css";
import { isLocale, LOCALE_COOKIE, negotiateLocale, type Locale } from "@/lib/i18n/config";
import { translate } from "@/lib/i18n/translate";

function visitorLocale(): Locale {
  const chosen = document.cookie.match(new RegExp(`(?:^|; )${LOCALE_COOKIE}=(\\w+)`))?.[1];
  return isLocale(chosen) ? chosen : negotiateLocale(navigator.languages.join(","));
}

export default function GlobalError({ error, retry }: { error: Error & { digest?: string }; retry: () => void }) {
  const [locale, setLocale] = useState<Locale>("en");
  useEffect(() => setLocale(visitorLocale()), []);
  const t = (key: Parameters<typeof translate>[1], params?: Parameters<typeof translate>[2]) => translate(locale, key, params);
  return (
    <html lang={locale}>
      <body>
        <title>{t("http.error.title")}</title>
        <main id="main">
          <section className="error-box" role="alert" aria-labelledby="error-heading" data-testid="error-page">
            <h1 id="error-heading">{t("http.error.title")}</h1>
            <p>{t("http.error.text")}</p>
            {error.digest ? <p data-testid="error-reference">{t("http.error.reference", { digest: error.digest })}</p> : null}
            <p className="actions">
              <button type="button" className="primary" onClick={() => retry()}>
                {t("http.error.retry")}
              </button>
              {/* A full load, not a client navigation: the layout that failed has to be made again. */}
              <a href="/">{t("http.error.home")}</a>
            </p>
          </section>
        </main>
      </body>
    </html>
  );
}
