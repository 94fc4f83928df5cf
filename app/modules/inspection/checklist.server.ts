import type { Db } from "~/lib/db-scope.server";
import { STANDARD_CODES } from "~/modules/compliance/standard-codes";

/**
 * An inspection's checklist: one item per rule that applies to the institution — the rules of
 * its latest compliance report on its approved content, other than those found not applicable —
 * or every rule of the standards when it has never been evaluated. In the standards' order.
 */
export async function checklistRules(db: Db, institutionId: string): Promise<string[]> {
  const report = await db.complianceReport.findFirst({
    where: { institutionId, subject: "APPROVED" },
    orderBy: [{ evaluatedAt: "desc" }, { id: "desc" }],
    select: { id: true },
  });
  if (!report) return [...STANDARD_CODES];
  const findings = await db.complianceFinding.findMany({
    where: { reportId: report.id, outcome: { not: "NOT_APPLICABLE" } },
    select: { ruleCode: true },
    distinct: ["ruleCode"],
  });
  const applying = new Set(findings.map((f) => f.ruleCode));
  if (applying.size === 0) return [...STANDARD_CODES];
  const known = STANDARD_CODES.filter((code) => applying.has(code));
  const others = [...applying].filter((code) => !(STANDARD_CODES as readonly string[]).includes(code)).sort();
  return [...known, ...others];
}
