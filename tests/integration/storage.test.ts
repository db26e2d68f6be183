// Receiving a file into DATA_DIR/tmp: a failed upload leaves no temp file behind, however early it fails.
import { readdirSync, rmSync } from "node:fs";
import path from "node:path";
import { Readable } from "node:stream";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { receiveToTemp, UploadTooLarge } from "@/lib/files/storage";
import { freshEnv, type TestEnv } from "../support/db";

let env: TestEnv;

beforeAll(async () => {
  env = await freshEnv({ seed: false });
});

afterAll(() => env.cleanup());

// Each test starts from an empty tmp/, so that what one leaves behind is charged to it alone.
beforeEach(() => {
  for (const name of temps()) rmSync(path.join(env.dataDir, "tmp", name), { force: true });
});

const temps = () => {
  try {
    return readdirSync(path.join(env.dataDir, "tmp"));
  } catch {
    return []; // not made yet
  }
};

/** A file part that delivers `bytes` and then breaks off, as busboy's file stream does when the body ends mid-file. */
function breaksOff(bytes: number): Readable {
  return new Readable({
    read() {
      this.push(Buffer.alloc(bytes, 0x20));
      queueMicrotask(() => this.destroy(new Error("Unexpected end of form")));
    },
  });
}

describe("receiveToTemp", () => {
  // The temp file is opened asynchronously, and a part can fail before that open has finished; the clean-up
  // must come after it, or the open creates the file after it was removed (seen in CI as a stray .part file).
  it("leaves no temp file when the part has already failed as it is handed over (a short body that ends mid-file)", async () => {
    // busboy parses a short body in one go: the file part can be destroyed before receiveToTemp has started. One
    // at a time, as uploads mostly come: the open and the removal then run side by side in libuv's thread pool.
    let rejected = 0;
    for (let i = 0; i < 200; i++) {
      const part = breaksOff(1000);
      part.destroy(new Error("Unexpected end of form"));
      await receiveToTemp(part, 1024 * 1024).catch(() => rejected++);
    }
    expect(rejected).toBe(200);
    await new Promise((resolve) => setTimeout(resolve, 50)); // an open still in flight would land by now
    expect(temps()).toEqual([]);
  });

  it("leaves no temp file when the part fails at once, before the file has even been opened", async () => {
    let rejected = 0;
    for (let i = 0; i < 100; i++) await receiveToTemp(breaksOff(1000), 1024 * 1024).catch(() => rejected++);
    expect(rejected).toBe(100);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(temps()).toEqual([]);
  });

  it("leaves no temp file when the file passes the limit", async () => {
    const failures = await Promise.allSettled(Array.from({ length: 50 }, () => receiveToTemp(Readable.from([Buffer.alloc(600), Buffer.alloc(600)]), 1000)));
    expect(failures.map((f) => (f.status === "rejected" ? f.reason instanceof UploadTooLarge : "stored"))).toEqual(Array(50).fill(true));
    expect(temps()).toEqual([]);
  });

  it("keeps the received file, with its size and hash, when nothing fails", async () => {
    const received = await receiveToTemp(Readable.from([Buffer.from("abc")]), 1000);
    expect(received).toMatchObject({ size: 3, sha256: "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad" });
    expect(temps()).toEqual([path.basename(received.tempPath)]);
  });
});
