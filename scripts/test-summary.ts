// Prints one closing line over the Vitest and Playwright JSON reports: "N passed, N failed".
import { existsSync, readFileSync } from "node:fs";

type Vitest = { numPassedTests: number; numFailedTests: number; numPendingTests: number };
type PlaywrightStats = { stats: { expected: number; unexpected: number; skipped: number; flaky: number } };

let passed = 0;
let failed = 0;
let skipped = 0;
if (existsSync("test-results/vitest.json")) {
  const v = JSON.parse(readFileSync("test-results/vitest.json", "utf8")) as Vitest;
  passed += v.numPassedTests;
  failed += v.numFailedTests;
  skipped += v.numPendingTests;
}
if (existsSync("test-results/e2e.json")) {
  const { stats } = JSON.parse(readFileSync("test-results/e2e.json", "utf8")) as PlaywrightStats;
  passed += stats.expected + stats.flaky;
  failed += stats.unexpected;
  skipped += stats.skipped;
}
console.log(`${passed} passed, ${failed} failed${skipped > 0 ? `, ${skipped} skipped` : ""}`);
