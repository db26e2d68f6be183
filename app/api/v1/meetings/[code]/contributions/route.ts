import { getApiActor, getApiWriter } from "@/lib/data/api-actor";
import { contributionToJson, listMeetingContributions } from "@/lib/data/contributions";
import { prepareSubmission, receiptToJson, submitContribution } from "@/lib/data/submissions";
import { json, jsonError, UNAUTHENTICATED } from "@/lib/http";
import { readUploadRequest } from "@/lib/upload-request";
import { submissionMetadata } from "@/lib/validation/contribution";

export const runtime = "nodejs";

type Ctx = { params: Promise<{ code: string }> };

export async function GET(request: Request, { params }: Ctx) {
  const actor = await getApiActor(request);
  if (!actor) return jsonError(UNAUTHENTICATED);
  const result = listMeetingContributions(actor, (await params).code);
  if (!result.ok) return jsonError(result);
  return json({ contributions: result.value.map(contributionToJson) });
}

export async function POST(request: Request, { params }: Ctx) {
  const writer = await getApiWriter(request);
  if (!writer.ok) return jsonError(writer);
  // Who may submit here is known before a byte of the file is read.
  const allowed = prepareSubmission(writer.actor, (await params).code);
  if (!allowed.ok) return jsonError(allowed);
  const body = await readUploadRequest(request, submissionMetadata, { metadataRequired: true });
  if (!body.ok) return jsonError(body);
  const result = await submitContribution(writer.actor, (await params).code, body.metadata, body.upload);
  if (!result.ok) return jsonError(result);
  return json(receiptToJson(result.value), 201, { Location: `/api/v1/contributions/${result.value.contributionId}`, "Idempotent-Replayed": String(result.value.replayed ?? false) });
}
