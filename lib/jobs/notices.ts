// The notice dispatcher of a server process: a pass every few seconds over what the audit log recorded since the last.
import "server-only";
import { dispatchNotices } from "@/lib/data/notices";

const EVERY_MS = 5_000;

type LoopState = { timer: NodeJS.Timeout | null; stopped: boolean };

const g = globalThis as unknown as { __trackerNoticeLoop?: LoopState };

async function tick(state: LoopState): Promise<void> {
  try {
    await dispatchNotices();
  } catch (error) {
    console.error("Notice dispatcher:", error);
  }
  if (state.stopped) return;
  state.timer = setTimeout(() => void tick(state), EVERY_MS);
  state.timer.unref();
}

/** Starts the dispatcher once per process. Two processes on one database take turns: each pass is one IMMEDIATE transaction. */
export function startNoticeDispatcher(): void {
  if (g.__trackerNoticeLoop && !g.__trackerNoticeLoop.stopped) return;
  const state: LoopState = { timer: null, stopped: false };
  g.__trackerNoticeLoop = state;
  state.timer = setTimeout(() => void tick(state), 1_500);
  state.timer.unref();
}

export function stopNoticeDispatcher(): void {
  const state = g.__trackerNoticeLoop;
  if (!state) return;
  state.stopped = true;
  if (state.timer) clearTimeout(state.timer);
}
