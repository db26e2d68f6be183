// The floor of an upload: a bare Node HTTP server that streams the multipart file to disk while hashing it,
// fsyncs it, moves it under its SHA-256, and commits one row (SQLite WAL, synchronous=FULL, as db/client.ts).
// Usage: node scripts/bench/baseline-server.mjs <port> <dataDir>
import { createHash, randomBytes } from "node:crypto";
import { createWriteStream, mkdirSync } from "node:fs";
import { open, rename } from "node:fs/promises";
import http from "node:http";
import { createRequire } from "node:module";
import path from "node:path";
import { pipeline } from "node:stream/promises";
import { Transform } from "node:stream";

const require = createRequire(import.meta.url);
const busboy = require("busboy");
const Database = require("better-sqlite3");

const port = Number(process.argv[2] ?? 3301);
const dataDir = path.resolve(process.argv[3] ?? "bench-results/baseline");
const MAX_BYTES = 250 * 1024 * 1024;
mkdirSync(path.join(dataDir, "tmp"), { recursive: true });
mkdirSync(path.join(dataDir, "files"), { recursive: true });

const db = new Database(path.join(dataDir, "baseline.db"));
db.pragma("journal_mode = WAL");
db.pragma("synchronous = FULL");
db.pragma("busy_timeout = 5000");
db.exec(`create table if not exists uploads (
  id integer primary key autoincrement, number integer not null unique, title text not null,
  file_name text not null, sha256 text not null, size integer not null, received_at integer not null)`);
const insert = db.prepare("insert into uploads (number, title, file_name, sha256, size, received_at) values ((select coalesce(max(number), 0) + 1 from uploads), ?, ?, ?, ?, ?) returning id, number");

async function fsync(p) {
  const h = await open(p, "r");
  try {
    await h.sync();
  } finally {
    await h.close();
  }
}

function send(res, status, body) {
  const text = JSON.stringify(body);
  res.writeHead(status, { "content-type": "application/json", "content-length": Buffer.byteLength(text) });
  res.end(text);
}

async function receive(req) {
  const parser = busboy({ headers: req.headers, limits: { files: 1, fileSize: MAX_BYTES } });
  const fields = {};
  let stored = null;
  let pending = null;
  const done = new Promise((resolve, reject) => {
    parser.on("field", (name, value) => (fields[name] = value));
    parser.on("file", (name, stream, info) => {
      const tempPath = path.join(dataDir, "tmp", `${randomBytes(12).toString("hex")}.part`);
      const hash = createHash("sha256");
      let size = 0;
      const meter = new Transform({
        transform(chunk, _enc, cb) {
          size += chunk.length;
          hash.update(chunk);
          cb(null, chunk);
        },
      });
      pending = pipeline(stream, meter, createWriteStream(tempPath, { flags: "wx" }))
        .then(() => fsync(tempPath))
        .then(() => (stored = { tempPath, size, sha256: hash.digest("hex"), fileName: info.filename ?? "document" }));
    });
    parser.on("error", reject);
    parser.on("close", resolve);
  });
  req.pipe(parser);
  await done;
  if (pending) await pending;
  return { fields, stored };
}

const server = http.createServer(async (req, res) => {
  try {
    if (req.method === "GET") return send(res, 200, { ok: true });
    if (req.method !== "POST") return send(res, 405, { code: "method" });
    const { fields, stored } = await receive(req);
    if (!stored) return send(res, 400, { code: "invalid", message: "no file" });
    const receivedAt = Date.now();
    const metadata = JSON.parse(fields.metadata ?? "{}");
    const dir = path.join(dataDir, "files", stored.sha256.slice(0, 2), stored.sha256.slice(2, 4));
    mkdirSync(dir, { recursive: true });
    const dest = path.join(dir, stored.sha256);
    await rename(stored.tempPath, dest);
    await fsync(dir);
    const row = insert.get(String(metadata.title ?? ""), stored.fileName, stored.sha256, stored.size, receivedAt);
    send(res, 201, { id: row.id, number: row.number, sha256: stored.sha256, size: stored.size, receivedAt: new Date(receivedAt).toISOString() });
  } catch (error) {
    send(res, 500, { code: "internal", message: String(error?.message ?? error) });
  }
});

server.listen(port, "127.0.0.1", () => console.log(`baseline listening on 127.0.0.1:${port}, data in ${dataDir}`));
const close = () => {
  server.close();
  db.close();
  process.exit(0);
};
process.on("SIGTERM", close);
process.on("SIGINT", close);
