import { describeRuleCases } from "./cases/rule-case";
import { STF_CASES } from "./cases/staff.cases";

describeRuleCases("STF", STF_CASES);
