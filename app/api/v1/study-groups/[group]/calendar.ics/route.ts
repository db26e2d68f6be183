import { getPublicStudyGroupMeetings } from "@/lib/data/meetings";
import { calendarResponse } from "@/lib/http/calendar";
import { publicOrigin } from "@/lib/http/origin";
import { reply, route } from "@/lib/http/route";
import { studyGroupCalendar } from "@/lib/present/ics";
import { codeParam } from "@/lib/validation/api";

export const runtime = "nodejs";

/** Every meeting of a study group ("SG20", any case) as one iCalendar feed. Public, like each meeting's own feed. */
export const GET = route({ access: "public", params: { group: codeParam } }, ({ params, request }) =>
  reply(getPublicStudyGroupMeetings(params.group), ({ studyGroup, meetings }) =>
    calendarResponse(request, studyGroupCalendar(studyGroup, meetings, { origin: publicOrigin(request.headers, new URL(request.url).origin) }), studyGroup.code),
  ),
);
