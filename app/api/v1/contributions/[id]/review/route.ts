import { getApiActor, getApiWriter } from "@/lib/http/actor";
import { addComment, commentToJson, getReviewPanel, reviewPanelToJson, setReviewState } from "@/lib/data/review";
import { failT } from "@/lib/domain/failures";
import { json, jsonError, UNAUTHENTICATED } from "@/lib/http/json";
import { requestLocale } from "@/lib/i18n/server";
import { readJson } from "@/lib/validation/api";
import { failWithFieldTexts, zodFieldTexts } from "@/lib/validation/messages";
import { commentBody, reviewStateBody } from "@/lib/validation/review";

export const runtime = "nodejs";

type Ctx = { params: Promise<{ id: string }> };

/** The review panel: state, reviewed version, every comment, the contribution's history. */
export async function GET(request: Request, { params }: Ctx) {
  const actor = await getApiActor(request);
  const locale = requestLocale(request, actor?.locale);
  if (!actor) return jsonError(UNAUTHENTICATED, undefined, locale);
  const result = getReviewPanel(actor, Number((await params).id));
  if (!result.ok) return jsonError(result, undefined, locale);
  return json(reviewPanelToJson(result.value));
}

/** {"state": "new" | "in_review" | "ready" | "needs_clarification"} */
export async function PUT(request: Request, { params }: Ctx) {
  const writer = await getApiWriter(request);
  const locale = requestLocale(request, writer.ok ? writer.actor.locale : null);
  if (!writer.ok) return jsonError(writer, undefined, locale);
  const body = await readJson(request);
  if (!body.ok) return jsonError(failT("invalid", "api.body.reviewState"), undefined, locale);
  const parsed = reviewStateBody.safeParse(body.value);
  if (!parsed.success) return jsonError(failWithFieldTexts("invalid", "api.review.chooseState", undefined, zodFieldTexts(parsed.error)), undefined, locale);
  const result = setReviewState(writer.actor, Number((await params).id), parsed.data.state);
  if (!result.ok) return jsonError(result, undefined, locale);
  return json({ state: result.value.state, reviewedVersionId: result.value.reviewedVersionId, updatedAt: new Date(result.value.updatedAt).toISOString() });
}

/** {"body": "…", "sharedWithSubmitter": false} */
export async function POST(request: Request, { params }: Ctx) {
  const writer = await getApiWriter(request);
  const locale = requestLocale(request, writer.ok ? writer.actor.locale : null);
  if (!writer.ok) return jsonError(writer, undefined, locale);
  const body = await readJson(request);
  if (!body.ok) return jsonError(failT("invalid", "api.body.comment"), undefined, locale);
  const parsed = commentBody.safeParse(body.value);
  if (!parsed.success) return jsonError(failWithFieldTexts("invalid", "api.validation.comment.required", undefined, zodFieldTexts(parsed.error)), undefined, locale);
  const result = addComment(writer.actor, Number((await params).id), parsed.data.body, parsed.data.sharedWithSubmitter);
  if (!result.ok) return jsonError(result, undefined, locale);
  return json(commentToJson(result.value), 201);
}
