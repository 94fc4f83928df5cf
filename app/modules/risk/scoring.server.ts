import { randomUUID } from "node:crypto";
import type pg from "pg";
import { Prisma } from "~/generated/prisma/client.ts";
import { isoDateInChina } from "~/lib/china-date";
import { pgPool } from "~/lib/db.server";
import type { Db } from "~/lib/db-scope.server";
import { unsafeAsSystem } from "~/lib/db-scope.server";
import { logger } from "~/lib/logger.server";
import { isHighRisk, SPORT_CODES, type Sport } from "~/modules/registry/sports";
import { resolveSettingsFor } from "~/modules/tenancy/settings.server";
import { assessRisk, MODEL_VERSION, type RiskInputs, type RiskWeights, riskWeightsFrom } from "./model";

/**
 * Risk scoring as set-based SQL (ARCHITECTURE.md, "Risk and inspection"): one query measures every
 * factor of every institution of the run, reading each table once (grouped by institution), and is
 * read through a cursor in batches; pure TypeScript turns each batch's measures into points with
 * each district's weights (model.ts), and a few statements per batch insert its assessments and
 * move institution.risk_* to them, committed batch by batch. Nothing is read or written per
 * institution, and a batch is garbage once it is written: memory stays flat whatever the size of
 * the tenant (docs/PERFORMANCE.md, risk-scan).
 *
 * A run has an id. Its assessments are unique by (run, institution) and a run measures only
 * institutions it has not assessed yet, so a job retried after a worker restart skips what was
 * done and completes the rest: every institution once.
 */

export type ScoringTrigger = "nightly" | "settings" | "manual" | "signal";

export type ScoringTarget = { authorityId: string } | { institutionIds: readonly string[] };

export type ScoringOptions = {
  runId?: string;
  trigger: ScoringTrigger;
  /** Institutions per batch: memory stays flat whatever the size of the tenant. */
  batchSize?: number;
  /** The longest JSON text of assessments one statement carries (STATEMENT_JSON_CHARS; tests make it small). */
  statementChars?: number;
  now?: Date;
  /** Called after each committed batch (tests use it to stop a run half-way). */
  afterBatch?: (batch: { number: number; scored: number }) => void | Promise<void>;
};

export type ScoringResult = { runId: string; scored: number; batches: number; byLevel: Record<string, number> };

const DEFAULT_BATCH_SIZE = 2_000;
/**
 * The longest JSON text of assessments one statement carries (about 65 institutions). V8 keeps a
 * string of 128 KB or more in its large-object space and moves it to the old generation, which only
 * a full collection frees, as soon as one young collection finds it alive (smaller objects get a
 * second chance): one statement of 1.5 MB per batch of 2,000 left the worker's peak about 35 MB
 * higher at 100,000 institutions.
 */
const STATEMENT_JSON_CHARS = 48_000;
// The measuring transaction lives as long as the run (its cursor); each batch commits on its own.
const RUN_TIMEOUT_MS = 60 * 60_000;
const BATCH_TIMEOUT_MS = 120_000;
// Registered institutions, and suspended ones (parents still have money and children at stake there).
const SCORED_STATUSES = ["APPROVED", "SUSPENDED"];

/**
 * The authorities whose institutions the run scores (the tenant and its descendants, or those of
 * the listed institutions), and the filter on institutions that picks the run's targets.
 */
async function runScope(db: Db, target: ScoringTarget): Promise<{ authorityIds: string[]; only: Prisma.Sql }> {
  if ("authorityId" in target) {
    const tree = await db.$queryRaw<{ id: string }[]>`
      WITH RECURSIVE tree AS (
        SELECT id FROM authority WHERE id = ${target.authorityId}::uuid
        UNION ALL SELECT a.id FROM authority a JOIN tree ON a.parent_id = tree.id)
      SELECT id::text FROM tree`;
    return { authorityIds: tree.map((a) => a.id), only: Prisma.sql`TRUE` };
  }
  const ids = [...target.institutionIds];
  const owners = await db.$queryRaw<{ authority_id: string }[]>`
    SELECT DISTINCT authority_id::text FROM institution WHERE id = ANY(${ids}::uuid[])`;
  return { authorityIds: owners.map((a) => a.authority_id), only: Prisma.sql`i.id = ANY(${ids}::uuid[])` };
}

