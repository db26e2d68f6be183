// Compare two versions of a contribution: choose them, then read the word-level differences inline, long unchanged
// stretches folded ("… 240 unchanged words …", open to read). A plain GET form: works without JavaScript.
import type { Comparison, VersionText } from "@/lib/data/compare";
import type { Locale } from "@/lib/i18n/config";
import type { MessageKey, Translator } from "@/lib/i18n/translate";
import { collapseUnchanged } from "@/lib/text/diff";
import { When } from "./when";
import { versionName } from "@/lib/present/labels";

type Props = {
  versions: VersionText[];
  comparison: Comparison | null;
  fromId: number;
  toId: number;
  /** the page's path: the form comes back to it */
  path: string;
  t: Translator;
  locale: Locale;
};

const REASON_KEY: Record<string, MessageKey> = {
  scanned: "search.compare.reason.scanned",
  encrypted: "search.compare.reason.encrypted",
  damaged: "search.compare.reason.damaged",
  limits: "search.compare.reason.limits",
  unsupported: "search.compare.reason.unsupported",
};

export { versionName };

/** What the reader is told about a version whose text is not (yet) there. */
export function textStateNote(v: VersionText, t: Translator): string | null {
  const name = versionName(v, t);
  switch (v.textState) {
    case "done":
      return v.truncated ? t("search.compare.truncated", { version: name }) : null;
    case "pending":
      return t(v.attempts > 1 ? "search.compare.retrying" : "search.compare.pending", { version: name });
    case "no_text":
      return t("search.compare.noText", { version: name, reason: t(REASON_KEY[v.reason ?? ""] ?? "search.compare.reason.damaged") });
    case "failed":
      return t("search.compare.failed", { version: name, attempts: v.attempts });
  }
}

export function VersionCompare({ versions, comparison, fromId, toId, path, t, locale }: Props) {
  const select = (name: "from" | "to", selected: number) => (
    <div>
      <label htmlFor={`compare-${name}`}>{t(name === "from" ? "search.compare.from" : "search.compare.to")}</label>
      <select id={`compare-${name}`} name={name} defaultValue={String(selected)}>
        {versions.map((v) => (
          <option key={v.id} value={v.id}>
            {versionName(v, t)}
          </option>
        ))}
      </select>
    </div>
  );
  const notes = comparison ? [comparison.from, comparison.to].filter((v, i, all) => all.findIndex((x) => x.id === v.id) === i).map((v) => textStateNote(v, t)).filter(Boolean) : [];
  return (
    <section aria-labelledby="compare-heading" id="compare">
      <h2 id="compare-heading">{t("search.compare.heading")}</h2>
      <form method="get" action={`${path}#compare`} className="rv-row-form">
        {select("from", fromId)}
        {select("to", toId)}
        <button type="submit">{t("search.compare.submit")}</button>
      </form>
      {comparison ? (
        <>
          <p className="muted">
            {t("search.compare.between", { from: versionName(comparison.from, t), to: versionName(comparison.to, t) })} <When at={comparison.from.receivedAt} locale={locale} seconds={false} inline /> →{" "}
            <When at={comparison.to.receivedAt} locale={locale} seconds={false} inline />
          </p>
          {notes.map((note) => (
            <p key={note} className="notice" role="status">
              {note}
            </p>
          ))}
          {comparison.ready ? (
            <>
              <p role="status" data-testid="compare-stats">
                {comparison.stats.addedWords === 0 && comparison.stats.removedWords === 0
                  ? t("search.compare.same")
                  : t("search.compare.stats", { added: comparison.stats.addedWords, removed: comparison.stats.removedWords })}
              </p>
              <div className="text-diff" data-testid="text-diff" lang="">
                {collapseUnchanged(comparison.parts).map((s, i) =>
                  s.type === "added" ? (
                    <ins key={i}>{s.text}</ins>
                  ) : s.type === "removed" ? (
                    <del key={i}>{s.text}</del>
                  ) : s.type === "collapsed" ? (
                    <details key={i}>
                      <summary>{t("search.compare.unchangedWords", { count: s.words })}</summary>
                      {s.text}
                    </details>
                  ) : (
                    <span key={i}>{s.text}</span>
                  ),
                )}
              </div>
            </>
          ) : null}
        </>
      ) : null}
    </section>
  );
}
