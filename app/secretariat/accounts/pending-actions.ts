"use server";
// The secretariat's answers to accounts requested through single sign-on: approve with an organisation, or decline.
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { z } from "zod";
import type { ActionState } from "@/app/_components/action-form";
import { approvePendingAccount, declinePendingAccount } from "@/lib/data/pending-accounts";
import { getActor } from "@/lib/auth/session";
import { getT } from "@/lib/i18n/server";
import { formFailure, formIssues } from "@/lib/validation/messages";

const approveForm = z.object({ organisation: z.string().regex(/^\d{1,9}$/, "sso.pending.chooseOrganisation") });

export async function approvePendingAccountAction(userId: number, _prev: ActionState, formData: FormData): Promise<ActionState> {
  const { t, locale } = await getT();
  const parsed = approveForm.safeParse(Object.fromEntries(formData));
  if (!parsed.success) return formIssues(parsed.error, locale);
  const actor = await getActor();
  if (!actor) return { error: t("secretariat.sessionEnded") };
  const result = approvePendingAccount(actor, userId, Number(parsed.data.organisation));
  if (!result.ok) return formFailure(result, locale);
  revalidatePath("/secretariat/accounts");
  // The approval form goes with the request it answered: the account's page says what was decided.
  redirect(`/secretariat/accounts/${userId}?decided=approved`);
}

const declineForm = z.object({ reason: z.string().trim().min(3, "sso.pending.declineReason") });

export async function declinePendingAccountAction(userId: number, _prev: ActionState, formData: FormData): Promise<ActionState> {
  const { t, locale } = await getT();
  const parsed = declineForm.safeParse(Object.fromEntries(formData));
  if (!parsed.success) return formIssues(parsed.error, locale);
  const actor = await getActor();
  if (!actor) return { error: t("secretariat.sessionEnded") };
  const result = declinePendingAccount(actor, userId, parsed.data.reason);
  if (!result.ok) return formFailure(result, locale);
  revalidatePath("/secretariat/accounts");
  redirect(`/secretariat/accounts/${userId}?decided=declined`);
}
