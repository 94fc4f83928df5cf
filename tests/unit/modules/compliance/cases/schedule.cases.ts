import type { RegistrationContent } from "~/modules/registry/content";
import type { Weekday } from "~/modules/tenancy/parameters";
import type { StoredOverrides } from "~/modules/tenancy/settings-schema";
import { course, slot, venue } from "../support";
import type { RuleCase } from "./rule-case";

/** The compliant course (ages 6–12) meets Saturday 09:00–10:00 and Wednesday 17:30–18:30. */
const wednesday = (start: string, end: string) => (c: RegistrationContent) => {
  const first = course(c);
  first.slots = [first.slots[0] ?? slot(6, "09:00", "10:00", venue(c).id), slot(3, start, end, venue(c).id)];
};
/** The course taught online, 30-minute lessons Saturday 09:00 and Wednesday at the given time. */
const online =
  (start = "17:30", end = "18:00", minutes = 30) =>
  (c: RegistrationContent) => {
    const first = course(c);
    first.online = true;
    first.lessonMinutes = minutes;
    first.slots = [slot(6, "09:00", "09:30"), slot(3, start, end)];
  };
const adults = (c: RegistrationContent) => {
  course(c).ageMin = 19;
  course(c).ageMax = 60;
};
const from2027 = "2027-01-01";
const SCHOOL_DAYS: Weekday[] = [1, 2, 3, 4, 5];
const schoolHours = (to: string, effectiveFrom = "2026-01-01"): StoredOverrides["SCH-03.schoolHours"] => [
  { effectiveFrom, value: { days: SCHOOL_DAYS, from: "08:00", to } },
];

