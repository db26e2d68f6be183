// A user's own preferences: interface language and time zone, remembered on the account.
import "server-only";
import { eq } from "drizzle-orm";
import { getDb } from "@/db/client";
import { users } from "@/db/schema";
import { fail, ok, type Result } from "@/lib/errors";
import { isLocale, type Locale } from "@/lib/i18n/config";
import type { Actor } from "@/lib/permissions";
import { isTimeZone } from "@/lib/geneva-time";


export function setPreferences(actor: Actor, input: { locale?: Locale | string; timeZone?: string | null }): Result<{ locale: Locale | null; timeZone: string | null }> {
  const changes: { locale?: string; timeZone?: string | null } = {};
  if (input.locale !== undefined) {
    if (!isLocale(input.locale)) return fail("invalid", "Unknown language.", { fields: { locale: "en or ru" } });
    changes.locale = input.locale;
  }
  if (input.timeZone !== undefined) {
    if (input.timeZone !== null && input.timeZone !== "" && !isTimeZone(input.timeZone)) {
      return fail("invalid", "Unknown time zone.", { fields: { timeZone: "an IANA time zone such as Asia/Tokyo" } });
    }
    changes.timeZone = input.timeZone || null;
  }
  if (Object.keys(changes).length > 0) getDb().update(users).set(changes).where(eq(users.id, actor.userId)).run();
  const row = getDb().select({ locale: users.locale, timeZone: users.timeZone }).from(users).where(eq(users.id, actor.userId)).get();
  return ok({ locale: isLocale(row?.locale) ? row!.locale as Locale : null, timeZone: row?.timeZone ?? null });
}
