import { addComment, getReviewPanel, setReviewState } from "@/lib/data/review-state";
import { json } from "@/lib/http/json";
import { jsonBody, reply, route } from "@/lib/http/route";
import { idParam } from "@/lib/validation/api";
import { commentBody, reviewStateBody } from "@/lib/validation/review";
import { commentToJson, reviewPanelToJson } from "@/lib/present/api-json";

export const runtime = "nodejs";

const contribution = { params: { id: idParam }, notFound: "api.notFound.document" } as const;

/** The review panel: state, reviewed version, every comment, the contribution's history. */
export const GET = route({ access: "reader", ...contribution }, ({ actor, params }) => reply(getReviewPanel(actor, params.id), (panel) => json(reviewPanelToJson(panel))));

/** {"state": "new" | "in_review" | "ready" | "needs_clarification"} */
export const PUT = route(
  { access: "writer", ...contribution, body: jsonBody(reviewStateBody, "api.body.reviewState", "api.review.chooseState") },
  ({ actor, params, body }) =>
    reply(setReviewState(actor, params.id, body.state), (r) => json({ state: r.state, reviewedVersionId: r.reviewedVersionId, updatedAt: new Date(r.updatedAt).toISOString() })),
);

/** {"body": "…", "sharedWithSubmitter": false} */
export const POST = route(
  { access: "writer", ...contribution, body: jsonBody(commentBody, "api.body.comment", "api.validation.comment.required") },
  ({ actor, params, body }) => reply(addComment(actor, params.id, body.body, body.sharedWithSubmitter), (comment) => json(commentToJson(comment), 201)),
);
