import { z } from "zod";
import { isSimulated, now } from "@/lib/time/clock";
import { getApiActor } from "@/lib/http/actor";
import { setSimulatedClock } from "@/lib/data/clock-control";
import { failT } from "@/lib/domain/failures";
import { formatGeneva } from "@/lib/present/time";
import { json, jsonError, UNAUTHENTICATED } from "@/lib/http/json";
import { requestLocale } from "@/lib/i18n/server";
import { failFields } from "@/lib/validation/messages";

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
  if (!isSimulated()) return jsonError(failT("not_available", "api.notFound.plain"), undefined, requestLocale(request));
  const actor = await getApiActor(request);
  const locale = requestLocale(request, actor?.locale);
  if (!actor) return jsonError(UNAUTHENTICATED, undefined, locale);
  let input: unknown;
  try {
    input = await request.json();
  } catch {
    return jsonError(failT("invalid", "api.clock.bodyJson"), undefined, locale);
  }
  const parsed = body.safeParse(input);
  if (!parsed.success) return jsonError(failFields("invalid", "api.clock.instant", undefined, { now: "api.field.instant" }), undefined, locale);
  const result = setSimulatedClock(actor, Date.parse(parsed.data.now));
  if (!result.ok) return jsonError(result, undefined, locale);
  return json(clockJson(result.value.now));
}
