"use server";
// Server actions of the account page: the signed-in user's own API tokens, time zone, password, notices and feed key.
import { describeFailure, fieldsText } from "@/lib/present/failures";
import { revalidatePath } from "next/cache";
import { headers } from "next/headers";
import { z } from "zod";
import { tokenLabel } from "@/lib/validation/api";
import { getActor } from "@/lib/auth/session";
import { setPreferences } from "@/lib/data/preferences";
import { createTokenForActor, revokeToken } from "@/lib/data/tokens";
import { changeOwnPassword } from "@/lib/data/password-change";
import { MAX_PASSWORD_LENGTH } from "@/lib/data/accounts";
import { MIN_PASSWORD_LENGTH } from "@/lib/auth/passwords";
import { clientAddress } from "@/lib/http/client-address";
import { createFeedKey, revokeFeedKey } from "@/lib/data/feeds";
import { setNoticePreferences } from "@/lib/data/notices";
import { noticeSettings } from "@/lib/validation/search";
import { getT } from "@/lib/i18n/server";
import type { MessageKey } from "@/lib/i18n/translate";
import { isTimeZone } from "@/lib/time/geneva";

export type CreateTokenState = { token?: string; label?: string; error?: string; fieldError?: string; typed?: string };
export type RevokeTokenState = { message?: string; error?: string };
export type TimeZoneState = { message?: string; error?: string };
export type ChangePasswordState = { error?: string; fields?: { current?: string; password?: string; repeat?: string }; done?: boolean };

// The label's rule is the API's (POST /tokens); its messages are catalog keys the action translates for the reader.
const createForm = z.object({ label: tokenLabel });

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
  if (!result.ok) return { error: describeFailure(result, locale), fieldError: fieldsText(result, locale)?.label, typed };
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
  if (!result.ok) return { error: describeFailure(result, locale) };
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
  if (!result.ok) return { error: describeFailure(result, locale) };
  // Every page shows times in the viewer's zone, and the layout hands the zone to them.
  revalidatePath("/", "layout");
  return {
    message: result.value.timeZone
      ? t("common.account.timeZone.saved", { zone: result.value.timeZone })
      : t("common.account.timeZone.savedBrowser"),
  };
}

/**
 * The signed-in user's new password. Every session and API token of the account ends, this one too:
 * the page then says so and offers to sign in again (nothing is revalidated, which would only redirect).
 */
export async function changePasswordAction(_prev: ChangePasswordState, formData: FormData): Promise<ChangePasswordState> {
  const { t, locale } = await getT();
  const [current, password, repeat] = ["current", "password", "repeat"].map((k) => formData.get(k));
  if (typeof current !== "string" || current.length === 0) {
    return { error: t("common.reset.error.fields", { fields: t("auth.password.currentMissing") }), fields: { current: t("auth.password.currentMissing") } };
  }
  if (typeof password !== "string" || typeof repeat !== "string" || password.length === 0) {
    return { error: t("common.reset.error.missing"), fields: { password: t("common.reset.error.missingField") } };
  }
  if (password !== repeat) return { error: t("common.reset.error.different"), fields: { repeat: t("common.reset.error.differentField") } };
  if (password.length < MIN_PASSWORD_LENGTH || password.length > MAX_PASSWORD_LENGTH) {
    const field = password.length < MIN_PASSWORD_LENGTH ? t("common.reset.error.tooShort", { min: MIN_PASSWORD_LENGTH }) : t("common.reset.error.tooLong", { max: MAX_PASSWORD_LENGTH });
    return { error: t("common.reset.error.fields", { fields: field }), fields: { password: field } };
  }
  const actor = await getActor();
  if (!actor) return { error: t("common.sessionEnded") };
  const result = await changeOwnPassword(actor, current, password, clientAddress(await headers()));
  if (!result.ok) {
    const fields = fieldsText(result, locale);
    return { error: describeFailure(result, locale), fields: fields ? { current: fields.current, password: fields.password } : undefined };
  }
  return { done: true };
}

export type NoticesState = { message?: string; error?: string };

/** How the account is told of new contributions: at once, a daily digest at a Geneva hour, or not at all. */
export async function setNoticesAction(_prev: NoticesState, formData: FormData): Promise<NoticesState> {
  const { t, locale } = await getT();
  const parsed = noticeSettings.safeParse({ mode: formData.get("mode") ?? undefined, digestHour: formData.get("digestHour") ?? undefined });
  if (!parsed.success) return { error: t("search.notices.invalidMode") };
  const actor = await getActor();
  if (!actor) return { error: t("common.sessionEnded") };
  const result = setNoticePreferences(actor, parsed.data);
  if (!result.ok) return { error: describeFailure(result, locale) };
  revalidatePath("/account");
  const { mode, digestHour } = result.value;
  return { message: mode === "daily" ? t("search.notices.savedDaily", { hour: String(digestHour).padStart(2, "0") }) : mode === "immediate" ? t("search.notices.savedImmediate") : t("search.notices.savedNone") };
}

export type FeedKeyState = { key?: string; message?: string; error?: string };

/** A new feed key (the previous one stops working); shown once, in the answer. */
export async function createFeedKeyAction(_prev: FeedKeyState, _formData: FormData): Promise<FeedKeyState> {
  const { t, locale } = await getT();
  const actor = await getActor();
  if (!actor) return { error: t("common.sessionEnded") };
  const result = createFeedKey(actor);
  if (!result.ok) return { error: describeFailure(result, locale) };
  revalidatePath("/account");
  return { key: result.value.key };
}

export async function revokeFeedKeyAction(_prev: FeedKeyState, _formData: FormData): Promise<FeedKeyState> {
  const { t, locale } = await getT();
  const actor = await getActor();
  if (!actor) return { error: t("common.sessionEnded") };
  const result = revokeFeedKey(actor);
  if (!result.ok) return { error: describeFailure(result, locale) };
  revalidatePath("/account");
  return { message: t("search.feedKey.revoked") };
}
