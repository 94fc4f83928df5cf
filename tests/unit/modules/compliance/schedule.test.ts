import { describeRuleCases } from "./cases/rule-case";
import { SCH_CASES } from "./cases/schedule.cases";

describeRuleCases("SCH", SCH_CASES);
