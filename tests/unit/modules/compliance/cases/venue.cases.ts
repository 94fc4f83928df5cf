import type { RegistrationContent } from "~/modules/registry/content";
import type { StoredOverrides } from "~/modules/tenancy/settings-schema";
import { course, extraCourse, extraVenue, slot, venue } from "../support";
import type { RuleCase } from "./rule-case";

/** The compliant venue: a pool with 600 m² of training area on floor 1; the class is 8 (ages 6–12). */
const area = (m2: number) => (c: RegistrationContent) => {
  venue(c).trainingAreaM2 = m2;
};
const allOnline = (c: RegistrationContent) => {
  for (const k of c.courses) k.online = true;
};
const noVenues = (c: RegistrationContent) => {
  c.venues = [];
  c.courses = [];
};
/** A second class of `size` at the same venue, Wednesday 17:30–18:30 like the first one's. */
const parallelClass =
  (size: number, sport: "SWIMMING" | "GO" = "SWIMMING") =>
  (c: RegistrationContent) => {
    const first = course(c);
    c.courses.push(extraCourse(first, { sport, classSize: size, slots: [slot(3, "17:45", "18:45", venue(c).id)] }));
  };
const floor =
  (n: number, underground = false) =>
  (c: RegistrationContent) => {
    venue(c).floor = n;
    venue(c).underground = underground;
  };
const on = (rule: "VEN-03" | "VEN-05" | "VEN-06", from = "2026-01-01"): StoredOverrides => {
  const overrides: StoredOverrides = {};
  overrides[`${rule}.enabled` as const] = [{ effectiveFrom: from, value: true }];
  return overrides;
};
const from2027 = "2027-01-01";

