import { getApiWriter } from "@/lib/http/actor";
import { prepareSubmission, receiptToJson, submitContribution } from "@/lib/data/submissions";
import { json, jsonError } from "@/lib/http/json";
import { requestLocale } from "@/lib/i18n/server";
import { readsUpload } from "@/lib/http/multipart";
import { readUploadRequest } from "@/lib/http/upload-request";
import { lateExplanation, submissionMetadata } from "@/lib/validation/contribution";

export const runtime = "nodejs";

const lateSubmission = submissionMetadata.extend({ explanation: lateExplanation });

export const POST = readsUpload(async (request: Request, { params }: { params: Promise<{ code: string }> }) => {
  const writer = await getApiWriter(request);
  const locale = requestLocale(request, writer.ok ? writer.actor.locale : null);
  if (!writer.ok) return jsonError(writer, undefined, locale);
  // Who may submit here is known before a byte of the file is read.
  const allowed = prepareSubmission(writer.actor, (await params).code);
  if (!allowed.ok) return jsonError(allowed, undefined, locale);
  const body = await readUploadRequest(request, lateSubmission, { metadataRequired: true });
  if (!body.ok) return jsonError(body, undefined, locale);
  const result = await submitContribution(writer.actor, (await params).code, body.metadata, body.upload, {
    asLateRequest: true,
    explanation: body.metadata.explanation,
  });
  if (!result.ok) return jsonError(result, undefined, locale);
  return json(receiptToJson(result.value), 202, { Location: `/api/v1/contributions/${result.value.contributionId}`, "Idempotent-Replayed": String(result.value.replayed ?? false) });
});
