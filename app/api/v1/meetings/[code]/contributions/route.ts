import { listMeetingContributions } from "@/lib/data/contributions";
import { prepareSubmission } from "@/lib/data/submission-checks";
import { submitContribution } from "@/lib/data/submissions";
import { json } from "@/lib/http/json";
import { reply, route, uploadBody } from "@/lib/http/route";
import { codeParam } from "@/lib/validation/api";
import { submissionMetadata } from "@/lib/validation/contribution";
import { listPageQuery } from "@/lib/validation/paging";
import { contributionToJson, receiptToJson } from "@/lib/present/api-json";

export const runtime = "nodejs";

/** A page of the meeting's contributions (?page=, ?pageSize=, 50 by default), with the total. */
export const GET = route({ access: "reader", params: { code: codeParam }, query: { schema: listPageQuery, invalid: "paging.invalid" } }, ({ actor, params, query }) =>
  reply(listMeetingContributions(actor, params.code, query), ({ items, total, page, pageSize }) => json({ contributions: items.map(contributionToJson), total, page, pageSize })),
);

/** A contribution: multipart `metadata` (JSON) and `file`; the receipt (201) once the file is stored and its row committed. */
export const POST = route({ access: "writer", params: { code: codeParam }, body: uploadBody(submissionMetadata, true) }, async ({ actor, params, upload }) => {
  // Who may submit here is known before a byte of the file is read.
  const allowed = prepareSubmission(actor, params.code);
  if (!allowed.ok) return allowed;
  const body = await upload();
  if (!body.ok) return body;
  const result = await submitContribution(actor, params.code, body.metadata, body.upload);
  if (!result.ok) return result;
  return json(receiptToJson(result.value), 201, { Location: `/api/v1/contributions/${result.value.contributionId}`, "Idempotent-Replayed": String(result.value.replayed ?? false) });
});
