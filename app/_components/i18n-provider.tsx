"use client";
// Gives client components the catalog of the page's language: useT() returns t() and the locale.
import { createContext, useContext, useMemo } from "react";
import type { Locale } from "@/lib/i18n/config";
import type { MessageKey, Params } from "@/lib/i18n/translate";
import { translate } from "@/lib/i18n/translate";

const LocaleContext = createContext<Locale>("en");

export function I18nProvider({ locale, children }: { locale: Locale; children: React.ReactNode }) {
  return <LocaleContext.Provider value={locale}>{children}</LocaleContext.Provider>;
}

export function useT(): { locale: Locale; t: (key: MessageKey, params?: Params) => string } {
  const locale = useContext(LocaleContext);
  return useMemo(() => ({ locale, t: (key: MessageKey, params?: Params) => translate(locale, key, params) }), [locale]);
}
