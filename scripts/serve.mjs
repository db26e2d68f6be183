// @ts-check
// Serves the built app (.next/ in the current directory) as `next start` does, through scripts/http-server.mjs:
//   node scripts/serve.mjs [-p PORT] [-H HOST]      (PORT defaults to $PORT, then 3000; HOST to every interface)
// npm start, the demo, the browser tests, the system tests and the benchmark all serve through it.
import { parseArgs } from "node:util";
import { createTrackerServer, httpTimeouts } from "./http-server.mjs";

process.env.NODE_ENV ??= "production";

const { values } = parseArgs({ options: { port: { type: "string", short: "p" }, hostname: { type: "string", short: "H" } } });
const port = Number(values.port ?? process.env.PORT ?? 3000);
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error(`Not a port: ${values.port ?? process.env.PORT}`);
  process.exit(1);
}
const hostname = values.hostname;

let timeouts;
try {
  timeouts = httpTimeouts();
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
}

const { default: next } = await import("next");
const app = next({ dev: false, dir: process.cwd(), hostname: hostname ?? "localhost", port });
await app.prepare();
const handle = app.getRequestHandler();
const server = createTrackerServer((req, res) => handle(req, res), timeouts);

server.on("error", (error) => {
  console.error("Failed to start the server:", error);
  process.exit(1);
});
server.listen(port, hostname, () => {
  const where = `http://${hostname ?? "localhost"}:${port}`;
  console.log(`▲ Ready on ${where} (headers timeout ${timeouts.headersTimeoutMs / 1000} s, idle timeout ${timeouts.idleTimeoutMs / 1000} s)`);
});

// A clean stop: no new connections, idle ones closed, requests in flight finish (at most 10 s).
let stopping = false;
for (const signal of /** @type {const} */ (["SIGTERM", "SIGINT"])) {
  process.on(signal, () => {
    if (stopping) return;
    stopping = true;
    setTimeout(() => process.exit(0), 10_000).unref();
    server.close(() => {
      void app.close().finally(() => process.exit(0));
    });
    server.closeIdleConnections();
  });
}
