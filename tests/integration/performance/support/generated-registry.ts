import pg from "pg";

/**
 * A province big enough for the planner to choose as it would in production: 10 cities × 3
 * districts, `perDistrict` institutions each (every status, most registered), a filing per
 * institution (5% waiting for review), an admin per institution, courses, enrollments paid into
 * escrow with part released, risk assessments, complaints and fund warnings. All in a few
 * generate_series statements as the superuser with triggers off (the audit chain and the ledger's
 * per-row checks would cost minutes and are tested elsewhere); the rows are consistent anyway.
 *
 * Rows are written district by district, as an import from a provincial system would, so a
 * district's rows sit together on disk. Written interleaved, 21,000 institutions fill some 700
 * pages and one district's 700 rows touch nearly all of them: a sequential scan would then be the
 * right plan at this size, and the test could not tell a missing index from a small table.
 */
export type GeneratedRegistry = {
  provinceId: string;
  cityId: string;
  districtId: string;
  districtCode: string;
  regulatorUserId: string;
  institutionId: string;
  institutionAdminId: string;
  registrationNo: string;
  enrollmentId: string;
  parentUserId: string;
  /** A part of a name that 1% of institutions share (3+ characters, so the trigram index applies). */
  nameFragment: string;
};

const PREFIXES = ["浪花", "星辰", "飞鹰", "青松", "明月", "朝阳", "翠竹", "白云", "金帆", "银河"];
const MIDDLES = ["启航", "腾飞", "卓越", "少年", "阳光", "未来", "精英", "博雅", "乐动", "健体"];
const KINDS = ["游泳培训中心", "足球俱乐部", "篮球训练营", "武术学校", "跆拳道馆", "网球训练中心"];

function textArray(values: string[]): string {
  return `ARRAY[${values.map((v) => `'${v}'`).join(", ")}]`;
}

