// The banner shown on every page while the clock is simulated; the secretariat can move the clock from it.
import { isSimulated, now } from "@/lib/time/clock";
import { getT } from "@/lib/i18n/server";
import { canSetClock, type Actor } from "@/lib/auth/permissions";
import { SimClock } from "./sim-clock";
import { ClockForm } from "./clock-form";

export async function ClockBanner({ actor, deadlineAt }: { actor: Actor | null; deadlineAt: number | null }) {
  if (!isSimulated()) return null;
  const { t } = await getT();
  const at = now();
  const [before, after] = t("common.clock.itIsNow", { time: "\u0000" }).split("\u0000");
  return (
    <div className="sim-banner" role="region" aria-label={t("common.clock.banner")} data-testid="sim-banner">
      <strong>{t("common.clock.banner")}</strong>
      <span>
        {before}
        <SimClock serverNow={at} />
        {after}
      </span>
      {actor && canSetClock(actor, true) ? <ClockForm deadlineAt={deadlineAt} /> : null}
    </div>
  );
}
