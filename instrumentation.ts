// Next.js calls register() once when a server process starts: the mail worker (lib/mail/worker.ts) and the background
// jobs of search and notices (lib/jobs/start.ts) start then.
export async function register(): Promise<void> {
  // Only in the Node.js server (not the edge runtime), and not while `next build` prerenders pages.
  if (process.env.NEXT_RUNTIME !== "nodejs" || process.env.NEXT_PHASE === "phase-production-build") return;
  const { startMailWorker } = await import("./lib/mail/worker");
  startMailWorker({ stopOnSignals: true });
  const { startBackgroundJobs } = await import("./lib/jobs/start");
  startBackgroundJobs();
}
