import { createHash } from "node:crypto";
import type { Prisma } from "~/generated/prisma/client.ts";
import { insertMissing } from "~/lib/bulk-insert.server";
import { addDays, isoDateInChina } from "~/lib/china-date";
import { type DataScope, type Db, inScope, unsafeAsSystem } from "~/lib/db-scope.server";
import type { TrackedRun } from "~/modules/operations/background-work.server";
import { draftContentSchema, isComplete, type RegistrationContent } from "~/modules/registry/content";
import { type RiskSignal, scoreRiskSoon } from "~/modules/risk/scoring-triggers.server";
import { resolveSettingsFor } from "~/modules/tenancy/settings.server";
import { evaluateSnapshot } from "./evaluate";
import type { Finding } from "./finding";
import { type Grade, gradeOf } from "./grade";
import { poolDaysFor } from "./pool-safety.server";
import { SEVERITY } from "./severity";
import { type InstitutionSnapshot, SAFETY_LOG_WINDOW_DAYS, STANDARDS_VERSION } from "./snapshot";

/**
 * Evaluates registered institutions against the standards and stores the reports. Reads are
 * batched (one query per table for a whole batch, parameters resolved once per authority), so a
 * nightly run over a province costs a few queries per hundred institutions, not one per rule.
 */
export type EvaluationTrigger = "approval" | "settings" | "nightly" | "manual";

/** Institutions per transaction (one read per table, three writes); `batchSize` may ask fewer. */
const BATCH = 200;
/** Registered institutions whose approved content is evaluated (a revoked or closed one no longer is). */
const EVALUATED_STATUSES = ["APPROVED", "SUSPENDED"] as const;

type InstitutionRow = {
  id: string;
  authorityId: string;
  approvedContent: Prisma.JsonValue;
  fundsSupervisionEnabled: boolean;
  registeredAt: Date | null;
  annualFilingDueOn: Date | null;
  complianceReportId: string | null;
  complianceOpenRules: string[];
  authority: { id: string; code: string; name: string };
};

/** HRS-01 fails when a high-risk sport's permit is no longer in force: the risk model's "expired permit" signal. */
const EXPIRED_PERMIT_RULE = "HRS-01";

const dateOnly = (d: Date | null) => (d ? d.toISOString().slice(0, 10) : null);

function snapshotOf(
  row: Omit<InstitutionRow, "complianceOpenRules">,
  content: RegistrationContent,
  asOf: string,
  poolDays: InstitutionSnapshot["poolDays"],
): InstitutionSnapshot {
  return {
    institutionId: row.id,
    authority: row.authority,
    asOf,
    content,
    fundsSupervisionEnabled: row.fundsSupervisionEnabled,
    registeredOn: dateOnly(row.registeredAt),
    annualFilingDueOn: dateOnly(row.annualFilingDueOn),
    poolDays,
  };
}

/** A report is stored only when something changed: the same findings on the same parameters are one report. */
function fingerprint(findings: readonly Finding[], parameters: unknown): string {
  const lines = findings.map((f) => JSON.stringify([f.rule, f.outcome, f.entity.type, f.entity.id, f.evidence])).sort();
  return createHash("sha256")
    .update(JSON.stringify([STANDARDS_VERSION, parameters, lines]))
    .digest("hex");
}

export type EvaluationSummary = { evaluated: number; reportsWritten: number; grades: Record<Grade, number> };

/**
 * Called in each batch's transaction once the batch is written: how many of the ids are finished
 * and the last of them. What it records commits (or rolls back) with the batch.
 */
export type BatchFinished = (db: Db, progress: { finished: number; lastId: string }) => Promise<void>;

/** Evaluates these institutions (registered ones only) as of `asOf`, writing what changed. */
export async function evaluateInstitutions(
  institutionIds: readonly string[],
  options: { trigger: EvaluationTrigger; asOf?: string; onBatch?: BatchFinished; batchSize?: number },
): Promise<EvaluationSummary> {
  const asOf = options.asOf ?? isoDateInChina();
  const size = Math.max(1, options.batchSize ?? BATCH);
  const summary: EvaluationSummary = { evaluated: 0, reportsWritten: 0, grades: { A: 0, B: 0, C: 0, D: 0, E: 0 } };
  for (let i = 0; i < institutionIds.length; i += size) {
    const batch = institutionIds.slice(i, i + size);
    await unsafeAsSystem(
      async (db) => {
        await evaluateBatch(db, batch, asOf, options.trigger, summary);
        await options.onBatch?.(db, { finished: i + batch.length, lastId: batch[batch.length - 1] ?? "" });
      },
      { timeout: 120_000 },
    );
  }
  return summary;
}

