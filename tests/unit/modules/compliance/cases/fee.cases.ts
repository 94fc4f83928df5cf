import { course, slot } from "../support";
import type { RuleCase } from "./rule-case";

/** The compliant course: 20 lessons on Wednesdays and Saturdays (67 days at most), ¥120 each. */
const weekly = (lessons: number) => (c: Parameters<NonNullable<RuleCase["edit"]>>[0]) => {
  const first = course(c);
  first.slots = [slot(6, "09:00", "10:00", first.slots[0]?.venueId)];
  first.lessonCount = lessons;
};
const noCourses: RuleCase["edit"] = (c) => {
  c.courses = [];
};
const from2027 = "2027-01-01";

export const FEE_CASES: RuleCase[] = [
  {
    rule: "FEE-01",
    kind: "pass",
    name: "20 lessons twice a week span 67 days",
    expect: "PASS",
    evidence: {
      key: "compliance.evidence.FEE-01.pass",
      values: { lessons: 20, perWeek: 2, days: 67, maximum: 3, source: "N-NONSUBJ, N-SPORT" },
    },
  },
  {
    rule: "FEE-01",
    kind: "fail",
    name: "30 lessons twice a week span 102 days: sold in parts",
    edit: (c) => {
      course(c).lessonCount = 30;
    },
    expect: "WARNING",
    evidence: { key: "compliance.evidence.FEE-01.inParts", values: { days: 102, months: 3.4 } },
  },
  {
    rule: "FEE-01",
    kind: "boundary",
    name: "31 weekly lessons span exactly 7 × 30 days",
    edit: weekly(31),
    overrides: { "FEE-01.maxMonths": [{ effectiveFrom: "2026-01-01", value: 7 }] },
    expect: "PASS",
    evidence: { key: "compliance.evidence.FEE-01.pass", values: { days: 210, months: 7 } },
  },
  {
    rule: "FEE-01",
    kind: "boundary",
    name: "32 weekly lessons, one week past 7 months",
    edit: weekly(32),
    overrides: { "FEE-01.maxMonths": [{ effectiveFrom: "2026-01-01", value: 7 }] },
    expect: "WARNING",
  },
  { rule: "FEE-01", kind: "notApplicable", name: "no course", edit: noCourses, expect: "NOT_APPLICABLE" },
  {
    rule: "FEE-01",
    kind: "override",
    name: "a 4-month cap covers 102 days",
    edit: (c) => {
      course(c).lessonCount = 30;
    },
    overrides: { "FEE-01.maxMonths": [{ effectiveFrom: "2026-01-01", value: 4 }] },
    expect: "PASS",
    baseline: "WARNING",
  },
  {
    rule: "FEE-01",
    kind: "effectiveDate",
    name: "a 4-month cap from 2027",
    edit: (c) => {
      course(c).lessonCount = 30;
    },
    overrides: { "FEE-01.maxMonths": [{ effectiveFrom: from2027, value: 4 }] },
    asOf: from2027,
    expect: "PASS",
    dayBefore: "WARNING",
  },

  { rule: "FEE-02", kind: "pass", name: "20 lessons counted per lesson", expect: "PASS" },
  {
    rule: "FEE-02",
    kind: "fail",
    name: "61 lessons",
    edit: (c) => {
      course(c).lessonCount = 61;
    },
    expect: "WARNING",
    evidence: { key: "compliance.evidence.FEE-02.inParts", values: { classHours: 61, maximum: 60 } },
  },
  {
    rule: "FEE-02",
    kind: "boundary",
    name: "exactly 60 lessons",
    edit: (c) => {
      course(c).lessonCount = 60;
    },
    expect: "PASS",
  },
  {
    rule: "FEE-02",
    kind: "boundary",
    name: "45 lessons of 60 minutes are exactly 60 class hours of 45 minutes",
    edit: (c) => {
      course(c).lessonCount = 45;
    },
    overrides: { "FEE-02.classHourCounting": [{ effectiveFrom: "2026-01-01", value: "MINUTES_45" }] },
    expect: "PASS",
    evidence: { key: "compliance.evidence.FEE-02.pass45", values: { classHours: 60 } },
  },
  { rule: "FEE-02", kind: "notApplicable", name: "no course", edit: noCourses, expect: "NOT_APPLICABLE" },
  {
    rule: "FEE-02",
    kind: "override",
    name: "45-minute class hours make 50 lessons of 60 minutes 66.67 hours",
    edit: (c) => {
      course(c).lessonCount = 50;
    },
    overrides: { "FEE-02.classHourCounting": [{ effectiveFrom: "2026-01-01", value: "MINUTES_45" }] },
    expect: "WARNING",
    baseline: "PASS",
    evidence: { key: "compliance.evidence.FEE-02.inParts45", values: { classHours: 66.67 } },
  },
  {
    rule: "FEE-02",
    kind: "effectiveDate",
    name: "a 15-hour cap from 2027",
    overrides: { "FEE-02.maxClassHours": [{ effectiveFrom: from2027, value: 15 }] },
    asOf: from2027,
    expect: "WARNING",
    dayBefore: "PASS",
  },

  {
    rule: "FEE-03",
    kind: "pass",
    name: "¥120 × 20",
    expect: "PASS",
    evidence: { key: "compliance.evidence.FEE-03.pass", values: { amount: "2400.00", maximum: "5000.00" } },
  },
  {
    rule: "FEE-03",
    kind: "fail",
    name: "¥300 × 20 = ¥6,000",
    edit: (c) => {
      course(c).pricePerLessonFen = 30_000;
    },
    expect: "WARNING",
    evidence: { key: "compliance.evidence.FEE-03.inParts", values: { amount: "6000.00" } },
  },
  {
    rule: "FEE-03",
    kind: "boundary",
    name: "¥250 × 20 = exactly ¥5,000",
    edit: (c) => {
      course(c).pricePerLessonFen = 25_000;
    },
    expect: "PASS",
  },
  {
    rule: "FEE-03",
    kind: "boundary",
    name: "¥250.01 × 20, 20 fen over",
    edit: (c) => {
      course(c).pricePerLessonFen = 25_001;
    },
    expect: "WARNING",
  },
  { rule: "FEE-03", kind: "notApplicable", name: "no course", edit: noCourses, expect: "NOT_APPLICABLE" },
  {
    rule: "FEE-03",
    kind: "override",
    name: "a ¥2,000 cap",
    overrides: { "FEE-03.maxAmountFen": [{ effectiveFrom: "2026-01-01", value: 200_000 }] },
    expect: "WARNING",
    baseline: "PASS",
  },
  {
    rule: "FEE-03",
    kind: "effectiveDate",
    name: "a ¥2,000 cap from 2027",
    overrides: { "FEE-03.maxAmountFen": [{ effectiveFrom: from2027, value: 200_000 }] },
    asOf: from2027,
    expect: "WARNING",
    dayBefore: "PASS",
  },

  { rule: "FEE-04", kind: "pass", name: "funds supervision enabled", expect: "PASS" },
  {
    rule: "FEE-04",
    kind: "fail",
    name: "funds supervision not enabled",
    snapshot: (s) => {
      s.fundsSupervisionEnabled = false;
    },
    expect: "FAIL",
    evidence: { key: "compliance.evidence.FEE-04.fail", values: { enabled: false } },
  },
  {
    rule: "FEE-04",
    kind: "fail",
    name: "not registered yet (pre-check): enable before the first sale",
    snapshot: (s) => {
      s.fundsSupervisionEnabled = false;
      s.registeredOn = null;
      s.annualFilingDueOn = null;
    },
    expect: "WARNING",
    evidence: { key: "compliance.evidence.FEE-04.beforeFirstSale" },
  },

  {
    rule: "FEE-05",
    kind: "pass",
    name: "no finance payment method exists",
    expect: "PASS",
    evidence: { key: "compliance.evidence.FEE-05.byConstruction" },
  },
  {
    rule: "FEE-06",
    kind: "pass",
    name: "contracts are generated from the standard text",
    expect: "PASS",
    evidence: { key: "compliance.evidence.FEE-06.byConstruction" },
  },

  {
    rule: "FEE-07",
    kind: "notApplicable",
    name: "on by default: the escrow holds the reserve",
    expect: "NOT_APPLICABLE",
    evidence: { key: "compliance.evidence.FEE-07.byEscrow", values: { share: 20 } },
  },
  {
    rule: "FEE-07",
    kind: "override",
    name: "switched off",
    overrides: { "FEE-07.enabled": [{ effectiveFrom: "2026-01-01", value: false }] },
    expect: "NOT_APPLICABLE",
    baseline: "NOT_APPLICABLE",
    evidence: { key: "compliance.evidence.ruleOff" },
  },
  {
    rule: "FEE-07",
    kind: "effectiveDate",
    name: "a 30 % reserve from 2027",
    overrides: { "FEE-07.reserveSharePercent": [{ effectiveFrom: from2027, value: 30 }] },
    asOf: from2027,
    expect: "NOT_APPLICABLE",
    dayBefore: "NOT_APPLICABLE",
    evidence: { key: "compliance.evidence.FEE-07.byEscrow", values: { share: 30 } },
  },

  {
    rule: "FEE-08",
    kind: "notApplicable",
    name: "off by default",
    expect: "NOT_APPLICABLE",
    evidence: { key: "compliance.evidence.ruleOff" },
  },
  {
    rule: "FEE-08",
    kind: "pass",
    name: "on, and the whole course fits one payment",
    overrides: { "FEE-08.enabled": [{ effectiveFrom: "2026-01-01", value: true }] },
    expect: "PASS",
    evidence: { key: "compliance.evidence.FEE-08.onePayment" },
  },
  {
    rule: "FEE-08",
    kind: "fail",
    name: "on, and 30 lessons must be sold in parts",
    edit: (c) => {
      course(c).lessonCount = 30;
    },
    overrides: { "FEE-08.enabled": [{ effectiveFrom: "2026-01-01", value: true }] },
    expect: "WARNING",
    evidence: { key: "compliance.evidence.FEE-08.renewals", values: { monthsLeft: 1, lessonsLeft: 20 } },
  },
  {
    rule: "FEE-08",
    kind: "boundary",
    name: "on, and the course costs exactly the cap",
    edit: (c) => {
      course(c).pricePerLessonFen = 25_000;
    },
    overrides: { "FEE-08.enabled": [{ effectiveFrom: "2026-01-01", value: true }] },
    expect: "PASS",
  },
  {
    rule: "FEE-08",
    kind: "override",
    name: "switched on for a course sold in parts",
    edit: (c) => {
      course(c).pricePerLessonFen = 30_000;
    },
    overrides: { "FEE-08.enabled": [{ effectiveFrom: "2026-01-01", value: true }] },
    expect: "WARNING",
    baseline: "NOT_APPLICABLE",
  },
  {
    rule: "FEE-08",
    kind: "effectiveDate",
    name: "switched on from 2027",
    overrides: { "FEE-08.enabled": [{ effectiveFrom: from2027, value: true }] },
    asOf: from2027,
    expect: "PASS",
    dayBefore: "NOT_APPLICABLE",
  },
];
