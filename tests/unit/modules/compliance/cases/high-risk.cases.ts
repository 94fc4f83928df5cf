import type { InstitutionSnapshot, PoolDay } from "~/modules/compliance/snapshot";
import type { RegistrationContent } from "~/modules/registry/content";
import { coach, course, extraCourse, slot, venue } from "../support";
import type { RuleCase } from "./rule-case";

/**
 * The compliant swimming school: one pool (375 m² of water, 0.8–1.4 m deep), a class of 8
 * aged 6–12 with 1 coach, a swimming permit until 2030-03-31, 陈浩 a swimming instructor.
 */
type Reading = { freeChlorineMgL: number; ph: number; ureaMgL: number | null };
const GOOD: Reading = { freeChlorineMgL: 0.4, ph: 7.2, ureaMgL: 2 };

/** Safety logs of the pool for three lesson days before the day checked. */
const logs =
  (lifeguards: number[], readings: (Reading | null)[] = [GOOD, GOOD, GOOD]) =>
  (s: InstitutionSnapshot) => {
    const poolId = venue(s.content).id;
    s.poolDays = ["2026-11-18", "2026-11-21", "2026-11-22"].map(
      (date, i): PoolDay => ({
        venueId: poolId,
        date,
        lessonsScheduled: true,
        log:
          readings[i] === null
            ? null
            : { readings: [readings[i] ?? GOOD], minLifeguardsOnDuty: lifeguards[i] ?? lifeguards[0] ?? 0 },
      }),
    );
  };
const water = (m2: number) => (c: RegistrationContent) => {
  venue(c).poolWaterAreaM2 = m2;
};
const football = (c: RegistrationContent) => {
  c.entity.sports = ["FOOTBALL"];
  course(c).sport = "FOOTBALL";
  venue(c).isPool = false;
  c.documents.highRiskPermits = [];
};
const permitExpires = (day: string) => (c: RegistrationContent) => {
  const permit = c.documents.highRiskPermits[0];
  if (permit) permit.expiresOn = day;
};
const instructorExpires = (day: string) => (c: RegistrationContent) => {
  const cert = coach(c, 0).certificates[0];
  if (cert) cert.expiresOn = day;
};
const maxDepth = (m: number) => (c: RegistrationContent) => {
  venue(c).poolDepthMaxM = m;
};
const hrs06On = (from = "2026-01-01") => ({ "HRS-06.enabled": [{ effectiveFrom: from, value: true }] });
const from2027 = "2027-01-01";

