import { getApiActor } from "@/lib/http/actor";
import { getMeeting } from "@/lib/data/meetings";
import { jsonError, UNAUTHENTICATED } from "@/lib/http/json";
import { requestLocale } from "@/lib/i18n/server";
import { meetingCalendar } from "@/lib/present/ics";

export const runtime = "nodejs";

export async function GET(request: Request, { params }: { params: Promise<{ code: string }> }) {
  const actor = await getApiActor(request);
  const locale = requestLocale(request, actor?.locale);
  if (!actor) return jsonError(UNAUTHENTICATED, undefined, locale);
  const code = (await params).code;
  const result = getMeeting(actor, code);
  if (!result.ok) return jsonError(result, undefined, locale);
  return new Response(meetingCalendar(result.value, new URL(request.url).origin), {
    headers: {
      "Content-Type": "text/calendar; charset=utf-8",
      "Content-Disposition": `attachment; filename="${code}.ics"`,
      "Cache-Control": "private, no-store",
    },
  });
}
