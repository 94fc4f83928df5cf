import type { Finding } from "./finding";
import { SEVERITY } from "./severity";

export const GRADES = ["A", "B", "C", "D", "E"] as const;
export type Grade = (typeof GRADES)[number];

/** The grade filter of the compliance lists: a grade, or "not graded yet". Shared with the browser. */
export const GRADE_FILTERS = [...GRADES, "NONE"] as const;
export type GradeFilter = (typeof GRADE_FILTERS)[number];

/** Points a failure costs by severity (a warning costs a fifth); the grade bands are below. */
const FAIL_POINTS = { CRITICAL: 40, MAJOR: 15, MINOR: 5 } as const;
const WARNING_SHARE = 0.2;

/**
 * The credit grade of a set of findings (Beijing grades A–E on 1000 points; we grade by what
 * fails): A nothing failed; B minor trouble; C one major rule missed; D several, or one
 * critical; E critical failures on more than one rule. Failing the same rule for several venues
 * counts that rule once, at its worst.
 */
export function gradeOf(findings: readonly Finding[]): Grade {
  const lost = new Map<string, number>();
  for (const f of findings) {
    if (f.outcome !== "FAIL" && f.outcome !== "WARNING") continue;
    const points = FAIL_POINTS[SEVERITY[f.rule]] * (f.outcome === "FAIL" ? 1 : WARNING_SHARE);
    lost.set(f.rule, Math.max(lost.get(f.rule) ?? 0, points));
  }
  const total = [...lost.values()].reduce((a, b) => a + b, 0);
  const criticalFails = new Set(
    findings.filter((f) => f.outcome === "FAIL" && SEVERITY[f.rule] === "CRITICAL").map((f) => f.rule),
  );
  if (criticalFails.size > 1 || total >= 80) return "E";
  if (criticalFails.size === 1 || total >= 30) return "D";
  if (total >= 15) return "C";
  if (total > 0) return "B";
  return "A";
}
