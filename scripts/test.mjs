// npm test: lint, unit and integration tests (also under two other time zones), build, browser tests; one closing line.
import { existsSync, mkdirSync, readFileSync, rmSync } from "node:fs";
import path from "node:path";
import { bin, root, run } from "./lib.mjs";

const results = path.join(root, "test-results");
mkdirSync(results, { recursive: true });
let passed = 0;
let failed = 0;
const steps = [];
// What failed, repeated at the very end: CI keeps only the tail of the output.
const failures = [];

/** The first lines of a failure message, without colour codes. */
function firstLines(text, n = 6) {
  return String(text ?? "")
    // eslint-disable-next-line no-control-regex -- the colour codes are exactly what is removed
    .replace(/\u001b\[[0-9;]*m/g, "")
    .split("\n")
    .filter((line) => line.trim() !== "" && !/node_modules|<anonymous>/.test(line)) // the test's own lines, not the runner's
    .slice(0, n)
    .map((line) => `      ${line.slice(0, 300)}`)
    .join("\n");
}

function readJson(file) {
  try {
    return JSON.parse(readFileSync(file, "utf8"));
  } catch {
    return null;
  }
}

async function step(name, fn) {
  const started = performance.now();
  const ok = await fn();
  steps.push(`${ok ? "ok  " : "FAIL"} ${name} (${((performance.now() - started) / 1000).toFixed(1)} s)`);
  return ok;
}

async function vitest(name, files, env = {}, config = "tests/vitest.config.mts") {
  const out = path.join(results, `vitest-${name}.json`);
  rmSync(out, { force: true });
  const code = await run(
    bin("vitest"),
    ["run", "--config", config, "--reporter=default", "--reporter=json", `--outputFile.json=${out}`, ...files],
    env,
  );
  const report = readJson(out);
  if (report && code !== 0 && report.numFailedTests === 0) {
    // Failed without a failed test: an unhandled error, a file that did not load. It must still fail the run.
    failed += 1;
    failures.push(`  ${name}: vitest exited with code ${code} though no test failed (an unhandled error? see above)`);
  }
  if (report) {
    passed += report.numPassedTests;
    failed += report.numFailedTests;
    for (const file of report.testResults ?? []) {
      const rel = path.relative(root, file.name);
      for (const test of file.assertionResults ?? []) {
        if (test.status === "failed") failures.push(`  ${name}: ${rel} > ${test.fullName}\n${firstLines(test.failureMessages?.join("\n"))}`);
      }
      // A file that failed to load (or a failing hook) has no failed test of its own.
      if (file.status === "failed" && !(file.assertionResults ?? []).some((t) => t.status === "failed")) {
        failures.push(`  ${name}: ${rel}\n${firstLines(file.message)}`);
      }
    }
  } else {
    failed += 1;
  }
  return code === 0 && report !== null;
}

await step("lint", async () => {
  const code = await run(bin("eslint"), ["--config", "scripts/eslint.config.mjs", "."]);
  if (code !== 0) failed += 1;
  return code === 0;
});
await step("unit + integration", () => vitest("all", []));
// The deadline must not depend on the host's time zone.
for (const tz of ["America/New_York", "Asia/Tokyo"]) {
  await step(`unit, TZ=${tz}`, () => vitest(tz.replace("/", "-"), ["tests/unit"], { TZ: tz }));
}
const built = await step("next build", async () => {
  const code = await run(bin("next"), ["build"]);
  if (code !== 0) failed += 1;
  return code === 0;
});
// Crash safety and backup need the built server: they SIGKILL it mid-upload and restart it.
if (built) await step("system tests (crash, backup)", () => vitest("system", [], {}, "tests/vitest.system.config.mts"));
if (built && process.env.SKIP_E2E !== "1") {
  await step("browser tests", async () => {
    const out = path.join(results, "playwright.json");
    rmSync(out, { force: true });
    const code = await run(bin("playwright"), ["test", "--config", "tests/playwright.config.ts"]);
    const report = existsSync(out) ? readJson(out) : null;
    if (report && code !== 0 && report.stats.unexpected + (report.stats.flaky ?? 0) === 0) {
      failed += 1; // a global error, a server that did not start: no test failed, the run did
      failures.push(`  browser: playwright exited with code ${code} though no test failed (see above)`);
    }
    if (report) {
      passed += report.stats.expected;
      failed += report.stats.unexpected + (report.stats.flaky ?? 0);
      const walk = (suite, titles) => {
        for (const spec of suite.specs ?? []) {
          for (const test of spec.tests ?? []) {
            if (test.status === "expected" || test.status === "skipped") continue;
            const last = test.results?.at(-1);
            const error = last?.error?.message ?? last?.errors?.[0]?.message ?? `status ${test.status}`;
            failures.push(`  browser: ${spec.file}:${spec.line} > ${[...titles, spec.title].join(" > ")}\n${firstLines(error)}`);
          }
        }
        for (const child of suite.suites ?? []) walk(child, [...titles, child.title]);
      };
      for (const suite of report.suites ?? []) walk(suite, []);
    } else {
      failed += 1;
    }
    return code === 0 && report !== null;
  });
}

if (failures.length > 0) console.log(`\nWhat failed:\n${failures.join("\n")}`);
console.log(`\n${steps.join("\n")}\n`);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