export const VEN_CASES: RuleCase[] = [
  {
    rule: "VEN-01",
    kind: "pass",
    name: "600 m² for a class of 8",
    expect: "PASS",
    evidence: {
      key: "compliance.evidence.VEN-01.pass",
      values: { area: 600, trainees: 8, perTrainee: 75, minimum: 5, source: "N-SPORT, GD, BJ" },
    },
  },
  {
    rule: "VEN-01",
    kind: "fail",
    name: "39 m² for a class of 8",
    edit: area(39),
    expect: "FAIL",
    evidence: {
      key: "compliance.evidence.VEN-01.fail",
      values: { area: 39, trainees: 8, perTrainee: 4.88, minimum: 5 },
    },
  },
  { rule: "VEN-01", kind: "boundary", name: "exactly 5 m² each", edit: area(40), expect: "PASS" },
  {
    rule: "VEN-01",
    kind: "fail",
    name: "overlapping classes add up: 8 + 10 on 89 m²",
    edit: (c) => {
      area(89)(c);
      parallelClass(10)(c);
    },
    expect: "FAIL",
    evidence: { key: "compliance.evidence.VEN-01.fail", values: { trainees: 18, classes: 2, weekday: 3, at: "17:45" } },
  },
  {
    rule: "VEN-01",
    kind: "boundary",
    name: "overlapping classes 8 + 10 on exactly 90 m²",
    edit: (c) => {
      area(90)(c);
      parallelClass(10)(c);
    },
    expect: "PASS",
  },
  {
    rule: "VEN-01",
    kind: "boundary",
    name: "chess players need 3 m², swimmers 5: 10 × 3 + 8 × 5 = 70 m²",
    edit: (c) => {
      area(70)(c);
      parallelClass(10, "GO")(c);
    },
    expect: "PASS",
    evidence: {
      key: "compliance.evidence.VEN-01.passMixed",
      values: { trainees: 18, chessTrainees: 10, otherTrainees: 8, minimum: 3.89 },
    },
  },
  {
    rule: "VEN-01",
    kind: "fail",
    name: "mixed chess and swimming on 69 m²",
    edit: (c) => {
      area(69)(c);
      parallelClass(10, "GO")(c);
    },
    expect: "FAIL",
    evidence: { key: "compliance.evidence.VEN-01.failMixed" },
  },
  {
    rule: "VEN-01",
    kind: "boundary",
    name: "a chess class alone needs 3 m² each",
    edit: (c) => {
      area(24)(c);
      course(c).sport = "GO";
    },
    expect: "PASS",
    evidence: { key: "compliance.evidence.VEN-01.pass", values: { minimum: 3 } },
  },
  { rule: "VEN-01", kind: "notApplicable", name: "no lesson on the floor", edit: allOnline, expect: "NOT_APPLICABLE" },
  { rule: "VEN-01", kind: "notApplicable", name: "no venue", edit: noVenues, expect: "NOT_APPLICABLE" },
  {
    rule: "VEN-01",
    kind: "override",
    name: "4 m² each is enough",
    edit: area(39),
    overrides: { "VEN-01.minAreaPerTrainee": [{ effectiveFrom: "2026-01-01", value: 4 }] },
    expect: "PASS",
    baseline: "FAIL",
  },
  {
    rule: "VEN-01",
    kind: "effectiveDate",
    name: "50 m² each from 2027 for 390 m² and 8 trainees",
    edit: area(390),
    overrides: { "VEN-01.minAreaPerTrainee": [{ effectiveFrom: from2027, value: 50 }] },
    asOf: from2027,
    expect: "FAIL",
    dayBefore: "PASS",
  },

  { rule: "VEN-02", kind: "pass", name: "children on floor 1", expect: "PASS" },
  { rule: "VEN-02", kind: "boundary", name: "children on floor 3", edit: floor(3), expect: "PASS" },
  {
    rule: "VEN-02",
    kind: "fail",
    name: "children on floor 4",
    edit: floor(4),
    expect: "FAIL",
    evidence: { key: "compliance.evidence.VEN-02.floor", values: { floor: 4, youngest: 6 } },
  },
  {
    rule: "VEN-02",
    kind: "fail",
    name: "children underground",
    edit: floor(-1, true),
    expect: "FAIL",
    evidence: { key: "compliance.evidence.VEN-02.underground" },
  },
  {
    rule: "VEN-02",
    kind: "boundary",
    name: "a class from age 12 on floor 4",
    edit: (c) => {
      floor(4)(c);
      course(c).ageMin = 12;
      course(c).ageMax = 16;
    },
    expect: "FAIL",
  },
  {
    rule: "VEN-02",
    kind: "notApplicable",
    name: "teenagers from 13 on floor 4",
    edit: (c) => {
      floor(4)(c);
      course(c).ageMin = 13;
      course(c).ageMax = 17;
    },
    expect: "NOT_APPLICABLE",
    evidence: { key: "compliance.evidence.VEN-02.noChildren" },
  },

  { rule: "VEN-03", kind: "notApplicable", name: "off by default", expect: "NOT_APPLICABLE" },
  { rule: "VEN-03", kind: "pass", name: "on, not residential", overrides: on("VEN-03"), expect: "PASS" },
  {
    rule: "VEN-03",
    kind: "fail",
    name: "on, a flat",
    edit: (c) => {
      venue(c).residential = true;
    },
    overrides: on("VEN-03"),
    expect: "FAIL",
  },
  {
    rule: "VEN-03",
    kind: "override",
    name: "switched on for a flat",
    edit: (c) => {
      venue(c).residential = true;
    },
    overrides: on("VEN-03"),
    expect: "FAIL",
    baseline: "NOT_APPLICABLE",
  },
  {
    rule: "VEN-03",
    kind: "effectiveDate",
    name: "switched on from 2027 for a flat",
    edit: (c) => {
      venue(c).residential = true;
    },
    overrides: on("VEN-03", from2027),
    asOf: from2027,
    expect: "FAIL",
    dayBefore: "NOT_APPLICABLE",
  },

  {
    rule: "VEN-04",
    kind: "pass",
    name: "the venue's own document",
    expect: "PASS",
    evidence: { key: "compliance.evidence.VEN-04.own" },
  },
  {
    rule: "VEN-04",
    kind: "pass",
    name: "the institution's document for its only venue",
    edit: (c) => {
      venue(c).fireSafetyFileId = undefined;
    },
    expect: "PASS",
    evidence: { key: "compliance.evidence.VEN-04.institutionDocument" },
  },
  {
    rule: "VEN-04",
    kind: "fail",
    name: "two venues, the second without its own document",
    edit: (c) => {
      c.venues.push(extraVenue(venue(c), { fireSafetyFileId: undefined }));
    },
    expect: "WARNING",
    evidence: { key: "compliance.evidence.VEN-04.unlinked", values: { venues: 2 } },
  },
  {
    rule: "VEN-04",
    kind: "fail",
    name: "no document at all",
    edit: (c) => {
      venue(c).fireSafetyFileId = undefined;
      c.documents.fireSafetyAcceptanceFileId = undefined;
    },
    expect: "FAIL",
  },
  { rule: "VEN-04", kind: "notApplicable", name: "no venue", edit: noVenues, expect: "NOT_APPLICABLE" },

  { rule: "VEN-05", kind: "notApplicable", name: "off by default", expect: "NOT_APPLICABLE" },
  { rule: "VEN-05", kind: "pass", name: "on, an AED", overrides: on("VEN-05"), expect: "PASS" },
  {
    rule: "VEN-05",
    kind: "fail",
    name: "on, no AED",
    edit: (c) => {
      venue(c).aed = false;
    },
    overrides: on("VEN-05"),
    expect: "FAIL",
  },
  {
    rule: "VEN-05",
    kind: "override",
    name: "switched on without an AED",
    edit: (c) => {
      venue(c).aed = false;
    },
    overrides: on("VEN-05"),
    expect: "FAIL",
    baseline: "NOT_APPLICABLE",
  },
  {
    rule: "VEN-05",
    kind: "effectiveDate",
    name: "switched on from 2027 without an AED",
    edit: (c) => {
      venue(c).aed = false;
    },
    overrides: on("VEN-05", from2027),
    asOf: from2027,
    expect: "FAIL",
    dayBefore: "NOT_APPLICABLE",
  },

  { rule: "VEN-06", kind: "notApplicable", name: "off by default", expect: "NOT_APPLICABLE" },
  { rule: "VEN-06", kind: "pass", name: "on, 600 m²", overrides: on("VEN-06"), expect: "PASS" },
  { rule: "VEN-06", kind: "fail", name: "on, 99 m²", edit: area(99), overrides: on("VEN-06"), expect: "FAIL" },
  {
    rule: "VEN-06",
    kind: "boundary",
    name: "on, exactly 100 m²",
    edit: area(100),
    overrides: on("VEN-06"),
    expect: "PASS",
  },
  {
    rule: "VEN-06",
    kind: "override",
    name: "on with a 700 m² minimum",
    overrides: { ...on("VEN-06"), "VEN-06.minVenueArea": [{ effectiveFrom: "2026-01-01", value: 700 }] },
    expect: "FAIL",
    baseline: "NOT_APPLICABLE",
    evidence: { key: "compliance.evidence.VEN-06.fail", values: { area: 600, minimum: 700 } },
  },
  {
    rule: "VEN-06",
    kind: "effectiveDate",
    name: "a 700 m² minimum from 2027",
    overrides: { ...on("VEN-06"), "VEN-06.minVenueArea": [{ effectiveFrom: from2027, value: 700 }] },
    asOf: from2027,
    expect: "FAIL",
    dayBefore: "PASS",
  },
];