/** A row of `riskFactsQuery` as pg returns it: sums of fen (bigint) arrive as their decimal text. */
type FactsRow = {
  institution_id: string;
  authority_id: string;
  sports: string[];
  failed_critical: number;
  failed_major: number;
  failed_minor: number;
  certificates_expired: number;
  certificates_expiring: number;
  complaints: number;
  enrollments: number;
  minors: number;
  refunds: number;
  lessons_answered: number;
  disputes: number;
  incidents_last30: number;
  incidents_before: number;
  open_warning: "YELLOW" | "RED" | null;
  collected_last60_fen: string;
  lessons_last30: number;
  sales_last30_fen: string;
  sales_last30_count: number;
  sales_before_fen: string;
  rectifications_overdue: number;
  days_since_inspection: number;
  unconsumed_fen: string;
};

/**
 * Every factor's raw measure for every institution of a run, in one query: each table is read
 * once, joined to the run's institutions and grouped by institution. Windows that are tenant
 * parameters (the period, the "expiring" horizon) travel per district authority.
 *
 * The run's institutions are those of `authorityIds` that `only` keeps, registered or suspended,
 * and not yet assessed by the run. Measuring them batch by batch instead (a query per 2,000
 * institutions) made PostgreSQL read the large tables (enrollments, payments, ledger entries)
 * once per batch, by hash or by scattered index fetches: a run grew with the square of its size.
 */
