// What the server refuses at start: a SIMULATED_NOW without its offset or outside the demo, no session secret outside the demo.
import { mkdtempSync, readFileSync, rmSync, statSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { DEMO_SECRET_FILE, sessionSecret } from "@/lib/auth/secret";
import { simulatedStartFromEnv } from "@/lib/time/clock";

describe("SIMULATED_NOW", () => {
  const demo = (value: string) => simulatedStartFromEnv({ SIMULATED_NOW: value, DEMO_MODE: "1" });

  it("is unset: the real clock", () => {
    expect(simulatedStartFromEnv({ DEMO_MODE: "1" })).toBeNull();
    expect(simulatedStartFromEnv({})).toBeNull();
  });

  it("names its offset, and means the same instant on every host", () => {
    expect(demo("2020-06-23T18:00:00+02:00")).toBe(Date.parse("2020-06-23T16:00:00Z"));
    expect(demo("2020-06-23T16:00:00Z")).toBe(Date.parse("2020-06-23T16:00:00Z"));
    expect(demo("2020-06-23T16:00Z")).toBe(Date.parse("2020-06-23T16:00:00Z"));
    expect(demo("2020-06-23T16:00:00.250z")).toBe(Date.parse("2020-06-23T16:00:00.250Z"));
  });

  it.each(["2020-06-23T18:00:00", "2020-06-23T18:00", "2020-06-23", "23 June 2020 18:00", "2021-02-30T00:00:00Z", "2020-06-23T24:00:00Z", "2020-06-23T18:00:00+0200x", "now"])(
    "refuses %j with the reason",
    (value) => {
      expect(() => demo(value)).toThrow(/SIMULATED_NOW must be an ISO 8601 instant with its offset/);
    },
  );

  it("refuses a year no page could show", () => {
    expect(() => demo("1970-01-01T00:00:00Z")).toThrow(/years 2000 to 2099/);
    expect(() => demo("2100-01-01T00:00:00Z")).toThrow(/years 2000 to 2099/);
  });

  it("is refused outside the demo", () => {
    expect(() => simulatedStartFromEnv({ SIMULATED_NOW: "2020-06-23T16:00:00Z" })).toThrow(/only in the demo/);
    expect(() => simulatedStartFromEnv({ SIMULATED_NOW: "2020-06-23T16:00:00Z", DEMO_MODE: "0" })).toThrow(/only in the demo/);
  });
});

describe("the session secret", () => {
  const saved = { ...process.env };
  let dir: string;

  beforeEach(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), "tracker-secret-"));
    delete process.env.NEXTAUTH_SECRET;
    delete process.env.AUTH_SECRET;
    process.env.DATA_DIR = dir;
  });

  afterEach(() => {
    process.env = { ...saved };
    rmSync(dir, { recursive: true, force: true });
  });

  it("is NEXTAUTH_SECRET when set", () => {
    process.env.NEXTAUTH_SECRET = "set-by-the-operator-0123456789abcdef";
    expect(sessionSecret()).toBe("set-by-the-operator-0123456789abcdef");
  });

  it("is an error outside the demo when missing, in development as in production", () => {
    for (const nodeEnv of ["production", "development", "test"]) {
      process.env.DEMO_MODE = "0";
      (process.env as Record<string, string>).NODE_ENV = nodeEnv;
      expect(() => sessionSecret(), nodeEnv).toThrow(/NEXTAUTH_SECRET is not set/);
    }
  });

  it("is made once per demo DATA_DIR, kept across restarts, readable by the owner only, and differs between demos", () => {
    process.env.DEMO_MODE = "1";
    const first = sessionSecret();
    expect(first).toMatch(/^[A-Za-z0-9_-]{64}$/);
    const file = path.join(dir, DEMO_SECRET_FILE);
    expect(readFileSync(file, "utf8").trim()).toBe(first);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(sessionSecret()).toBe(first);
    // A restart reads the same file (the cache is per process; the file is what persists).
    (globalThis as { __trackerDemoSecret?: unknown }).__trackerDemoSecret = undefined;
    expect(sessionSecret()).toBe(first);

    const other = mkdtempSync(path.join(os.tmpdir(), "tracker-secret-"));
    try {
      process.env.DATA_DIR = other;
      expect(sessionSecret()).not.toBe(first);
    } finally {
      rmSync(other, { recursive: true, force: true });
    }
  });
});
