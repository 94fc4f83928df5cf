import type { Severity } from "./finding";
import type { StandardCode } from "./standard-codes";

/**
 * How much a failed rule weighs in the grade. Critical: a child's safety or parents' money is
 * at stake now; major: a standard of the setting is missed; minor: paperwork or a practice rule.
 */
export const SEVERITY: Record<StandardCode, Severity> = {
  "FEE-01": "MAJOR",
  "FEE-02": "MAJOR",
  "FEE-03": "MAJOR",
  "FEE-04": "CRITICAL",
  "FEE-05": "CRITICAL",
  "FEE-06": "MAJOR",
  "FEE-07": "MAJOR",
  "FEE-08": "MINOR",
  "SCH-01": "MAJOR",
  "SCH-02": "MAJOR",
  "SCH-03": "MAJOR",
  "SCH-04": "MINOR",
  "VEN-01": "MAJOR",
  "VEN-02": "CRITICAL",
  "VEN-03": "MAJOR",
  "VEN-04": "CRITICAL",
  "VEN-05": "MAJOR",
  "VEN-06": "MINOR",
  "STF-01": "MAJOR",
  "STF-02": "MAJOR",
  "STF-03": "CRITICAL",
  "STF-04": "MINOR",
  "STF-05": "MINOR",
  "STF-06": "CRITICAL",
  "STF-07": "MINOR",
  "STF-08": "MAJOR",
  "HRS-01": "CRITICAL",
  "HRS-02": "CRITICAL",
  "HRS-03": "MAJOR",
  "HRS-04": "CRITICAL",
  "HRS-05": "CRITICAL",
  "HRS-06": "CRITICAL",
  "REG-01": "CRITICAL",
  "REG-02": "MAJOR",
  "REG-03": "MAJOR",
  "REG-04": "MINOR",
};
