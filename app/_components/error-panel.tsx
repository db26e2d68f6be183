// What the reader sees when a page fails unexpectedly: no detail, a reference to the server's log (Next's digest of the
// error, printed with it there), a way to try again and a way home. The same whether the page or the root layout failed.
import Link from "next/link";
import type { Translator } from "@/lib/i18n/translate";

type Props = {
  digest: string | undefined;
  retry: () => void;
  t: Translator;
  /** Home by a full load, not a client navigation: when the root layout failed, it has to be made again. */
  fullLoadHome?: boolean;
};

export function ErrorPanel({ digest, retry, t, fullLoadHome = false }: Props) {
  return (
    <section className="error-box" role="alert" aria-labelledby="error-heading" data-testid="error-page">
      <h1 id="error-heading">{t("http.error.title")}</h1>
      <p>{t("http.error.text")}</p>
      {digest ? <p data-testid="error-reference">{t("http.error.reference", { digest })}</p> : null}
      <p className="actions">
        <button type="button" className="primary" onClick={() => retry()}>
          {t("http.error.retry")}
        </button>
        {fullLoadHome ? <a href="/">{t("http.error.home")}</a> : <Link href="/">{t("http.error.home")}</Link>}
      </p>
    </section>
  );
}
