import type { RegistrationContent } from "~/modules/registry/content";
import { venue } from "../support";
import type { RuleCase } from "./rule-case";

/**
 * The compliant registration: a valid credit code and licence, a venue at 杭州市西湖区文三路 for
 * the Xihu district bureau, insurance until 2027-06-30, the annual filing due 2027-05-31.
 */
const address = (text: string) => (c: RegistrationContent) => {
  venue(c).address = text;
};
const insuranceExpires = (day: string | undefined) => (c: RegistrationContent) => {
  c.documents.insuranceExpiresOn = day;
};
const from2027 = "2027-01-01";

export const REG_CASES: RuleCase[] = [
  {
    rule: "REG-01",
    kind: "pass",
    name: "a valid credit code and a licence",
    expect: "PASS",
    evidence: { key: "compliance.evidence.REG-01.creditCode.pass" },
  },
  {
    rule: "REG-01",
    kind: "fail",
    name: "a wrong check character",
    edit: (c) => {
      const code = c.entity.creditCode;
      c.entity.creditCode = `${code.slice(0, 17)}${code.endsWith("0") ? "1" : "0"}`;
    },
    expect: "FAIL",
    evidence: { key: "compliance.evidence.REG-01.creditCode.checkCharacter", values: { problem: "checkCharacter" } },
  },
  {
    rule: "REG-01",
    kind: "boundary",
    name: "17 characters",
    edit: (c) => {
      c.entity.creditCode = c.entity.creditCode.slice(0, 17);
    },
    expect: "FAIL",
    evidence: { key: "compliance.evidence.REG-01.creditCode.length" },
  },
  {
    rule: "REG-01",
    kind: "fail",
    name: "no business licence",
    edit: (c) => {
      c.documents.businessLicenseFileId = undefined;
    },
    expect: "FAIL",
    evidence: { key: "compliance.evidence.REG-01.licence.missing" },
  },

  {
    rule: "REG-02",
    kind: "pass",
    name: "杭州市西湖区文三路",
    expect: "PASS",
    evidence: { key: "compliance.evidence.REG-02.inside", values: { place: "西湖区" } },
  },
  {
    rule: "REG-02",
    kind: "fail",
    name: "杭州市滨江区 is another district",
    edit: address("杭州市滨江区江南大道 3850 号"),
    expect: "FAIL",
    evidence: { key: "compliance.evidence.REG-02.outside", values: { named: "滨江区", place: "西湖区" } },
  },
  {
    rule: "REG-02",
    kind: "fail",
    name: "南昌市西湖区 is another city's 西湖区",
    edit: address("南昌市西湖区象山南路 1 号"),
    expect: "FAIL",
    evidence: { key: "compliance.evidence.REG-02.outside", values: { named: "南昌市" } },
  },
  {
    rule: "REG-02",
    kind: "boundary",
    name: "no division named: the text cannot tell",
    edit: address("文三路 100 号"),
    expect: "WARNING",
    evidence: { key: "compliance.evidence.REG-02.unclear" },
  },
  {
    rule: "REG-02",
    kind: "boundary",
    name: "a development zone is no district",
    edit: address("杭州高新区江南大道 3850 号"),
    expect: "WARNING",
  },
  {
    rule: "REG-02",
    kind: "notApplicable",
    name: "no venue",
    edit: (c) => {
      c.venues = [];
    },
    expect: "NOT_APPLICABLE",
  },

  { rule: "REG-03", kind: "pass", name: "insured until 2027-06-30", expect: "PASS" },
  {
    rule: "REG-03",
    kind: "fail",
    name: "the policy expired the day before",
    edit: insuranceExpires("2026-11-22"),
    expect: "FAIL",
    evidence: { key: "compliance.evidence.REG-03.expired" },
  },
  {
    rule: "REG-03",
    kind: "boundary",
    name: "it expires on the day checked",
    edit: insuranceExpires("2026-11-23"),
    expect: "PASS",
  },
  {
    rule: "REG-03",
    kind: "fail",
    name: "no policy",
    edit: (c) => {
      c.documents.insurancePolicyFileId = undefined;
    },
    expect: "FAIL",
    evidence: { key: "compliance.evidence.REG-03.missing" },
  },
  {
    rule: "REG-03",
    kind: "fail",
    name: "a policy without an expiry date",
    edit: insuranceExpires(undefined),
    expect: "WARNING",
    evidence: { key: "compliance.evidence.REG-03.noExpiry" },
  },
  {
    rule: "REG-03",
    kind: "override",
    name: "switched off",
    edit: insuranceExpires("2026-11-22"),
    overrides: { "REG-03.enabled": [{ effectiveFrom: "2026-01-01", value: false }] },
    expect: "NOT_APPLICABLE",
    baseline: "FAIL",
  },
  {
    rule: "REG-03",
    kind: "notApplicable",
    name: "switched off",
    overrides: { "REG-03.enabled": [{ effectiveFrom: "2026-01-01", value: false }] },
    expect: "NOT_APPLICABLE",
  },
  {
    rule: "REG-03",
    kind: "effectiveDate",
    name: "switched off from 2027",
    edit: insuranceExpires("2026-11-22"),
    overrides: { "REG-03.enabled": [{ effectiveFrom: from2027, value: false }] },
    asOf: from2027,
    expect: "NOT_APPLICABLE",
    dayBefore: "FAIL",
  },

  {
    rule: "REG-04",
    kind: "pass",
    name: "due 2027-05-31",
    expect: "PASS",
    evidence: { key: "compliance.evidence.REG-04.pass", values: { dueOn: "2027-05-31", daysLeft: 189 } },
  },
  {
    rule: "REG-04",
    kind: "fail",
    name: "due the day before",
    snapshot: (s) => {
      s.annualFilingDueOn = "2026-11-22";
    },
    expect: "FAIL",
    evidence: { key: "compliance.evidence.REG-04.overdue", values: { daysOverdue: 1 } },
  },
  {
    rule: "REG-04",
    kind: "boundary",
    name: "due on the day checked",
    snapshot: (s) => {
      s.annualFilingDueOn = "2026-11-23";
    },
    expect: "PASS",
  },
  {
    rule: "REG-04",
    kind: "notApplicable",
    name: "never registered",
    snapshot: (s) => {
      s.annualFilingDueOn = null;
      s.registeredOn = null;
    },
    expect: "NOT_APPLICABLE",
  },
];
