import { isSimulated, now } from "@/lib/time/clock";
import { setSimulatedClock } from "@/lib/data/clock-control";
import { formatGeneva } from "@/lib/time/geneva";
import { json } from "@/lib/http/json";
import { jsonBody, reply, route } from "@/lib/http/route";
import { clockBody } from "@/lib/validation/api";
import { failFields } from "@/lib/validation/messages";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

function clockJson(at: number) {
  return { now: new Date(at).toISOString(), nowMs: at, nowGeneva: formatGeneva(at), simulated: isSimulated() };
}

/** The server's time: browsers count down from it rather than from their own clock. */
export const GET = route({ access: "public" }, () => json(clockJson(now())));

/** Moves the simulated clock (the demo's secretariat); with the real clock this control does not exist. */
export const PUT = route(
  {
    access: "writer",
    enabled: isSimulated,
    body: jsonBody(clockBody, "api.clock.bodyJson", () => failFields("invalid", "api.clock.instant", undefined, { now: "api.field.instant" })),
  },
  ({ actor, body }) => reply(setSimulatedClock(actor, Date.parse(body.now)), (set) => json(clockJson(set.now))),
);
