// A Question's feed as Atom 1.0 (RFC 4287): stable tag: URIs (RFC 4151) as ids, times in UTC, every text escaped.
import type { FeedEntry, QuestionFeed } from "@/lib/data/feeds";
import type { Locale } from "@/lib/i18n/config";
import { translator } from "@/lib/i18n/translate";
import { formatGeneva } from "@/lib/present/time";

function escapeXml(text: string): string {
  // XML 1.0 allows no control characters but tab and line breaks, not even escaped.
  // eslint-disable-next-line no-control-regex -- control characters are exactly what is removed
  return text.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, "").replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

const iso = (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, "Z");

/** "2020-06-23": the day in UTC, the date part of a tag: URI (any day the authority held the name will do). */
const tagDate = (ms: number) => new Date(ms).toISOString().slice(0, 10);

export type AtomContext = {
  /** the public origin, for links: https://tracker.example.org */
  origin: string;
  /** the authority of the tag: URIs, a host name (stable: it comes from NEXTAUTH_URL, not from the request) */
  authority: string;
  /** the URL of this feed, without its key */
  selfUrl: string;
  locale: Locale;
};

function entryTitle(e: FeedEntry, locale: Locale): string {
  const t = translator(locale);
  const name = e.number === null ? t("search.feed.lateRequest") : e.displayNumber;
  return `${name}${e.versionLabel ? ` ${e.versionLabel}` : ""}: ${e.title}`;
}

function entrySummary(e: FeedEntry, locale: Locale): string {
  const t = translator(locale);
  const what = e.kind === "original" ? (e.versionState === "pending" ? t("search.feed.what.lateRequest") : t("search.feed.what.new")) : t("search.feed.what.version", { label: e.versionLabel });
  return [
    t("search.feed.summary", { what, source: e.source, meeting: e.meetingCode, time: formatGeneva(e.receivedAt, { locale }) }),
    e.abstract,
  ]
    .filter(Boolean)
    .join("\n\n");
}

export function renderQuestionAtom(feed: QuestionFeed, ctx: AtomContext): string {
  const t = translator(ctx.locale);
  const feedId = `tag:${ctx.authority},2020:question/${feed.questionSlug}`;
  const lines = [
    '<?xml version="1.0" encoding="utf-8"?>',
    `<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="${ctx.locale}">`,
    `  <id>${escapeXml(feedId)}</id>`,
    `  <title>${escapeXml(t("search.feed.title", { code: feed.questionCode, title: feed.questionTitle }))}</title>`,
    `  <subtitle>${escapeXml(t("search.feed.subtitle", { group: feed.studyGroupCode }))}</subtitle>`,
    `  <updated>${iso(feed.updatedAt)}</updated>`,
    `  <link rel="self" type="application/atom+xml" href="${escapeXml(ctx.selfUrl)}"/>`,
    `  <link rel="alternate" type="text/html" href="${escapeXml(`${ctx.origin}/meetings`)}"/>`,
    `  <author><name>${escapeXml(t("search.feed.author"))}</name></author>`,
    `  <generator>ITU-T contribution tracker</generator>`,
  ];
  for (const e of feed.entries) {
    const link = `${ctx.origin}/contributions/${e.contributionId}`;
    lines.push(
      "  <entry>",
      `    <id>${escapeXml(`tag:${ctx.authority},${tagDate(e.receivedAt)}:contribution-version/${e.versionId}`)}</id>`,
      `    <title>${escapeXml(entryTitle(e, ctx.locale))}</title>`,
      `    <link rel="alternate" type="text/html" href="${escapeXml(link)}"/>`,
      `    <published>${iso(e.receivedAt)}</published>`,
      `    <updated>${iso(e.receivedAt)}</updated>`,
      `    <author><name>${escapeXml(e.source)}</name></author>`,
      `    <summary type="text">${escapeXml(entrySummary(e, ctx.locale))}</summary>`,
      `    <category term="${escapeXml(e.kind)}"/>`,
      "  </entry>",
    );
  }
  lines.push("</feed>", "");
  return lines.join("\n");
}
