import { getPublicMeeting } from "@/lib/data/meetings";
import { calendarResponse } from "@/lib/http/calendar";
import { publicOrigin } from "@/lib/http/origin";
import { reply, route } from "@/lib/http/route";
import { meetingCalendar } from "@/lib/present/ics";
import { codeParam } from "@/lib/validation/api";

export const runtime = "nodejs";

/**
 * The meeting's dates as an iCalendar feed. Public (DOMAIN.md: a meeting's facts and its calendar feed are), so that
 * calendar applications, which cannot sign in, can subscribe to it.
 */
export const GET = route({ access: "public", params: { code: codeParam } }, ({ params, request }) =>
  reply(getPublicMeeting(params.code), (meeting) =>
    calendarResponse(request, meetingCalendar(meeting, { origin: publicOrigin(request.headers, new URL(request.url).origin) }), meeting.code),
  ),
);
