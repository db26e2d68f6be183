"use client";
// An instant in the viewer's own time zone: the one chosen on the account, else the browser's (the server does not know it).
import { useSyncExternalStore } from "react";
import type { Locale } from "@/lib/i18n/config";
import { browserTimeZone, formatInReaderZone } from "@/lib/present/time";
import { useT } from "./i18n-provider";
import { useTimeZone } from "./time-zone-provider";

function formatLocal(ms: number, locale: Locale, chosenZone: string | null): string {
  if (chosenZone) {
    try {
      return formatInReaderZone(ms, chosenZone, locale);
    } catch {
      // A zone this browser does not know: fall back to the browser's own.
    }
  }
  return formatInReaderZone(ms, browserTimeZone(), locale);
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
