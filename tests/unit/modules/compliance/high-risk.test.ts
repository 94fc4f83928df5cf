import { HRS_CASES } from "./cases/high-risk.cases";
import { describeRuleCases } from "./cases/rule-case";

describeRuleCases("HRS", HRS_CASES);
