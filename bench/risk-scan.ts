// Scores the risk of every registered institution of a generated jurisdiction, the way the nightly
// job does (set-based SQL in batches of 2,000), and reports time and memory. `npm run bench -- risk-scan`.
// BENCH_INSTITUTIONS (default 10,000; 100,000 works) in 10 districts, each institution with 5
// enrollments (paid, escrowed in the ledger), and some complaints, failed findings, fund warnings
// and expired permits. The data is generated in SQL (generate_series), a few statements in all.
import pg from "pg";
import { benchDatabase, benchLine } from "./support/bench-database";

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
    const province = await c.query<{ id: string }>(`
      INSERT INTO authority (level, code, slug, name, name_en, updated_at)
      VALUES ('PROVINCE', '990000', 'bench', '基准省体育局', 'Bench Province', now()) RETURNING id`);
    const provinceId = province.rows[0]?.id as string;
    const city = await c.query<{ id: string }>(
      `INSERT INTO authority (level, code, slug, name, name_en, parent_id, updated_at)
       VALUES ('CITY', '990100', 'bench-city', '基准市体育局', 'Bench City', $1, now()) RETURNING id`,
      [provinceId],
    );
    await c.query(
      `INSERT INTO authority (level, code, slug, name, name_en, parent_id, updated_at)
       SELECT 'DISTRICT', '9901' || lpad(d::text, 2, '0'), 'bench-d' || d, '基准区' || d, 'Bench district ' || d, $1, now()
       FROM generate_series(1, ${DISTRICTS}) d`,
      [city.rows[0]?.id],
    );
    await c.query(
      `INSERT INTO app_user (email, display_name, updated_at) VALUES ('bench.parent@bench.example', '家长', now())`,
    );
    // Institutions, spread over the districts; every 5th swims (high-risk), every 10th has an expired permit.
    await c.query(`
      WITH d AS (SELECT id, row_number() OVER (ORDER BY code) - 1 AS n FROM authority WHERE level = 'DISTRICT')
      INSERT INTO institution (authority_id, name, status, sports, registered_at, approved_at, updated_at, approved_content)
      SELECT d.id, '基准机构' || g, 'APPROVED',
             CASE WHEN g % 5 = 0 THEN ARRAY['SWIMMING']::varchar[] ELSE ARRAY['FOOTBALL']::varchar[] END,
             now() - make_interval(days => (g % 700)), now() - make_interval(days => (g % 700)), now(),
             CASE WHEN g % 10 = 0 THEN jsonb_build_object('documents', jsonb_build_object('highRiskPermits',
               jsonb_build_array(jsonb_build_object('sport', 'SWIMMING', 'number', 'P-' || g, 'expiresOn', '2025-01-01'))))
             END
      FROM generate_series(1, ${institutions}) g JOIN d ON d.n = g % ${DISTRICTS}`);
    await c.query(`
      INSERT INTO course (id, institution_id, authority_id, name, sport, age_min, age_max, class_size, coaches_per_class,
                          lesson_minutes, lesson_count, price_per_lesson_fen, online)
      SELECT gen_random_uuid(), i.id, i.authority_id, '基础班', i.sports[1], 6, 14, 20, 1, 60, 20, 10000, false
      FROM institution i`);
    const parent = "(SELECT id FROM app_user WHERE email = 'bench.parent@bench.example')";
    await c.query(`
      INSERT INTO enrollment (institution_id, authority_id, course_id, parent_user_id, trainee_name, trainee_birth_year,
                              lesson_count, price_per_lesson_fen, amount_fen, lesson_minutes, status, reserve_percent,
                              contract_version, contract_text, contract_sha256, signed_at, period_start, period_end,
                              created_at, updated_at)
      SELECT co.institution_id, co.authority_id, co.id, ${parent}, '学员' || k, 2012 + k, 20, 10000, 200000, 60, 'ACTIVE', 20,
             'v1', '合同', repeat('0', 64), now() - make_interval(days => k * 20), current_date, current_date + 90,
             now() - make_interval(days => k * 20), now()
      FROM course co CROSS JOIN generate_series(1, 5) k`);
    await c.query(`
      INSERT INTO payment (enrollment_id, institution_id, authority_id, parent_user_id, provider, amount_fen, status,
                           succeeded_at, updated_at)
      SELECT e.id, e.institution_id, e.authority_id, e.parent_user_id, 'simulated', e.amount_fen, 'SUCCEEDED', e.created_at, now()
      FROM enrollment e`);
    // The ledger: a clearing account per institution, an escrow account per enrollment, and one
    // balanced transaction per payment (clearing −, escrow +).
    await c.query(`
      INSERT INTO ledger_account (kind, institution_id, authority_id)
      SELECT 'PROVIDER_CLEARING', id, authority_id FROM institution`);
    await c.query(`
      INSERT INTO ledger_account (kind, institution_id, authority_id, enrollment_id)
      SELECT 'ENROLLMENT_ESCROW', institution_id, authority_id, id FROM enrollment`);
    await c.query(`
      INSERT INTO ledger_transaction (idempotency_key, kind, institution_id, authority_id, enrollment_id)
      SELECT 'bench-pay-' || e.id, 'PAYMENT', e.institution_id, e.authority_id, e.id FROM enrollment e`);
    await c.query(`
      INSERT INTO ledger_entry (transaction_id, account_id, institution_id, authority_id, enrollment_id, amount_fen)
      SELECT t.id, a.id, t.institution_id, t.authority_id, e.id, e.amount_fen
        FROM ledger_transaction t JOIN enrollment e ON e.id = t.enrollment_id
        JOIN ledger_account a ON a.enrollment_id = e.id AND a.kind = 'ENROLLMENT_ESCROW'
      UNION ALL
      SELECT t.id, a.id, t.institution_id, t.authority_id, NULL::uuid, -e.amount_fen
        FROM ledger_transaction t JOIN enrollment e ON e.id = t.enrollment_id
        JOIN ledger_account a ON a.institution_id = t.institution_id AND a.kind = 'PROVIDER_CLEARING'`);
    // Complaints for every 7th institution (1–3), a compliance report for every one with failed
    // findings for every 4th, and an open fund warning for every 50th.
    await c.query(`
      INSERT INTO complaint (institution_id, authority_id, parent_user_id, category, description, created_at, updated_at)
      SELECT i.id, i.authority_id, ${parent}, 'SERVICE', '投诉', now() - make_interval(days => k * 10), now()
      FROM (SELECT id, authority_id, row_number() OVER (ORDER BY id) AS n FROM institution) i
      CROSS JOIN generate_series(1, 3) k WHERE i.n % 7 = 0 AND k <= 1 + i.n % 3`);
    await c.query(`
      WITH r AS (
        INSERT INTO compliance_report (institution_id, authority_id, as_of, standards_version, trigger, subject, grade,
                                       fail_count, warning_count, parameters)
        SELECT id, authority_id, current_date, 'bench', 'nightly', 'APPROVED', 'B', 0, 0, '{}' FROM institution
        RETURNING id, institution_id, authority_id)
      UPDATE institution i SET compliance_report_id = r.id FROM r WHERE r.institution_id = i.id`);
    await c.query(`
      INSERT INTO compliance_finding (report_id, institution_id, authority_id, rule_code, outcome, severity, entity_type, evidence)
      SELECT i.compliance_report_id, i.id, i.authority_id, 'STF-01', 'FAIL',
             (ARRAY['CRITICAL', 'MAJOR', 'MINOR'])[1 + k % 3]::"FindingSeverity", 'institution', '{}'
      FROM (SELECT id, authority_id, compliance_report_id, row_number() OVER (ORDER BY id) AS n FROM institution) i
      CROSS JOIN generate_series(1, 2) k WHERE i.n % 4 = 0`);
    await c.query(`
      INSERT INTO fund_warning (institution_id, authority_id, reason, level, measured, updated_at)
      SELECT id, authority_id, 'BALANCE', CASE WHEN n % 100 = 0 THEN 'RED' ELSE 'YELLOW' END::"FundWarningLevel", '{}', now()
      FROM (SELECT id, authority_id, row_number() OVER (ORDER BY id) AS n FROM institution) i WHERE n % 50 = 0`);
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
