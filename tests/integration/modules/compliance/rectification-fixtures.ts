import type { PrismaClient } from "~/generated/prisma/client.ts";
import type { DataScope } from "~/lib/db-scope.server";
import { addDays, todayInChina } from "~/modules/compliance/rectification-deadline";
import type { RegulatorScope } from "~/modules/compliance/rectification-record.server";
import type { ActingScope } from "~/modules/registry/filing.server";
import { stableId } from "../../../../prisma/seed/stable-id";

/**
 * Set-up of the rectification tests: compliance reports and findings written directly as the
 * owner (the evaluation service is tested on its own), the demo's people and institutions, and
 * the scopes they act in.
 */
export const authorityId = (code: string) => stableId("authority", code);
export const userId = (email: string) => stableId("user", email);

export const XIHU_SWIM = stableId("institution", "xihu-swim");
export const YINZHOU_FOOTBALL = stableId("institution", "yinzhou-football");

export const PEOPLE = {
  platformAdmin: userId("admin@tipei.example"),
  zhejiangAdmin: userId("zhejiang.admin@tipei.example"),
  hangzhouAdmin: userId("hangzhou.admin@tipei.example"),
  xihuInspector: userId("xihu.inspector@tipei.example"),
  ningboAdmin: userId("ningbo.admin@tipei.example"),
  yinzhouInspector: userId("yinzhou.inspector@tipei.example"),
  swimAdmin: userId("xihu.swim@tipei.example"),
  swimStaff: userId("xihu.swim.staff@tipei.example"),
  footballAdmin: userId("yinzhou.football@tipei.example"),
  parent: userId("parent@tipei.example"),
} as const;

export function regulator(user: string, authorityCode: string): RegulatorScope {
  return { userId: user, authorityId: authorityId(authorityCode), platform: false };
}

export function member(user: string): ActingScope {
  return { userId: user, authorityId: null, platform: false };
}

export const SYSTEM: DataScope = { userId: null, authorityId: null, platform: true };

/** A deadline `days` days after today in China. */
export function deadlineIn(days: number, now = new Date()): string {
  return addDays(todayInChina(now), days);
}

export type FindingSpec = {
  rule: string;
  outcome?: "PASS" | "FAIL" | "WARNING" | "NOT_APPLICABLE";
  severity?: "CRITICAL" | "MAJOR" | "MINOR";
  label?: string | null;
  evidence?: unknown;
};

let serial = 0;

/** A report on the approved content, evaluated `minutesAgo` ago, with its findings; answers the finding ids. */
export async function giveReport(
  owner: PrismaClient,
  institutionId: string,
  findings: FindingSpec[],
  options: { subject?: "APPROVED" | "DRAFT"; minutesAgo?: number } = {},
): Promise<{ reportId: string; findingIds: string[] }> {
  serial += 1;
  const institution = await owner.institution.findUniqueOrThrow({ where: { id: institutionId } });
  const report = await owner.complianceReport.create({
    data: {
      institutionId,
      authorityId: institution.authorityId,
      evaluatedAt: new Date(Date.now() - (options.minutesAgo ?? 0) * 60_000 - serial),
      asOf: new Date(`${todayInChina(new Date())}T00:00:00Z`),
      standardsVersion: "2026.11",
      trigger: "manual",
      subject: options.subject ?? "APPROVED",
      grade: findings.some((f) => (f.outcome ?? "FAIL") === "FAIL") ? "D" : "A",
      failCount: findings.filter((f) => (f.outcome ?? "FAIL") === "FAIL").length,
      warningCount: findings.filter((f) => f.outcome === "WARNING").length,
      parameters: {},
    },
  });
  const findingIds: string[] = [];
  for (const [i, f] of findings.entries()) {
    const row = await owner.complianceFinding.create({
      data: {
        reportId: report.id,
        institutionId,
        authorityId: institution.authorityId,
        ruleCode: f.rule,
        outcome: f.outcome ?? "FAIL",
        severity: f.severity ?? "MAJOR",
        entityType: f.label === null ? "institution" : "venue",
        entityId: f.label === null ? null : `venue-${i}`,
        entityLabel: f.label === undefined ? `场地 ${i + 1}` : f.label,
        evidence: (f.evidence ?? {
          key: "compliance.evidence.test",
          values: { area: 120, trainees: 30, perTrainee: 4, minimum: 5 },
        }) as object,
      },
    });
    findingIds.push(row.id);
  }
  return { reportId: report.id, findingIds };
}

/** Everything a step writes, counted: a refused step must leave all of it unchanged. */
export async function writeCounts(owner: PrismaClient) {
  return {
    orders: await owner.rectificationOrder.count(),
    items: await owner.rectificationItem.count(),
    responses: await owner.rectificationResponse.count(),
    events: await owner.rectificationEvent.count(),
    signals: await owner.riskSignal.count(),
    files: await owner.storedFile.count(),
    audit: await owner.auditEvent.count({ where: { action: { startsWith: "compliance.rectification." } } }),
    emails: await owner.emailOutbox.count({ where: { kind: { startsWith: "rectification." } } }),
    statuses: (await owner.rectificationOrder.findMany({ select: { id: true, status: true }, orderBy: { id: "asc" } }))
      .map((o) => `${o.id}:${o.status}`)
      .join(","),
  };
}

/** Moves an order's deadline into the past (as if it had been issued long ago). */
export async function deadlinePassed(owner: PrismaClient, orderId: string, daysAgo = 1): Promise<void> {
  await owner.rectificationOrder.update({
    where: { id: orderId },
    data: { deadline: new Date(`${deadlineIn(-daysAgo)}T00:00:00Z`) },
  });
}
