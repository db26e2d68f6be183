// The one reader of the system time. With SIMULATED_NOW it starts at that instant and runs forward at real speed.

type ClockState =
  | { mode: "real" }
  | { mode: "simulated"; offsetMs: number } // simulated = system + offset
  | { mode: "pinned"; at: number }; // tests: time stands still

const g = globalThis as unknown as { __trackerClock?: ClockState };

function systemMs(): number {
  return Date.now();
}

function initialState(): ClockState {
  const start = process.env.SIMULATED_NOW;
  if (!start) return { mode: "real" };
  const at = Date.parse(start);
  if (Number.isNaN(at)) throw new Error(`SIMULATED_NOW is not an ISO 8601 instant: ${start}`);
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

/** Move the simulated clock; it keeps running from there. Refused with the real clock. */
export function setSimulatedNow(at: number): void {
  const s = state();
  if (s.mode === "real") throw new Error("The clock is real; it cannot be set.");
  if (s.mode === "pinned") g.__trackerClock = { mode: "pinned", at };
  else g.__trackerClock = { mode: "simulated", offsetMs: at - systemMs() };
}

/** Tests: stop the clock at an instant (or go back to the environment's clock with null). */
export function pinClock(at: number | null): void {
  g.__trackerClock = at === null ? initialState() : { mode: "pinned", at };
}
