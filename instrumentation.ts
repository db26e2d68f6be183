// Next.js runs register() once when a server process starts, before it serves any request (instrumentation hook):
// it checks the configuration and the client-address marking (lib/config/startup.ts), then starts the mail worker
// (lib/mail/worker.ts) and the background jobs of search and notices (lib/jobs/start.ts).
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { prepareServer } = await import("./lib/config/startup");
  try {
    prepareServer();
  } catch (error) {
    // Next.js would log a failed hook and go on answering 500 to everything: a bad configuration stops the server instead.
    console.error(`The server cannot start: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  }
  // Not while `next build` prerenders pages: only a serving process sends mail.
  if (process.env.NEXT_PHASE === "phase-production-build") return;
  const { startMailWorker } = await import("./lib/mail/worker");
  startMailWorker({ stopOnSignals: true });
  const { startBackgroundJobs } = await import("./lib/jobs/start");
  startBackgroundJobs();
}
