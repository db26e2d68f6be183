import { getApiActor, getApiWriter } from "@/lib/http/actor";
import { contributionToJson, listMeetingContributions } from "@/lib/data/contributions";
import { prepareSubmission, receiptToJson, submitContribution } from "@/lib/data/submissions";
import { json, jsonError, UNAUTHENTICATED } from "@/lib/http/json";
import { requestLocale } from "@/lib/i18n/server";
import { readsUpload } from "@/lib/http/multipart";
import { readUploadRequest } from "@/lib/http/upload-request";
import { submissionMetadata } from "@/lib/validation/contribution";
import { failWithFieldTexts, zodFieldTexts } from "@/lib/validation/messages";
import { listPageQuery } from "@/lib/validation/paging";
import { searchParamsObject } from "@/lib/validation/review";

export const runtime = "nodejs";

type Ctx = { params: Promise<{ code: string }> };

export async function GET(request: Request, { params }: Ctx) {
  const actor = await getApiActor(request);
  const locale = requestLocale(request, actor?.locale);
  if (!actor) return jsonError(UNAUTHENTICATED, undefined, locale);
  const paging = listPageQuery.safeParse(searchParamsObject(new URL(request.url).searchParams));
  if (!paging.success) return jsonError(failWithFieldTexts("invalid", "paging.invalid", undefined, zodFieldTexts(paging.error)), undefined, locale);
  const result = listMeetingContributions(actor, (await params).code, paging.data);
  if (!result.ok) return jsonError(result, undefined, locale);
  const { items, total, page, pageSize } = result.value;
  return json({ contributions: items.map(contributionToJson), total, page, pageSize });
}

export const POST = readsUpload(async (request: Request, { params }: Ctx) => {
  const writer = await getApiWriter(request);
  const locale = requestLocale(request, writer.ok ? writer.actor.locale : null);
  if (!writer.ok) return jsonError(writer, undefined, locale);
  // Who may submit here is known before a byte of the file is read.
  const allowed = prepareSubmission(writer.actor, (await params).code);
  if (!allowed.ok) return jsonError(allowed, undefined, locale);
  const body = await readUploadRequest(request, submissionMetadata, { metadataRequired: true });
  if (!body.ok) return jsonError(body, undefined, locale);
  const result = await submitContribution(writer.actor, (await params).code, body.metadata, body.upload);
  if (!result.ok) return jsonError(result, undefined, locale);
  return json(receiptToJson(result.value), 201, { Location: `/api/v1/contributions/${result.value.contributionId}`, "Idempotent-Replayed": String(result.value.replayed ?? false) });
});
