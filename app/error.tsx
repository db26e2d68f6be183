"use client";
// What a page shows when something unexpected fails while it is made (the panel says what), inside the layout, in the
// page's language.
import { useT } from "./_components/i18n-provider";
import { ErrorPanel } from "./_components/error-panel";

export default function ErrorPage({ error, retry }: { error: Error & { digest?: string }; retry: () => void }) {
  const { t } = useT();
  return <ErrorPanel digest={error.digest} retry={retry} t={t} />;
}
