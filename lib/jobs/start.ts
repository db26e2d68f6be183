// The server's background work, started once per process from instrumentation.ts: text extraction and notices.
import "server-only";
import { startNoticeDispatcher } from "./notices";
import { startTextExtraction } from "./text-extraction";

/** Off with TRACKER_BACKGROUND=0 (a server that should only answer requests, e.g. a second process on the same data). */
export function startBackgroundJobs(): void {
  if (process.env.TRACKER_BACKGROUND === "0") return;
  startTextExtraction();
  startNoticeDispatcher();
}
