import { FEE_CASES } from "./cases/fee.cases";
import { describeRuleCases } from "./cases/rule-case";

describeRuleCases("FEE", FEE_CASES);
