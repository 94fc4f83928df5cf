import { Prisma } from "~/generated/prisma/client.ts";
import { type DataScope, type Db, inScope } from "~/lib/db-scope.server";
import { FUNDS_PAGE_SIZE, type FundsQuery, type FundsSort, GOV_LIST_LIMIT } from "./gov-funds-query";

/**
 * What regulators read of the escrow (资金监管, 争议处理): the held funds of the jurisdiction per
 * institution, totalled per subordinate authority and for the whole; the open fund warnings and
 * reconciliation alerts; and the two queues they decide (disputed lessons, contested refunds).
 * Each is one set-based query in the acting authority's scope: row-level security and an
 * explicit `tipei_visible_authority_ids()` both keep it to the jurisdiction.
 */

/** Money figures of a set of institutions, in fen. Held is escrow plus reserve. */
export type FundFigures = {
  heldFen: number;
  escrowFen: number;
  reserveFen: number;
  payableFen: number;
  paidOutFen: number;
  refundsInProgressFen: number;
  collectedFen: number;
};

export type AuthorityLevel = "PROVINCE" | "CITY" | "DISTRICT";

/** A subordinate authority (a child of the acting one, or the acting district itself) with its totals. */
export type UnitFunds = FundFigures & {
  id: string;
  name: string;
  nameEn: string;
  level: AuthorityLevel;
  institutions: number;
  redWarnings: number;
  yellowWarnings: number;
};

export type WarningLevel = "RED" | "YELLOW";

export type InstitutionFundsRow = FundFigures & {
  id: string;
  name: string;
  registrationNo: string | null;
  district: { name: string; nameEn: string };
  /** The most severe open fund warning, if any. */
  warning: WarningLevel | null;
};

export type FundWarningReason = "BALANCE" | "OUTFLOW";

export type OpenFundWarning = {
  id: string;
  level: WarningLevel;
  reason: FundWarningReason;
  raisedAt: string;
  institution: { id: string; name: string };
  district: { name: string; nameEn: string };
  /** What the job measured when it raised or last changed the warning (absent figures are null). */
  measured: { heldFen: number | null; owedFen: number | null; heldPercent: number | null; outflowFen: number | null };
};

export type OpenReconciliationAlert = {
  id: string;
  kind: string;
  openedAt: string;
  ledgerFen: number;
  providerFen: number;
  institution: { id: string; name: string } | null;
  district: { name: string; nameEn: string } | null;
};

export type JurisdictionFunds = {
  totals: FundFigures & { institutions: number };
  units: UnitFunds[];
  rows: InstitutionFundsRow[];
  /** Institutions with any money through the platform, over all pages. */
  institutionCount: number;
  page: number;
  pageCount: number;
  sort: FundsSort;
  warnings: OpenFundWarning[];
  alerts: OpenReconciliationAlert[];
};

/** At most this many warnings, alerts or queue items are listed (the oldest first); counts are exact. */

type FiguresSql = {
  escrow_fen: bigint | number | null;
  reserve_fen: bigint | number | null;
  payable_fen: bigint | number | null;
  paid_out_fen: bigint | number | null;
  refunds_payable_fen: bigint | number | null;
  collected_fen: bigint | number | null;
};

const NO_FIGURES: FiguresSql = {
  escrow_fen: 0,
  reserve_fen: 0,
  payable_fen: 0,
  paid_out_fen: 0,
  refunds_payable_fen: 0,
  collected_fen: 0,
};

const fen = (v: bigint | number | null | undefined): number => (v === null || v === undefined ? 0 : Number(v));

function figuresOf(r: FiguresSql): FundFigures {
  const escrowFen = fen(r.escrow_fen);
  const reserveFen = fen(r.reserve_fen);
  return {
    heldFen: escrowFen + reserveFen,
    escrowFen,
    reserveFen,
    payableFen: fen(r.payable_fen),
    paidOutFen: fen(r.paid_out_fen),
    refundsInProgressFen: fen(r.refunds_payable_fen),
    collectedFen: fen(r.collected_fen),
  };
}

