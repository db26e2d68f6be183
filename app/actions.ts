"use server";
// Server actions of the shell: moving the simulated clock from the banner, and choosing the interface language.
import { describeFailure } from "@/lib/present/failures";
import { revalidatePath } from "next/cache";
import { cookies } from "next/headers";
import { getActor } from "@/lib/auth/session";
import { setSimulatedClock } from "@/lib/data/clock-control";
import { clockBody } from "@/lib/validation/api";
import { formText, genevaFieldInstant } from "@/lib/validation/forms";
import { isLocale, LOCALE_COOKIE } from "@/lib/i18n/config";
import { getT } from "@/lib/i18n/server";
import { setPreferences } from "@/lib/data/preferences";

export type ClockFormState = { message?: string; error?: string };

export async function setClockAction(_prev: ClockFormState, formData: FormData): Promise<ClockFormState> {
  const { t, locale } = await getT();
  // A preset is an instant in milliseconds; the field, a Geneva wall time, becomes the API's body (PUT /clock) and is
  // parsed by its schema. Whether the instant is one the demo may go to is the data layer's rule, the API's too.
  const preset = formText(formData, "preset").trim();
  let at: number | null;
  if (preset) {
    at = Number.isFinite(Number(preset)) ? Number(preset) : null;
  } else {
    const now = genevaFieldInstant(formData, "at");
    if (now === undefined) return { error: t("common.clock.error.missing") };
    const parsed = clockBody.safeParse({ now });
    at = parsed.success ? Date.parse(parsed.data.now) : null;
  }
  if (at === null) return { error: t("common.clock.error.malformed") };
  const actor = await getActor();
  if (!actor) return { error: t("common.sessionEnded") };
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
