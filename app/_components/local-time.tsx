"use client";
// An instant in the viewer's own time zone, filled in by the browser (the server does not know it).
import { useSyncExternalStore } from "react";

function formatLocal(ms: number): string {
  const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  const text = new Intl.DateTimeFormat("en-GB", {
    weekday: "short",
    day: "numeric",
    month: "short",
    year: "numeric",
    hour: "2-digit",
    minute: "2-digit",
    hourCycle: "h23",
    timeZoneName: "short",
  }).format(ms);
  return `${text} (${zone})`;
}

const subscribe = () => () => {};

export function LocalTime({ at, label = "your time" }: { at: number; label?: string }) {
  const text = useSyncExternalStore(subscribe, () => formatLocal(at), () => null);
  if (text === null) return null;
  return (
    <span className="local-time" data-testid="local-time">
      {label}: {text}
    </span>
  );
}
