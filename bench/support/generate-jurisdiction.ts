import type pg from "pg";

/**
 * A generated jurisdiction for the benchmarks: a province, a city and its districts, and
 * `institutions` registered institutions spread over them, each with one course and
 * `enrollmentsPerInstitution` paid enrollments whose payments sit in escrow in the ledger (a
 * clearing account per institution, an escrow account per enrollment, one balanced
 * PAYMENT_CAPTURED transaction per payment).
 *
 * Deterministic: every id is derived from the row's number (md5 of a label), so two runs of the
 * same size produce the same rows in the same id order. Fast: one INSERT … SELECT over
 * generate_series per table, no join against a large table. Runs as the schema owner in one
 * transaction; the caller commits and ANALYZEs.
 */
export type Jurisdiction = { provinceId: string; parentId: string };

/** The id of generated row `label` (an expression over the series' variables). */
export const benchId = (label: string) => `md5('bench:' || ${label})::uuid`;
/** Institution number g's id, and its district's (institution g lies in district g mod districts). */
export const institutionId = (g: string) => benchId(`'institution:' || ${g}`);
export const districtId = (g: string, districts: number) => benchId(`'district:' || (${g} % ${districts})`);

export async function generateJurisdiction(
  c: pg.Client,
  options: { institutions: number; districts: number; enrollmentsPerInstitution: number },
): Promise<Jurisdiction> {
  const { institutions: n, districts, enrollmentsPerInstitution: perInstitution } = options;
  const provinceId = (
    await c.query<{ id: string }>(
      `INSERT INTO authority (id, level, code, slug, name, name_en, updated_at)
       VALUES (${benchId("'province'")}, 'PROVINCE', '990000', 'bench', '基准省体育局', 'Bench Province', now()) RETURNING id`,
    )
  ).rows[0]?.id as string;
  await c.query(
    `INSERT INTO authority (id, level, code, slug, name, name_en, parent_id, updated_at)
     VALUES (${benchId("'city'")}, 'CITY', '990100', 'bench-city', '基准市体育局', 'Bench City', $1, now())`,
    [provinceId],
  );
  await c.query(
    `INSERT INTO authority (id, level, code, slug, name, name_en, parent_id, updated_at)
     SELECT ${benchId("'district:' || d")}, 'DISTRICT', '9901' || lpad((d + 1)::text, 2, '0'), 'bench-d' || d,
            '基准区' || d, 'Bench district ' || d, ${benchId("'city'")}, now()
       FROM generate_series(0, ${districts - 1}) d`,
  );
  const parentId = (
    await c.query<{ id: string }>(
      `INSERT INTO app_user (id, email, display_name, updated_at)
       VALUES (${benchId("'parent'")}, 'bench.parent@bench.example', '家长', now()) RETURNING id`,
    )
  ).rows[0]?.id as string;

  // Every 5th institution swims (a high-risk sport), every 10th has an expired high-risk permit.
  await c.query(`
    INSERT INTO institution (id, authority_id, name, status, sports, registered_at, approved_at, updated_at, approved_content)
    SELECT ${institutionId("g")}, ${districtId("g", districts)}, '基准机构' || g, 'APPROVED',
           CASE WHEN g % 5 = 0 THEN ARRAY['SWIMMING']::varchar[] ELSE ARRAY['FOOTBALL']::varchar[] END,
           now() - make_interval(days => (g % 700)), now() - make_interval(days => (g % 700)), now(),
           CASE WHEN g % 10 = 0 THEN jsonb_build_object('documents', jsonb_build_object('highRiskPermits',
             jsonb_build_array(jsonb_build_object('sport', 'SWIMMING', 'number', 'P-' || g, 'expiresOn', '2025-01-01'))))
           END
      FROM generate_series(1, ${n}) g`);
  await c.query(`
    INSERT INTO course (id, institution_id, authority_id, name, sport, age_min, age_max, class_size, coaches_per_class,
                        lesson_minutes, lesson_count, price_per_lesson_fen, online)
    SELECT ${benchId("'course:' || g")}, ${institutionId("g")}, ${districtId("g", districts)}, '基础班',
           CASE WHEN g % 5 = 0 THEN 'SWIMMING' ELSE 'FOOTBALL' END, 6, 14, 20, 1, 60, 20, 10000, false
      FROM generate_series(1, ${n}) g`);

  // The enrollments (g, k) of institution g, k = 1…perInstitution; and what hangs off each.
  const series = `generate_series(1, ${n}) g CROSS JOIN generate_series(1, ${perInstitution}) k`;
  const enrollmentId = benchId("'enrollment:' || g || ':' || k");
  await c.query(
    `INSERT INTO enrollment (id, institution_id, authority_id, course_id, parent_user_id, trainee_name, trainee_birth_year,
                             lesson_count, price_per_lesson_fen, amount_fen, lesson_minutes, status, reserve_percent,
                             contract_version, contract_text, contract_sha256, signed_at, period_start, period_end,
                             created_at, updated_at)
     SELECT ${enrollmentId}, ${institutionId("g")}, ${districtId("g", districts)}, ${benchId("'course:' || g")}, $1,
            '学员' || k, 2012 + k, 20, 10000, 200000, 60, 'ACTIVE', 20, 'bench', '合同', repeat('0', 64),
            now() - make_interval(days => k * 20), current_date, current_date + 90, now() - make_interval(days => k * 20), now()
       FROM ${series}`,
    [parentId],
  );
  await c.query(
    `INSERT INTO payment (id, enrollment_id, institution_id, authority_id, parent_user_id, provider, amount_fen, status,
                          payment_intent_id, succeeded_at, updated_at)
     SELECT ${benchId("'payment:' || g || ':' || k")}, ${enrollmentId}, ${institutionId("g")}, ${districtId("g", districts)},
            $1, 'simulated', 200000, 'SUCCEEDED', 'bench_pi_' || g || '_' || k, now() - make_interval(days => k * 20), now()
       FROM ${series}`,
    [parentId],
  );

  // The ledger, written directly (ledger_post is one call per transaction): the per-row checks
  // of ledger_entry are switched off while loading and the balances checked once, set-based.
  await c.query("ALTER TABLE ledger_entry DISABLE TRIGGER USER");
  await c.query("ALTER TABLE ledger_transaction DISABLE TRIGGER USER");
  await c.query(`
    INSERT INTO ledger_account (id, kind, institution_id, authority_id)
    SELECT ${benchId("'clearing:' || g")}, 'PROVIDER_CLEARING', ${institutionId("g")}, ${districtId("g", districts)}
      FROM generate_series(1, ${n}) g`);
  await c.query(`
    INSERT INTO ledger_account (id, kind, institution_id, authority_id, enrollment_id)
    SELECT ${benchId("'escrow:' || g || ':' || k")}, 'ENROLLMENT_ESCROW', ${institutionId("g")},
           ${districtId("g", districts)}, ${enrollmentId}
      FROM ${series}`);
  await c.query(`
    INSERT INTO ledger_transaction (id, idempotency_key, kind, institution_id, authority_id, enrollment_id, reference_id,
                                    occurred_at)
    SELECT ${benchId("'captured:' || g || ':' || k")}, 'bench-captured:' || g || ':' || k, 'PAYMENT_CAPTURED',
           ${institutionId("g")}, ${districtId("g", districts)}, ${enrollmentId}, ${benchId("'payment:' || g || ':' || k")},
           now() - make_interval(days => k * 20)
      FROM ${series}`);
  await c.query(`
    INSERT INTO ledger_entry (transaction_id, account_id, institution_id, authority_id, enrollment_id, amount_fen)
    SELECT ${benchId("'captured:' || g || ':' || k")}, line.account_id, ${institutionId("g")}, ${districtId("g", districts)},
           line.enrollment_id, line.amount
      FROM ${series}
     CROSS JOIN LATERAL (VALUES (${benchId("'escrow:' || g || ':' || k")}, ${enrollmentId}, 200000::bigint),
                                (${benchId("'clearing:' || g")}, NULL::uuid, -200000::bigint))
                        AS line(account_id, enrollment_id, amount)`);
  await c.query("ALTER TABLE ledger_entry ENABLE TRIGGER USER");
  await c.query("ALTER TABLE ledger_transaction ENABLE TRIGGER USER");
  const unbalanced = await c.query(`
    SELECT 1 FROM ledger_entry e JOIN ledger_account a ON a.id = e.account_id
     WHERE a.institution_id IS DISTINCT FROM e.institution_id OR a.enrollment_id IS DISTINCT FROM e.enrollment_id
     UNION ALL
    SELECT 1 FROM ledger_entry GROUP BY transaction_id HAVING sum(amount_fen) <> 0 OR count(*) < 2
     LIMIT 1`);
  if (unbalanced.rowCount) throw new Error("the generated ledger does not balance");
  return { provinceId, parentId };
}
