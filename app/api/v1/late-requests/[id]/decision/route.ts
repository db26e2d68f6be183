import { getApiWriter } from "@/lib/data/api-actor";
import { decideLateRequest } from "@/lib/data/late-decisions";
import { json, jsonError } from "@/lib/http";
import { fieldErrors, readJson } from "@/lib/validation/api";
import { decisionBody } from "@/lib/validation/secretariat";

export const runtime = "nodejs";

export async function POST(request: Request, { params }: { params: Promise<{ id: string }> }) {
  const writer = await getApiWriter(request);
  if (!writer.ok) return jsonError(writer);
  const body = await readJson(request);
  if (!body.ok) return jsonError({ code: "invalid", message: 'The body must be JSON: {"decision", "reason", "deferTo"?}.' });
  const parsed = decisionBody.safeParse(body.value);
  if (!parsed.success) return jsonError({ code: "invalid", message: "Some fields are missing or wrong.", fields: fieldErrors(parsed.error) });
  const result = await decideLateRequest(writer.actor, Number((await params).id), parsed.data);
  if (!result.ok) return jsonError(result);
  return json(result.value);
}
