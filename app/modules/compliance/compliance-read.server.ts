import { z } from "zod";
import { Prisma } from "~/generated/prisma/client.ts";
import { type DataScope, type Db, inScope } from "~/lib/db-scope.server";
import type { InstitutionStatusName } from "~/modules/registry/institution-status";
import { OUTCOMES, type Outcome, SEVERITIES, type Severity } from "./finding";
import { GRADE_FILTERS, GRADES, type Grade, type GradeFilter } from "./grade";
import { STANDARD_CODES, type StandardCode } from "./standard-codes";
import { parseEvidence, parseUsedParameters, type StoredFinding, type UsedParameter } from "./stored-report";

export type { StoredFinding, UsedParameter };

/**
 * What the compliance screens read: one institution's latest report with its findings, and the
 * institutions of a jurisdiction by grade and by failing rule. Every query runs in the caller's
 * scope (row-level security) and, for regulators, also names the jurisdiction
 * (`tipei_visible_authority_ids()`), so the code does not lean on the database alone. Lists are
 * one set-based query each, paginated; the findings of a page are aggregated in the same query.
 */

/** Institutions whose compliance is watched: registered and not revoked or closed (as evaluation.server.ts). */
const SUPERVISED_STATUSES = ["APPROVED", "SUSPENDED"] as const;
export const COMPLIANCE_PAGE_SIZE = 25;
/** A CSV export takes every row of the filter, up to this many (a province has a few thousand). */
export const CSV_MAX_ROWS = 50_000;

// ——— The query of the list (GET form) ———

/** "NONE": supervised institutions not graded yet. */

const blankAsMissing = (value: unknown) => (typeof value === "string" && value.trim() === "" ? undefined : value);

export const complianceListQuerySchema = z.object({
  grade: z.preprocess(blankAsMissing, z.enum(GRADE_FILTERS, "validation.invalid").optional()),
  rule: z.preprocess(
    blankAsMissing,
    z.enum(STANDARD_CODES as [StandardCode, ...StandardCode[]], "validation.invalid").optional(),
  ),
  district: z.preprocess(blankAsMissing, z.uuid("validation.invalid").optional()),
  page: z.preprocess(
    blankAsMissing,
    z.coerce
      .number("validation.invalid")
      .int("validation.invalid")
      .min(1, "validation.invalid")
      .max(100_000)
      .default(1),
  ),
});
export type ComplianceListQuery = z.infer<typeof complianceListQuerySchema>;
export type ComplianceFilters = Omit<ComplianceListQuery, "page">;

// ——— Jurisdiction lists ———

export type District = { id: string; name: string; nameEn: string };

export type ComplianceListRow = {
  id: string;
  name: string;
  registrationNo: string | null;
  district: { name: string; nameEn: string };
  grade: Grade | null;
  evaluatedAt: string | null;
  /** Codes of the rules the latest report failed, in code order. */
  failingRules: string[];
  /** How many rules only warned. */
  warningRules: number;
};

export type GradeCount = { grade: Grade | null; count: number };
export type RuleCount = { rule: StandardCode; institutions: number };

export type ComplianceListPage = {
  rows: ComplianceListRow[];
  total: number;
  page: number;
  pageCount: number;
  /** Per grade (A–E, then null: not graded yet), under the district and rule filters but not the grade filter. */
  gradeCounts: GradeCount[];
  /** Per failing rule, how many institutions fail it (under the district filter). */
  ruleCounts: RuleCount[];
  districts: District[];
};

type Filters = { district?: string; rule?: StandardCode; grade?: GradeFilter };

/** The supervised institutions of the acting jurisdiction, by district and failing rule (not by grade). */
function supervisedWhere(filters: Filters, withRule: boolean): Prisma.Sql {
  const parts = [
    Prisma.sql`i.authority_id IN (SELECT tipei_visible_authority_ids())`,
    Prisma.sql`i.status::text IN (${Prisma.join(SUPERVISED_STATUSES)})`,
  ];
  if (filters.district) parts.push(Prisma.sql`i.authority_id = ${filters.district}::uuid`);
  if (withRule && filters.rule) {
    parts.push(Prisma.sql`EXISTS (SELECT 1 FROM compliance_finding f
      WHERE f.report_id = i.compliance_report_id AND f.rule_code = ${filters.rule} AND f.outcome = 'FAIL')`);
  }
  return Prisma.join(parts, " AND ");
}

