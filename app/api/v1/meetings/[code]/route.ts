import { getApiActor, getApiWriter } from "@/lib/data/api-actor";
import { updateMeeting } from "@/lib/data/meeting-admin";
import { getMeeting, meetingToJson } from "@/lib/data/meetings";
import { json, jsonError, UNAUTHENTICATED } from "@/lib/http";
import { fieldErrors, readJson } from "@/lib/validation/api";
import { meetingPatchBody } from "@/lib/validation/secretariat";

export const runtime = "nodejs";

export async function GET(request: Request, { params }: { params: Promise<{ code: string }> }) {
  const actor = await getApiActor(request);
  if (!actor) return jsonError(UNAUTHENTICATED);
  const result = getMeeting(actor, (await params).code);
  if (!result.ok) return jsonError(result);
  return json(meetingToJson(result.value));
}

/** Changes a meeting's facts; `reason` and `reference` are required and kept in its history. */
export async function PATCH(request: Request, { params }: { params: Promise<{ code: string }> }) {
  const writer = await getApiWriter(request);
  if (!writer.ok) return jsonError(writer);
  const body = await readJson(request);
  if (!body.ok) return jsonError({ code: "invalid", message: "The body must be JSON with the changed fields and {\"reason\", \"reference\"}." });
  const parsed = meetingPatchBody.safeParse(body.value);
  if (!parsed.success) return jsonError({ code: "invalid", message: "Some fields are missing or wrong.", fields: fieldErrors(parsed.error) });
  const { reason, reference, deadline, ...changes } = parsed.data;
  const code = (await params).code;
  const result = updateMeeting(
    writer.actor,
    code,
    { ...changes, deadline: deadline === undefined ? undefined : deadline === "default" ? "default" : Date.parse(deadline) },
    { reason, reference },
  );
  if (!result.ok) return jsonError(result);
  const updated = getMeeting(writer.actor, code);
  return json(updated.ok ? { changed: result.value.changed, meeting: meetingToJson(updated.value) } : { changed: result.value.changed });
}
