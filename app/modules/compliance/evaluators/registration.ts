import { creditCodeProblem } from "~/modules/registry/credit-code";
import type { ResolvedSettings } from "~/modules/tenancy/resolve-settings";
import type { EvaluatorTable } from "../evaluator";
import type { Finding } from "../finding";
import type { InstitutionSnapshot } from "../snapshot";
import { daysBetween, inForceOn } from "./arithmetic";
import { finding, institutionEntity, notApplicable, switchable, venueEntity } from "./findings";
import { addressInJurisdiction } from "./jurisdiction";

/** Registration (REG). */

const CREDIT_CODE_KEYS = {
  length: "compliance.evidence.REG-01.creditCode.length",
  characters: "compliance.evidence.REG-01.creditCode.characters",
  division: "compliance.evidence.REG-01.creditCode.division",
  checkCharacter: "compliance.evidence.REG-01.creditCode.checkCharacter",
} as const;

/**
 * REG-01: two findings, the credit code (18 characters of the GB 32100 alphabet, a division
 * code, the check character) and the business licence on file.
 */
function reg01(s: InstitutionSnapshot): Finding[] {
  const code = s.content.entity.creditCode;
  const problem = creditCodeProblem(code);
  const licence = Boolean(s.content.documents.businessLicenseFileId);
  return [
    problem
      ? finding("REG-01", "FAIL", institutionEntity(s), CREDIT_CODE_KEYS[problem], { code, problem })
      : finding("REG-01", "PASS", institutionEntity(s), "compliance.evidence.REG-01.creditCode.pass", { code }),
    licence
      ? finding("REG-01", "PASS", institutionEntity(s), "compliance.evidence.REG-01.licence.pass")
      : finding("REG-01", "FAIL", institutionEntity(s), "compliance.evidence.REG-01.licence.missing"),
  ];
}

const VERDICTS = {
  inside: ["PASS", "compliance.evidence.REG-02.inside"],
  outside: ["FAIL", "compliance.evidence.REG-02.outside"],
  unclear: ["WARNING", "compliance.evidence.REG-02.unclear"],
} as const;

/**
 * REG-02: each venue's address lies in the registering authority's jurisdiction, read from the
 * address text against the place in the authority's name (see jurisdiction.ts). A heuristic:
 * an address naming another city or district FAILs, one naming ours PASSes, and one that names
 * neither is a WARNING for the reviewer — the text cannot tell.
 */
function reg02(s: InstitutionSnapshot): Finding[] {
  if (s.content.venues.length === 0) return notApplicable("REG-02", s, "compliance.evidence.noVenues");
  return s.content.venues.map((venue) => {
    const { verdict, place, named } = addressInJurisdiction(s.authority.name, venue.address);
    const values = { venue: venue.name, address: venue.address, place, named, authority: s.authority.name };
    const [outcome, key] = VERDICTS[verdict];
    return finding("REG-02", outcome, venueEntity(venue), key, values);
  });
}

/**
 * REG-03: a policy on file and in force on the day (through its expiry day). A policy without an
 * expiry date cannot be shown to be in force: WARNING.
 */
const reg03 = switchable("REG-03", (s) => {
  const { insurancePolicyFileId, insuranceExpiresOn } = s.content.documents;
  const values = { expiresOn: insuranceExpiresOn ?? null, asOf: s.asOf };
  const entity = institutionEntity(s);
  if (!insurancePolicyFileId) return [finding("REG-03", "FAIL", entity, "compliance.evidence.REG-03.missing", values)];
  if (!insuranceExpiresOn) return [finding("REG-03", "WARNING", entity, "compliance.evidence.REG-03.noExpiry", values)];
  return inForceOn(insuranceExpiresOn, s.asOf)
    ? [finding("REG-03", "PASS", entity, "compliance.evidence.REG-03.pass", values)]
    : [finding("REG-03", "FAIL", entity, "compliance.evidence.REG-03.expired", values)];
});

/**
 * REG-04: the annual filing is not overdue: the due date the platform keeps (set at each
 * approval) against the day; due that very day is not yet overdue. An institution never
 * registered has no due date: NOT_APPLICABLE. The tenant's REG-04.filingIntervalMonths is shown
 * with the evidence but does not move the date: approval computes it (filing.server.ts).
 */
function reg04(s: InstitutionSnapshot, settings: ResolvedSettings): Finding[] {
  const due = s.annualFilingDueOn;
  const interval = settings.get("REG-04.filingIntervalMonths");
  if (!due) return notApplicable("REG-04", s, "compliance.evidence.REG-04.notRegistered", { interval });
  const values = { dueOn: due, asOf: s.asOf, interval, daysLeft: daysBetween(s.asOf, due) };
  return due >= s.asOf
    ? [finding("REG-04", "PASS", institutionEntity(s), "compliance.evidence.REG-04.pass", values)]
    : [
        finding("REG-04", "FAIL", institutionEntity(s), "compliance.evidence.REG-04.overdue", {
          ...values,
          daysOverdue: daysBetween(due, s.asOf),
        }),
      ];
}

export const REG_EVALUATORS = {
  "REG-01": reg01,
  "REG-02": reg02,
  "REG-03": reg03,
  "REG-04": reg04,
} satisfies Partial<EvaluatorTable>;
