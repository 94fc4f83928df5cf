import { z } from "zod";
import { Prisma } from "~/generated/prisma/client.ts";
import { type DataScope, type Db, inScope } from "~/lib/db-scope.server";
import { SPORT_CODES } from "~/modules/registry/sports";
import { resolveSettingsFor } from "~/modules/tenancy/settings.server";
import { type CreditGrade, RISK_LEVELS, type RiskFactor, type RiskLevel } from "./model";

/**
 * What regulators read of risk: the jurisdiction's institutions ranked by their latest score, the
 * charts beside the ranking, and one institution's assessment with its history. Every query runs in
 * the reader's scope, so row-level security keeps another tenant's institutions out (and a foreign
 * institution reads as not found).
 */

export const RISK_PAGE_SIZE = 50;
export const RISK_EXPORT_LIMIT = 20_000;

export const riskQuerySchema = z.object({
  district: z.uuid().optional().catch(undefined),
  sport: z
    .enum(SPORT_CODES as [string, ...string[]])
    .optional()
    .catch(undefined),
  level: z.enum(RISK_LEVELS).optional().catch(undefined),
  page: z.coerce.number().int().min(1).max(10_000).catch(1).default(1),
});
export type RiskQuery = z.infer<typeof riskQuerySchema>;

export function parseRiskQuery(search: URLSearchParams): RiskQuery {
  return riskQuerySchema.parse({
    district: search.get("district") || undefined,
    sport: search.get("sport") || undefined,
    level: search.get("level") || undefined,
    page: search.get("page") ?? undefined,
  });
}

export type RiskRow = {
  institutionId: string;
  name: string;
  registrationNo: string | null;
  districtName: string;
  districtNameEn: string;
  score: number;
  level: RiskLevel;
  grade: CreditGrade;
  assessedAt: string;
  factors: RiskFactor[];
};

type RiskRowSql = {
  institution_id: string;
  name: string;
  registration_no: string | null;
  district_name: string;
  district_name_en: string;
  score: number;
  level: RiskLevel;
  grade: CreditGrade;
  assessed_at: Date;
  factors: RiskFactor[];
};

// The jurisdiction is named in the query, not left to row-level security alone: the planner can
// then read the jurisdiction's institutions through institution(authority_id) instead of every
// institution of every tenant (tests/integration/performance/hot-queries-explain.test.ts).
const IN_JURISDICTION = Prisma.sql`i.authority_id IN (SELECT tipei_visible_authority_ids())`;

function filters(query: RiskQuery): Prisma.Sql {
  const parts: Prisma.Sql[] = [IN_JURISDICTION, Prisma.sql`i.risk_assessment_id IS NOT NULL`];
  if (query.district) parts.push(Prisma.sql`i.authority_id = ${query.district}::uuid`);
  if (query.sport) parts.push(Prisma.sql`${query.sport} = ANY(i.sports::text[])`);
  if (query.level) parts.push(Prisma.sql`i.risk_level = ${query.level}::"RiskLevel"`);
  return Prisma.join(parts, " AND ");
}

async function rankedRows(db: Db, query: RiskQuery, limit: number, offset: number): Promise<RiskRow[]> {
  const rows = await db.$queryRaw<RiskRowSql[]>`
    SELECT i.id::text AS institution_id, i.name, i.registration_no, a.name AS district_name,
           a.name_en AS district_name_en, ra.score, ra.level, ra.credit_grade AS grade, ra.assessed_at, ra.factors
      FROM institution i
      JOIN risk_assessment ra ON ra.id = i.risk_assessment_id
      JOIN authority a ON a.id = i.authority_id
     WHERE ${filters(query)}
     ORDER BY i.risk_score DESC, i.name, i.id
     LIMIT ${limit} OFFSET ${offset}`;
  return rows.map((r) => ({
    institutionId: r.institution_id,
    name: r.name,
    registrationNo: r.registration_no,
    districtName: r.district_name,
    districtNameEn: r.district_name_en,
    score: r.score,
    level: r.level,
    grade: r.grade,
    assessedAt: r.assessed_at.toISOString(),
    factors: r.factors,
  }));
}

export type WeekCount = { week: string; warnings: number; complaints: number };
export type DistrictFunds = { id: string; name: string; nameEn: string; fen: number };
export type District = { id: string; name: string; nameEn: string };

export type RiskOverview = {
  rows: RiskRow[];
  total: number;
  page: number;
  pageCount: number;
  levels: Record<RiskLevel, number>;
  weekly: WeekCount[];
  funds: DistrictFunds[];
  districts: District[];
};

