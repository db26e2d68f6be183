"use client";
// The time left before the cutoff, driven by the server's clock: the browser's own clock is never read for it.
import { useEffect, useState } from "react";
import type { Translator } from "@/lib/i18n/translate";
import { useT } from "./i18n-provider";

type Props = { deadlineAt: number; serverNow: number };

function split(ms: number, t: Translator): string {
  const s = Math.floor(Math.abs(ms) / 1000);
  const d = Math.floor(s / 86400);
  const h = Math.floor((s % 86400) / 3600);
  const m = Math.floor((s % 3600) / 60);
  const sec = s % 60;
  const days = t("common.countdown.days", { count: d });
  const hours = t("common.countdown.hours", { count: h });
  const minutes = t("common.countdown.minutes", { count: m });
  const seconds = t("common.countdown.seconds", { count: sec });
  const parts = d > 0 ? [days, hours, minutes, seconds] : h > 0 ? [hours, minutes, seconds] : [minutes, seconds];
  return parts.join(" ");
}

export function Countdown({ deadlineAt, serverNow }: Props) {
  const { t } = useT();
  // Server time = serverNow + (monotonic time elapsed since we received it).
  const [base, setBase] = useState<{ server: number; mono: number } | null>(null);
  const [tick, setTick] = useState(0);

  useEffect(() => {
    setBase({ server: serverNow, mono: performance.now() });
    const timer = setInterval(() => setTick((t) => t + 1), 1000);
    let stopped = false;
    // Only the newest answer counts: after a wake-up several requests may be in flight at once.
    let asked = 0;
    async function resync() {
      const mine = ++asked;
      try {
        const sent = performance.now();
        const res = await fetch("/api/v1/clock", { cache: "no-store" });
        if (!res.ok) return;
        const body = (await res.json()) as { nowMs: number };
        const received = performance.now();
        if (!stopped && mine === asked) setBase({ server: body.nowMs + (received - sent) / 2, mono: received });
      } catch {
        // keep counting from the last known server time
      }
    }
    // A laptop that slept, a tab the browser froze, a connection that came back: the monotonic clock may not
    // have counted that time (it stops during sleep on some systems), so ask the server again at once.
    const onVisible = () => {
      if (document.visibilityState === "visible") void resync();
    };
    const onWake = () => void resync();
    document.addEventListener("visibilitychange", onVisible);
    window.addEventListener("focus", onWake);
    window.addEventListener("online", onWake);
    void resync();
    const sync = setInterval(resync, 60_000);
    return () => {
      stopped = true;
      clearInterval(timer);
      clearInterval(sync);
      document.removeEventListener("visibilitychange", onVisible);
      window.removeEventListener("focus", onWake);
      window.removeEventListener("online", onWake);
    };
  }, [serverNow]);

  const current = base ? base.server + (performance.now() - base.mono) : serverNow;
  void tick;
  const left = deadlineAt - current;
  const text = left > 0 ? t("common.countdown.left", { time: split(left, t) }) : t("common.countdown.ago", { time: split(left, t) });
  return (
    <span className="countdown" role="timer" aria-live="off" aria-atomic="true" data-testid="countdown" data-ms-left={Math.round(left)}>
      {text}
    </span>
  );
}
