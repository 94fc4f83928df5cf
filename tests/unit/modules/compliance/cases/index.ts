import { FEE_CASES } from "./fee.cases";
import { HRS_CASES } from "./high-risk.cases";
import { REG_CASES } from "./registration.cases";
import type { RuleCase } from "./rule-case";
import { SCH_CASES } from "./schedule.cases";
import { STF_CASES } from "./staff.cases";
import { VEN_CASES } from "./venue.cases";

/** Every table-driven case, by family: the coverage test reads this to know which rules are tested. */
export const RULE_CASES: Record<string, readonly RuleCase[]> = {
  FEE: FEE_CASES,
  SCH: SCH_CASES,
  VEN: VEN_CASES,
  STF: STF_CASES,
  HRS: HRS_CASES,
  REG: REG_CASES,
};
