import { RULE_CODES, type RuleCode } from "~/modules/tenancy/parameters";

/** The rules of STANDARDS.md (the settings catalog also groups escrow and warning parameters). */
export type StandardCode = Exclude<RuleCode, "ESCROW" | "WARN" | "RISK" | "INSPECT" | "DRAW">;

export const STANDARD_CODES = RULE_CODES.filter((c): c is StandardCode => /^[A-Z]{3}-\d{2}$/.test(c));