function gradeWhere(grade: GradeFilter | undefined): Prisma.Sql {
  if (!grade) return Prisma.sql`TRUE`;
  if (grade === "NONE") return Prisma.sql`i.compliance_grade IS NULL`;
  return Prisma.sql`i.compliance_grade = ${grade}`;
}

type ListRowSql = {
  id: string;
  name: string;
  registration_no: string | null;
  district_name: string;
  district_name_en: string;
  grade: string | null;
  evaluated_at: Date | null;
  failing_rules: string[] | null;
  warning_rules: number | null;
};

export const isGrade = (value: unknown): value is Grade => (GRADES as readonly unknown[]).includes(value);

/**
 * The rows of a filter, worst grade first (E … A, then not graded), by name. The page's rows are
 * picked first and only their reports' findings aggregated, so a page costs the same in a province.
 */
async function listRows(db: Db, filters: Filters, limit: number, offset: number): Promise<ComplianceListRow[]> {
  const rows = await db.$queryRaw<ListRowSql[]>`
    WITH picked AS (
      SELECT i.id, i.name, i.registration_no, i.authority_id, i.compliance_grade, i.compliance_evaluated_at,
             i.compliance_report_id
        FROM institution i
       WHERE ${supervisedWhere(filters, true)} AND ${gradeWhere(filters.grade)}
       ORDER BY i.compliance_grade DESC NULLS LAST, i.name, i.id
       LIMIT ${limit} OFFSET ${offset}
    )
    SELECT p.id::text AS id, p.name, p.registration_no, a.name AS district_name, a.name_en AS district_name_en,
           p.compliance_grade AS grade, p.compliance_evaluated_at AS evaluated_at,
           fr.failing_rules, fr.warning_rules::int AS warning_rules
      FROM picked p
      JOIN authority a ON a.id = p.authority_id
      LEFT JOIN LATERAL (
        SELECT array_agg(DISTINCT f.rule_code ORDER BY f.rule_code) FILTER (WHERE f.outcome = 'FAIL') AS failing_rules,
               count(DISTINCT f.rule_code) FILTER (WHERE f.outcome = 'WARNING') AS warning_rules
          FROM compliance_finding f
         WHERE f.report_id = p.compliance_report_id
      ) fr ON TRUE
     ORDER BY p.compliance_grade DESC NULLS LAST, p.name, p.id`;
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    registrationNo: r.registration_no,
    district: { name: r.district_name, nameEn: r.district_name_en },
    grade: isGrade(r.grade) ? r.grade : null,
    evaluatedAt: r.evaluated_at?.toISOString() ?? null,
    failingRules: r.failing_rules ?? [],
    warningRules: r.warning_rules ?? 0,
  }));
}

async function gradeCountsOf(db: Db, filters: Filters): Promise<GradeCount[]> {
  const rows = await db.$queryRaw<{ grade: string | null; count: number }[]>`
    SELECT i.compliance_grade AS grade, count(*)::int AS count
      FROM institution i
     WHERE ${supervisedWhere(filters, true)}
     GROUP BY i.compliance_grade`;
  const byGrade = new Map(rows.map((r) => [isGrade(r.grade) ? r.grade : null, r.count]));
  return [...GRADES, null].map((grade) => ({ grade, count: byGrade.get(grade) ?? 0 }));
}

async function ruleCountsOf(db: Db, filters: Filters): Promise<RuleCount[]> {
  const rows = await db.$queryRaw<{ rule: string; institutions: number }[]>`
    SELECT f.rule_code AS rule, count(DISTINCT i.id)::int AS institutions
      FROM institution i
      JOIN compliance_finding f ON f.report_id = i.compliance_report_id AND f.outcome = 'FAIL'
     WHERE ${supervisedWhere({ district: filters.district }, false)}
     GROUP BY f.rule_code`;
  const byRule = new Map(rows.map((r) => [r.rule, r.institutions]));
  return STANDARD_CODES.map((rule) => ({ rule, institutions: byRule.get(rule) ?? 0 }));
}

