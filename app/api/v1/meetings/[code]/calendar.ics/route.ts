import { getMeeting } from "@/lib/data/meetings";
import { reply, route } from "@/lib/http/route";
import { meetingCalendar } from "@/lib/present/ics";
import { codeParam } from "@/lib/validation/api";

export const runtime = "nodejs";

/** The meeting's deadline and sessions as an iCalendar file, for a delegate's calendar. */
export const GET = route({ access: "reader", params: { code: codeParam } }, ({ actor, params, request }) =>
  reply(
    getMeeting(actor, params.code),
    (meeting) =>
      new Response(meetingCalendar(meeting, new URL(request.url).origin), {
        headers: {
          "Content-Type": "text/calendar; charset=utf-8",
          "Content-Disposition": `attachment; filename="${params.code}.ics"`,
          "Cache-Control": "private, no-store",
        },
      }),
  ),
);
