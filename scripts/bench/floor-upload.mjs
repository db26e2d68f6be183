// The floor of an upload, shared by the two baselines (bare Node, scripts/bench/baseline-server.mjs, and a bare Next.js
// route handler, scripts/bench/next-floor/): stream the multipart file to disk while hashing it, fsync it, move it under
// its SHA-256, and commit one row (SQLite WAL, synchronous=FULL, as db/client.ts).
import { createHash, randomBytes } from "node:crypto";
import { createWriteStream, mkdirSync } from "node:fs";
import { open, rename } from "node:fs/promises";
import { createRequire } from "node:module";
import path from "node:path";
import { pipeline } from "node:stream/promises";
import { Transform } from "node:stream";

const require = createRequire(import.meta.url);
const busboy = require("busboy");
const Database = require("better-sqlite3");

const MAX_BYTES = 250 * 1024 * 1024;

async function fsync(p) {
  const h = await open(p, "r");
  try {
    await h.sync();
  } finally {
    await h.close();
  }
}

/** A web stream (a route handler's request.body) straight into the parser, with backpressure: as lib/http/multipart.ts does. */
async function feedWeb(body, parser) {
  const reader = body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    if (!parser.write(value)) await new Promise((resume) => parser.once("drain", resume));
  }
  parser.end();
}

/** The store in `dataDir`, and `receive(headers, body)`: body is the request's bytes as a Node stream or a web ReadableStream; answers { status, body }. */
export function uploadFloor(dataDir) {
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

  async function parse(headers, body) {
    const parser = busboy({ headers, limits: { files: 1, fileSize: MAX_BYTES } });
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
    if (typeof body.getReader === "function") await feedWeb(body, parser);
    else body.pipe(parser);
    await done;
    if (pending) await pending;
    return { fields, stored };
  }

  async function receive(headers, body) {
    try {
      const { fields, stored } = await parse(headers, body);
      if (!stored) return { status: 400, body: { code: "invalid", message: "no file" } };
      const receivedAt = Date.now();
      const metadata = JSON.parse(fields.metadata ?? "{}");
      const dir = path.join(dataDir, "files", stored.sha256.slice(0, 2), stored.sha256.slice(2, 4));
      mkdirSync(dir, { recursive: true });
      const dest = path.join(dir, stored.sha256);
      await rename(stored.tempPath, dest);
      await fsync(dir);
      const row = insert.get(String(metadata.title ?? ""), stored.fileName, stored.sha256, stored.size, receivedAt);
      return { status: 201, body: { id: row.id, number: row.number, sha256: stored.sha256, size: stored.size, receivedAt: new Date(receivedAt).toISOString() } };
    } catch (error) {
      return { status: 500, body: { code: "internal", message: String(error?.message ?? error) } };
    }
  }

  return { receive, close: () => db.close() };
}
