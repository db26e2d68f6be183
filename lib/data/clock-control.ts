// Moving the simulated clock of a demo: the secretariat only, and only while the clock is simulated.
import "server-only";
import { getDb } from "@/db/client";
import { isSimulated, now, setSimulatedNow } from "@/lib/time/clock";
import { recordAudit } from "@/lib/data/audit";
import { ok, type Result } from "@/lib/domain/failures";
import { whyNotSetClock, type Actor } from "@/lib/auth/permissions";

export function setSimulatedClock(actor: Actor, at: number): Result<{ now: number }> {
  const why = whyNotSetClock(actor, isSimulated());
  if (why) return why;
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
