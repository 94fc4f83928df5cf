// Evaluates every registered institution of a generated registry against the standards, the way
// the nightly job does, and reports time and memory. `npm run bench -- compliance-scan`.
// BENCH_INSTITUTIONS_PER_DISTRICT (default 1430 → about 10,000 institutions in 7 districts).
import { spawnSync } from "node:child_process";
import { benchDatabase, benchLine } from "./support/bench-database";

const perDistrict = Number(process.env.BENCH_INSTITUTIONS_PER_DISTRICT ?? 1430);
const db = await benchDatabase("compliance");
Object.assign(process.env, {
  DATABASE_URL: db.appUrl,
  MIGRATION_DATABASE_URL: db.ownerUrl,
  REDIS_URL: process.env.REDIS_URL ?? "redis://127.0.0.1:6379",
  SESSION_SECRET: "bench-session-secret-0123456789abcdef",
  LOG_LEVEL: "warn",
});
try {
  // The seed builds the whole registry in memory: it runs in a process of its own (without any heap
  // limit given to the benchmark), so the memory measured below is the evaluation's alone.
  const seedStart = performance.now();
  const seeded = spawnSync("npx", ["tsx", "bench/support/seed-registry.ts", db.ownerUrl, String(perDistrict)], {
    stdio: "inherit",
    env: { ...process.env, NODE_OPTIONS: "" },
  });
  if (seeded.status !== 0) throw new Error("seeding the benchmark registry failed");
  const seedSeconds = (performance.now() - seedStart) / 1000;
  const { PrismaPg } = await import("@prisma/adapter-pg");
  const { PrismaClient } = await import("~/generated/prisma/client.ts");
  const owner = new PrismaClient({ adapter: new PrismaPg({ connectionString: db.ownerUrl }) });
  const ids = (
    await owner.institution.findMany({ where: { status: { in: ["APPROVED", "SUSPENDED"] } }, select: { id: true } })
  ).map((r) => r.id);
  await owner.$disconnect();

  const { evaluateInstitutions } = await import("~/modules/compliance/evaluation.server");
  const { runShutdownHooks } = await import("~/lib/shutdown.server");
  let peakRss = process.memoryUsage().rss;
  const sampler = setInterval(() => {
    peakRss = Math.max(peakRss, process.memoryUsage().rss);
  }, 50);
  const start = performance.now();
  const first = await evaluateInstitutions(ids, { trigger: "manual", asOf: "2026-11-23" });
  const firstSeconds = (performance.now() - start) / 1000;
  // A second run finds nothing changed and writes no report: the steady nightly cost.
  const again = performance.now();
  const second = await evaluateInstitutions(ids, { trigger: "nightly", asOf: "2026-11-23" });
  const secondSeconds = (performance.now() - again) / 1000;
  clearInterval(sampler);
  await runShutdownHooks(() => {});
  console.log(`seeded ${ids.length} registered institutions in ${seedSeconds.toFixed(1)} s`);
  console.log(
    `first run: ${first.evaluated} evaluated, ${first.reportsWritten} reports, grades ${JSON.stringify(first.grades)}`,
  );
  console.log(`second run: ${second.evaluated} evaluated, ${second.reportsWritten} reports`);
  console.log(
    benchLine("compliance-scan", {
      institutions: first.evaluated,
      first_s: firstSeconds.toFixed(2),
      per_institution_ms: ((firstSeconds * 1000) / Math.max(1, first.evaluated)).toFixed(2),
      unchanged_rerun_s: secondSeconds.toFixed(2),
      peak_rss_mb: (peakRss / 1024 / 1024).toFixed(0),
    }),
  );
} finally {
  if (process.env.BENCH_KEEP === "1") console.log(`kept ${db.ownerUrl}`);
  else await db.drop();
}
