// The language of the current request on the server: the account's choice, then the cookie, then the browser's.
import "server-only";
import { cookies, headers } from "next/headers";
import { cache } from "react";
import { getActor } from "@/lib/auth/session";
import { isLocale, LOCALE_COOKIE, negotiateLocale, type Locale } from "./config";
import { translator, type Translator } from "./translate";

export const getLocale = cache(async (): Promise<Locale> => {
  const actor = await getActor();
  if (isLocale(actor?.locale)) return actor.locale;
  const fromCookie = (await cookies()).get(LOCALE_COOKIE)?.value;
  if (isLocale(fromCookie)) return fromCookie;
  return negotiateLocale((await headers()).get("accept-language"));
});

export async function getT(): Promise<{ locale: Locale; t: Translator }> {
  const locale = await getLocale();
  return { locale, t: translator(locale) };
}

/** For route handlers: the account's language, else the request's Accept-Language. */
export function requestLocale(request: Request, actorLocale?: string | null): Locale {
  if (isLocale(actorLocale)) return actorLocale;
  const cookie = request.headers.get("cookie")?.match(new RegExp(`${LOCALE_COOKIE}=(\\w+)`))?.[1];
  if (isLocale(cookie)) return cookie;
  return negotiateLocale(request.headers.get("accept-language"));
}
