// `npm run bench [-- name …]`: runs the benchmarks under bench/ one after another.
import { spawnSync } from "node:child_process";
import { readdirSync } from "node:fs";

const all = readdirSync("bench")
  .filter((f) => f.endsWith(".ts") && f !== "run.ts")
  .map((f) => f.replace(/\.ts$/, ""));
const wanted = process.argv.slice(2);
const chosen = wanted.length > 0 ? all.filter((b) => wanted.includes(b)) : all;
let failed = false;
for (const bench of chosen) {
  console.log(`\n== ${bench}`);
  const run = spawnSync("npx", ["tsx", `bench/${bench}.ts`], { stdio: "inherit" });
  failed ||= run.status !== 0;
}
process.exit(failed ? 1 : 0);
