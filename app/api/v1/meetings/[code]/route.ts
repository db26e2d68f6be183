import { getApiActor, getApiWriter } from "@/lib/http/actor";
import { updateMeeting } from "@/lib/data/meeting-admin";
import { getMeeting, meetingToJson } from "@/lib/data/meetings";
import { failT } from "@/lib/domain/failures";
import { json, jsonError, UNAUTHENTICATED } from "@/lib/http/json";
import { requestLocale } from "@/lib/i18n/server";
import { readJson } from "@/lib/validation/api";
import { failWithFieldTexts, zodFieldTexts } from "@/lib/validation/messages";
import { meetingPatchBody } from "@/lib/validation/secretariat";

export const runtime = "nodejs";

export async function GET(request: Request, { params }: { params: Promise<{ code: string }> }) {
  const actor = await getApiActor(request);
  const locale = requestLocale(request, actor?.locale);
  if (!actor) return jsonError(UNAUTHENTICATED, undefined, locale);
  const result = getMeeting(actor, (await params).code);
  if (!result.ok) return jsonError(result, undefined, locale);
  return json(meetingToJson(result.value));
}

/** Changes a meeting's facts; `reason` and `reference` are required and kept in its history. */
export async function PATCH(request: Request, { params }: { params: Promise<{ code: string }> }) {
  const writer = await getApiWriter(request);
  const locale = requestLocale(request, writer.ok ? writer.actor.locale : null);
  if (!writer.ok) return jsonError(writer, undefined, locale);
  const body = await readJson(request);
  if (!body.ok) return jsonError(failT("invalid", "api.body.meeting"), undefined, locale);
  const parsed = meetingPatchBody.safeParse(body.value);
  if (!parsed.success) return jsonError(failWithFieldTexts("invalid", "api.invalid.fields", undefined, zodFieldTexts(parsed.error)), undefined, locale);
  const { reason, reference, deadline, ...changes } = parsed.data;
  const code = (await params).code;
  const result = updateMeeting(
    writer.actor,
    code,
    { ...changes, deadline: deadline === undefined ? undefined : deadline === "default" ? "default" : Date.parse(deadline) },
    { reason, reference },
  );
  if (!result.ok) return jsonError(result, undefined, locale);
  const updated = getMeeting(writer.actor, code);
  return json(updated.ok ? { changed: result.value.changed, meeting: meetingToJson(updated.value) } : { changed: result.value.changed });
}