export function riskFactsQuery(params: {
  runId: string;
  authorityIds: string[];
  lookbackDays: number[];
  expiringDays: number[];
  only: Prisma.Sql;
  now: Date;
}): Prisma.Sql {
  const { runId, authorityIds, lookbackDays, expiringDays, only, now } = params;
  return Prisma.sql`
    WITH t AS (
      SELECT * FROM unnest(${authorityIds}::uuid[], ${lookbackDays}::int[], ${expiringDays}::int[])
        AS t(authority_id, lookback_days, expiring_days)),
    clock AS (SELECT ${now}::timestamptz AS now, ${isoDateInChina(now)}::date AS today),
    inst AS (
      SELECT i.id, i.authority_id, i.sports, i.registered_at, i.created_at, i.compliance_report_id, i.approved_content,
             t.lookback_days, t.expiring_days
      FROM institution i JOIN t ON t.authority_id = i.authority_id
      WHERE ${only}
        AND i.status::text = ANY(${SCORED_STATUSES}::text[])
        AND NOT EXISTS (SELECT 1 FROM risk_assessment ra WHERE ra.run_id = ${runId}::uuid AND ra.institution_id = i.id)),
    findings AS (
      SELECT f.institution_id,
             count(*) FILTER (WHERE f.severity = 'CRITICAL')::int AS critical,
             count(*) FILTER (WHERE f.severity = 'MAJOR')::int AS major,
             count(*) FILTER (WHERE f.severity = 'MINOR')::int AS minor
      FROM inst JOIN compliance_finding f ON f.report_id = inst.compliance_report_id AND f.outcome = 'FAIL'
      GROUP BY f.institution_id),
    certificates AS (
      SELECT cc.institution_id,
             count(*) FILTER (WHERE cc.expires_on < clock.today)::int AS expired,
             count(*) FILTER (WHERE cc.expires_on >= clock.today
                               AND cc.expires_on < clock.today + inst.expiring_days)::int AS expiring
      FROM inst CROSS JOIN clock
      JOIN coach_certificate cc ON cc.institution_id = inst.id
      JOIN coach c ON c.id = cc.coach_id AND c.active
      GROUP BY cc.institution_id),
    permits AS (
      SELECT inst.id AS institution_id,
             count(*) FILTER (WHERE (p->>'expiresOn')::date < clock.today)::int AS expired,
             count(*) FILTER (WHERE (p->>'expiresOn')::date >= clock.today
                               AND (p->>'expiresOn')::date < clock.today + inst.expiring_days)::int AS expiring
      FROM inst CROSS JOIN clock
      CROSS JOIN LATERAL jsonb_array_elements(
        CASE WHEN jsonb_typeof(inst.approved_content->'documents'->'highRiskPermits') = 'array'
             THEN inst.approved_content->'documents'->'highRiskPermits' ELSE '[]'::jsonb END) p
      WHERE p->>'expiresOn' ~ '^\d{4}-\d{2}-\d{2}$'
      GROUP BY inst.id),
    complaints AS (
      SELECT c.institution_id, count(*)::int AS n
      FROM inst CROSS JOIN clock
      JOIN complaint c ON c.institution_id = inst.id
      WHERE c.status <> 'DISMISSED' AND c.created_at >= clock.now - make_interval(days => inst.lookback_days)
      GROUP BY c.institution_id),
    enrollments AS (
      SELECT e.institution_id,
             count(*) FILTER (WHERE e.status = 'ACTIVE'
                               OR e.created_at >= clock.now - make_interval(days => inst.lookback_days))::int AS n,
             count(*) FILTER (WHERE e.status = 'ACTIVE'
                               AND extract(year FROM clock.today)::int - e.trainee_birth_year < 18)::int AS minors
      FROM inst CROSS JOIN clock
      JOIN enrollment e ON e.institution_id = inst.id
      WHERE e.status IN ('ACTIVE', 'COMPLETED', 'CLOSED')
      GROUP BY e.institution_id),
    refunds AS (
      SELECT e.institution_id,
             count(*) FILTER (WHERE r.requested_at >= clock.now - make_interval(days => inst.lookback_days))::int AS n,
             count(*) FILTER (WHERE r.requested_at >= clock.now - interval '30 days')::int AS last30,
             count(*) FILTER (WHERE r.requested_at < clock.now - interval '30 days'
                               AND r.requested_at >= clock.now - make_interval(days => 30 + inst.lookback_days))::int AS before
      FROM inst CROSS JOIN clock
      JOIN enrollment e ON e.institution_id = inst.id
      JOIN refund_request r ON r.enrollment_id = e.id AND r.origin <> 'DISPUTE'
      GROUP BY e.institution_id),
    attendance AS (
      SELECT e.institution_id,
             count(*) FILTER (WHERE a.status <> 'PENDING'
                               AND a.created_at >= clock.now - make_interval(days => inst.lookback_days))::int AS answered,
             count(*) FILTER (WHERE a.dispute_reason IS NOT NULL
                               AND a.created_at >= clock.now - make_interval(days => inst.lookback_days))::int AS disputes,
             count(*) FILTER (WHERE a.dispute_reason IS NOT NULL
                               AND a.created_at >= clock.now - interval '30 days')::int AS last30,
             count(*) FILTER (WHERE a.dispute_reason IS NOT NULL AND a.created_at < clock.now - interval '30 days'
                               AND a.created_at >= clock.now - make_interval(days => 30 + inst.lookback_days))::int AS before
      FROM inst CROSS JOIN clock
      JOIN enrollment e ON e.institution_id = inst.id
      JOIN lesson_attendance a ON a.enrollment_id = e.id
      GROUP BY e.institution_id),
    warnings AS (
      SELECT w.institution_id, max(w.level::text) AS worst
      FROM inst JOIN fund_warning w ON w.institution_id = inst.id AND w.cleared_at IS NULL
      GROUP BY w.institution_id),
    sales AS (
      SELECT p.institution_id,
             coalesce(sum(p.amount_fen) FILTER (WHERE p.succeeded_at >= clock.now - interval '60 days'), 0)::bigint AS last60,
             coalesce(sum(p.amount_fen) FILTER (WHERE p.succeeded_at >= clock.now - interval '30 days'), 0)::bigint AS last30,
             count(*) FILTER (WHERE p.succeeded_at >= clock.now - interval '30 days')::int AS last30_count,
             coalesce(sum(p.amount_fen) FILTER (WHERE p.succeeded_at < clock.now - interval '30 days'
                                                 AND p.succeeded_at >= clock.now - interval '120 days'), 0)::bigint AS before
      FROM inst CROSS JOIN clock
      JOIN payment p ON p.institution_id = inst.id AND p.status = 'SUCCEEDED'
      WHERE p.succeeded_at >= clock.now - interval '120 days'
      GROUP BY p.institution_id),
    lessons AS (
      SELECT l.institution_id, count(*)::int AS last30
      FROM inst CROSS JOIN clock
      JOIN lesson l ON l.institution_id = inst.id
      WHERE l.lesson_date >= clock.today - 30 AND l.lesson_date <= clock.today
      GROUP BY l.institution_id),
    rectifications AS (
      SELECT o.institution_id, count(*)::int AS overdue
      FROM inst JOIN rectification_order o ON o.institution_id = inst.id AND o.status = 'OVERDUE'
      GROUP BY o.institution_id),
    inspections AS (
      SELECT x.institution_id, max(x.finished_at) AS last
      FROM inst JOIN inspection x ON x.institution_id = inst.id AND x.finished_at IS NOT NULL
      GROUP BY x.institution_id),
    funds AS (
      SELECT le.institution_id, coalesce(sum(le.amount_fen), 0)::bigint AS unconsumed
      FROM inst
      JOIN ledger_entry le ON le.institution_id = inst.id
      JOIN ledger_account la ON la.id = le.account_id AND la.kind IN ('ENROLLMENT_ESCROW', 'ENROLLMENT_RESERVE')
      GROUP BY le.institution_id)
    SELECT inst.id::text AS institution_id, inst.authority_id::text AS authority_id, inst.sports::text[] AS sports,
           coalesce(findings.critical, 0) AS failed_critical,
           coalesce(findings.major, 0) AS failed_major,
           coalesce(findings.minor, 0) AS failed_minor,
           coalesce(certificates.expired, 0) + coalesce(permits.expired, 0) AS certificates_expired,
           coalesce(certificates.expiring, 0) + coalesce(permits.expiring, 0) AS certificates_expiring,
           coalesce(complaints.n, 0) AS complaints,
           coalesce(enrollments.n, 0) AS enrollments,
           coalesce(enrollments.minors, 0) AS minors,
           coalesce(refunds.n, 0) AS refunds,
           coalesce(attendance.answered, 0) AS lessons_answered,
           coalesce(attendance.disputes, 0) AS disputes,
           coalesce(refunds.last30, 0) + coalesce(attendance.last30, 0) AS incidents_last30,
           coalesce(refunds.before, 0) + coalesce(attendance.before, 0) AS incidents_before,
           warnings.worst AS open_warning,
           coalesce(sales.last60, 0) AS collected_last60_fen,
           coalesce(lessons.last30, 0) AS lessons_last30,
           coalesce(sales.last30, 0) AS sales_last30_fen,
           coalesce(sales.last30_count, 0) AS sales_last30_count,
           coalesce(sales.before, 0) AS sales_before_fen,
           coalesce(rectifications.overdue, 0) AS rectifications_overdue,
           greatest(0, extract(day FROM clock.now - coalesce(inspections.last, inst.registered_at, inst.created_at)))::int
             AS days_since_inspection,
           coalesce(funds.unconsumed, 0) AS unconsumed_fen
    FROM inst CROSS JOIN clock
    LEFT JOIN findings ON findings.institution_id = inst.id
    LEFT JOIN certificates ON certificates.institution_id = inst.id
    LEFT JOIN permits ON permits.institution_id = inst.id
    LEFT JOIN complaints ON complaints.institution_id = inst.id
    LEFT JOIN enrollments ON enrollments.institution_id = inst.id
    LEFT JOIN refunds ON refunds.institution_id = inst.id
    LEFT JOIN attendance ON attendance.institution_id = inst.id
    LEFT JOIN warnings ON warnings.institution_id = inst.id
    LEFT JOIN sales ON sales.institution_id = inst.id
    LEFT JOIN lessons ON lessons.institution_id = inst.id
    LEFT JOIN rectifications ON rectifications.institution_id = inst.id
    LEFT JOIN inspections ON inspections.institution_id = inst.id
    LEFT JOIN funds ON funds.institution_id = inst.id`;
}

