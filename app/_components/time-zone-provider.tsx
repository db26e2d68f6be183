"use client";
// The viewer's chosen time zone (from the account) for client components; null means the browser's own zone.
import { createContext, useContext } from "react";

const TimeZoneContext = createContext<string | null>(null);

export function TimeZoneProvider({ timeZone, children }: { timeZone: string | null; children: React.ReactNode }) {
  return <TimeZoneContext.Provider value={timeZone || null}>{children}</TimeZoneContext.Provider>;
}

/** The account's time zone when one is set, else null: callers then use the browser's zone. */
export function useTimeZone(): string | null {
  return useContext(TimeZoneContext);
}