async function evaluateBatch(
  db: Db,
  ids: readonly string[],
  asOf: string,
  trigger: EvaluationTrigger,
  summary: EvaluationSummary,
) {
  const rows: InstitutionRow[] = await db.institution.findMany({
    where: { id: { in: [...ids] }, status: { in: [...EVALUATED_STATUSES] } },
    select: {
      id: true,
      authorityId: true,
      approvedContent: true,
      fundsSupervisionEnabled: true,
      registeredAt: true,
      annualFilingDueOn: true,
      complianceReportId: true,
      complianceOpenRules: true,
      authority: { select: { id: true, code: true, name: true } },
    },
  });
  if (rows.length === 0) return;
  const poolDays = await poolDaysFor(
    db,
    rows.map((r) => r.id),
    addDays(asOf, -SAFETY_LOG_WINDOW_DAYS),
    addDays(asOf, -1),
  );
  const previous = await db.complianceReport.findMany({
    where: { id: { in: rows.map((r) => r.complianceReportId).filter((id): id is string => id !== null) } },
    select: { id: true, parameters: true },
  });
  const previousFingerprint = new Map(
    previous.map((p) => [p.id, (p.parameters as { fingerprint?: string }).fingerprint]),
  );
  const settingsByAuthority = new Map<string, Awaited<ReturnType<typeof resolveSettingsFor>>>();

  const reports: Prisma.ComplianceReportCreateManyInput[] = [];
  const latest: { id: string; grade: Grade; reportId: string; openRules: string[] }[] = [];
  const findings: Prisma.ComplianceFindingCreateManyInput[] = [];
  const riskSignals: { institutionId: string; signal: RiskSignal }[] = [];
  const now = new Date();
  for (const row of rows) {
    const parsed = draftContentSchema.safeParse(row.approvedContent);
    if (!parsed.success || !isComplete(parsed.data)) continue;
    let settings = settingsByAuthority.get(row.authorityId);
    if (!settings) {
      settings = await resolveSettingsFor(row.authorityId, asOf, db);
      settingsByAuthority.set(row.authorityId, settings);
    }
    const result = evaluateSnapshot(snapshotOf(row, parsed.data, asOf, poolDays.get(row.id) ?? []), settings);
    const grade = gradeOf(result);
    const openRules = [...new Set(result.filter((f) => f.outcome === "FAIL").map((f) => f.rule))].sort();
    summary.evaluated += 1;
    summary.grades[grade] += 1;
    const newlyFailing = openRules.filter((rule) => !row.complianceOpenRules.includes(rule));
    if (newlyFailing.length > 0) {
      riskSignals.push({
        institutionId: row.id,
        signal: newlyFailing.includes(EXPIRED_PERMIT_RULE) ? "expiredPermit" : "failedFinding",
      });
    }
    const print = fingerprint(result, settings.toJSON().parameters);
    if (row.complianceReportId && previousFingerprint.get(row.complianceReportId) === print) {
      latest.push({ id: row.id, grade, reportId: row.complianceReportId, openRules });
      continue;
    }
    const reportId = crypto.randomUUID();
    reports.push({
      id: reportId,
      institutionId: row.id,
      authorityId: row.authorityId,
      evaluatedAt: now,
      asOf: new Date(`${asOf}T00:00:00Z`),
      standardsVersion: STANDARDS_VERSION,
      trigger,
      subject: "APPROVED",
      grade,
      failCount: result.filter((f) => f.outcome === "FAIL").length,
      warningCount: result.filter((f) => f.outcome === "WARNING").length,
      parameters: { fingerprint: print, ...settings.toJSON() } as Prisma.InputJsonValue,
    });
    for (const f of result) {
      findings.push({
        reportId,
        institutionId: row.id,
        authorityId: row.authorityId,
        ruleCode: f.rule,
        outcome: f.outcome,
        severity: SEVERITY[f.rule],
        entityType: f.entity.type,
        entityId: f.entity.id,
        entityLabel: f.entity.label?.slice(0, 200) ?? null,
        evidence: f.evidence as Prisma.InputJsonValue,
      });
    }
    latest.push({ id: row.id, grade, reportId, openRules });
  }
  // Three statements for the whole batch, whatever its size.
  await insertMissing(db, "compliance_report", reports);
  await insertMissing(db, "compliance_finding", findings);
  summary.reportsWritten += reports.length;
  if (latest.length > 0) {
    const values = latest.map((l) => ({ id: l.id, grade: l.grade, report_id: l.reportId, open_rules: l.openRules }));
    await db.$executeRaw`
      UPDATE institution i SET compliance_grade = v.grade, compliance_report_id = v.report_id,
             compliance_open_rules = v.open_rules, compliance_evaluated_at = ${now}
        FROM jsonb_to_recordset(${JSON.stringify(values)}::jsonb) AS v(id uuid, grade char(1), report_id uuid, open_rules text[])
       WHERE i.id = v.id`;
  }
  // A rule that starts failing (a permit that expired overnight, a certificate, a new filing's
  // gap) re-scores the institution's risk now rather than at the next nightly scoring.
  for (const { institutionId, signal } of riskSignals) await scoreRiskSoon(db, institutionId, signal);
}

