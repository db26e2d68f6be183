// An instant as Geneva time with the viewer's own time beside it; no hooks, so server pages and client components alike can use it.
import { formatGeneva } from "@/lib/present/time";
import type { Locale } from "@/lib/i18n/config";
import { LocalTime } from "./local-time";

type Props = {
  at: number;
  locale: Locale;
  seconds?: boolean;
  weekday?: boolean;
  /** Within a line of text rather than a table cell or a list entry of its own. */
  inline?: boolean;
};

/** Geneva time, and the viewer's time as a smaller second line (or after a dot when inline). */
export function When({ at, locale, seconds = true, weekday = true, inline = false }: Props) {
  return (
    <span className={inline ? "when inline" : "when"} data-testid="when">
      <span data-testid="when-geneva">{formatGeneva(at, { seconds, weekday, locale })}</span>{" "}
      <span className="when-local">
        <LocalTime at={at} />
      </span>
    </span>
  );
}

/** The viewer's time alone, for a sentence that already names the Geneva time. */
export function LocalBeside({ at }: { at: number }) {
  return (
    <span className="when-local aside">
      <LocalTime at={at} />
    </span>
  );
}
