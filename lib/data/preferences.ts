// A user's own preferences: interface language and time zone, remembered on the account.
import "server-only";
import { eq } from "drizzle-orm";
import { getDb } from "@/db/client";
import { users } from "@/db/schema";
import { ok, type Result } from "@/lib/domain/failures";
import { isLocale, type Locale } from "@/lib/i18n/config";
import type { Actor } from "@/lib/auth/permissions";
import { isTimeZone } from "@/lib/time/geneva";
import { failFields } from "@/lib/validation/messages";


export function setPreferences(actor: Actor, input: { locale?: Locale | string; timeZone?: string | null }): Result<{ locale: Locale | null; timeZone: string | null }> {
  const changes: { locale?: string; timeZone?: string | null } = {};
  if (input.locale !== undefined) {
    if (!isLocale(input.locale)) return failFields("invalid", "api.preferences.unknownLanguage", undefined, { locale: "api.preferences.language" });
    changes.locale = input.locale;
  }
  if (input.timeZone !== undefined) {
    if (input.timeZone !== null && input.timeZone !== "" && !isTimeZone(input.timeZone)) {
      return failFields("invalid", "api.preferences.unknownTimeZone", undefined, { timeZone: "api.preferences.timeZone" });
    }
    changes.timeZone = input.timeZone || null;
  }
  if (Object.keys(changes).length > 0) getDb().update(users).set(changes).where(eq(users.id, actor.userId)).run();
  const row = getDb().select({ locale: users.locale, timeZone: users.timeZone }).from(users).where(eq(users.id, actor.userId)).get();
  return ok({ locale: isLocale(row?.locale) ? row!.locale as Locale : null, timeZone: row?.timeZone ?? null });
}