const SUMS = Prisma.sql`
  coalesce(sum(f.escrow_fen), 0)::bigint AS escrow_fen,
  coalesce(sum(f.reserve_fen), 0)::bigint AS reserve_fen,
  coalesce(sum(f.payable_fen), 0)::bigint AS payable_fen,
  coalesce(sum(f.paid_out_fen), 0)::bigint AS paid_out_fen,
  coalesce(sum(f.refunds_payable_fen), 0)::bigint AS refunds_payable_fen,
  coalesce(sum(f.collected_fen), 0)::bigint AS collected_fen`;

/**
 * The authorities the jurisdiction is totalled by: each child of the acting authority with all
 * its descendants (a city's districts, a province's cities), or the acting district itself.
 */
function unitTree(actingId: string): Prisma.Sql {
  return Prisma.sql`
    unit_tree AS (
      SELECT a.id, a.id AS unit_id FROM authority a
       WHERE a.parent_id = ${actingId}::uuid OR (a.id = ${actingId}::uuid AND a.level = 'DISTRICT')
      UNION ALL
      SELECT c.id, t.unit_id FROM authority c JOIN unit_tree t ON c.parent_id = t.id
    )`;
}

async function jurisdictionTotals(db: Db): Promise<FundFigures & { institutions: number }> {
  const rows = await db.$queryRaw<(FiguresSql & { institutions: number })[]>`
    SELECT count(*)::int AS institutions, ${SUMS}
      FROM institution_funds f
     WHERE f.authority_id IN (SELECT tipei_visible_authority_ids())`;
  // An aggregate without GROUP BY answers one row, with zeros when there is nothing.
  const row = rows[0];
  return row ? { ...figuresOf(row), institutions: row.institutions } : { ...figuresOf(NO_FIGURES), institutions: 0 };
}

type UnitSql = FiguresSql & {
  id: string;
  name: string;
  name_en: string;
  level: AuthorityLevel;
  institutions: number;
  red: number;
  yellow: number;
};

async function unitTotals(db: Db, actingId: string): Promise<UnitFunds[]> {
  const rows = await db.$queryRaw<UnitSql[]>`
    WITH RECURSIVE ${unitTree(actingId)},
    funds AS (
      SELECT t.unit_id, f.*
        FROM unit_tree t JOIN institution_funds f ON f.authority_id = t.id
       WHERE f.authority_id IN (SELECT tipei_visible_authority_ids())
    ),
    warnings AS (
      SELECT t.unit_id, count(*) FILTER (WHERE w.level = 'RED')::int AS red,
             count(*) FILTER (WHERE w.level = 'YELLOW')::int AS yellow
        FROM unit_tree t JOIN fund_warning w ON w.authority_id = t.id AND w.cleared_at IS NULL
       GROUP BY t.unit_id
    )
    SELECT u.id::text AS id, u.name, u.name_en, u.level::text AS level,
           count(f.institution_id)::int AS institutions, ${SUMS},
           coalesce(max(w.red), 0)::int AS red, coalesce(max(w.yellow), 0)::int AS yellow
      FROM authority u
      LEFT JOIN funds f ON f.unit_id = u.id
      LEFT JOIN warnings w ON w.unit_id = u.id
     WHERE u.id IN (SELECT unit_id FROM unit_tree) AND u.id IN (SELECT tipei_visible_authority_ids())
     GROUP BY u.id
     ORDER BY u.code`;
  return rows.map((r) => ({
    ...figuresOf(r),
    id: r.id,
    name: r.name,
    nameEn: r.name_en,
    level: r.level,
    institutions: r.institutions,
    redWarnings: r.red,
    yellowWarnings: r.yellow,
  }));
}

const ORDER_BY: Record<FundsSort, Prisma.Sql> = {
  held: Prisma.sql`(f.escrow_fen + f.reserve_fen) DESC, f.name, f.institution_id`,
  name: Prisma.sql`f.name, f.institution_id`,
  district: Prisma.sql`d.code, (f.escrow_fen + f.reserve_fen) DESC, f.name, f.institution_id`,
};