export async function generateRegistry(superuserUrl: string, perDistrict: number): Promise<GeneratedRegistry> {
  const c = new pg.Client({ connectionString: superuserUrl });
  await c.connect();
  try {
    await c.query("SET session_replication_role = replica");
    await c.query("BEGIN");
    await c.query(`
      INSERT INTO authority (level, code, slug, name, name_en, updated_at)
      VALUES ('PROVINCE', '980000', 'perf', '性能省体育局', 'Perf Province', now())`);
    await c.query(`
      INSERT INTO authority (level, code, slug, name, name_en, parent_id, updated_at)
      SELECT 'CITY', '98' || lpad(k::text, 2, '0') || '00', 'perf-c' || k, '性能市' || k, 'Perf city ' || k, p.id, now()
        FROM authority p CROSS JOIN generate_series(1, 10) k WHERE p.code = '980000'`);
    await c.query(`
      INSERT INTO authority (level, code, slug, name, name_en, parent_id, updated_at)
      SELECT 'DISTRICT', substr(c.code, 1, 4) || lpad(k::text, 2, '0'), c.slug || '-d' || k, c.name || '区' || k,
             c.name_en || ' district ' || k, c.id, now()
        FROM authority c CROSS JOIN generate_series(1, 3) k WHERE c.level = 'CITY' AND c.code LIKE '98%'`);
    // Institutions: g % 30 picks the district, (g / 30) % 20 the status (14 approved, 1 suspended, 1
    // revoked, 2 drafts, 2 under review). Registered ones carry their latest risk assessment's figures.
    await c.query(`
      WITH d AS (SELECT id, code, row_number() OVER (ORDER BY code) - 1 AS n FROM authority
                  WHERE level = 'DISTRICT' AND code LIKE '98%'),
      g AS (SELECT g, ((g / 30) % 20) AS s, (g * 7919) % 100 AS score FROM generate_series(0, ${perDistrict * 30 - 1}) g)
      INSERT INTO institution (authority_id, name, status, registration_no, sports, registered_at, approved_at,
                               funds_supervision_enabled, public_profile, approved_content, risk_assessment_id,
                               risk_score, risk_level, risk_assessed_at, updated_at)
      SELECT d.id,
             (${textArray(PREFIXES)})[1 + g.g % 10] || (${textArray(MIDDLES)})[1 + (g.g / 10) % 10]
               || (${textArray(KINDS)})[1 + (g.g / 100) % 6] || g.g,
             (CASE WHEN g.s < 14 THEN 'APPROVED' WHEN g.s = 14 THEN 'SUSPENDED' WHEN g.s = 15 THEN 'REVOKED'
                   WHEN g.s < 18 THEN 'DRAFT' ELSE 'UNDER_REVIEW' END)::"InstitutionStatus",
             CASE WHEN g.s < 16 THEN d.code || '-2026-' || lpad((g.g / 30)::text, 5, '0') END,
             ARRAY[(ARRAY['SWIMMING', 'FOOTBALL', 'BASKETBALL', 'MARTIAL_ARTS', 'TAEKWONDO', 'TENNIS'])[1 + (g.g / 100) % 6]]::varchar[],
             CASE WHEN g.s < 16 THEN now() - make_interval(days => g.g % 700) END,
             CASE WHEN g.s < 16 THEN now() - make_interval(days => g.g % 700) END,
             g.s < 14, CASE WHEN g.s < 16 THEN '{"version":1}'::jsonb END,
             -- As wide as a real registration (the demo's average row is 5 KB): the planner weighs a
             -- sequential scan by the table's pages.
             jsonb_build_object('filler', (SELECT string_agg(md5(g.g::text || '-' || k), '') FROM generate_series(1, 60) k)),
             CASE WHEN g.s < 16 THEN gen_random_uuid() END, CASE WHEN g.s < 16 THEN g.score END,
             (CASE WHEN g.s >= 16 THEN NULL WHEN g.score >= 80 THEN 'CRITICAL' WHEN g.score >= 60 THEN 'HIGH'
                   WHEN g.score >= 30 THEN 'MEDIUM' ELSE 'LOW' END)::"RiskLevel",
             CASE WHEN g.s < 16 THEN now() END, now()
        FROM g JOIN d ON d.n = g.g % 30
       ORDER BY d.id, g.g`);
    await c.query(`
      INSERT INTO risk_assessment (id, institution_id, authority_id, run_id, trigger, model_version, assessed_at, score,
                                   level, credit_grade, likelihood, magnitude, factors)
      SELECT i.risk_assessment_id, i.id, i.authority_id, '00000000-0000-4000-8000-000000000001', 'nightly', 'v1',
             i.risk_assessed_at, i.risk_score, i.risk_level, 'B', 0.5, 0.5, '[]'
        FROM institution i WHERE i.risk_assessment_id IS NOT NULL ORDER BY i.authority_id, i.id`);
    await c.query(`
      INSERT INTO filing (institution_id, authority_id, kind, status, draft, snapshot, submitted_at, updated_at)
      SELECT i.id, i.authority_id, 'INITIAL',
             (CASE i.status WHEN 'DRAFT' THEN 'DRAFT' WHEN 'UNDER_REVIEW' THEN 'UNDER_REVIEW' ELSE 'APPROVED' END)::"FilingStatus",
             '{}', CASE WHEN i.status <> 'DRAFT' THEN '{}'::jsonb END,
             CASE WHEN i.status <> 'DRAFT' THEN coalesce(i.registered_at, now()) - interval '3 days' END, now()
        FROM institution i ORDER BY i.authority_id, i.id`);
    await c.query(`
      INSERT INTO app_user (email, display_name, updated_at)
      SELECT 'admin-' || i.id || '@perf.example', '机构管理员', now() FROM institution i
       ORDER BY i.authority_id, i.id`);
    await c.query(`
      INSERT INTO membership (user_id, role, institution_id, authority_id)
      SELECT u.id, 'INSTITUTION_ADMIN', i.id, i.authority_id
        FROM institution i JOIN app_user u ON u.email = 'admin-' || i.id || '@perf.example'
       ORDER BY i.authority_id, i.id`);
    await c.query(`
      INSERT INTO app_user (email, display_name, updated_at)
      SELECT 'parent-' || k || '@perf.example', '家长' || k, now() FROM generate_series(1, 1000) k`);
    await c.query(`
      INSERT INTO app_user (email, display_name, updated_at) VALUES ('regulator@perf.example', '监管员', now())`);
    await c.query(`
      INSERT INTO membership (user_id, role, authority_id)
      SELECT u.id, 'REGULATOR_ADMIN', a.id FROM app_user u, authority a
       WHERE u.email = 'regulator@perf.example' AND a.code = '980101'`);
    await c.query(`
      INSERT INTO course (id, institution_id, authority_id, name, sport, age_min, age_max, class_size, coaches_per_class,
                          lesson_minutes, lesson_count, price_per_lesson_fen, online)
      SELECT gen_random_uuid(), i.id, i.authority_id, '基础班', i.sports[1], 6, 14, 20, 1, 60, 20, 10000, false
        FROM institution i WHERE i.funds_supervision_enabled ORDER BY i.authority_id, i.id`);
    await c.query(`
      INSERT INTO enrollment (institution_id, authority_id, course_id, parent_user_id, trainee_name, trainee_birth_year,
                              lesson_count, price_per_lesson_fen, amount_fen, lesson_minutes, status, reserve_percent,
                              contract_version, contract_text, contract_sha256, signed_at, period_start, period_end,
                              created_at, updated_at)
      SELECT co.institution_id, co.authority_id, co.id, p.id, '学员' || k, 2014 + k, 20, 10000, 200000, 60, 'ACTIVE', 10,
             'v1', '合同', repeat('0', 64), now() - make_interval(days => k * 20), current_date, current_date + 90,
             now() - make_interval(days => k * 20), now()
        FROM (SELECT co.*, row_number() OVER (ORDER BY co.authority_id, co.institution_id) AS n FROM course co) co
        CROSS JOIN generate_series(1, 1) k
        JOIN app_user p ON p.email = 'parent-' || (1 + (co.n * 2 + k) % 1000) || '@perf.example'
       ORDER BY co.n`);
    // The ledger: per institution a clearing and a payable account, per enrollment an escrow account;
    // each enrollment paid (clearing −, escrow +) and one lesson released (escrow −, payable +).
    await c.query(`
      INSERT INTO ledger_account (kind, institution_id, authority_id)
      SELECT k::"LedgerAccountKind", i.id, i.authority_id FROM institution i
       CROSS JOIN unnest(ARRAY['PROVIDER_CLEARING', 'INSTITUTION_PAYABLE']) k WHERE i.funds_supervision_enabled
       ORDER BY i.authority_id, i.id`);
    await c.query(`
      INSERT INTO ledger_account (kind, institution_id, authority_id, enrollment_id)
      SELECT 'ENROLLMENT_ESCROW', institution_id, authority_id, id FROM enrollment ORDER BY authority_id, institution_id`);
    await c.query(`
      INSERT INTO ledger_transaction (idempotency_key, kind, institution_id, authority_id, enrollment_id)
      SELECT 'perf-' || k || '-' || e.id, k, e.institution_id, e.authority_id, e.id
        FROM enrollment e CROSS JOIN unnest(ARRAY['PAYMENT_CAPTURED', 'LESSON_RELEASE']) k
       ORDER BY e.authority_id, e.institution_id`);
    await c.query(`
      INSERT INTO ledger_entry (transaction_id, account_id, institution_id, authority_id, enrollment_id, amount_fen)
      SELECT t.id, a.id, t.institution_id, t.authority_id, a.enrollment_id,
             CASE WHEN t.kind = 'PAYMENT_CAPTURED' THEN
                    CASE WHEN a.kind = 'ENROLLMENT_ESCROW' THEN 200000 ELSE -200000 END
                  ELSE CASE WHEN a.kind = 'ENROLLMENT_ESCROW' THEN -10000 ELSE 10000 END END
        FROM ledger_transaction t
        JOIN ledger_account a ON a.institution_id = t.institution_id
         AND ((a.kind = 'ENROLLMENT_ESCROW' AND a.enrollment_id = t.enrollment_id)
           OR (t.kind = 'PAYMENT_CAPTURED' AND a.kind = 'PROVIDER_CLEARING')
           OR (t.kind = 'LESSON_RELEASE' AND a.kind = 'INSTITUTION_PAYABLE'))
       ORDER BY t.authority_id, t.institution_id`);
    await c.query(`
      INSERT INTO complaint (institution_id, authority_id, parent_user_id, category, description, created_at, updated_at)
      SELECT i.id, i.authority_id, (SELECT id FROM app_user WHERE email = 'parent-1@perf.example'), 'SERVICE', '投诉',
             now() - make_interval(days => (n % 120)::int), now()
        FROM (SELECT id, authority_id, row_number() OVER (ORDER BY id) AS n FROM institution) i WHERE i.n % 7 = 0`);
    await c.query(`
      INSERT INTO fund_warning (institution_id, authority_id, reason, level, measured, raised_at, updated_at)
      SELECT id, authority_id, 'BALANCE', CASE WHEN n % 100 = 0 THEN 'RED' ELSE 'YELLOW' END::"FundWarningLevel", '{}',
             now() - make_interval(days => (n % 90)::int), now()
        FROM (SELECT id, authority_id, row_number() OVER (ORDER BY id) AS n FROM institution
               WHERE funds_supervision_enabled) i WHERE n % 50 = 0`);
    await c.query("COMMIT");
    // Vacuumed as autovacuum would have done: the visibility map lets the planner choose index-only scans.
    await c.query("VACUUM (ANALYZE) institution, filing, membership, enrollment, ledger_account, ledger_entry");
    await c.query("ANALYZE authority, app_user, risk_assessment, course, ledger_transaction, complaint, fund_warning");

    const { rows } = await c.query<GeneratedRegistry>(`
      SELECT p.id AS "provinceId", city.id AS "cityId", d.id AS "districtId", d.code AS "districtCode",
             (SELECT id FROM app_user WHERE email = 'regulator@perf.example') AS "regulatorUserId",
             i.id AS "institutionId", m.user_id AS "institutionAdminId", i.registration_no AS "registrationNo",
             e.id AS "enrollmentId", e.parent_user_id AS "parentUserId"
        FROM authority p
        JOIN authority city ON city.code = '980100'
        JOIN authority d ON d.code = '980101'
        JOIN institution i ON i.authority_id = d.id AND i.funds_supervision_enabled
        JOIN membership m ON m.institution_id = i.id
        JOIN enrollment e ON e.institution_id = i.id
       WHERE p.code = '980000'
       ORDER BY i.name LIMIT 1`);
    const found = rows[0];
    if (!found) throw new Error("the generated registry has no enrolled institution in district 980101");
    return { ...found, nameFragment: `${PREFIXES[3]}${MIDDLES[7]}` };
  } finally {
    await c.end();
  }
}
