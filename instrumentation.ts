// Next.js runs register() once when the server starts, before it serves any request (instrumentation hook).
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
}