type InstitutionSql = FiguresSql & {
  id: string;
  name: string;
  registration_no: string | null;
  district_name: string;
  district_name_en: string;
  warning: string | null;
};

async function institutionRows(db: Db, sort: FundsSort, limit: number, offset: number): Promise<InstitutionFundsRow[]> {
  const rows = await db.$queryRaw<InstitutionSql[]>`
    SELECT f.institution_id::text AS id, f.name, f.registration_no, d.name AS district_name,
           d.name_en AS district_name_en,
           f.escrow_fen, f.reserve_fen, f.payable_fen, f.paid_out_fen, f.refunds_payable_fen, f.collected_fen,
           (SELECT w.level::text FROM fund_warning w
             WHERE w.institution_id = f.institution_id AND w.cleared_at IS NULL
             ORDER BY (w.level = 'RED') DESC LIMIT 1) AS warning
      FROM institution_funds f
      JOIN authority d ON d.id = f.authority_id
     WHERE f.authority_id IN (SELECT tipei_visible_authority_ids())
     ORDER BY ${ORDER_BY[sort]}
     LIMIT ${limit} OFFSET ${offset}`;
  return rows.map((r) => ({
    ...figuresOf(r),
    id: r.id,
    name: r.name,
    registrationNo: r.registration_no,
    district: { name: r.district_name, nameEn: r.district_name_en },
    warning: r.warning === "RED" || r.warning === "YELLOW" ? r.warning : null,
  }));
}

type WarningSql = {
  id: string;
  level: string;
  reason: string;
  raised_at: Date;
  measured: unknown;
  institution_id: string;
  institution_name: string;
  district_name: string;
  district_name_en: string;
};

function numberIn(value: unknown, key: string): number | null {
  if (!value || typeof value !== "object") return null;
  const found = (value as Record<string, unknown>)[key];
  const n = typeof found === "string" ? Number(found) : found;
  return typeof n === "number" && Number.isFinite(n) ? n : null;
}

async function openWarnings(db: Db): Promise<OpenFundWarning[]> {
  const rows = await db.$queryRaw<WarningSql[]>`
    SELECT w.id::text AS id, w.level::text AS level, w.reason, w.raised_at, w.measured,
           i.id::text AS institution_id, i.name AS institution_name,
           d.name AS district_name, d.name_en AS district_name_en
      FROM fund_warning w
      JOIN institution i ON i.id = w.institution_id
      JOIN authority d ON d.id = i.authority_id
     WHERE w.cleared_at IS NULL AND w.authority_id IN (SELECT tipei_visible_authority_ids())
     ORDER BY (w.level = 'RED') DESC, w.raised_at, w.id
     LIMIT ${GOV_LIST_LIMIT}`;
  return rows.map((r) => ({
    id: r.id,
    level: r.level === "RED" ? "RED" : "YELLOW",
    reason: r.reason === "OUTFLOW" ? "OUTFLOW" : "BALANCE",
    raisedAt: r.raised_at.toISOString(),
    institution: { id: r.institution_id, name: r.institution_name },
    district: { name: r.district_name, nameEn: r.district_name_en },
    measured: {
      heldFen: numberIn(r.measured, "heldFen"),
      owedFen: numberIn(r.measured, "owedFen"),
      heldPercent: numberIn(r.measured, "heldPercent"),
      outflowFen: numberIn(r.measured, "outflowFen"),
    },
  }));
}

type AlertSql = {
  id: string;
  kind: string;
  opened_at: Date;
  ledger_fen: bigint;
  provider_fen: bigint;
  institution_id: string | null;
  institution_name: string | null;
  district_name: string | null;
  district_name_en: string | null;
};

