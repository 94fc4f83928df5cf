import { describeRuleCases } from "./cases/rule-case";
import { VEN_CASES } from "./cases/venue.cases";

describeRuleCases("VEN", VEN_CASES);