const KNOWN_SPORTS = new Set<string>(SPORT_CODES);

/** The raw measures of one institution as the model's inputs. */
export function inputsFrom(row: FactsRow, weights: RiskWeights): RiskInputs {
  // Months of the earlier window: the period before the last 30 days, in 30-day months.
  const monthsBefore = Math.max(1, weights.lookbackDays / 30);
  return {
    failedCritical: row.failed_critical,
    failedMajor: row.failed_major,
    failedMinor: row.failed_minor,
    certificatesExpired: row.certificates_expired,
    certificatesExpiring: row.certificates_expiring,
    complaints: row.complaints,
    enrollments: row.enrollments,
    refunds: row.refunds,
    lessonsAnswered: row.lessons_answered,
    disputes: row.disputes,
    incidentsLast30: row.incidents_last30,
    incidentsMonthlyBefore: row.incidents_before / monthsBefore,
    openWarning: row.open_warning,
    collectedLast60Fen: Number(row.collected_last60_fen),
    lessonsLast30: row.lessons_last30,
    salesLast30Fen: Number(row.sales_last30_fen),
    salesLast30Count: row.sales_last30_count,
    salesMonthlyBeforeFen: Number(row.sales_before_fen) / 3,
    rectificationsOverdue: row.rectifications_overdue,
    daysSinceInspection: row.days_since_inspection,
    highRiskSport: (row.sports ?? []).some((s) => KNOWN_SPORTS.has(s) && isHighRisk(s as Sport)),
    minorsEnrolled: row.minors,
    unconsumedFen: Number(row.unconsumed_fen),
  };
}

