import { z } from "zod";
import { isSimulated, now } from "@/lib/clock";
import { getApiActor } from "@/lib/data/api-actor";
import { setSimulatedClock } from "@/lib/data/clock-control";
import { formatGeneva } from "@/lib/geneva-time";
import { json, jsonError, UNAUTHENTICATED } from "@/lib/http";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

function clockJson(at: number) {
  return { now: new Date(at).toISOString(), nowMs: at, nowGeneva: formatGeneva(at), simulated: isSimulated() };
}

/** The server's time: browsers count down from it rather than from their own clock. */
export async function GET() {
  return json(clockJson(now()));
}

const body = z.object({ now: z.iso.datetime({ offset: true }) });

export async function PUT(request: Request) {
  // With the real clock this control does not exist.
  if (!isSimulated()) return jsonError({ code: "not_available", message: "Not found." });
  const actor = await getApiActor(request);
  if (!actor) return jsonError(UNAUTHENTICATED);
  let input: unknown;
  try {
    input = await request.json();
  } catch {
    return jsonError({ code: "invalid", message: "The body must be JSON: {\"now\": \"<ISO 8601 instant>\"}." });
  }
  const parsed = body.safeParse(input);
  if (!parsed.success) {
    return jsonError({ code: "invalid", message: "Give \"now\" as an ISO 8601 instant with its offset, e.g. 2020-06-23T21:59:00Z.", fields: { now: "an ISO 8601 instant" } });
  }
  const result = setSimulatedClock(actor, Date.parse(parsed.data.now));
  if (!result.ok) return jsonError(result);
  return json(clockJson(result.value.now));
}