export const HRS_CASES: RuleCase[] = [
  {
    rule: "HRS-01",
    kind: "pass",
    name: "a swimming permit until 2030",
    expect: "PASS",
    evidence: { key: "compliance.evidence.HRS-01.pass", values: { sport: "SWIMMING", expiresOn: "2030-03-31" } },
  },
  {
    rule: "HRS-01",
    kind: "fail",
    name: "the permit expired the day before",
    edit: permitExpires("2026-11-22"),
    expect: "FAIL",
    evidence: { key: "compliance.evidence.HRS-01.expired" },
  },
  {
    rule: "HRS-01",
    kind: "boundary",
    name: "the permit expires on the day checked",
    edit: permitExpires("2026-11-23"),
    expect: "PASS",
  },
  {
    rule: "HRS-01",
    kind: "fail",
    name: "no permit",
    edit: (c) => {
      c.documents.highRiskPermits = [];
    },
    expect: "FAIL",
    evidence: { key: "compliance.evidence.HRS-01.missing", values: { sport: "SWIMMING" } },
  },
  {
    rule: "HRS-01",
    kind: "fail",
    name: "a course teaches diving without a permit",
    edit: (c) => {
      c.courses.push(extraCourse(course(c), { sport: "DIVING" }));
    },
    expect: "FAIL",
    evidence: { key: "compliance.evidence.HRS-01.missing", values: { sport: "DIVING" } },
  },
  { rule: "HRS-01", kind: "notApplicable", name: "football only", edit: football, expect: "NOT_APPLICABLE" },

  { rule: "HRS-02", kind: "notApplicable", name: "no safety log yet (pre-check)", expect: "NOT_APPLICABLE" },
  {
    rule: "HRS-02",
    kind: "notApplicable",
    name: "no logged day in the window",
    snapshot: (s) => {
      s.poolDays = [];
    },
    expect: "NOT_APPLICABLE",
    evidence: { key: "compliance.evidence.HRS.noLoggedDays", values: { required: 4 } },
  },
  {
    rule: "HRS-02",
    kind: "notApplicable",
    name: "football only",
    edit: football,
    snapshot: logs([0]),
    expect: "NOT_APPLICABLE",
  },
  {
    rule: "HRS-02",
    kind: "pass",
    name: "375 m² needs 4; 4 or more every day",
    snapshot: logs([4, 5, 4]),
    expect: "PASS",
    evidence: { key: "compliance.evidence.HRS-02.pass", values: { water: 375, required: 4, fewest: 4, daysLogged: 3 } },
  },
  {
    rule: "HRS-02",
    kind: "fail",
    name: "375 m² needs 4; one day 3",
    snapshot: logs([4, 3, 4]),
    expect: "FAIL",
    evidence: { key: "compliance.evidence.HRS-02.fail", values: { fewest: 3, date: "2026-11-21", daysShort: 1 } },
  },
  {
    rule: "HRS-02",
    kind: "boundary",
    name: "250 m² needs 3",
    edit: water(250),
    snapshot: logs([3, 3, 3]),
    expect: "PASS",
  },
  {
    rule: "HRS-02",
    kind: "boundary",
    name: "250.5 m² needs 4",
    edit: water(250.5),
    snapshot: logs([3, 3, 3]),
    expect: "FAIL",
  },
  {
    rule: "HRS-02",
    kind: "boundary",
    name: "500 m² needs 4",
    edit: water(500),
    snapshot: logs([4, 4, 4]),
    expect: "PASS",
  },
  {
    rule: "HRS-02",
    kind: "boundary",
    name: "501 m² needs 5",
    edit: water(501),
    snapshot: logs([4, 4, 4]),
    expect: "FAIL",
  },
  {
    rule: "HRS-02",
    kind: "override",
    name: "a base of 2 lifeguards: 375 m² needs 3",
    snapshot: logs([3, 3, 3]),
    overrides: { "HRS-02.baseLifeguards": [{ effectiveFrom: "2026-01-01", value: 2 }] },
    expect: "PASS",
    baseline: "FAIL",
  },
  {
    rule: "HRS-02",
    kind: "effectiveDate",
    name: "one more lifeguard per 100 m² from 2027",
    snapshot: logs([4, 4, 4]),
    overrides: { "HRS-02.waterAreaPerExtraLifeguard": [{ effectiveFrom: from2027, value: 100 }] },
    asOf: from2027,
    expect: "FAIL",
    dayBefore: "PASS",
  },

  {
    rule: "HRS-03",
    kind: "pass",
    name: "375 m² for 8 swimmers",
    expect: "PASS",
    evidence: { key: "compliance.evidence.HRS-03.pass", values: { swimmers: 8, perSwimmer: 46.88, minimum: 2.5 } },
  },
  {
    rule: "HRS-03",
    kind: "fail",
    name: "19 m² for 8 swimmers",
    edit: water(19),
    expect: "FAIL",
    evidence: { key: "compliance.evidence.HRS-03.fail", values: { perSwimmer: 2.38 } },
  },
  { rule: "HRS-03", kind: "boundary", name: "exactly 2.5 m² each", edit: water(20), expect: "PASS" },
  {
    rule: "HRS-03",
    kind: "fail",
    name: "overlapping classes add up: 8 + 10 on 44 m²",
    edit: (c) => {
      water(44)(c);
      c.courses.push(extraCourse(course(c), { classSize: 10, slots: [slot(6, "09:30", "10:30", venue(c).id)] }));
    },
    expect: "FAIL",
    evidence: { key: "compliance.evidence.HRS-03.fail", values: { swimmers: 18, at: "09:30", weekday: 6 } },
  },
  {
    rule: "HRS-03",
    kind: "boundary",
    name: "a dry-land class at the pool is not in the water",
    edit: (c) => {
      water(20)(c);
      c.courses.push(
        extraCourse(course(c), { sport: "FITNESS", classSize: 10, slots: [slot(6, "09:30", "10:30", venue(c).id)] }),
      );
    },
    expect: "PASS",
  },
  {
    rule: "HRS-03",
    kind: "fail",
    name: "swimming lessons at a venue not recorded as a pool",
    edit: (c) => {
      venue(c).isPool = false;
    },
    expect: "WARNING",
    evidence: { key: "compliance.evidence.HRS-03.notAPool" },
  },
  { rule: "HRS-03", kind: "notApplicable", name: "football only", edit: football, expect: "NOT_APPLICABLE" },
  {
    rule: "HRS-03",
    kind: "override",
    name: "2 m² each is enough",
    edit: water(19),
    overrides: { "HRS-03.minWaterAreaPerSwimmer": [{ effectiveFrom: "2026-01-01", value: 2 }] },
    expect: "PASS",
    baseline: "FAIL",
  },
  {
    rule: "HRS-03",
    kind: "effectiveDate",
    name: "3 m² each from 2027",
    edit: water(20),
    overrides: { "HRS-03.minWaterAreaPerSwimmer": [{ effectiveFrom: from2027, value: 3 }] },
    asOf: from2027,
    expect: "FAIL",
    dayBefore: "PASS",
  },

  { rule: "HRS-04", kind: "notApplicable", name: "no safety log yet (pre-check)", expect: "NOT_APPLICABLE" },
  {
    rule: "HRS-04",
    kind: "notApplicable",
    name: "no opening day in the window",
    snapshot: (s) => {
      s.poolDays = [];
    },
    expect: "NOT_APPLICABLE",
  },
  {
    rule: "HRS-04",
    kind: "pass",
    name: "every lesson day logged within limits",
    snapshot: logs([4, 4, 4]),
    expect: "PASS",
    evidence: { key: "compliance.evidence.HRS-04.pass", values: { lessonDays: 3, readings: 3 } },
  },
  {
    rule: "HRS-04",
    kind: "fail",
    name: "a lesson day without a log",
    snapshot: logs([4, 4, 4], [GOOD, null, GOOD]),
    expect: "FAIL",
    evidence: { key: "compliance.evidence.HRS-04.missing", values: { missing: 1, lessonDays: 3, date: "2026-11-21" } },
  },
  {
    rule: "HRS-04",
    kind: "fail",
    name: "free chlorine 0.6 mg/L",
    snapshot: logs([4, 4, 4], [GOOD, { ...GOOD, freeChlorineMgL: 0.6 }, GOOD]),
    expect: "FAIL",
    evidence: { key: "compliance.evidence.HRS-04.chlorine", values: { value: 0.6, min: 0.3, max: 0.5, count: 1 } },
  },
  {
    rule: "HRS-04",
    kind: "fail",
    name: "pH 6.7 and urea 3.6 mg/L",
    snapshot: logs([4, 4, 4], [{ ...GOOD, ph: 6.7 }, { ...GOOD, ureaMgL: 3.6 }, GOOD]),
    expect: "FAIL",
    evidence: { key: "compliance.evidence.HRS-04.ph", values: { value: 6.7, date: "2026-11-18" } },
  },
  {
    rule: "HRS-04",
    kind: "boundary",
    name: "readings exactly at the limits, urea not measured",
    snapshot: logs(
      [4, 4, 4],
      [{ freeChlorineMgL: 0.3, ph: 6.8, ureaMgL: 3.5 }, { freeChlorineMgL: 0.5, ph: 8.5, ureaMgL: null }, GOOD],
    ),
    expect: "PASS",
  },
  {
    rule: "HRS-04",
    kind: "override",
    name: "free chlorine up to 1.0 mg/L",
    snapshot: logs([4, 4, 4], [GOOD, { ...GOOD, freeChlorineMgL: 0.6 }, GOOD]),
    overrides: { "HRS-04.freeChlorineMax": [{ effectiveFrom: "2026-01-01", value: 1 }] },
    expect: "PASS",
    baseline: "FAIL",
  },
  {
    rule: "HRS-04",
    kind: "effectiveDate",
    name: "pH at least 7.3 from 2027",
    snapshot: logs([4, 4, 4]),
    overrides: { "HRS-04.phMin": [{ effectiveFrom: from2027, value: 7.3 }] },
    asOf: from2027,
    expect: "FAIL",
    dayBefore: "PASS",
  },

  {
    rule: "HRS-05",
    kind: "pass",
    name: "one swimming instructor for one class at a time",
    expect: "PASS",
    evidence: { key: "compliance.evidence.HRS-05.pass", values: { qualified: 1, needed: 1 } },
  },
  {
    rule: "HRS-05",
    kind: "fail",
    name: "the instructor qualification expired",
    edit: instructorExpires("2026-11-22"),
    expect: "FAIL",
  },
  {
    rule: "HRS-05",
    kind: "boundary",
    name: "it expires on the day checked",
    edit: instructorExpires("2026-11-23"),
    expect: "PASS",
  },
  {
    rule: "HRS-05",
    kind: "boundary",
    name: "two coaches per class need two instructors",
    edit: (c) => {
      course(c).coachesPerClass = 2;
    },
    expect: "FAIL",
    evidence: { key: "compliance.evidence.HRS-05.fail", values: { qualified: 1, needed: 2 } },
  },
  {
    rule: "HRS-05",
    kind: "fail",
    name: "a diving instructor is not a swimming instructor",
    edit: (c) => {
      const cert = coach(c, 0).certificates[0];
      if (cert) cert.sport = "DIVING";
    },
    expect: "FAIL",
  },
  { rule: "HRS-05", kind: "notApplicable", name: "football only", edit: football, expect: "NOT_APPLICABLE" },

  { rule: "HRS-06", kind: "notApplicable", name: "off by default", expect: "NOT_APPLICABLE" },
  {
    rule: "HRS-06",
    kind: "fail",
    name: "on: children in water up to 1.4 m",
    overrides: hrs06On(),
    expect: "FAIL",
    evidence: { key: "compliance.evidence.HRS-06.fail", values: { depth: 1.4, maximum: 1.2, youngest: 6 } },
  },
  {
    rule: "HRS-06",
    kind: "boundary",
    name: "on: exactly 1.2 m",
    edit: maxDepth(1.2),
    overrides: hrs06On(),
    expect: "PASS",
  },
  {
    rule: "HRS-06",
    kind: "fail",
    name: "on: preschool children in water up to 1.0 m",
    edit: (c) => {
      maxDepth(1)(c);
      course(c).ageMin = 4;
      course(c).ageMax = 6;
    },
    overrides: hrs06On(),
    expect: "FAIL",
    evidence: { key: "compliance.evidence.HRS-06.failPreschool", values: { maximum: 0.8 } },
  },
  {
    rule: "HRS-06",
    kind: "pass",
    name: "on: preschool children in a 0.8 m children's pool",
    edit: (c) => {
      maxDepth(0.8)(c);
      course(c).ageMin = 4;
      course(c).ageMax = 6;
    },
    overrides: hrs06On(),
    expect: "PASS",
    evidence: { key: "compliance.evidence.HRS-06.passPreschool" },
  },
  {
    rule: "HRS-06",
    kind: "notApplicable",
    name: "on: teenagers only",
    edit: (c) => {
      course(c).ageMin = 13;
      course(c).ageMax = 17;
    },
    overrides: hrs06On(),
    expect: "NOT_APPLICABLE",
  },
  {
    rule: "HRS-06",
    kind: "override",
    name: "on with a 1.5 m limit",
    overrides: { ...hrs06On(), "HRS-06.maxDepth": [{ effectiveFrom: "2026-01-01", value: 1.5 }] },
    expect: "PASS",
    baseline: "NOT_APPLICABLE",
  },
  {
    rule: "HRS-06",
    kind: "effectiveDate",
    name: "switched on from 2027",
    overrides: hrs06On(from2027),
    asOf: from2027,
    expect: "FAIL",
    dayBefore: "NOT_APPLICABLE",
  },
];
