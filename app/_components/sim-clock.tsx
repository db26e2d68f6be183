"use client";
// The simulated time in the banner, ticking from the server's value.
import { useEffect, useState } from "react";
import { formatGeneva } from "@/lib/present/time";
import { useT } from "./i18n-provider";
import { LocalTime } from "./local-time";

export function SimClock({ serverNow }: { serverNow: number }) {
  const { locale } = useT();
  const [base] = useState(() => ({ server: serverNow, mono: typeof performance === "undefined" ? 0 : performance.now() }));
  const [, setTick] = useState(0);
  useEffect(() => {
    const t = setInterval(() => setTick((n) => n + 1), 1000);
    return () => clearInterval(t);
  }, []);
  const at = typeof performance === "undefined" ? serverNow : base.server + (performance.now() - base.mono);
  return (
    <>
      <time dateTime={new Date(at).toISOString()} data-testid="sim-clock" suppressHydrationWarning>
        {formatGeneva(at, { locale })}
      </time>{" "}
      <span className="when-local aside">
        <LocalTime at={at - (at % 60_000)} />
      </span>
    </>
  );
}
