// The deadline of a meeting in Geneva time, UTC and the viewer's time, with the live countdown.
import { now } from "@/lib/clock";
import { windowState } from "@/lib/deadlines";
import { formatGeneva, formatUtc } from "@/lib/geneva-time";
import { Countdown } from "./countdown";
import { LocalTime } from "./local-time";

const STATE_TEXT = {
  open: "Open for contributions",
  closing: "Closing within 24 hours",
  closed: "Closed: the deadline has passed",
} as const;

export function DeadlineBox({ deadlineAt, headingLevel = 2 }: { deadlineAt: number; headingLevel?: 2 | 3 }) {
  const at = now();
  const state = windowState(at, { deadlineAt });
  const H = headingLevel === 2 ? "h2" : "h3";
  // The last on-time instant is one millisecond before the first late one.
  const lastOnTime = deadlineAt - 1;
  return (
    <section className={`card deadline-box ${state.state}`} aria-labelledby="deadline-heading" data-testid="deadline-box">
      <H id="deadline-heading" style={{ marginTop: 0 }}>
        Contribution deadline
      </H>
      <p style={{ margin: "0 0 .4rem" }}>
        <strong data-testid="deadline-geneva">{formatGeneva(lastOnTime, { seconds: true })}</strong> Geneva time is the last
        moment a contribution is on time; from {formatGeneva(deadlineAt, { seconds: false })} it is late.
      </p>
      <p className="muted" style={{ margin: "0 0 .4rem" }}>
        {formatUtc(deadlineAt)} (first late instant) · <LocalTime at={deadlineAt} />
      </p>
      <p style={{ margin: 0 }}>
        <span className="badge" data-testid="window-state">
          {STATE_TEXT[state.state]}
        </span>{" "}
        <Countdown deadlineAt={deadlineAt} serverNow={at} />
      </p>
    </section>
  );
}