/**
 * Inserts assessments (`assessments`: a JSON array of them, see `scoreBatch`) and points each
 * institution at its new one: one statement.
 */
async function record(
  client: pg.PoolClient,
  assessments: string,
  runId: string,
  trigger: ScoringTrigger,
  now: Date,
): Promise<number> {
  const statement = Prisma.sql`
    WITH inserted AS (
      INSERT INTO risk_assessment (institution_id, authority_id, run_id, trigger, model_version, assessed_at,
                                   score, level, credit_grade, likelihood, magnitude, factors)
      SELECT r.institution_id, r.authority_id, ${runId}::uuid, ${trigger}, ${MODEL_VERSION}, ${now}::timestamptz,
             r.score, r.level::"RiskLevel", r.credit_grade, r.likelihood, r.magnitude, r.factors
      FROM jsonb_to_recordset(${assessments}::jsonb) AS r(
        institution_id uuid, authority_id uuid, score int, level text, credit_grade text,
        likelihood float8, magnitude float8, factors jsonb)
      ON CONFLICT (run_id, institution_id) DO NOTHING
      RETURNING id, institution_id, score, level, assessed_at),
    moved AS (
      UPDATE institution i
      SET risk_score = inserted.score, risk_level = inserted.level, risk_assessment_id = inserted.id,
          risk_assessed_at = inserted.assessed_at
      FROM inserted
      WHERE i.id = inserted.institution_id
        AND (i.risk_assessed_at IS NULL OR i.risk_assessed_at <= inserted.assessed_at)
      RETURNING 1)
    SELECT count(*)::int AS inserted FROM inserted`;
  const { rows } = await client.query<{ inserted: number }>(statement.text, statement.values);
  return rows[0]?.inserted ?? 0;
}

/**
 * A transaction of the scoring run on a connection of the pg pool under Prisma, in the platform
 * scope `unsafeAsSystem` sets (the same four settings: row-level security shows every tenant), each
 * statement limited to `timeoutMs`. The run's cursor and its writes go through pg rather than
 * Prisma's raw queries, which copy every parameter (`JSON.stringify` and `JSON.parse` of all of
 * them) and every result row: measured at 100,000 institutions, Prisma's copies left about 3 MB
 * per 1,000 institutions in V8's old generation until the next full collection, pg about 1.4 MB.
 */
async function inRunTransaction<T>(work: (client: pg.PoolClient) => Promise<T>, timeoutMs: number): Promise<T> {
  const client = await pgPool().connect();
  let broken: Error | undefined;
  try {
    await client.query("BEGIN");
    await client.query(
      `SELECT set_config('tipei.user_id', '', true), set_config('tipei.authority_id', '', true),
              set_config('tipei.platform', 'on', true), set_config('tipei.public', '', true),
              set_config('statement_timeout', $1, true)`,
      [String(timeoutMs)],
    );
    const result = await work(client);
    await client.query("COMMIT");
    return result;
  } catch (error) {
    // A connection that cannot even roll back is not handed to anyone else.
    await client.query("ROLLBACK").catch((rollbackError: Error) => {
      broken = rollbackError;
    });
    throw error;
  } finally {
    client.release(broken);
  }
}

/**
 * Scores one fetched batch into the JSON arrays `record` inserts, one per statement, each under
 * `statementChars` unless one institution alone is longer (factors as stored: code, kind, value,
 * points, message, values), and counts
 * the levels into `byLevel`. Each institution is turned into its JSON text at once, so only text
 * outlives the call: the fetched rows and the scored objects are garbage before the first write.
 */
function scoreBatch(
  facts: FactsRow[],
  weightsOf: (authorityId: string) => RiskWeights,
  byLevel: Record<string, number>,
  statementChars: number,
): { count: number; statements: string[] } {
  const statements: string[] = [];
  let pending: string[] = [];
  let pendingChars = 2;
  for (const row of facts) {
    const weights = weightsOf(row.authority_id);
    const result = assessRisk(inputsFrom(row, weights), weights);
    byLevel[result.level] = (byLevel[result.level] ?? 0) + 1;
    const json = JSON.stringify({
      institution_id: row.institution_id,
      authority_id: row.authority_id,
      score: result.score,
      level: result.level,
      credit_grade: result.grade,
      likelihood: result.likelihood,
      magnitude: result.magnitude,
      factors: result.factors.map(({ code, kind, value, points, message, values }) => ({
        code,
        kind,
        value,
        points,
        message,
        values,
      })),
    });
    if (pending.length > 0 && pendingChars + json.length + 1 > statementChars) {
      statements.push(`[${pending.join(",")}]`);
      pending = [];
      pendingChars = 2;
    }
    pending.push(json);
    pendingChars += json.length + 1;
  }
  if (pending.length > 0) statements.push(`[${pending.join(",")}]`);
  return { count: facts.length, statements };
}

