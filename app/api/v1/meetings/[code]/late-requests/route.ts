import { prepareSubmission } from "@/lib/data/submission-checks";
import { submitContribution } from "@/lib/data/submissions";
import { json } from "@/lib/http/json";
import { route, uploadBody } from "@/lib/http/route";
import { codeParam } from "@/lib/validation/api";
import { lateExplanation, submissionMetadata } from "@/lib/validation/contribution";
import { receiptToJson } from "@/lib/present/api-json";

export const runtime = "nodejs";

const lateSubmission = submissionMetadata.extend({ explanation: lateExplanation });

/** After the cutoff: a late submission request, stored and timed, awaiting the secretariat's decision (202). */
export const POST = route({ access: "writer", params: { code: codeParam }, body: uploadBody(lateSubmission, true) }, async ({ actor, params, upload }) => {
  // Who may submit here is known before a byte of the file is read.
  const allowed = prepareSubmission(actor, params.code);
  if (!allowed.ok) return allowed;
  const body = await upload();
  if (!body.ok) return body;
  const result = await submitContribution(actor, params.code, body.metadata, body.upload, { asLateRequest: true, explanation: body.metadata.explanation });
  if (!result.ok) return result;
  return json(receiptToJson(result.value), 202, { Location: `/api/v1/contributions/${result.value.contributionId}`, "Idempotent-Replayed": String(result.value.replayed ?? false) });
});
