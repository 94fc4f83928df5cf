import type { ResolvedSettings } from "~/modules/tenancy/resolve-settings";
import { EVALUATORS } from "./evaluators";
import type { Finding, Outcome } from "./finding";
import type { InstitutionSnapshot } from "./snapshot";
import { STANDARD_CODES, type StandardCode } from "./standard-codes";

/**
 * Every rule of the standards over one institution, in STANDARD_CODES order (FEE, SCH, VEN,
 * STF, HRS, REG), each rule's findings in its own order. Pure: the day is the snapshot's, the
 * parameters are those resolved for the authority on that day.
 */
export function evaluateSnapshot(snapshot: InstitutionSnapshot, settings: ResolvedSettings): Finding[] {
  return STANDARD_CODES.flatMap((code) => EVALUATORS[code](snapshot, settings));
}

/** Worst first: how one rule's findings sum up to one outcome. */
const RANK: Record<Outcome, number> = { FAIL: 3, WARNING: 2, PASS: 1, NOT_APPLICABLE: 0 };

/**
 * The outcome of one rule over all its findings: FAIL if any entity fails, else WARNING if any
 * warns, else PASS if any passes, else NOT_APPLICABLE (also when the rule has no finding).
 */
export function ruleOutcome(findings: readonly Finding[], rule: StandardCode): Outcome {
  let worst: Outcome = "NOT_APPLICABLE";
  for (const f of findings) if (f.rule === rule && RANK[f.outcome] > RANK[worst]) worst = f.outcome;
  return worst;
}
