"use server";
// Server actions of a contribution's page: following it (notices of its new versions and of comments shared with its submitter).
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { z } from "zod";
import { getActor } from "@/lib/auth/session";
import { followContribution, unfollowContribution } from "@/lib/data/notices";

const followForm = z.object({ contributionId: z.coerce.number().int().positive(), follow: z.enum(["1", "0"]) });

export async function setFollowAction(formData: FormData): Promise<void> {
  const parsed = followForm.safeParse({ contributionId: formData.get("contributionId"), follow: formData.get("follow") });
  if (!parsed.success) redirect("/contributions");
  const actor = await getActor();
  if (!actor) redirect(`/login?callbackUrl=${encodeURIComponent(`/contributions/${parsed.data.contributionId}`)}`);
  const { contributionId, follow } = parsed.data;
  const result = follow === "1" ? followContribution(actor, contributionId) : unfollowContribution(actor, contributionId);
  if (!result.ok) redirect(`/contributions/${contributionId}`);
  revalidatePath(`/contributions/${contributionId}`);
  redirect(`/contributions/${contributionId}?followed=${follow}#follow`);
}
