import type { Metadata } from "next";
import Link from "next/link";
import { getT } from "@/lib/i18n/server";

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getT();
  return { title: t("http.notFound.title") };
}

/** Any address without a page, and every notFound() of a page (existence stays private: "or you do not have access"). */
export default async function NotFound() {
  const { t } = await getT();
  return (
    <section aria-labelledby="not-found-heading" data-testid="not-found">
      <h1 id="not-found-heading">{t("http.notFound.title")}</h1>
      <p>{t("http.notFound.text")}</p>
      <p>
        <Link href="/">{t("http.notFound.home")}</Link>
      </p>
    </section>
  );
}
