// Calendar feeds offered for subscription (webcal://) and for a one-time download, with the address to copy.
import { getT } from "@/lib/i18n/server";
import { webcalUrl } from "@/lib/http/origin";

export type CalendarFeed = { key: string; url: string; label: string };

export async function CalendarLinks({ feeds }: { feeds: CalendarFeed[] }) {
  const { t } = await getT();
  return (
    <section className="no-print" aria-labelledby="calendar-heading" data-testid="calendar-links">
      <h2 id="calendar-heading">{t("public.calendar.heading")}</h2>
      <p>{t("public.calendar.intro")}</p>
      <ul>
        {feeds.map((feed) => (
          <li key={feed.key} data-testid={`calendar-${feed.key}`}>
            <a href={webcalUrl(feed.url)} data-testid="webcal-link">
              {feed.label}
            </a>{" "}
            (
            <a href={feed.url} download>
              {t("public.calendar.download")}
            </a>
            )
            <div className="muted">
              {t("public.calendar.feedUrl")} <code className="feed-url">{feed.url}</code>
            </div>
          </li>
        ))}
      </ul>
    </section>
  );
}
