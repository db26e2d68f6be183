// The one reader of the system time. With SIMULATED_NOW it starts at that instant and runs forward at real speed.
import { parseIsoInstant } from "./iso";

type ClockState =
  | { mode: "real" }
  | { mode: "simulated"; offsetMs: number } // simulated = system + offset
  | { mode: "pinned"; at: number }; // tests: time stands still

const g = globalThis as unknown as { __trackerClock?: ClockState };

function systemMs(): number {
  return Date.now();
}

/** The range a simulated clock may be set to: every page can show any instant in it (1e20 ms is no date at all). */
export const SIMULATED_YEARS = { first: 2000, last: 2099 } as const;
const SIMULATED_MIN_MS = Date.UTC(SIMULATED_YEARS.first, 0, 1);
const SIMULATED_MAX_MS = Date.UTC(SIMULATED_YEARS.last + 1, 0, 1);

export function isSimulatedInstantInRange(at: number): boolean {
  return Number.isSafeInteger(at) && at >= SIMULATED_MIN_MS && at < SIMULATED_MAX_MS;
}

/**
 * SIMULATED_NOW read strictly, or null when it is not set. It must name its offset (Z or ±hh:mm): a bare
 * "2020-06-23T18:00" would be read in the host's zone, so the same demo would be late in Tokyo and on
 * time in UTC. It must be a real calendar date (Date.parse rolls 30 February into March), and it exists
 * only in the demo (DEMO_MODE=1): a production server runs on the real clock. Throws with the reason.
 */
export function simulatedStartFromEnv(env: Record<string, string | undefined> = process.env): number | null {
  const start = env.SIMULATED_NOW;
  if (start === undefined || start === "") return null;
  if (env.DEMO_MODE !== "1") throw new Error("SIMULATED_NOW is set, but the simulated clock exists only in the demo (DEMO_MODE=1). Unset it.");
  const at = parseIsoInstant(start);
  if (at === null) {
    throw new Error(`SIMULATED_NOW must be an ISO 8601 instant with its offset, e.g. 2020-06-23T18:00:00+02:00 or 2020-06-23T16:00:00Z; got ${JSON.stringify(start)}.`);
  }
  if (!isSimulatedInstantInRange(at)) {
    throw new Error(`SIMULATED_NOW must lie in the years ${SIMULATED_YEARS.first} to ${SIMULATED_YEARS.last}; got ${JSON.stringify(start)}.`);
  }
  return at;
}

function initialState(): ClockState {
  const at = simulatedStartFromEnv();
  if (at === null) return { mode: "real" };
  return { mode: "simulated", offsetMs: at - systemMs() };
}

function state(): ClockState {
  g.__trackerClock ??= initialState();
  return g.__trackerClock;
}

/** The current instant (UTC epoch ms): simulated in the demo, real in production. */
export function now(): number {
  const s = state();
  if (s.mode === "pinned") return s.at;
  if (s.mode === "simulated") return systemMs() + s.offsetMs;
  return systemMs();
}

/** The machine's real time, for what must not follow a simulated clock: sign-in throttling windows. */
export function systemNow(): number {
  return systemMs();
}

export function isSimulated(): boolean {
  return state().mode !== "real";
}

/** Move the simulated clock; it keeps running from there. Refused with the real clock, and outside SIMULATED_YEARS. */
export function setSimulatedNow(at: number): void {
  const s = state();
  if (s.mode === "real") throw new Error("The clock is real; it cannot be set.");
  if (!isSimulatedInstantInRange(at)) throw new RangeError(`A simulated clock cannot be set to ${at}.`);
  if (s.mode === "pinned") g.__trackerClock = { mode: "pinned", at };
  else g.__trackerClock = { mode: "simulated", offsetMs: at - systemMs() };
}

/** Tests: stop the clock at an instant (or go back to the environment's clock with null). */
export function pinClock(at: number | null): void {
  g.__trackerClock = at === null ? initialState() : { mode: "pinned", at };
}