/**
 * Every registered institution of an authority and its descendants, in batches. With a tracked
 * `run` (the job's; see background-work.server.ts) each batch records how many are finished in its
 * own transaction, and an attempt after a failure goes on after the last finished institution
 * (ids are taken in order) instead of starting again.
 */
export async function evaluateJurisdiction(
  authorityId: string,
  options: { trigger: EvaluationTrigger; asOf?: string; run?: TrackedRun; batchSize?: number },
) {
  const { run, ...rest } = options;
  const resumeAfter = run?.resumeAfter ?? null;
  const ids = await inScope({ userId: null, authorityId, platform: false }, (db) =>
    db.institution.findMany({
      where: { status: { in: [...EVALUATED_STATUSES] }, ...(resumeAfter ? { id: { gt: resumeAfter } } : {}) },
      select: { id: true },
      orderBy: { id: "asc" },
    }),
  );
  const institutionIds = ids.map((r) => r.id);
  if (!run) return evaluateInstitutions(institutionIds, rest);
  const before = resumeAfter ? run.done : 0;
  const total = before + institutionIds.length;
  await unsafeAsSystem((db) => run.record(db, { done: before, total }));
  return evaluateInstitutions(institutionIds, {
    ...rest,
    onBatch: (db, { finished, lastId }) => run.record(db, { done: before + finished, total, resumeAfter: lastId }),
  });
}

export type Precheck = { complete: boolean; grade: Grade | null; findings: Finding[] };

const PRECHECK_SELECT = {
  id: true,
  authorityId: true,
  approvedContent: true,
  fundsSupervisionEnabled: true,
  registeredAt: true,
  annualFilingDueOn: true,
  complianceReportId: true,
  authority: { select: { id: true, code: true, name: true } },
} as const;

/**
 * A content evaluated as if it were approved today, nothing stored: the applicant's pre-check of
 * a draft, and the reviewer's view of a submitted snapshot. Safety logs do not exist before
 * approval, so the pool-day rules answer "not applicable yet".
 */
export async function evaluateContentNow(db: Db, institutionId: string, content: unknown): Promise<Precheck> {
  const parsed = draftContentSchema.safeParse(content);
  if (!parsed.success || !isComplete(parsed.data)) return { complete: false, grade: null, findings: [] };
  const institution = await db.institution.findUnique({ where: { id: institutionId }, select: PRECHECK_SELECT });
  if (!institution) return { complete: false, grade: null, findings: [] };
  const asOf = isoDateInChina();
  const settings = await resolveSettingsFor(institution.authorityId, asOf, db);
  const findings = evaluateSnapshot(snapshotOf(institution, parsed.data, asOf, null), settings);
  return { complete: true, grade: gradeOf(findings), findings };
}

/** The pre-check an applicant sees before submitting. */
export async function evaluateDraftForPrecheck(scope: DataScope, filingId: string): Promise<Precheck> {
  return inScope(scope, async (db) => {
    const filing = await db.filing.findUnique({
      where: { id: filingId },
      select: { draft: true, institutionId: true },
    });
    if (!filing) return { complete: false, grade: null, findings: [] };
    return evaluateContentNow(db, filing.institutionId, filing.draft);
  });
}
