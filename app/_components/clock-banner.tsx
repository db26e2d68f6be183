// The banner shown on every page while the clock is simulated; the secretariat can move the clock from it.
import { isSimulated, now } from "@/lib/clock";
import { canSetClock, type Actor } from "@/lib/permissions";
import { SimClock } from "./sim-clock";
import { ClockForm } from "./clock-form";

export function ClockBanner({ actor, deadlineAt }: { actor: Actor | null; deadlineAt: number | null }) {
  if (!isSimulated()) return null;
  const at = now();
  return (
    <div className="sim-banner" role="region" aria-label="Simulated time" data-testid="sim-banner">
      <strong>Simulated time</strong>
      <span>
        It is now <SimClock serverNow={at} /> in this demo, not the real time.
      </span>
      {actor && canSetClock(actor, true) ? <ClockForm deadlineAt={deadlineAt} /> : null}
    </div>
  );
}
