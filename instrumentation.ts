// Next.js calls register() once when a server process starts: the background work begins then, never in a build.
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== "nodejs" || process.env.NEXT_PHASE === "phase-production-build") return;
  const { startBackgroundJobs } = await import("./lib/jobs/start");
  startBackgroundJobs();
}
