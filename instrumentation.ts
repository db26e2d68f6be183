// Next.js runs register() once when the server starts, before it serves any request (instrumentation hook).
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { prepareServer } = await import("./lib/config/startup");
  prepareServer();
}
