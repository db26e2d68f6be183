// Moving the simulated clock of a demo: the secretariat only, only while the clock is simulated, only to a sane instant.
import "server-only";
import { getDb } from "@/db/client";
import { isSimulated, isSimulatedInstantInRange, now, setSimulatedNow, SIMULATED_YEARS } from "@/lib/time/clock";
import { recordAudit } from "@/lib/data/audit";
import { ok, type Result } from "@/lib/domain/failures";
import { whyNotSetClock, type Actor } from "@/lib/auth/permissions";
import { failFields } from "@/lib/validation/messages";

/**
 * `at` outside 2000-2099 (a preset of 1e20, NaN) is refused as invalid: no page could show such a
 * time, and the whole demo would answer errors until the clock was moved back.
 */
export function setSimulatedClock(actor: Actor, at: number): Result<{ now: number }> {
  const why = whyNotSetClock(actor, isSimulated());
  if (why) return why;
  if (!isSimulatedInstantInRange(at)) {
    const range = { ...SIMULATED_YEARS };
    return failFields("invalid", "auth.clock.outOfRange", range, { now: ["auth.clock.outOfRangeField", range] });
  }
  const before = now();
  setSimulatedNow(at);
  recordAudit(getDb(), {
    at,
    actorUserId: actor.userId,
    action: "clock.set",
    entityType: "clock",
    details: { from: new Date(before).toISOString(), to: new Date(at).toISOString() },
  });
  return ok({ now: at });
}
