"use server";
// Server actions of the shell: moving the simulated clock from the banner.
import { revalidatePath } from "next/cache";
import { cookies } from "next/headers";
import { z } from "zod";
import { getActor } from "@/lib/data/session";
import { setSimulatedClock } from "@/lib/data/clock-control";
import { parseGenevaLocalInput } from "@/lib/geneva-time";
import { isLocale, LOCALE_COOKIE } from "@/lib/i18n/config";
import { setPreferences } from "@/lib/data/preferences";

export type ClockFormState = { message?: string; error?: string };

const clockForm = z.object({
  at: z.string().trim().optional(),
  preset: z.string().trim().optional(),
});

export async function setClockAction(_prev: ClockFormState, formData: FormData): Promise<ClockFormState> {
  const parsed = clockForm.safeParse({ at: formData.get("at") ?? undefined, preset: formData.get("preset") ?? undefined });
  if (!parsed.success) return { error: "Give a date and time in Geneva time." };
  const actor = await getActor();
  if (!actor) return { error: "Your session has ended. Sign in again." };
  const at = parsed.data.preset ? Number(parsed.data.preset) : parseGenevaLocalInput(parsed.data.at ?? "");
  if (at === null || !Number.isFinite(at)) return { error: "Give a date and time in Geneva time, e.g. 2020-06-23 23:59." };
  const result = setSimulatedClock(actor, at);
  if (!result.ok) return { error: result.message };
  revalidatePath("/", "layout");
  return { message: "The simulated clock has been moved." };
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
