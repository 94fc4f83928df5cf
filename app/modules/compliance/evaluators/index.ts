import type { EvaluatorTable } from "../evaluator";
import { FEE_EVALUATORS } from "./fee";
import { HRS_EVALUATORS } from "./high-risk";
import { REG_EVALUATORS } from "./registration";
import { SCH_EVALUATORS } from "./schedule";
import { STF_EVALUATORS } from "./staff";
import { VEN_EVALUATORS } from "./venue";

/**
 * One evaluator per rule code of STANDARDS.md, by family. The type makes a missing code a
 * compile error; tests/unit/modules/compliance/coverage.test.ts checks STANDARDS.md itself.
 */
export const EVALUATORS: EvaluatorTable = {
  ...FEE_EVALUATORS,
  ...SCH_EVALUATORS,
  ...VEN_EVALUATORS,
  ...STF_EVALUATORS,
  ...HRS_EVALUATORS,
  ...REG_EVALUATORS,
};
