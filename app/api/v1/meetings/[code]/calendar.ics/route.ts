// GET: the meeting's dates as an iCalendar feed. Public (DOMAIN.md: a meeting's facts and calendar are), so that
// calendar applications, which cannot sign in, can subscribe to it.
import { getPublicMeeting } from "@/lib/data/meetings";
import { calendarResponse } from "@/lib/http/calendar";
import { jsonError } from "@/lib/http/json";
import { publicOrigin } from "@/lib/http/origin";
import { requestLocale } from "@/lib/i18n/server";
import { meetingCalendar } from "@/lib/present/ics";

export const runtime = "nodejs";

export async function GET(request: Request, { params }: { params: Promise<{ code: string }> }) {
  const code = (await params).code;
  const result = getPublicMeeting(code);
  if (!result.ok) return jsonError(result, undefined, requestLocale(request, null));
  return calendarResponse(request, meetingCalendar(result.value, { origin: publicOrigin(request.headers, new URL(request.url).origin) }), code);
}
