// Helpers shared by the demo, start and test scripts.
import { spawn } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import path from "node:path";

export const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), "..");
export const bin = (name) => path.join(root, "node_modules", ".bin", name);

export function run(cmd, args, env = {}, opts = {}) {
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { cwd: root, stdio: "inherit", env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1", ...env }, ...opts });
    child.on("exit", (code, signal) => resolve(code ?? (signal ? 1 : 0)));
  });
}

function newestMtime(dir) {
  if (!existsSync(dir)) return 0;
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === "node_modules" || entry.name.startsWith(".")) continue;
    const full = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(full) : statSync(full).mtimeMs);
  }
  return newest;
}

/** A build is needed when there is none, or when a source file is newer than it. */
export function needsBuild() {
  const buildId = path.join(root, ".next", "BUILD_ID");
  if (!existsSync(buildId)) return true;
  const built = statSync(buildId).mtimeMs;
  const sources = ["app", "lib", "db", "public"].map((d) => newestMtime(path.join(root, d)));
  for (const f of ["next.config.js", "instrumentation.ts", "package-lock.json", "tsconfig.json"]) {
    if (existsSync(path.join(root, f))) sources.push(statSync(path.join(root, f)).mtimeMs);
  }
  return Math.max(...sources) > built;
}

export async function buildIfNeeded(env = {}) {
  if (!needsBuild()) return 0;
  console.log("Building the application (next build)…");
  return run(bin("next"), ["build"], env);
}
