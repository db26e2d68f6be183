import { getApiWriter } from "@/lib/http/actor";
import { prepareRevision, receiptToJson, reviseContribution } from "@/lib/data/submissions";
import { json, jsonError } from "@/lib/http/json";
import { requestLocale } from "@/lib/i18n/server";
import { readsUpload } from "@/lib/http/multipart";
import { readUploadRequest } from "@/lib/http/upload-request";
import { lateExplanation, revisionMetadata } from "@/lib/validation/contribution";

export const runtime = "nodejs";

const revisionBody = revisionMetadata.extend({ explanation: lateExplanation });

/** A revision (Rev., Add., Corr.); with ?asLateRequest=1 after the cutoff, a late revision request (202). */
export const POST = readsUpload(async (request: Request, { params }: { params: Promise<{ id: string }> }) => {
  const writer = await getApiWriter(request);
  const locale = requestLocale(request, writer.ok ? writer.actor.locale : null);
  if (!writer.ok) return jsonError(writer, undefined, locale);
  const asLateRequest = new URL(request.url).searchParams.get("asLateRequest") === "1";
  const allowed = prepareRevision(writer.actor, Number((await params).id));
  if (!allowed.ok) return jsonError(allowed, undefined, locale);
  const body = await readUploadRequest(request, revisionBody, { metadataRequired: false });
  if (!body.ok) return jsonError(body, undefined, locale);
  const result = await reviseContribution(writer.actor, Number((await params).id), body.metadata, body.upload, {
    asLateRequest,
    explanation: body.metadata.explanation,
  });
  if (!result.ok) return jsonError(result, undefined, locale);
  return json(receiptToJson(result.value), asLateRequest ? 202 : 201, { "Idempotent-Replayed": String(result.value.replayed ?? false) });
});
