"use server";
// Server actions of the account page: the signed-in user's own API tokens and time zone preference.
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { failureText } from "@/lib/domain/failures";
import { getActor } from "@/lib/auth/session";
import { setPreferences } from "@/lib/data/preferences";
import { createTokenForActor, revokeToken } from "@/lib/data/tokens";
import { getT } from "@/lib/i18n/server";
import type { MessageKey } from "@/lib/i18n/translate";
import { isTimeZone } from "@/lib/time/geneva";
import { fieldsText } from "@/lib/validation/messages";

export type CreateTokenState = { token?: string; label?: string; error?: string; fieldError?: string; typed?: string };
export type RevokeTokenState = { message?: string; error?: string };
export type TimeZoneState = { message?: string; error?: string };

// The messages are catalog keys: the action translates them for the reader.
const createForm = z.object({
  label: z
    .string({ error: "common.account.tokens.error.labelMissing" satisfies MessageKey })
    .trim()
    .min(1, "common.account.tokens.error.labelMissing" satisfies MessageKey)
    .max(100, "common.account.tokens.error.labelTooLong" satisfies MessageKey),
});

export async function createTokenAction(_prev: CreateTokenState, formData: FormData): Promise<CreateTokenState> {
  const { t, locale } = await getT();
  const typed = typeof formData.get("label") === "string" ? String(formData.get("label")) : "";
  const parsed = createForm.safeParse({ label: formData.get("label") ?? undefined });
  if (!parsed.success) {
    const message = t((parsed.error.issues[0]?.message as MessageKey | undefined) ?? "common.account.tokens.error.labelMissing");
    return { error: message, fieldError: message, typed };
  }
  const actor = await getActor();
  if (!actor) return { error: t("common.sessionEnded"), typed };
  const result = createTokenForActor(actor, parsed.data.label);
  if (!result.ok) return { error: failureText(result, locale), fieldError: fieldsText(result, locale)?.label, typed };
  revalidatePath("/account");
  return { token: result.value.token, label: parsed.data.label };
}

const revokeForm = z.object({ id: z.coerce.number().int().positive() });

export async function revokeTokenAction(_prev: RevokeTokenState, formData: FormData): Promise<RevokeTokenState> {
  const { t, locale } = await getT();
  const parsed = revokeForm.safeParse({ id: formData.get("id") ?? undefined });
  if (!parsed.success) return { error: t("common.account.tokens.error.notFound") };
  const actor = await getActor();
  if (!actor) return { error: t("common.sessionEnded") };
  const result = revokeToken(actor, parsed.data.id);
  if (!result.ok) return { error: failureText(result, locale) };
  revalidatePath("/account");
  return { message: t("common.account.tokens.revoked") };
}


const timeZoneForm = z.object({ timeZone: z.string().trim().max(100) });

/** The zone in which the viewer's own times are shown; empty means "the browser's". */
export async function setTimeZoneAction(_prev: TimeZoneState, formData: FormData): Promise<TimeZoneState> {
  const { t, locale } = await getT();
  const parsed = timeZoneForm.safeParse({ timeZone: formData.get("timeZone") ?? "" });
  if (!parsed.success || (parsed.data.timeZone !== "" && !isTimeZone(parsed.data.timeZone))) {
    return { error: t("common.account.timeZone.error.unknown") };
  }
  const actor = await getActor();
  if (!actor) return { error: t("common.sessionEnded") };
  const result = setPreferences(actor, { timeZone: parsed.data.timeZone || null });
  if (!result.ok) return { error: failureText(result, locale) };
  // Every page shows times in the viewer's zone, and the layout hands the zone to them.
  revalidatePath("/", "layout");
  return {
    message: result.value.timeZone
      ? t("common.account.timeZone.saved", { zone: result.value.timeZone })
      : t("common.account.timeZone.savedBrowser"),
  };
}