export function riskOverview(scope: DataScope, query: RiskQuery): Promise<RiskOverview> {
  return inScope(scope, async (db) => {
    // Small aggregates with large estimates: JIT compilation would cost more than the queries.
    await db.$executeRaw`SET LOCAL jit = off`;
    const [{ total } = { total: 0 }] = await db.$queryRaw<{ total: number }[]>`
      SELECT count(*)::int AS total FROM institution i WHERE ${filters(query)}`;
    const pageCount = Math.max(1, Math.ceil(total / RISK_PAGE_SIZE));
    const page = Math.min(query.page, pageCount);
    const rows = await rankedRows(db, query, RISK_PAGE_SIZE, (page - 1) * RISK_PAGE_SIZE);

    const levelRows = await db.$queryRaw<{ level: RiskLevel; n: number }[]>`
      SELECT i.risk_level AS level, count(*)::int AS n FROM institution i
       WHERE ${IN_JURISDICTION} AND i.risk_level IS NOT NULL GROUP BY i.risk_level`;
    const levels = { LOW: 0, MEDIUM: 0, HIGH: 0, CRITICAL: 0 } as Record<RiskLevel, number>;
    for (const r of levelRows) levels[r.level] = r.n;

    // Weeks start on Monday, in China; the last 12 including this one.
    const weekly = await db.$queryRaw<{ week: Date; warnings: number; complaints: number }[]>`
      WITH weeks AS (
        SELECT generate_series(date_trunc('week', (now() AT TIME ZONE 'Asia/Shanghai')) - interval '11 weeks',
                               date_trunc('week', (now() AT TIME ZONE 'Asia/Shanghai')), interval '1 week') AS week),
      w AS (
        SELECT date_trunc('week', raised_at AT TIME ZONE 'Asia/Shanghai') AS week, count(*)::int AS n FROM fund_warning
         WHERE raised_at >= now() - interval '13 weeks' GROUP BY 1),
      c AS (
        SELECT date_trunc('week', created_at AT TIME ZONE 'Asia/Shanghai') AS week, count(*)::int AS n FROM complaint
         WHERE created_at >= now() - interval '13 weeks' GROUP BY 1)
      SELECT weeks.week, coalesce(w.n, 0) AS warnings, coalesce(c.n, 0) AS complaints
        FROM weeks LEFT JOIN w ON w.week = weeks.week LEFT JOIN c ON c.week = weeks.week
       ORDER BY weeks.week`;

    const funds = await db.$queryRaw<{ id: string; name: string; name_en: string; fen: bigint }[]>`
      SELECT a.id::text, a.name, a.name_en, coalesce(sum(f.escrow_fen + f.reserve_fen), 0)::bigint AS fen
        FROM authority a JOIN institution_funds f ON f.authority_id = a.id
       WHERE a.id IN (SELECT tipei_visible_authority_ids())
       GROUP BY a.id, a.name, a.name_en ORDER BY fen DESC, a.name`;

    const districts = await db.$queryRaw<{ id: string; name: string; name_en: string }[]>`
      SELECT a.id::text, a.name, a.name_en FROM authority a
       WHERE a.level = 'DISTRICT' AND a.id IN (SELECT tipei_visible_authority_ids())
       ORDER BY a.code`;

    return {
      rows,
      total,
      page,
      pageCount,
      levels,
      weekly: weekly.map((w) => ({
        week: w.week.toISOString().slice(0, 10),
        warnings: w.warnings,
        complaints: w.complaints,
      })),
      funds: funds.map((f) => ({ id: f.id, name: f.name, nameEn: f.name_en, fen: Number(f.fen) })),
      districts: districts.map((d) => ({ id: d.id, name: d.name, nameEn: d.name_en })),
    };
  });
}

/** Every ranked institution matching the filters, for the CSV export. */
export function riskExportRows(scope: DataScope, query: RiskQuery): Promise<RiskRow[]> {
  return inScope(scope, (db) => rankedRows(db, query, RISK_EXPORT_LIMIT, 0));
}

export type InstitutionRisk = {
  institution: { id: string; name: string; districtName: string; districtNameEn: string };
  latest: {
    score: number;
    level: RiskLevel;
    grade: CreditGrade;
    likelihood: number;
    magnitude: number;
    modelVersion: string;
    assessedAt: string;
    factors: RiskFactor[];
  } | null;
  history: { assessedAt: string; score: number; level: RiskLevel }[];
  /** Where the levels begin under the tenant's current settings, drawn on the trend. */
  thresholds: { value: number; level: RiskLevel }[];
};

/** One institution's latest assessment and its history; null when the reader may not see it. */
export function institutionRisk(scope: DataScope, institutionId: string): Promise<InstitutionRisk | null> {
  return inScope(scope, async (db) => {
    const institution = await db.institution.findUnique({
      where: { id: institutionId },
      select: {
        id: true,
        name: true,
        authorityId: true,
        riskAssessmentId: true,
        authority: { select: { name: true, nameEn: true } },
      },
    });
    if (!institution) return null;
    const settings = await resolveSettingsFor(institution.authorityId, new Date(), db);
    const latest = institution.riskAssessmentId
      ? await db.riskAssessment.findUnique({ where: { id: institution.riskAssessmentId } })
      : null;
    const history = await db.riskAssessment.findMany({
      where: { institutionId },
      orderBy: { assessedAt: "desc" },
      take: 90,
      select: { assessedAt: true, score: true, level: true },
    });
    return {
      institution: {
        id: institution.id,
        name: institution.name,
        districtName: institution.authority.name,
        districtNameEn: institution.authority.nameEn,
      },
      latest: latest
        ? {
            score: latest.score,
            level: latest.level,
            grade: latest.creditGrade as CreditGrade,
            likelihood: latest.likelihood,
            magnitude: latest.magnitude,
            modelVersion: latest.modelVersion,
            assessedAt: latest.assessedAt.toISOString(),
            factors: latest.factors as unknown as RiskFactor[],
          }
        : null,
      history: history
        .reverse()
        .map((h) => ({ assessedAt: h.assessedAt.toISOString(), score: h.score, level: h.level })),
      thresholds: [
        { value: settings.get("RISK.mediumThreshold"), level: "MEDIUM" },
        { value: settings.get("RISK.highThreshold"), level: "HIGH" },
        { value: settings.get("RISK.criticalThreshold"), level: "CRITICAL" },
      ],
    };
  });
}
