// File storage: stream to a temp file while hashing and counting, fsync, then move into place under its SHA-256.
import { createHash, randomBytes } from "node:crypto";
import { createReadStream, createWriteStream, existsSync, readdirSync, rmSync, statSync } from "node:fs";
import { once } from "node:events";
import { mkdir, open, rename, rm } from "node:fs/promises";
import path from "node:path";
import { Transform, type Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { settings } from "@/lib/config/settings";

const dataDir = () => settings().dataDir;

export class UploadTooLarge extends Error {
  constructor(readonly limit: number) {
    super(`upload larger than ${limit} bytes`);
  }
}

export type ReceivedFile = { tempPath: string; size: number; sha256: string };

export function tempDir(): string {
  return path.join(dataDir(), "tmp");
}

export function filesDir(): string {
  return path.join(dataDir(), "files");
}

/** Where a stored file lives: files/ab/cd/<sha256>. */
export function storedPath(sha256: string): string {
  if (!/^[0-9a-f]{64}$/.test(sha256)) throw new Error("not a SHA-256");
  return path.join(filesDir(), sha256.slice(0, 2), sha256.slice(2, 4), sha256);
}

const WRITE_BYTES = 256 * 1024;

/** Folders this process has made (or found): a directory of storage is made once, not on every upload. */
const madeDirs = new Set<string>();

/** Makes a folder (and its parents) the first time this process needs it. */
export async function ensureDir(dir: string): Promise<void> {
  if (madeDirs.has(dir)) return;
  await mkdir(dir, { recursive: true });
  madeDirs.add(dir);
}

async function fsyncPath(p: string): Promise<void> {
  const handle = await open(p, "r");
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/**
 * Streams an upload to a temp file, never holding it in memory, computing its SHA-256 and refusing
 * it (UploadTooLarge) as soon as it passes the limit. The file is fsynced before this resolves.
 * On any failure the temp file is gone.
 */
export async function receiveToTemp(source: Readable, maxBytes: number): Promise<ReceivedFile> {
  // The part may fail before the pipeline below listens to it (busboy parses a short body in one go):
  // an 'error' with no listener would be thrown as an uncaught exception. The pipeline reports it.
  source.on("error", () => {});
  await ensureDir(tempDir());
  const tempPath = path.join(tempDir(), `${randomBytes(12).toString("hex")}.part`);
  const hash = createHash("sha256");
  let size = 0;
  // The parser hands over the file in pieces of a few kilobytes; the disk gets them in writes of 256 KB.
  let held: Buffer[] = [];
  let heldBytes = 0;
  const meter = new Transform({
    transform(chunk: Buffer, _enc, done) {
      size += chunk.length;
      if (size > maxBytes) return done(new UploadTooLarge(maxBytes));
      hash.update(chunk);
      held.push(chunk);
      heldBytes += chunk.length;
      if (heldBytes < WRITE_BYTES) return done();
      const block = Buffer.concat(held, heldBytes);
      held = [];
      heldBytes = 0;
      done(null, block);
    },
    flush(done) {
      done(null, heldBytes > 0 ? Buffer.concat(held, heldBytes) : undefined);
    },
  });
  const out = createWriteStream(tempPath, { flags: "wx" });
  try {
    await pipeline(source, meter, out);
    await fsyncPath(tempPath);
  } catch (error) {
    // The source may still be flowing (multipart): stop it, and leave nothing behind. The file is opened
    // asynchronously and the pipeline can fail before that open has finished: removing it before the
    // stream has closed would let the open create it afterwards, a temp file left until the next start.
    source.resume();
    if (!out.closed) await once(out, "close").catch(() => {});
    await rm(tempPath, { force: true });
    throw error;
  }
  return { tempPath, size, sha256: hash.digest("hex") };
}

/** Moves a received temp file to its content address (or drops it if that content is stored already). */
export async function moveIntoPlace(file: ReceivedFile): Promise<string> {
  const dest = storedPath(file.sha256);
  const dir = path.dirname(dest);
  await ensureDir(dir);
  if (existsSync(dest)) {
    await rm(file.tempPath, { force: true });
    return dest;
  }
  await rename(file.tempPath, dest);
  // The rename itself must survive a power cut: sync the directory entry.
  await fsyncPath(dir);
  return dest;
}

export async function discardTemp(file: ReceivedFile | null | undefined): Promise<void> {
  if (file) await rm(file.tempPath, { force: true });
}

export function openStoredFile(sha256: string): Readable {
  return createReadStream(storedPath(sha256));
}

export function storedFileExists(sha256: string): boolean {
  return existsSync(storedPath(sha256));
}

/**
 * At start: temp files of interrupted uploads are removed, and so is any stored file that no row
 * refers to (a crash between moving the file into place and committing its row).
 */
export function sweepStorage(knownHashes: (hash: string) => boolean): { temps: number; orphans: number } {
  let temps = 0;
  let orphans = 0;
  if (existsSync(tempDir())) {
    for (const name of readdirSync(tempDir())) {
      rmSync(path.join(tempDir(), name), { force: true, recursive: true });
      temps++;
    }
  }
  const walk = (dir: string) => {
    if (!existsSync(dir)) return;
    for (const name of readdirSync(dir)) {
      const full = path.join(dir, name);
      if (statSync(full).isDirectory()) walk(full);
      else if (!knownHashes(name)) {
        rmSync(full, { force: true });
        orphans++;
      }
    }
  };
  walk(filesDir());
  return { temps, orphans };
}