async function openAlerts(db: Db): Promise<OpenReconciliationAlert[]> {
  const rows = await db.$queryRaw<AlertSql[]>`
    SELECT r.id::text AS id, r.kind, r.opened_at, r.ledger_fen, r.provider_fen,
           i.id::text AS institution_id, i.name AS institution_name,
           d.name AS district_name, d.name_en AS district_name_en
      FROM reconciliation_alert r
      LEFT JOIN institution i ON i.id = r.institution_id
      LEFT JOIN authority d ON d.id = r.authority_id
     WHERE r.resolved_at IS NULL AND r.authority_id IN (SELECT tipei_visible_authority_ids())
     ORDER BY r.opened_at, r.id
     LIMIT ${GOV_LIST_LIMIT}`;
  return rows.map((r) => ({
    id: r.id,
    kind: r.kind,
    openedAt: r.opened_at.toISOString(),
    ledgerFen: Number(r.ledger_fen),
    providerFen: Number(r.provider_fen),
    institution: r.institution_id ? { id: r.institution_id, name: r.institution_name ?? "" } : null,
    district: r.district_name ? { name: r.district_name, nameEn: r.district_name_en ?? r.district_name } : null,
  }));
}

/** The funds page of the acting authority: totals, per subordinate authority, per institution, warnings, alerts. */
export function jurisdictionFunds(scope: DataScope, query: FundsQuery): Promise<JurisdictionFunds> {
  const actingId = scope.authorityId;
  if (!actingId) throw new Error("jurisdictionFunds needs an acting authority");
  return inScope(scope, async (db) => {
    // One statement at a time: a transaction's connection serves one query at once.
    const totals = await jurisdictionTotals(db);
    const units = await unitTotals(db, actingId);
    const pageCount = Math.max(1, Math.ceil(totals.institutions / FUNDS_PAGE_SIZE));
    const page = Math.min(query.page, pageCount);
    const rows = await institutionRows(db, query.sort, FUNDS_PAGE_SIZE, (page - 1) * FUNDS_PAGE_SIZE);
    const warnings = await openWarnings(db);
    const alerts = await openAlerts(db);
    return {
      totals,
      units,
      rows,
      institutionCount: totals.institutions,
      page,
      pageCount,
      sort: query.sort,
      warnings,
      alerts,
    };
  });
}

// ---------------------------------------------------------------------------------------------
// The queues the regulator decides

export type DisputedLesson = {
  attendanceId: string;
  institution: { id: string; name: string };
  district: { name: string; nameEn: string };
  course: string;
  /** The lesson's day (YYYY-MM-DD, China) and its times (HH:MM). */
  lessonDate: string;
  startTime: string;
  endTime: string;
  traineeName: string;
  priceFen: number;
  reason: string;
  disputedAt: string | null;
  /** Whole days since the parent disputed it, counted on China's calendar. */
  waitingDays: number;
};

export type ContestedRefund = {
  refundId: string;
  institution: { id: string; name: string };
  district: { name: string; nameEn: string };
  course: string;
  traineeName: string;
  lessons: number;
  amountFen: number;
  reason: string;
  institutionResponse: string;
  requestedAt: string;
  waitingDays: number;
};

export type DisputeQueues = {
  disputes: DisputedLesson[];
  disputeCount: number;
  refunds: ContestedRefund[];
  refundCount: number;
};

const CHINA_TODAY = Prisma.sql`(now() AT TIME ZONE 'Asia/Shanghai')::date`;
const chinaDay = (column: Prisma.Sql) => Prisma.sql`(${column} AT TIME ZONE 'Asia/Shanghai')::date`;

type DisputeSql = {
  id: string;
  institution_id: string;
  institution_name: string;
  district_name: string;
  district_name_en: string;
  course_name: string;
  lesson_date: Date;
  start_time: string;
  end_time: string;
  trainee_name: string;
  price_fen: number;
  dispute_reason: string | null;
  answered_at: Date | null;
  waiting_days: number;
};

