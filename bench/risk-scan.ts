// Scores the risk of every registered institution of a generated jurisdiction, the way the nightly
// job does (set-based SQL in batches of 2,000), and reports time and memory. `npm run bench -- risk-scan`.
// BENCH_INSTITUTIONS (default 10,000; 100,000 works) in 10 districts, each institution with 5
// enrollments (paid, escrowed in the ledger), and some complaints, failed findings, fund warnings
// and expired permits. The data is generated in SQL (generate_series), a few statements in all.
import pg from "pg";
import { benchDatabase, benchLine } from "./support/bench-database";
import { benchId, districtId, generateJurisdiction, institutionId } from "./support/generate-jurisdiction";

const institutions = Number(process.env.BENCH_INSTITUTIONS ?? 10_000);
const DISTRICTS = 10;
const db = await benchDatabase("risk");
Object.assign(process.env, {
  DATABASE_URL: db.appUrl,
  MIGRATION_DATABASE_URL: db.ownerUrl,
  REDIS_URL: process.env.REDIS_URL ?? "redis://127.0.0.1:6379",
  SESSION_SECRET: "bench-session-secret-0123456789abcdef",
  LOG_LEVEL: "warn",
});

/** The jurisdiction and its activity, as the schema owner (no row-level security in the way). */
async function generate(ownerUrl: string): Promise<string> {
  const c = new pg.Client({ connectionString: ownerUrl });
  await c.connect();
  try {
    await c.query("BEGIN");
    const { provinceId, parentId } = await generateJurisdiction(c, {
      institutions,
      districts: DISTRICTS,
      enrollmentsPerInstitution: 5,
    });
    const series = `generate_series(1, ${institutions}) g`;
    const authority = districtId("g", DISTRICTS);
    // Complaints for every 7th institution (1–3), a compliance report for every one with failed
    // findings for every 4th, and an open fund warning for every 50th (red for every 100th).
    await c.query(
      `INSERT INTO complaint (id, institution_id, authority_id, parent_user_id, category, description, created_at, updated_at)
       SELECT ${benchId("'complaint:' || g || ':' || k")}, ${institutionId("g")}, ${authority}, $1, 'SERVICE', '投诉',
              now() - make_interval(days => k * 10), now()
         FROM ${series} CROSS JOIN generate_series(1, 3) k WHERE g % 7 = 0 AND k <= 1 + g % 3`,
      [parentId],
    );
    await c.query(`
      INSERT INTO compliance_report (id, institution_id, authority_id, as_of, standards_version, trigger, subject, grade,
                                     fail_count, warning_count, parameters)
      SELECT ${benchId("'report:' || g")}, ${institutionId("g")}, ${authority}, current_date, 'bench', 'nightly',
             'APPROVED', 'B', 0, 0, '{}'
        FROM ${series}`);
    await c.query(`
      UPDATE institution i SET compliance_report_id = r.id FROM compliance_report r WHERE r.institution_id = i.id`);
    await c.query(`
      INSERT INTO compliance_finding (id, report_id, institution_id, authority_id, rule_code, outcome, severity,
                                      entity_type, evidence)
      SELECT ${benchId("'finding:' || g || ':' || k")}, ${benchId("'report:' || g")}, ${institutionId("g")}, ${authority},
             'STF-01', 'FAIL', (ARRAY['CRITICAL', 'MAJOR', 'MINOR'])[1 + k % 3]::"FindingSeverity", 'institution', '{}'
        FROM ${series} CROSS JOIN generate_series(1, 2) k WHERE g % 4 = 0`);
    await c.query(`
      INSERT INTO fund_warning (id, institution_id, authority_id, reason, level, measured, updated_at)
      SELECT ${benchId("'warning:' || g")}, ${institutionId("g")}, ${authority}, 'BALANCE',
             CASE WHEN g % 100 = 0 THEN 'RED' ELSE 'YELLOW' END::"FundWarningLevel", '{}', now()
        FROM ${series} WHERE g % 50 = 0`);
    await c.query("COMMIT");
    await c.query("ANALYZE");
    return provinceId;
  } finally {
    await c.end();
  }
}

try {
  const seedStart = performance.now();
  const provinceId = await generate(db.ownerUrl);
  const seedSeconds = (performance.now() - seedStart) / 1000;
  const { scoreTenant } = await import("~/modules/risk/scoring.server");
  const { runShutdownHooks } = await import("~/lib/shutdown.server");
  let peakRss = process.memoryUsage().rss;
  const sampler = setInterval(() => {
    peakRss = Math.max(peakRss, process.memoryUsage().rss);
  }, 50);
  const start = performance.now();
  const result = await scoreTenant(provinceId, { trigger: "manual" });
  const seconds = (performance.now() - start) / 1000;
  clearInterval(sampler);
  await runShutdownHooks(() => {});
  console.log(`generated ${institutions} institutions in ${seedSeconds.toFixed(1)} s`);
  console.log(`scored ${result.scored} in ${result.batches} batches, levels ${JSON.stringify(result.byLevel)}`);
  console.log(
    benchLine("risk-scan", {
      institutions: result.scored,
      seconds: seconds.toFixed(2),
      institutions_per_s: (result.scored / seconds).toFixed(0),
      peak_rss_mb: (peakRss / 1024 / 1024).toFixed(0),
    }),
  );
} finally {
  if (process.env.BENCH_KEEP === "1") console.log(`kept ${db.ownerUrl}`);
  else await db.drop();
}
