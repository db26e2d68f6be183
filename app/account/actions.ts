"use server";
// Server actions of the account page: creating and revoking the signed-in user's own API tokens.
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { getActor } from "@/lib/data/session";
import { createTokenForActor, revokeToken } from "@/lib/data/tokens";

export type CreateTokenState = { token?: string; label?: string; error?: string; fieldError?: string; typed?: string };
export type RevokeTokenState = { message?: string; error?: string };

const SESSION_ENDED = "Your session has ended. Sign in again.";

const createForm = z.object({
  label: z
    .string({ error: "Give the token a label, e.g. 'upload script'." })
    .trim()
    .min(1, "Give the token a label, e.g. 'upload script'.")
    .max(100, "The label is too long: at most 100 characters."),
});

export async function createTokenAction(_prev: CreateTokenState, formData: FormData): Promise<CreateTokenState> {
  const typed = typeof formData.get("label") === "string" ? String(formData.get("label")) : "";
  const parsed = createForm.safeParse({ label: formData.get("label") ?? undefined });
  if (!parsed.success) {
    const message = parsed.error.issues[0]?.message ?? "Give the token a label.";
    return { error: message, fieldError: message, typed };
  }
  const actor = await getActor();
  if (!actor) return { error: SESSION_ENDED, typed };
  const result = createTokenForActor(actor, parsed.data.label);
  if (!result.ok) return { error: result.message, fieldError: result.fields?.label, typed };
  revalidatePath("/account");
  return { token: result.value.token, label: parsed.data.label };
}

const revokeForm = z.object({ id: z.coerce.number().int().positive() });

export async function revokeTokenAction(_prev: RevokeTokenState, formData: FormData): Promise<RevokeTokenState> {
  const parsed = revokeForm.safeParse({ id: formData.get("id") ?? undefined });
  if (!parsed.success) return { error: "This token could not be found. Reload the page and try again." };
  const actor = await getActor();
  if (!actor) return { error: SESSION_ENDED };
  const result = revokeToken(actor, parsed.data.id);
  if (!result.ok) return { error: result.message };
  revalidatePath("/account");
  return { message: "Revoked." };
}