/**
 * Scores a tenant (the authority and its descendants) or a list of institutions. Returns how
 * many assessments the call wrote; a re-run of the same run id writes only what is missing.
 */
export async function scoreInstitutions(target: ScoringTarget, options: ScoringOptions): Promise<ScoringResult> {
  const runId = options.runId ?? randomUUID();
  const now = options.now ?? new Date();
  const size = Math.max(1, Math.trunc(options.batchSize ?? DEFAULT_BATCH_SIZE));
  const statementChars = options.statementChars ?? STATEMENT_JSON_CHARS;
  const byLevel: Record<string, number> = { LOW: 0, MEDIUM: 0, HIGH: 0, CRITICAL: 0 };
  let scored = 0;
  let batches = 0;

  // Who the run scores, and each authority's weights: settings once per authority, not per institution.
  const { authorityIds, only, weightsByAuthority } = await unsafeAsSystem(async (db) => {
    const scope = await runScope(db, target);
    const weights = new Map<string, RiskWeights>();
    for (const authorityId of scope.authorityIds) {
      const settings = await resolveSettingsFor(authorityId, now, db);
      weights.set(
        authorityId,
        riskWeightsFrom((key) => settings.get(key)),
      );
    }
    return { ...scope, weightsByAuthority: weights };
  });
  const weightsOf = (authorityId: string) => weightsByAuthority.get(authorityId) as RiskWeights;
  const query = riskFactsQuery({
    runId,
    authorityIds,
    lookbackDays: authorityIds.map((a) => weightsOf(a).lookbackDays),
    expiringDays: authorityIds.map((a) => weightsOf(a).certificateExpiringDays),
    only,
    now,
  });
  const deadline = Date.now() + RUN_TIMEOUT_MS;

  await inRunTransaction(async (reader) => {
    // The factor query is many aggregates whose estimates add up to a large cost: PostgreSQL would
    // spend seconds JIT-compiling it. The cursor is read to its end: plan for all rows, not the first.
    await reader.query("SELECT set_config('jit', 'off', true), set_config('cursor_tuple_fraction', '1', true)");
    // A tenant's run reads every table once, by hash joins. Row-level security's conditions make
    // PostgreSQL estimate a handful of rows where there are a tenant's worth, and it would then
    // nest loops over them: measured at 100,000 institutions, 20 minutes instead of seconds.
    // A few listed institutions keep the index lookups of nested loops.
    if ("authorityId" in target) await reader.query("SELECT set_config('enable_nestloop', 'off', true)");
    await reader.query(`DECLARE risk_facts NO SCROLL CURSOR FOR ${query.text}`, query.values);
    for (;;) {
      if (Date.now() > deadline) throw new Error(`risk scoring run ${runId} still running after ${RUN_TIMEOUT_MS} ms`);
      // Read a batch and score it: only its assessments' JSON outlives `scoreBatch`, held while it is written.
      const batch = scoreBatch(
        (await reader.query<FactsRow>(`FETCH FORWARD ${size} FROM risk_facts`)).rows,
        weightsOf,
        byLevel,
        statementChars,
      );
      if (batch.count === 0) break;
      // Each batch commits on its own (another connection): a run stopped half-way keeps them.
      const written = await inRunTransaction(async (writer) => {
        let inserted = 0;
        for (const assessments of batch.statements) {
          inserted += await record(writer, assessments, runId, options.trigger, now);
        }
        return inserted;
      }, BATCH_TIMEOUT_MS);
      scored += written;
      batches += 1;
      await options.afterBatch?.({ number: batches, scored: written });
    }
  }, RUN_TIMEOUT_MS);
  logger.info({ runId, scored, batches, trigger: options.trigger }, "risk scoring run finished");
  return { runId, scored, batches, byLevel };
}

export function scoreTenant(authorityId: string, options: ScoringOptions): Promise<ScoringResult> {
  return scoreInstitutions({ authorityId }, options);
}

export function scoreInstitution(institutionId: string, options: ScoringOptions): Promise<ScoringResult> {
  return scoreInstitutions({ institutionIds: [institutionId] }, options);
}
