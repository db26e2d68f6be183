// The floor of an upload on bare Node: an HTTP server around scripts/bench/floor-upload.mjs, nothing else.
// Usage: node scripts/bench/baseline-server.mjs <port> <dataDir>
import http from "node:http";
import path from "node:path";
import { uploadFloor } from "./floor-upload.mjs";

const port = Number(process.argv[2] ?? 3301);
const dataDir = path.resolve(process.argv[3] ?? "bench-results/baseline");
const floor = uploadFloor(dataDir);

function send(res, status, body) {
  const text = JSON.stringify(body);
  res.writeHead(status, { "content-type": "application/json", "content-length": Buffer.byteLength(text) });
  res.end(text);
}

const server = http.createServer(async (req, res) => {
  if (req.method === "GET") return send(res, 200, { ok: true });
  if (req.method !== "POST") return send(res, 405, { code: "method" });
  const { status, body } = await floor.receive(req.headers, req);
  send(res, status, body);
});

server.listen(port, "127.0.0.1", () => console.log(`baseline listening on 127.0.0.1:${port}, data in ${dataDir}`));
const close = () => {
  server.close();
  floor.close();
  process.exit(0);
};
process.on("SIGTERM", close);
process.on("SIGINT", close);
