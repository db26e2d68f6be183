"use server";
// Server actions of the review page: set the review state, add a comment. Each answers with a redirect back to the page.
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { addComment, setReviewState } from "@/lib/data/review-state";
import { getActor } from "@/lib/auth/session";
import { commentForm, reviewStateForm } from "@/lib/validation/review";

function back(id: unknown, query: string): never {
  const n = Number(id);
  redirect(Number.isInteger(n) && n > 0 ? `/review/${n}?${query}` : "/questions");
}

export async function setReviewStateAction(formData: FormData): Promise<void> {
  const parsed = reviewStateForm.safeParse({ contributionId: formData.get("contributionId"), state: formData.get("state") });
  if (!parsed.success) back(formData.get("contributionId"), "error=state");
  const { contributionId, state } = parsed.data;
  const actor = await getActor();
  if (!actor) redirect(`/login?callbackUrl=${encodeURIComponent(`/review/${contributionId}`)}`);
  const result = setReviewState(actor, contributionId, state);
  if (!result.ok) back(contributionId, `error=${result.code}`);
  revalidatePath(`/review/${contributionId}`);
  revalidatePath("/questions", "layout");
  back(contributionId, "done=state");
}

export async function addCommentAction(formData: FormData): Promise<void> {
  const parsed = commentForm.safeParse({
    contributionId: formData.get("contributionId"),
    body: formData.get("body") ?? "",
    sharedWithSubmitter: formData.get("sharedWithSubmitter"),
  });
  if (!parsed.success) back(formData.get("contributionId"), parsed.error.issues.some((i) => i.path[0] === "body") ? "error=comment" : "error=invalid");
  const { contributionId, body, sharedWithSubmitter } = parsed.data;
  const actor = await getActor();
  if (!actor) redirect(`/login?callbackUrl=${encodeURIComponent(`/review/${contributionId}`)}`);
  const result = addComment(actor, contributionId, body, sharedWithSubmitter);
  if (!result.ok) back(contributionId, `error=${result.code === "invalid" ? "comment" : result.code}`);
  revalidatePath(`/review/${contributionId}`);
  revalidatePath(`/contributions/${contributionId}`);
  back(contributionId, "done=comment");
}
