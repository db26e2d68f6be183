// The deadline of a meeting in Geneva time, UTC and the viewer's time, with the live countdown.
import { now } from "@/lib/time/clock";
import { windowState } from "@/lib/time/deadlines";
import { formatGeneva, formatUtc } from "@/lib/present/time";
import { getT } from "@/lib/i18n/server";
import type { MessageKey } from "@/lib/i18n/translate";
import { Countdown } from "./countdown";
import { LocalTime } from "./local-time";

const STATE_TEXT = {
  open: "common.deadline.state.open",
  closing: "common.deadline.state.closing",
  closed: "common.deadline.state.closed",
} as const satisfies Record<string, MessageKey>;

export async function DeadlineBox({ deadlineAt, headingLevel = 2 }: { deadlineAt: number; headingLevel?: 2 | 3 }) {
  const { t, locale } = await getT();
  const at = now();
  const state = windowState(at, { deadlineAt });
  const H = headingLevel === 2 ? "h2" : "h3";
  // The last on-time instant is one millisecond before the first late one.
  const lastOnTime = deadlineAt - 1;
  // The Geneva time is set in bold inside the sentence, wherever the language puts it.
  const [beforeLast, afterLast] = t("common.deadline.lastMoment", {
    lastOnTime: "\u0000",
    firstLate: formatGeneva(deadlineAt, { seconds: false, locale }),
  }).split("\u0000");
  return (
    <section className={`card deadline-box ${state.state}`} aria-labelledby="deadline-heading" data-testid="deadline-box">
      <H id="deadline-heading" style={{ marginTop: 0 }}>
        {t("common.deadline.heading")}
      </H>
      <p style={{ margin: "0 0 .4rem" }}>
        {beforeLast}
        <strong data-testid="deadline-geneva">{formatGeneva(lastOnTime, { seconds: true, locale })}</strong>
        {afterLast}
      </p>
      <p className="muted" style={{ margin: "0 0 .4rem" }}>
        {t("common.deadline.utcFirstLate", { utc: formatUtc(deadlineAt, locale) })} · <LocalTime at={deadlineAt} />
      </p>
      <p style={{ margin: 0 }}>
        <span className="badge" data-testid="window-state">
          {t(STATE_TEXT[state.state])}
        </span>{" "}
        <Countdown deadlineAt={deadlineAt} serverNow={at} />
      </p>
    </section>
  );
}
