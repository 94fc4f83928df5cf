import { REG_CASES } from "./cases/registration.cases";
import { describeRuleCases } from "./cases/rule-case";

describeRuleCases("REG", REG_CASES);
