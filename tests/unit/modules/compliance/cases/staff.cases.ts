import type { RegistrationContent } from "~/modules/registry/content";
import { coach, course } from "../support";
import type { RuleCase } from "./rule-case";

/**
 * The compliant staff: 陈浩 (full-time, swimming instructor until 2028-06-30) and 赵静
 * (part-time, lifeguard and association skill grade); safety officer 周安; first-aider 赵静
 * until 2028-01-31. The class is 8 with 1 coach.
 */
const classOf =
  (size: number, coaches = 1) =>
  (c: RegistrationContent) => {
    course(c).classSize = size;
    course(c).coachesPerClass = coaches;
  };
const noCourses = (c: RegistrationContent) => {
  c.courses = [];
};
const noCoaches = (c: RegistrationContent) => {
  c.coaches = [];
};
/** 陈浩's only certificate (the swimming instructor qualification) expires on that day. */
const instructorExpires = (day: string) => (c: RegistrationContent) => {
  const cert = coach(c, 0).certificates[0];
  if (cert) cert.expiresOn = day;
};
const firstAidExpires = (day: string) => (c: RegistrationContent) => {
  const first = c.safetyStaff.firstAid[0];
  if (first) first.expiresOn = day;
};
const from2027 = "2027-01-01";

export const STF_CASES: RuleCase[] = [
  { rule: "STF-01", kind: "pass", name: "a class of 8", expect: "PASS" },
  {
    rule: "STF-01",
    kind: "fail",
    name: "a class of 36",
    edit: classOf(36, 3),
    expect: "FAIL",
    evidence: { key: "compliance.evidence.STF-01.fail", values: { classSize: 36, maximum: 35 } },
  },
  { rule: "STF-01", kind: "boundary", name: "a class of 35", edit: classOf(35, 3), expect: "PASS" },
  { rule: "STF-01", kind: "notApplicable", name: "no course", edit: noCourses, expect: "NOT_APPLICABLE" },
  {
    rule: "STF-01",
    kind: "override",
    name: "classes of at most 6",
    overrides: { "STF-01.maxClassSize": [{ effectiveFrom: "2026-01-01", value: 6 }] },
    expect: "FAIL",
    baseline: "PASS",
  },
  {
    rule: "STF-01",
    kind: "effectiveDate",
    name: "classes of at most 6 from 2027",
    overrides: { "STF-01.maxClassSize": [{ effectiveFrom: from2027, value: 6 }] },
    asOf: from2027,
    expect: "FAIL",
    dayBefore: "PASS",
  },

  {
    rule: "STF-02",
    kind: "pass",
    name: "a class of 8 with one coach",
    expect: "PASS",
    evidence: { key: "compliance.evidence.STF-02.small" },
  },
  {
    rule: "STF-02",
    kind: "pass",
    name: "a class of 11 with two coaches",
    edit: classOf(11, 2),
    expect: "PASS",
    evidence: { key: "compliance.evidence.STF-02.pass" },
  },
  {
    rule: "STF-02",
    kind: "fail",
    name: "a class of 11 with one coach",
    edit: classOf(11, 1),
    expect: "FAIL",
    evidence: {
      key: "compliance.evidence.STF-02.fail",
      values: { classSize: 11, coaches: 1, threshold: 10, needed: 2 },
    },
  },
  {
    rule: "STF-02",
    kind: "boundary",
    name: "a class of exactly 10 with one coach",
    edit: classOf(10, 1),
    expect: "PASS",
  },
  { rule: "STF-02", kind: "notApplicable", name: "no course", edit: noCourses, expect: "NOT_APPLICABLE" },
  {
    rule: "STF-02",
    kind: "override",
    name: "two coaches above 6",
    overrides: { "STF-02.twoCoachesAbove": [{ effectiveFrom: "2026-01-01", value: 6 }] },
    expect: "FAIL",
    baseline: "PASS",
  },
  {
    rule: "STF-02",
    kind: "effectiveDate",
    name: "two coaches above 6 from 2027",
    overrides: { "STF-02.twoCoachesAbove": [{ effectiveFrom: from2027, value: 6 }] },
    asOf: from2027,
    expect: "FAIL",
    dayBefore: "PASS",
  },

  {
    rule: "STF-03",
    kind: "pass",
    name: "both coaches hold a valid coaching certificate",
    expect: "PASS",
    evidence: { key: "compliance.evidence.STF-03.pass", values: { certificate: "SOCIAL_SPORTS_INSTRUCTOR" } },
  },
  {
    rule: "STF-03",
    kind: "fail",
    name: "a lifeguard certificate alone is no coaching qualification",
    edit: (c) => {
      coach(c, 1).certificates = coach(c, 1).certificates.filter((k) => k.type === "LIFEGUARD");
    },
    expect: "FAIL",
    evidence: { key: "compliance.evidence.STF-03.none", values: { lifeguardOnly: true } },
  },
  {
    rule: "STF-03",
    kind: "fail",
    name: "the instructor qualification expired the day before",
    edit: instructorExpires("2026-11-22"),
    expect: "FAIL",
    evidence: { key: "compliance.evidence.STF-03.expired", values: { held: 1, lastExpiry: "2026-11-22" } },
  },
  {
    rule: "STF-03",
    kind: "boundary",
    name: "it expires on the day checked",
    edit: instructorExpires("2026-11-23"),
    expect: "PASS",
  },
  {
    rule: "STF-03",
    kind: "pass",
    name: "a coach title does not expire",
    edit: (c) => {
      const cert = coach(c, 0).certificates[0];
      if (cert) {
        cert.type = "COACH_TITLE";
        cert.expiresOn = undefined;
      }
    },
    expect: "PASS",
    evidence: { key: "compliance.evidence.STF-03.passPermanent" },
  },
  { rule: "STF-03", kind: "notApplicable", name: "no coach", edit: noCoaches, expect: "NOT_APPLICABLE" },

  { rule: "STF-04", kind: "pass", name: "names, photos and certificate numbers", expect: "PASS" },
  {
    rule: "STF-04",
    kind: "fail",
    name: "a coach without a photo",
    edit: (c) => {
      coach(c, 0).photoFileId = undefined;
    },
    expect: "FAIL",
    evidence: { key: "compliance.evidence.STF-04.noPhoto" },
  },
  {
    rule: "STF-04",
    kind: "fail",
    name: "a coach without any certificate",
    edit: (c) => {
      coach(c, 0).certificates = [];
    },
    expect: "FAIL",
    evidence: { key: "compliance.evidence.STF-04.noCertificate" },
  },
  { rule: "STF-04", kind: "notApplicable", name: "no coach", edit: noCoaches, expect: "NOT_APPLICABLE" },

  {
    rule: "STF-05",
    kind: "boundary",
    name: "1 of 2 coaches full-time is exactly 50 %",
    expect: "PASS",
    evidence: { key: "compliance.evidence.STF-05.pass", values: { fullTime: 1, coaches: 2, share: 50, minimum: 50 } },
  },
  {
    rule: "STF-05",
    kind: "pass",
    name: "both full-time",
    edit: (c) => {
      coach(c, 1).fullTime = true;
    },
    expect: "PASS",
  },
  {
    rule: "STF-05",
    kind: "fail",
    name: "nobody full-time",
    edit: (c) => {
      coach(c, 0).fullTime = false;
    },
    expect: "FAIL",
  },
  {
    rule: "STF-05",
    kind: "notApplicable",
    name: "switched off",
    edit: (c) => {
      coach(c, 0).fullTime = false;
    },
    overrides: { "STF-05.enabled": [{ effectiveFrom: "2026-01-01", value: false }] },
    expect: "NOT_APPLICABLE",
  },
  {
    rule: "STF-05",
    kind: "override",
    name: "at least 60 % full-time",
    overrides: { "STF-05.minFullTimeSharePercent": [{ effectiveFrom: "2026-01-01", value: 60 }] },
    expect: "FAIL",
    baseline: "PASS",
  },
  {
    rule: "STF-05",
    kind: "effectiveDate",
    name: "at least 60 % full-time from 2027",
    overrides: { "STF-05.minFullTimeSharePercent": [{ effectiveFrom: from2027, value: 60 }] },
    asOf: from2027,
    expect: "FAIL",
    dayBefore: "PASS",
  },

  {
    rule: "STF-06",
    kind: "pass",
    name: "a safety officer and a first-aider",
    expect: "PASS",
    evidence: { key: "compliance.evidence.STF-06.officersPass", values: { officers: 1, minimum: 1 } },
  },
  {
    rule: "STF-06",
    kind: "fail",
    name: "the only first-aid certificate expired the day before",
    edit: firstAidExpires("2026-11-22"),
    expect: "FAIL",
    evidence: { key: "compliance.evidence.STF-06.firstAidFail", values: { firstAid: 0, listed: 1, expired: 1 } },
  },
  {
    rule: "STF-06",
    kind: "boundary",
    name: "it expires on the day checked",
    edit: firstAidExpires("2026-11-23"),
    expect: "PASS",
  },
  {
    rule: "STF-06",
    kind: "boundary",
    name: "one person listed twice counts once",
    edit: (c) => {
      const first = c.safetyStaff.firstAid[0];
      if (first) c.safetyStaff.firstAid.push({ ...first, certificateNumber: "FA-2026-119" });
    },
    overrides: { "STF-06.minFirstAidStaff": [{ effectiveFrom: "2026-01-01", value: 2 }] },
    expect: "FAIL",
  },
  {
    rule: "STF-06",
    kind: "override",
    name: "two safety officers required",
    overrides: { "STF-06.minSafetyOfficers": [{ effectiveFrom: "2026-01-01", value: 2 }] },
    expect: "FAIL",
    baseline: "PASS",
    evidence: { key: "compliance.evidence.STF-06.officersFail", values: { officers: 1, minimum: 2 } },
  },
  {
    rule: "STF-06",
    kind: "effectiveDate",
    name: "two first-aiders from 2027",
    overrides: { "STF-06.minFirstAidStaff": [{ effectiveFrom: from2027, value: 2 }] },
    asOf: from2027,
    expect: "FAIL",
    dayBefore: "PASS",
  },

  {
    rule: "STF-07",
    kind: "notApplicable",
    name: "off by default",
    expect: "NOT_APPLICABLE",
    evidence: { key: "compliance.evidence.ruleOff" },
  },
  {
    rule: "STF-07",
    kind: "override",
    name: "switched on: the data is not collected, never a pass",
    overrides: { "STF-07.enabled": [{ effectiveFrom: "2026-01-01", value: true }] },
    expect: "NOT_APPLICABLE",
    baseline: "NOT_APPLICABLE",
    evidence: { key: "compliance.evidence.STF-07.notCollected", values: { hours: 90 } },
  },
  {
    rule: "STF-07",
    kind: "effectiveDate",
    name: "switched on from 2027",
    overrides: { "STF-07.enabled": [{ effectiveFrom: from2027, value: true }] },
    asOf: from2027,
    expect: "NOT_APPLICABLE",
    dayBefore: "NOT_APPLICABLE",
    evidence: { key: "compliance.evidence.STF-07.notCollected" },
  },

  { rule: "STF-08", kind: "pass", name: "no serving teacher", expect: "PASS" },
  {
    rule: "STF-08",
    kind: "fail",
    name: "a serving school teacher",
    edit: (c) => {
      coach(c, 1).servingSchoolTeacher = true;
    },
    expect: "FAIL",
    evidence: { key: "compliance.evidence.STF-08.fail", values: { coach: "赵静" } },
  },
  { rule: "STF-08", kind: "notApplicable", name: "no coach", edit: noCoaches, expect: "NOT_APPLICABLE" },
];
