import { updateMeeting } from "@/lib/data/meeting-admin";
import { getMeeting } from "@/lib/data/meetings";
import { json } from "@/lib/http/json";
import { jsonBody, reply, route } from "@/lib/http/route";
import { codeParam } from "@/lib/validation/api";
import { meetingPatchBody } from "@/lib/validation/secretariat";
import { meetingToJson } from "@/lib/present/api-json";

export const runtime = "nodejs";

export const GET = route({ access: "reader", params: { code: codeParam } }, ({ actor, params }) => reply(getMeeting(actor, params.code), (m) => json(meetingToJson(m))));

/** Changes a meeting's facts; `reason` and `reference` are required and kept in its history. */
export const PATCH = route({ access: "writer", params: { code: codeParam }, body: jsonBody(meetingPatchBody, "api.body.meeting") }, ({ actor, params, body }) => {
  const { reason, reference, ...changes } = body;
  const result = updateMeeting(actor, params.code, changes, { reason, reference });
  if (!result.ok) return result;
  const updated = getMeeting(actor, params.code);
  return json(updated.ok ? { changed: result.value.changed, meeting: meetingToJson(updated.value) } : { changed: result.value.changed });
});