export const SCH_CASES: RuleCase[] = [
  { rule: "SCH-01", kind: "pass", name: "lessons end by 18:30", expect: "PASS" },
  {
    rule: "SCH-01",
    kind: "fail",
    name: "a lesson 19:30–21:00",
    edit: wednesday("19:30", "21:00"),
    expect: "FAIL",
    evidence: { key: "compliance.evidence.SCH.endsAfter", values: { end: "21:00", limit: "20:30", weekday: 3 } },
  },
  {
    rule: "SCH-01",
    kind: "boundary",
    name: "a lesson ending at 20:30",
    edit: wednesday("19:30", "20:30"),
    expect: "PASS",
  },
  {
    rule: "SCH-01",
    kind: "boundary",
    name: "a lesson ending at 20:31",
    edit: wednesday("19:31", "20:31"),
    expect: "FAIL",
  },
  { rule: "SCH-01", kind: "notApplicable", name: "only online lessons", edit: online(), expect: "NOT_APPLICABLE" },
  {
    rule: "SCH-01",
    kind: "override",
    name: "lessons may end by 21:00",
    edit: wednesday("19:30", "21:00"),
    overrides: { "SCH-01.offlineEndBy": [{ effectiveFrom: "2026-01-01", value: "21:00" }] },
    expect: "PASS",
    baseline: "FAIL",
  },
  {
    rule: "SCH-01",
    kind: "effectiveDate",
    name: "lessons end by 18:00 from 2027",
    overrides: { "SCH-01.offlineEndBy": [{ effectiveFrom: from2027, value: "18:00" }] },
    asOf: from2027,
    expect: "FAIL",
    dayBefore: "PASS",
  },

  { rule: "SCH-02", kind: "notApplicable", name: "no online course", expect: "NOT_APPLICABLE" },
  { rule: "SCH-02", kind: "pass", name: "online lessons end by 18:00", edit: online(), expect: "PASS" },
  {
    rule: "SCH-02",
    kind: "fail",
    name: "an online lesson ending 21:30",
    edit: online("21:00", "21:30"),
    expect: "FAIL",
  },
  {
    rule: "SCH-02",
    kind: "boundary",
    name: "an online lesson ending 21:00",
    edit: online("20:30", "21:00"),
    expect: "PASS",
  },
  {
    rule: "SCH-02",
    kind: "override",
    name: "online lessons may end by 22:00",
    edit: online("21:00", "21:30"),
    overrides: { "SCH-02.onlineEndBy": [{ effectiveFrom: "2026-01-01", value: "22:00" }] },
    expect: "PASS",
    baseline: "FAIL",
  },
  {
    rule: "SCH-02",
    kind: "effectiveDate",
    name: "online lessons end by 17:30 from 2027",
    edit: online(),
    overrides: { "SCH-02.onlineEndBy": [{ effectiveFrom: from2027, value: "17:30" }] },
    asOf: from2027,
    expect: "FAIL",
    dayBefore: "PASS",
  },

  { rule: "SCH-03", kind: "pass", name: "pupils train after school and on Saturday", expect: "PASS" },
  {
    rule: "SCH-03",
    kind: "fail",
    name: "pupils on Wednesday 14:00",
    edit: wednesday("14:00", "15:00"),
    expect: "FAIL",
    evidence: { key: "compliance.evidence.SCH-03.fail", values: { from: "08:00", to: "16:30", ageMin: 6 } },
  },
  {
    rule: "SCH-03",
    kind: "boundary",
    name: "starting as school ends (16:30)",
    edit: wednesday("16:30", "17:30"),
    expect: "PASS",
  },
  {
    rule: "SCH-03",
    kind: "boundary",
    name: "ending as school starts (08:00)",
    edit: wednesday("07:00", "08:00"),
    expect: "PASS",
  },
  {
    rule: "SCH-03",
    kind: "boundary",
    name: "one minute into school hours",
    edit: wednesday("16:29", "17:29"),
    expect: "FAIL",
  },
  {
    rule: "SCH-03",
    kind: "boundary",
    name: "an 18-year-old is of school age",
    edit: (c) => {
      wednesday("14:00", "15:00")(c);
      course(c).ageMin = 18;
      course(c).ageMax = 40;
    },
    expect: "FAIL",
  },
  {
    rule: "SCH-03",
    kind: "notApplicable",
    name: "adults only",
    edit: (c) => {
      adults(c);
      wednesday("14:00", "15:00")(c);
    },
    expect: "NOT_APPLICABLE",
    evidence: { key: "compliance.evidence.SCH-03.noSchoolAge" },
  },
  {
    rule: "SCH-03",
    kind: "notApplicable",
    name: "switched off",
    edit: wednesday("14:00", "15:00"),
    overrides: { "SCH-03.enabled": [{ effectiveFrom: "2026-01-01", value: false }] },
    expect: "NOT_APPLICABLE",
    evidence: { key: "compliance.evidence.ruleOff" },
  },
  {
    rule: "SCH-03",
    kind: "override",
    name: "school ends at 16:00",
    edit: wednesday("16:00", "17:00"),
    overrides: { "SCH-03.schoolHours": schoolHours("16:00") },
    expect: "PASS",
    baseline: "FAIL",
  },
  {
    rule: "SCH-03",
    kind: "override",
    name: "online lessons count too",
    edit: online("10:00", "10:30"),
    overrides: { "SCH-03.enabled": [{ effectiveFrom: "2026-01-01", value: false }] },
    expect: "NOT_APPLICABLE",
    baseline: "FAIL",
  },
  {
    rule: "SCH-03",
    kind: "effectiveDate",
    name: "school until 18:00 from 2027",
    overrides: { "SCH-03.schoolHours": schoolHours("18:00", from2027) },
    asOf: from2027,
    expect: "FAIL",
    dayBefore: "PASS",
  },

  { rule: "SCH-04", kind: "notApplicable", name: "no online course", expect: "NOT_APPLICABLE" },
  {
    rule: "SCH-04",
    kind: "pass",
    name: "30-minute online lessons",
    edit: online(),
    expect: "PASS",
    evidence: { key: "compliance.evidence.SCH-04.pass", values: { lessonMinutes: 30, maximum: 30, minBreak: 10 } },
  },
  {
    rule: "SCH-04",
    kind: "fail",
    name: "45-minute online lessons",
    edit: online("17:30", "18:15", 45),
    expect: "FAIL",
  },
  {
    rule: "SCH-04",
    kind: "boundary",
    name: "31-minute online lessons",
    edit: online("17:30", "18:01", 31),
    expect: "FAIL",
  },
  {
    rule: "SCH-04",
    kind: "boundary",
    name: "a 60-minute slot of 30-minute lessons: the break is unknown",
    edit: online("17:30", "18:30"),
    expect: "WARNING",
    evidence: { key: "compliance.evidence.SCH-04.longSlot", values: { slotMinutes: 60 } },
  },
  {
    rule: "SCH-04",
    kind: "override",
    name: "45-minute online lessons allowed",
    edit: online("17:30", "18:15", 45),
    overrides: { "SCH-04.onlineMaxLessonMinutes": [{ effectiveFrom: "2026-01-01", value: 45 }] },
    expect: "PASS",
    baseline: "FAIL",
  },
  {
    rule: "SCH-04",
    kind: "effectiveDate",
    name: "20-minute online lessons from 2027",
    edit: online(),
    overrides: { "SCH-04.onlineMaxLessonMinutes": [{ effectiveFrom: from2027, value: 20 }] },
    asOf: from2027,
    expect: "FAIL",
    dayBefore: "PASS",
  },
];
