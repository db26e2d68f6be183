// GET: every meeting of a study group ("SG20") as one iCalendar feed. Public, like each meeting's own feed.
import { getPublicStudyGroupMeetings } from "@/lib/data/meetings";
import { calendarResponse } from "@/lib/http/calendar";
import { jsonError } from "@/lib/http/json";
import { publicOrigin } from "@/lib/http/origin";
import { requestLocale } from "@/lib/i18n/server";
import { studyGroupCalendar } from "@/lib/present/ics";

export const runtime = "nodejs";

export async function GET(request: Request, { params }: { params: Promise<{ group: string }> }) {
  const result = getPublicStudyGroupMeetings((await params).group);
  if (!result.ok) return jsonError(result, undefined, requestLocale(request, null));
  const { studyGroup, meetings } = result.value;
  return calendarResponse(request, studyGroupCalendar(studyGroup, meetings, { origin: publicOrigin(request.headers, new URL(request.url).origin) }), studyGroup.code);
}
