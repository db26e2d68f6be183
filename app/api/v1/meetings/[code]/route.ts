import { getApiActor } from "@/lib/data/api-actor";
import { getMeeting, meetingToJson } from "@/lib/data/meetings";
import { json, jsonError, UNAUTHENTICATED } from "@/lib/http";

export const runtime = "nodejs";

export async function GET(request: Request, { params }: { params: Promise<{ code: string }> }) {
  const actor = await getApiActor(request);
  if (!actor) return jsonError(UNAUTHENTICATED);
  const result = getMeeting(actor, (await params).code);
  if (!result.ok) return jsonError(result);
  return json(meetingToJson(result.value));
}
