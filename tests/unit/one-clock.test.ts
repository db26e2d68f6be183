// STYLE rule 6: the system time is read only in lib/time/clock.ts, so simulated and pinned clocks govern everything.
import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

const root = path.resolve(__dirname, "../..");

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return sources(full);
    return /\.(ts|tsx)$/.test(name) ? [full] : [];
  });
}

describe("one clock", () => {
  it("no file of app/ or lib/ but lib/time/clock.ts calls new Date() or Date.now()", () => {
    const files = [...sources(path.join(root, "app")), ...sources(path.join(root, "lib"))];
    expect(files.length).toBeGreaterThan(20);
    const offenders = files
      .filter((f) => path.relative(root, f) !== path.join("lib", "time", "clock.ts"))
      .flatMap((f) =>
        readFileSync(f, "utf8")
          .split("\n")
          .map((line, i) => ({ line, where: `${path.relative(root, f)}:${i + 1}` }))
          .filter(({ line }) => /new Date\(\s*\)|Date\.now\(\)/.test(line)),
      )
      .map((o) => o.where);
    expect(offenders).toEqual([]);
  });

  it("lib/time/clock.ts is where the time is read", () => {
    expect(readFileSync(path.join(root, "lib", "time", "clock.ts"), "utf8")).toMatch(/Date\.now\(\)/);
  });
});
