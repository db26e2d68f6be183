// What backup and restore share: where a stored file lives, and copying or reading a file while hashing it.
import { createHash } from "node:crypto";
import { createReadStream, createWriteStream } from "node:fs";
import { open } from "node:fs/promises";
import path from "node:path";
import { Transform } from "node:stream";
import { pipeline } from "node:stream/promises";

export const SHA256 = /^[0-9a-f]{64}$/;

export function utcStamp(at: Date): string {
  return at.toISOString().replace(/[-:]/g, "").replace(/\.\d+Z$/, "Z");
}

export function relativeStoredPath(sha256: string): string {
  return path.join("files", sha256.slice(0, 2), sha256.slice(2, 4), sha256);
}

export async function fsyncPath(p: string): Promise<void> {
  const handle = await open(p, "r");
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

export async function sha256OfFile(p: string): Promise<string> {
  const hash = createHash("sha256");
  await pipeline(createReadStream(p), hash);
  return hash.digest("hex");
}

/** Copies src to dest, hashing the bytes on the way; the copy is fsynced. Returns the hash and size. */
export async function copyHashed(src: string, dest: string): Promise<{ sha256: string; size: number }> {
  const hash = createHash("sha256");
  let size = 0;
  const meter = new Transform({
    transform(chunk: Buffer, _enc, done) {
      size += chunk.length;
      hash.update(chunk);
      done(null, chunk);
    },
  });
  await pipeline(createReadStream(src), meter, createWriteStream(dest, { flags: "wx" }));
  await fsyncPath(dest);
  return { sha256: hash.digest("hex"), size };
}

/** Runs fn over items with at most `limit` at a time. */
export async function eachLimited<T>(items: T[], limit: number, fn: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) await fn(items[next++]);
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}
