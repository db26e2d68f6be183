"use server";
// Server actions of the shell: moving the simulated clock from the banner, and choosing the interface language.
import { describeFailure } from "@/lib/present/failures";
import { revalidatePath } from "next/cache";
import { cookies } from "next/headers";
import { z } from "zod";
import { getActor } from "@/lib/auth/session";
import { setSimulatedClock } from "@/lib/data/clock-control";
import { parseGenevaLocalInput } from "@/lib/time/geneva";
import { isLocale, LOCALE_COOKIE } from "@/lib/i18n/config";
import { getT } from "@/lib/i18n/server";
import { setPreferences } from "@/lib/data/preferences";

export type ClockFormState = { message?: string; error?: string };

const clockForm = z.object({
  at: z.string().trim().optional(),
  preset: z.string().trim().optional(),
});

export async function setClockAction(_prev: ClockFormState, formData: FormData): Promise<ClockFormState> {
  const { t, locale } = await getT();
  const parsed = clockForm.safeParse({ at: formData.get("at") ?? undefined, preset: formData.get("preset") ?? undefined });
  if (!parsed.success) return { error: t("common.clock.error.missing") };
  const actor = await getActor();
  if (!actor) return { error: t("common.sessionEnded") };
  const at = parsed.data.preset ? Number(parsed.data.preset) : parseGenevaLocalInput(parsed.data.at ?? "");
  if (at === null || !Number.isFinite(at)) return { error: t("common.clock.error.malformed") };
  const result = setSimulatedClock(actor, at);
  if (!result.ok) return { error: describeFailure(result, locale) };
  revalidatePath("/", "layout");
  return { message: t("common.clock.moved") };
}

/** The language switcher: a cookie for everyone, and the account's preference when signed in. */
export async function setLocaleAction(formData: FormData): Promise<void> {
  const locale = formData.get("locale");
  if (!isLocale(locale)) return;
  (await cookies()).set(LOCALE_COOKIE, locale, { path: "/", sameSite: "lax", maxAge: 365 * 24 * 3600 });
  const actor = await getActor();
  if (actor) setPreferences(actor, { locale });
  revalidatePath("/", "layout");
}