async function districtsOfJurisdiction(db: Db): Promise<District[]> {
  return db.$queryRaw<District[]>`
    SELECT a.id::text AS id, a.name, a.name_en AS "nameEn"
      FROM authority a
     WHERE a.id IN (SELECT tipei_visible_authority_ids()) AND a.level = 'DISTRICT'
     ORDER BY a.code`;
}

/** The institutions of the jurisdiction by grade, with counts per grade and per failing rule. */
export function listJurisdictionCompliance(scope: DataScope, query: ComplianceListQuery): Promise<ComplianceListPage> {
  return inScope(scope, async (db) => {
    const filters: Filters = { grade: query.grade, rule: query.rule, district: query.district };
    // One query at a time: a transaction's connection serves one statement at once.
    const gradeCounts = await gradeCountsOf(db, filters);
    const total = gradeCounts.filter((c) => matchesGrade(c.grade, filters.grade)).reduce((sum, c) => sum + c.count, 0);
    const pageCount = Math.max(1, Math.ceil(total / COMPLIANCE_PAGE_SIZE));
    const rows = await listRows(db, filters, COMPLIANCE_PAGE_SIZE, (query.page - 1) * COMPLIANCE_PAGE_SIZE);
    const ruleCounts = await ruleCountsOf(db, filters);
    const districts = await districtsOfJurisdiction(db);
    return { rows, total, page: query.page, pageCount, gradeCounts, ruleCounts, districts };
  });
}

function matchesGrade(grade: Grade | null, filter: GradeFilter | undefined): boolean {
  if (!filter) return true;
  return filter === "NONE" ? grade === null : grade === filter;
}

/** The institutions of the jurisdiction failing one rule (worst grade first), a page at a time. */
export function institutionsFailingRule(
  scope: DataScope,
  rule: StandardCode,
  page = 1,
): Promise<{ rows: ComplianceListRow[]; total: number }> {
  return inScope(scope, async (db) => {
    const [counted] = await db.$queryRaw<{ total: number }[]>`
      SELECT count(*)::int AS total FROM institution i WHERE ${supervisedWhere({ rule }, true)}`;
    const rows = await listRows(db, { rule }, COMPLIANCE_PAGE_SIZE, (page - 1) * COMPLIANCE_PAGE_SIZE);
    return { rows, total: counted?.total ?? 0 };
  });
}

/** Every row of a filter (all pages) for the CSV export; at most CSV_MAX_ROWS. */
export function complianceRowsForExport(scope: DataScope, filters: ComplianceFilters): Promise<ComplianceListRow[]> {
  return inScope(scope, (db) => listRows(db, filters, CSV_MAX_ROWS, 0));
}

/** How many supervised institutions of the jurisdiction fail each rule (for the standards browser). */
export function failingCountsByRule(scope: DataScope): Promise<RuleCount[]> {
  return inScope(scope, (db) => ruleCountsOf(db, {}));
}

// ——— One institution's latest report ———

export type ComplianceReportView = {
  id: string;
  grade: Grade;
  evaluatedAt: string;
  asOf: string;
  standardsVersion: string;
  trigger: string;
  failCount: number;
  warningCount: number;
  parameters: UsedParameter[];
  findings: StoredFinding[];
};

export type InstitutionCompliance = {
  institution: {
    id: string;
    name: string;
    status: InstitutionStatusName;
    registrationNo: string | null;
    district: { name: string; nameEn: string };
    grade: Grade | null;
    /** The last evaluation (a run that found nothing new keeps the report and moves this date). */
    evaluatedAt: string | null;
  };
  /** Null: no evaluation yet. */
  report: ComplianceReportView | null;
  /** Names of the authorities the report's parameters came from. */
  parameterSources: { id: string; name: string; nameEn: string }[];
};

const isOutcome = (v: string): v is Outcome => (OUTCOMES as readonly string[]).includes(v);
const isSeverity = (v: string): v is Severity => (SEVERITIES as readonly string[]).includes(v);

/**
 * An institution and its latest report of its approved content, with every finding. "regulator":
 * the institution must lie in the acting jurisdiction; "member": the scope is a member's (row-level
 * security shows only their own institutions). Null when the institution is not visible.
 */
