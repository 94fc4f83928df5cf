import type { PrismaClient } from "~/generated/prisma/client.ts";
import type { Evidence, Outcome, Severity } from "~/modules/compliance/finding";
import type { Grade } from "~/modules/compliance/grade";
import { SEVERITY } from "~/modules/compliance/severity";
import type { StandardCode } from "~/modules/compliance/standard-codes";
import { stableId } from "../../../../prisma/seed/stable-id";

/**
 * Set-up of the compliance screens' tests: registered institutions written directly as the owner,
 * and reports with findings inserted as the evaluation would store them (the evaluation itself is
 * tested with its service).
 */
export const authorityId = (code: string) => stableId("authority", code);

let serial = 0;

export async function registeredInstitution(
  owner: PrismaClient,
  districtCode: string,
  name: string,
  status: "APPROVED" | "SUSPENDED" | "REVOKED" = "APPROVED",
): Promise<string> {
  serial += 1;
  const institution = await owner.institution.create({
    data: {
      authorityId: authorityId(districtCode),
      name,
      status,
      registrationNo: `${districtCode}-2026-${String(9000 + serial).padStart(4, "0")}`,
      registeredAt: new Date("2026-10-01T02:00:00Z"),
      approvedAt: new Date("2026-10-01T02:00:00Z"),
    },
  });
  return institution.id;
}

export type FindingSpec = {
  rule: StandardCode | string;
  outcome: Outcome;
  severity?: Severity;
  entity?: { type: string; id?: string | null; label?: string | null };
  evidence?: Evidence | unknown;
};

/** A report of approved content with its findings, made the institution's latest. */
export async function giveReport(
  owner: PrismaClient,
  institutionId: string,
  grade: Grade,
  findings: FindingSpec[],
  options: { evaluatedAt?: Date; parameters?: unknown; trigger?: string } = {},
): Promise<string> {
  const institution = await owner.institution.findUniqueOrThrow({ where: { id: institutionId } });
  const evaluatedAt = options.evaluatedAt ?? new Date("2026-11-20T16:30:00Z");
  const report = await owner.complianceReport.create({
    data: {
      institutionId,
      authorityId: institution.authorityId,
      evaluatedAt,
      asOf: new Date("2026-11-21T00:00:00Z"),
      standardsVersion: "2026.11",
      trigger: options.trigger ?? "nightly",
      subject: "APPROVED",
      grade,
      failCount: findings.filter((f) => f.outcome === "FAIL").length,
      warningCount: findings.filter((f) => f.outcome === "WARNING").length,
      parameters: (options.parameters ?? { date: "2026-11-21", parameters: [] }) as object,
    },
  });
  if (findings.length > 0) {
    await owner.complianceFinding.createMany({
      data: findings.map((f) => ({
        reportId: report.id,
        institutionId,
        authorityId: institution.authorityId,
        ruleCode: f.rule,
        outcome: f.outcome,
        severity: f.severity ?? SEVERITY[f.rule as StandardCode] ?? "MINOR",
        entityType: f.entity?.type ?? "institution",
        entityId: f.entity?.id ?? null,
        entityLabel: f.entity?.label ?? null,
        evidence: (f.evidence ?? { key: "compliance.evidence.test.unknown", values: {} }) as object,
      })),
    });
  }
  await owner.institution.update({
    where: { id: institutionId },
    data: { complianceGrade: grade, complianceReportId: report.id, complianceEvaluatedAt: evaluatedAt },
  });
  return report.id;
}

export const fail = (
  rule: StandardCode,
  label: string | null = null,
  values: Evidence["values"] = {},
): FindingSpec => ({
  rule,
  outcome: "FAIL",
  entity: label ? { type: "venue", id: label, label } : undefined,
  evidence: { key: "compliance.evidence.screens-test.not-in-catalog", values },
});
export const pass = (rule: StandardCode): FindingSpec => ({ rule, outcome: "PASS" });
