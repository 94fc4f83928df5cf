import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { EVALUATORS } from "~/modules/compliance/evaluators";
import { SEVERITY } from "~/modules/compliance/severity";
import { STANDARD_CODES, type StandardCode } from "~/modules/compliance/standard-codes";
import { parametersOfRule, RULES } from "~/modules/tenancy/parameters";
import { RULE_CASES } from "./cases";
import type { CaseKind } from "./cases/rule-case";

/**
 * Every rule code of STANDARDS.md has an evaluator and a table of tests covering its outcomes.
 * What a rule cannot do is said here, with the reason, instead of silently skipped.
 */
const STANDARDS_PATH = path.resolve(process.cwd(), "../shared/STANDARDS.md");

function codesInStandards(): string[] {
  if (!existsSync(STANDARDS_PATH))
    throw new Error(`STANDARDS.md not found at ${STANDARDS_PATH}: the coverage test reads the rule codes from it`);
  const text = readFileSync(STANDARDS_PATH, "utf8");
  return [...text.matchAll(/^\|\s*([A-Z]{3}-\d{2})\s*\|/gm)].map((m) => m[1] ?? "");
}

/** Rules that cannot fail: the platform guarantees them, or enforces them elsewhere, or lacks the data. */
const CANNOT_FAIL: Partial<Record<StandardCode, string>> = {
  "FEE-05": "no finance payment method exists: PASS by construction",
  "FEE-06": "contracts are generated from the standard text: PASS by construction",
  "FEE-07": "the escrow holds the reserve: NOT_APPLICABLE at registration",
  "STF-07": "training records are not collected yet: NOT_APPLICABLE",
};
/** Rules that never pass: there is nothing to judge at registration. */
const CANNOT_PASS: Partial<Record<StandardCode, string>> = {
  "FEE-07": "enforced by the escrow",
  "STF-07": "the data is not collected",
};
/** Rules that always apply to a registered institution. */
const ALWAYS_APPLY: Partial<Record<StandardCode, string>> = {
  "FEE-04": "every institution sells through the supervised account",
  "FEE-05": "guaranteed for every institution",
  "FEE-06": "guaranteed for every institution",
  "STF-06": "every institution needs its safety staff",
  "REG-01": "every institution has a credit code and a licence",
};
/** Rules without a limit to sit exactly on: yes-or-no facts. */
const NO_BOUNDARY: Partial<Record<StandardCode, string>> = {
  "FEE-04": "enabled or not",
  "FEE-05": "by construction",
  "FEE-06": "by construction",
  "FEE-07": "never judged",
  "STF-04": "photo and number present or not",
  "STF-07": "never judged",
  "STF-08": "a serving teacher or not",
  "VEN-03": "residential or not",
  "VEN-04": "document on file or not",
  "VEN-05": "AED or not",
};
/** Parameters that do not change the outcome. */
const PARAMETER_WITHOUT_EFFECT: Partial<Record<StandardCode, string>> = {
  "REG-04":
    "the due date is computed at approval (filing.server.ts, 12 months); REG-04.filingIntervalMonths is only recorded",
};
/** Rules whose overrides change the evidence but not the outcome (always NOT_APPLICABLE). */
const SAME_OUTCOME: Partial<Record<StandardCode, string>> = { ...CANNOT_PASS };

const cases = Object.values(RULE_CASES).flat();
const kindsOf = (code: string) => new Set(cases.filter((c) => c.rule === code).map((c) => c.kind));

describe("the rules of STANDARDS.md", () => {
  const codes = codesInStandards();

  it("are read from STANDARDS.md (every family, no duplicates)", () => {
    expect(codes.length).toBeGreaterThanOrEqual(36);
    expect(new Set(codes).size).toBe(codes.length);
    for (const family of ["FEE", "SCH", "VEN", "STF", "HRS", "REG"])
      expect(codes.some((c) => c.startsWith(`${family}-`))).toBe(true);
  });

  it("are exactly the standard codes of the settings catalog, with severities", () => {
    expect([...codes].sort()).toEqual([...STANDARD_CODES].sort());
    for (const code of STANDARD_CODES) expect(SEVERITY[code], code).toBeDefined();
  });

  it.each(codes)("%s has an evaluator and a table of tests", (code) => {
    expect(Object.hasOwn(EVALUATORS, code), `${code} has no evaluator`).toBe(true);
    const rule = code as StandardCode;
    const kinds = kindsOf(code);
    expect(kinds.size, `${code} has no table-driven test`).toBeGreaterThan(0);
    const needed: CaseKind[] = [];
    if (!CANNOT_PASS[rule]) needed.push("pass");
    if (!CANNOT_FAIL[rule]) needed.push("fail");
    if (!ALWAYS_APPLY[rule]) needed.push("notApplicable");
    if (!NO_BOUNDARY[rule]) needed.push("boundary");
    const hasParameters = parametersOfRule(rule).length > 0;
    if (hasParameters && !PARAMETER_WITHOUT_EFFECT[rule]) needed.push("override", "effectiveDate");
    for (const kind of needed) expect(kinds.has(kind), `${code} has no ${kind} case`).toBe(true);
    // A rule without parameters or a switch cannot be changed by a tenant; it must be mandatory.
    if (!hasParameters) expect(RULES[rule].applicability).toBe("mandatory");
  });

  it("changes its outcome with every override and every effective date tested", () => {
    for (const c of cases) {
      if (SAME_OUTCOME[c.rule]) continue;
      if (c.kind === "override") expect(c.baseline, `${c.rule} ${c.name}`).not.toBe(c.expect);
      if (c.kind === "effectiveDate") expect(c.dayBefore, `${c.rule} ${c.name}`).not.toBe(c.expect);
    }
  });
});
