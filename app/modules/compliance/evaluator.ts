import type { ResolvedSettings } from "~/modules/tenancy/resolve-settings";
import type { Finding } from "./finding";
import type { InstitutionSnapshot } from "./snapshot";
import type { StandardCode } from "./standard-codes";

/**
 * One rule of STANDARDS.md: given an institution and the parameters in force for its authority
 * on the snapshot's day, the findings for every entity the rule concerns. A rule switched off
 * (settings.isRuleOn) answers a single NOT_APPLICABLE finding; so does a rule that does not
 * concern this institution (e.g. HRS-* without high-risk sports).
 */
export type Evaluator = (snapshot: InstitutionSnapshot, settings: ResolvedSettings) => Finding[];
export type EvaluatorTable = Record<StandardCode, Evaluator>;
