"use client";
// An instant in the viewer's own time zone: the one chosen on the account, else the browser's (the server does not know it).
import { useSyncExternalStore } from "react";
import { INTL_LOCALE, type Locale } from "@/lib/i18n/config";
import { useT } from "./i18n-provider";
import { useTimeZone } from "./time-zone-provider";

function browserZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone;
}

function formatLocal(ms: number, locale: Locale, chosenZone: string | null): string {
  const options: Intl.DateTimeFormatOptions = {
    weekday: "short",
    day: "numeric",
    month: "short",
    year: "numeric",
    hour: "2-digit",
    minute: "2-digit",
    hourCycle: "h23",
    timeZoneName: "short",
  };
  if (chosenZone) {
    try {
      const text = new Intl.DateTimeFormat(INTL_LOCALE[locale], { ...options, timeZone: chosenZone }).format(ms);
      return `${text} (${chosenZone})`;
    } catch {
      // A zone this browser does not know: fall back to the browser's own.
    }
  }
  const text = new Intl.DateTimeFormat(INTL_LOCALE[locale], options).format(ms);
  return `${text} (${browserZone()})`;
}

const subscribe = () => () => {};

export function LocalTime({ at, label }: { at: number; label?: string }) {
  const { t, locale } = useT();
  const zone = useTimeZone();
  const text = useSyncExternalStore(subscribe, () => formatLocal(at, locale, zone), () => null);
  if (text === null) return null;
  return (
    <span className="local-time" data-testid="local-time">
      {label ?? t("common.localTime.label")}: {text}
    </span>
  );
}