export function latestComplianceOf(
  scope: DataScope,
  institutionId: string,
  as: "regulator" | "member",
): Promise<InstitutionCompliance | null> {
  if (!z.uuid().safeParse(institutionId).success) return Promise.resolve(null);
  const memberId = scope.userId;
  if (as === "member" && !memberId) return Promise.resolve(null);
  return inScope(scope, async (db) => {
    const institution = await db.institution.findFirst({
      where: {
        id: institutionId,
        ...(as === "regulator"
          ? { authorityId: { in: (await visibleAuthorityIds(db)).map((a) => a.id) } }
          : { memberships: { some: { userId: memberId ?? undefined } } }),
      },
      select: {
        id: true,
        name: true,
        status: true,
        registrationNo: true,
        complianceGrade: true,
        complianceReportId: true,
        complianceEvaluatedAt: true,
        authority: { select: { name: true, nameEn: true } },
      },
    });
    if (!institution) return null;
    const report = await latestReport(db, institution.id, institution.complianceReportId);
    const parameters = report ? parseUsedParameters(report.parameters) : [];
    const sourceIds = [
      ...new Set(parameters.flatMap((p) => (p.source.kind === "authority" ? [p.source.authorityId] : []))),
    ];
    const parameterSources =
      sourceIds.length === 0
        ? []
        : await db.authority.findMany({
            where: { id: { in: sourceIds.filter((id) => z.uuid().safeParse(id).success) } },
            select: { id: true, name: true, nameEn: true },
          });
    return {
      institution: {
        id: institution.id,
        name: institution.name,
        status: institution.status,
        registrationNo: institution.registrationNo,
        district: institution.authority,
        grade: isGrade(institution.complianceGrade) ? institution.complianceGrade : (report?.grade ?? null),
        evaluatedAt: (institution.complianceEvaluatedAt ?? report?.evaluatedAt)?.toISOString() ?? null,
      },
      report: report
        ? {
            id: report.id,
            grade: report.grade,
            evaluatedAt: report.evaluatedAt.toISOString(),
            asOf: report.asOf.toISOString().slice(0, 10),
            standardsVersion: report.standardsVersion,
            trigger: report.trigger,
            failCount: report.failCount,
            warningCount: report.warningCount,
            parameters,
            findings: report.findings,
          }
        : null,
      parameterSources,
    };
  });
}

function visibleAuthorityIds(db: Db): Promise<{ id: string }[]> {
  return db.$queryRaw<{ id: string }[]>`SELECT id::text AS id FROM tipei_visible_authority_ids() AS id`;
}

/** The report the institution points at; failing that, its newest report of approved content. */
async function latestReport(db: Db, institutionId: string, reportId: string | null) {
  const select = {
    id: true,
    grade: true,
    evaluatedAt: true,
    asOf: true,
    standardsVersion: true,
    trigger: true,
    failCount: true,
    warningCount: true,
    parameters: true,
    findings: {
      select: {
        id: true,
        ruleCode: true,
        outcome: true,
        severity: true,
        entityType: true,
        entityId: true,
        entityLabel: true,
        evidence: true,
      },
      orderBy: [{ ruleCode: "asc" }, { entityLabel: "asc" }, { id: "asc" }],
    },
  } satisfies Prisma.ComplianceReportSelect;
  const found =
    (reportId ? await db.complianceReport.findFirst({ where: { id: reportId, institutionId }, select }) : null) ??
    (await db.complianceReport.findFirst({
      where: { institutionId, subject: "APPROVED" },
      orderBy: { evaluatedAt: "desc" },
      select,
    }));
  if (!found || !isGrade(found.grade)) return null;
  return {
    ...found,
    grade: found.grade,
    findings: found.findings.flatMap((f): StoredFinding[] =>
      isOutcome(f.outcome) && isSeverity(f.severity)
        ? [
            {
              id: f.id,
              rule: f.ruleCode,
              outcome: f.outcome,
              severity: f.severity,
              entity: { type: f.entityType, id: f.entityId, label: f.entityLabel },
              evidence: parseEvidence(f.evidence),
            },
          ]
        : [],
    ),
  };
}