async function disputedLessons(db: Db): Promise<DisputedLesson[]> {
  const since = Prisma.sql`coalesce(a.answered_at, a.updated_at)`;
  const rows = await db.$queryRaw<DisputeSql[]>`
    SELECT a.id::text AS id, i.id::text AS institution_id, i.name AS institution_name,
           d.name AS district_name, d.name_en AS district_name_en, c.name AS course_name,
           l.lesson_date, l.start_time, l.end_time, e.trainee_name, a.price_fen, a.dispute_reason, a.answered_at,
           greatest(${CHINA_TODAY} - ${chinaDay(since)}, 0)::int AS waiting_days
      FROM lesson_attendance a
      JOIN lesson l ON l.id = a.lesson_id
      JOIN course c ON c.id = l.course_id
      JOIN enrollment e ON e.id = a.enrollment_id
      JOIN institution i ON i.id = a.institution_id
      JOIN authority d ON d.id = a.authority_id
     WHERE a.status = 'DISPUTED' AND a.authority_id IN (SELECT tipei_visible_authority_ids())
     ORDER BY ${since}, a.id
     LIMIT ${GOV_LIST_LIMIT}`;
  return rows.map((r) => ({
    attendanceId: r.id,
    institution: { id: r.institution_id, name: r.institution_name },
    district: { name: r.district_name, nameEn: r.district_name_en },
    course: r.course_name,
    lessonDate: r.lesson_date.toISOString().slice(0, 10),
    startTime: r.start_time.trim(),
    endTime: r.end_time.trim(),
    traineeName: r.trainee_name,
    priceFen: r.price_fen,
    reason: r.dispute_reason ?? "",
    disputedAt: r.answered_at?.toISOString() ?? null,
    waitingDays: r.waiting_days,
  }));
}

type RefundSql = {
  id: string;
  institution_id: string;
  institution_name: string;
  district_name: string;
  district_name_en: string;
  course_name: string;
  trainee_name: string;
  lessons: number;
  amount_fen: number;
  reason: string;
  institution_response: string | null;
  requested_at: Date;
  waiting_days: number;
};

async function contestedRefunds(db: Db): Promise<ContestedRefund[]> {
  // Contesting is the refund's last change before a decision: its update time is when it was contested.
  const since = Prisma.sql`r.updated_at`;
  const rows = await db.$queryRaw<RefundSql[]>`
    SELECT r.id::text AS id, i.id::text AS institution_id, i.name AS institution_name,
           d.name AS district_name, d.name_en AS district_name_en, c.name AS course_name, e.trainee_name,
           r.lessons, r.amount_fen, r.reason, r.institution_response, r.requested_at,
           greatest(${CHINA_TODAY} - ${chinaDay(since)}, 0)::int AS waiting_days
      FROM refund_request r
      JOIN enrollment e ON e.id = r.enrollment_id
      JOIN course c ON c.id = e.course_id
      JOIN institution i ON i.id = r.institution_id
      JOIN authority d ON d.id = r.authority_id
     WHERE r.status = 'CONTESTED' AND r.authority_id IN (SELECT tipei_visible_authority_ids())
     ORDER BY ${since}, r.id
     LIMIT ${GOV_LIST_LIMIT}`;
  return rows.map((r) => ({
    refundId: r.id,
    institution: { id: r.institution_id, name: r.institution_name },
    district: { name: r.district_name, nameEn: r.district_name_en },
    course: r.course_name,
    traineeName: r.trainee_name,
    lessons: r.lessons,
    amountFen: r.amount_fen,
    reason: r.reason,
    institutionResponse: r.institution_response ?? "",
    requestedAt: r.requested_at.toISOString(),
    waitingDays: r.waiting_days,
  }));
}

/** The disputed lessons and contested refunds of the jurisdiction, longest waiting first. */
export function disputeQueues(scope: DataScope): Promise<DisputeQueues> {
  return inScope(scope, async (db) => {
    const counts = await db.$queryRaw<{ disputes: number; refunds: number }[]>`
      SELECT (SELECT count(*) FROM lesson_attendance a
               WHERE a.status = 'DISPUTED' AND a.authority_id IN (SELECT tipei_visible_authority_ids()))::int AS disputes,
             (SELECT count(*) FROM refund_request r
               WHERE r.status = 'CONTESTED' AND r.authority_id IN (SELECT tipei_visible_authority_ids()))::int AS refunds`;
    const disputes = await disputedLessons(db);
    const refunds = await contestedRefunds(db);
    return {
      disputes,
      disputeCount: counts[0]?.disputes ?? disputes.length,
      refunds,
      refundCount: counts[0]?.refunds ?? refunds.length,
    };
  });
}
