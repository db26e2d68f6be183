"use client";
// What a page shows when something unexpected fails while it is made: no detail, a reference to the server's log
// (Next's digest of the error, printed with it there), a way to try again; inside the layout, in the page's language.
import Link from "next/link";
import { useT } from "./_components/i18n-provider";

export default function ErrorPage({ error, retry }: { error: Error & { digest?: string }; retry: () => void }) {
  const { t } = useT();
  return (
    <section className="error-box" role="alert" aria-labelledby="error-heading" data-testid="error-page">
      <h1 id="error-heading">{t("http.error.title")}</h1>
      <p>{t("http.error.text")}</p>
      {error.digest ? <p data-testid="error-reference">{t("http.error.reference", { digest: error.digest })}</p> : null}
      <p className="actions">
        <button type="button" className="primary" onClick={() => retry()}>
          {t("http.error.retry")}
        </button>
        <Link href="/">{t("http.error.home")}</Link>
      </p>
    </section>
  );
}
