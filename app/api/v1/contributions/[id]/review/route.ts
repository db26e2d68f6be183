import { getApiActor, getApiWriter } from "@/lib/data/api-actor";
import { addComment, commentToJson, getReviewPanel, reviewPanelToJson, setReviewState } from "@/lib/data/review";
import { json, jsonError, UNAUTHENTICATED } from "@/lib/http";
import { fieldErrors, readJson } from "@/lib/validation/api";
import { commentBody, reviewStateBody } from "@/lib/validation/review";

export const runtime = "nodejs";

type Ctx = { params: Promise<{ id: string }> };

/** The review panel: state, reviewed version, every comment, the contribution's history. */
export async function GET(request: Request, { params }: Ctx) {
  const actor = await getApiActor(request);
  if (!actor) return jsonError(UNAUTHENTICATED);
  const result = getReviewPanel(actor, Number((await params).id));
  if (!result.ok) return jsonError(result);
  return json(reviewPanelToJson(result.value));
}

/** {"state": "new" | "in_review" | "ready" | "needs_clarification"} */
export async function PUT(request: Request, { params }: Ctx) {
  const writer = await getApiWriter(request);
  if (!writer.ok) return jsonError(writer);
  const body = await readJson(request);
  if (!body.ok) return jsonError({ code: "invalid", message: 'The body must be JSON: {"state": "…"}.' });
  const parsed = reviewStateBody.safeParse(body.value);
  if (!parsed.success) return jsonError({ code: "invalid", message: "Choose a review state.", fields: fieldErrors(parsed.error) });
  const result = setReviewState(writer.actor, Number((await params).id), parsed.data.state);
  if (!result.ok) return jsonError(result);
  return json({ state: result.value.state, reviewedVersionId: result.value.reviewedVersionId, updatedAt: new Date(result.value.updatedAt).toISOString() });
}

/** {"body": "…", "sharedWithSubmitter": false} */
export async function POST(request: Request, { params }: Ctx) {
  const writer = await getApiWriter(request);
  if (!writer.ok) return jsonError(writer);
  const body = await readJson(request);
  if (!body.ok) return jsonError({ code: "invalid", message: 'The body must be JSON: {"body": "…", "sharedWithSubmitter": false}.' });
  const parsed = commentBody.safeParse(body.value);
  if (!parsed.success) return jsonError({ code: "invalid", message: "Write the comment.", fields: fieldErrors(parsed.error) });
  const result = addComment(writer.actor, Number((await params).id), parsed.data.body, parsed.data.sharedWithSubmitter);
  if (!result.ok) return jsonError(result);
  return json(commentToJson(result.value), 201);
}
