import type { MessageKey } from "~/lib/i18n/catalog";

/**
 * Every parameter a tenant (a supervising authority) may override, with its default from
 * STANDARDS.md. Shared with the browser: no server imports. Defaults live here only; the
 * `authority.settings` column holds overrides (see settings-schema.ts) and resolve-settings.ts
 * combines both. Keys are stable: stored settings, audit events and reports refer to them.
 */

export const RULE_FAMILIES = [
  "FEE",
  "SCH",
  "VEN",
  "STF",
  "HRS",
  "REG",
  "ESCROW",
  "WARN",
  "RISK",
  "INSPECT",
  "DRAW",
] as const;
export type RuleFamily = (typeof RULE_FAMILIES)[number];

/** Where a rule comes from (the short names of STANDARDS.md, plus tenant-side sources). */
export const RULE_SOURCES = [
  "N-FEE",
  "N-NONSUBJ",
  "N-SPORT",
  "N-CONTRACT",
  "N-HRS",
  "GB19079",
  "GB9667",
  "GB50016",
  "GD",
  "BJ",
  "ZJ",
  "CITY",
  "JIANGSU",
  "NATIONAL",
  "TENANCY",
  "TENANT",
  "PLATFORM",
] as const;
export type RuleSource = (typeof RULE_SOURCES)[number];

type RuleDefinition = {
  family: RuleFamily;
  title: MessageKey;
  sources: readonly RuleSource[];
  /**
   * "mandatory": always applies, no switch. "optional-on" / "optional-off": the tenant switches
   * it with the `<code>.enabled` parameter, whose default is on / off.
   */
  applicability: "mandatory" | "optional-on" | "optional-off";
};

/**
 * The rules of STANDARDS.md (and the escrow and fund-warning settings, which have no code
 * there and are grouped as ESCROW and WARN). Mandatory rules without numbers are listed too,
 * so a consumer can ask whether any rule applies (`isRuleOn`) and the settings page can show
 * that there is nothing to set for them.
 */
export const RULES = {
  "FEE-01": {
    family: "FEE",
    title: "settings.rule.FEE-01",
    sources: ["N-NONSUBJ", "N-SPORT"],
    applicability: "mandatory",
  },
  "FEE-02": { family: "FEE", title: "settings.rule.FEE-02", sources: ["N-NONSUBJ"], applicability: "mandatory" },
  "FEE-03": { family: "FEE", title: "settings.rule.FEE-03", sources: ["N-NONSUBJ"], applicability: "mandatory" },
  "FEE-04": { family: "FEE", title: "settings.rule.FEE-04", sources: ["N-FEE", "ZJ"], applicability: "mandatory" },
  "FEE-05": {
    family: "FEE",
    title: "settings.rule.FEE-05",
    sources: ["N-NONSUBJ", "N-CONTRACT"],
    applicability: "mandatory",
  },
  "FEE-06": { family: "FEE", title: "settings.rule.FEE-06", sources: ["N-CONTRACT"], applicability: "mandatory" },
  "FEE-07": { family: "FEE", title: "settings.rule.FEE-07", sources: ["CITY"], applicability: "optional-on" },
  "FEE-08": { family: "FEE", title: "settings.rule.FEE-08", sources: ["JIANGSU"], applicability: "optional-off" },
  "SCH-01": { family: "SCH", title: "settings.rule.SCH-01", sources: ["N-NONSUBJ"], applicability: "mandatory" },
  "SCH-02": { family: "SCH", title: "settings.rule.SCH-02", sources: ["N-NONSUBJ"], applicability: "mandatory" },
  "SCH-03": { family: "SCH", title: "settings.rule.SCH-03", sources: ["N-NONSUBJ"], applicability: "optional-on" },
  "SCH-04": { family: "SCH", title: "settings.rule.SCH-04", sources: ["GD"], applicability: "mandatory" },
  "VEN-01": {
    family: "VEN",
    title: "settings.rule.VEN-01",
    sources: ["N-SPORT", "GD", "BJ"],
    applicability: "mandatory",
  },
  "VEN-02": { family: "VEN", title: "settings.rule.VEN-02", sources: ["GB50016"], applicability: "mandatory" },
  "VEN-03": { family: "VEN", title: "settings.rule.VEN-03", sources: ["BJ"], applicability: "optional-off" },
  "VEN-04": { family: "VEN", title: "settings.rule.VEN-04", sources: ["GB50016"], applicability: "mandatory" },
  "VEN-05": { family: "VEN", title: "settings.rule.VEN-05", sources: ["GD"], applicability: "optional-off" },
  "VEN-06": { family: "VEN", title: "settings.rule.VEN-06", sources: ["BJ"], applicability: "optional-off" },
  "STF-01": { family: "STF", title: "settings.rule.STF-01", sources: ["N-SPORT"], applicability: "mandatory" },
  "STF-02": { family: "STF", title: "settings.rule.STF-02", sources: ["N-SPORT"], applicability: "mandatory" },
  "STF-03": { family: "STF", title: "settings.rule.STF-03", sources: ["N-SPORT"], applicability: "mandatory" },
  "STF-04": { family: "STF", title: "settings.rule.STF-04", sources: ["N-SPORT"], applicability: "mandatory" },
  "STF-05": { family: "STF", title: "settings.rule.STF-05", sources: ["GD", "BJ"], applicability: "optional-on" },
  "STF-06": { family: "STF", title: "settings.rule.STF-06", sources: ["BJ", "GD"], applicability: "mandatory" },
  "STF-07": { family: "STF", title: "settings.rule.STF-07", sources: ["N-SPORT"], applicability: "optional-off" },
  "STF-08": { family: "STF", title: "settings.rule.STF-08", sources: ["N-NONSUBJ"], applicability: "mandatory" },
  "HRS-01": { family: "HRS", title: "settings.rule.HRS-01", sources: ["N-HRS"], applicability: "mandatory" },
  "HRS-02": { family: "HRS", title: "settings.rule.HRS-02", sources: ["GB19079"], applicability: "mandatory" },
  "HRS-03": { family: "HRS", title: "settings.rule.HRS-03", sources: ["GB19079"], applicability: "mandatory" },
  "HRS-04": { family: "HRS", title: "settings.rule.HRS-04", sources: ["GB9667"], applicability: "mandatory" },
  "HRS-05": { family: "HRS", title: "settings.rule.HRS-05", sources: ["GB19079"], applicability: "mandatory" },
  "HRS-06": { family: "HRS", title: "settings.rule.HRS-06", sources: ["GB19079"], applicability: "optional-off" },
  "REG-01": { family: "REG", title: "settings.rule.REG-01", sources: ["NATIONAL"], applicability: "mandatory" },
  "REG-02": { family: "REG", title: "settings.rule.REG-02", sources: ["TENANCY"], applicability: "mandatory" },
  "REG-03": { family: "REG", title: "settings.rule.REG-03", sources: ["TENANT"], applicability: "optional-on" },
  "REG-04": { family: "REG", title: "settings.rule.REG-04", sources: ["PLATFORM"], applicability: "mandatory" },
  ESCROW: { family: "ESCROW", title: "settings.rule.ESCROW", sources: ["ZJ"], applicability: "mandatory" },
  WARN: { family: "WARN", title: "settings.rule.WARN", sources: ["ZJ"], applicability: "mandatory" },
  RISK: { family: "RISK", title: "settings.rule.RISK", sources: ["ZJ"], applicability: "mandatory" },
  INSPECT: { family: "INSPECT", title: "settings.rule.INSPECT", sources: ["ZJ"], applicability: "mandatory" },
  DRAW: { family: "DRAW", title: "settings.rule.DRAW", sources: ["ZJ"], applicability: "mandatory" },
} as const satisfies Record<string, RuleDefinition>;

export type RuleCode = keyof typeof RULES;
export const RULE_CODES = Object.keys(RULES) as RuleCode[];

export type IsoDate = string;
/** A time of day, "HH:MM" on the 24-hour clock. */
export type TimeOfDay = string;
/** ISO weekday: 1 = Monday … 7 = Sunday. */
export type Weekday = 1 | 2 | 3 | 4 | 5 | 6 | 7;
export const WEEKDAYS: readonly Weekday[] = [1, 2, 3, 4, 5, 6, 7];
/** Days of the week and a time window on them (the school hours of SCH-03). */
export type WeekdayWindow = { readonly days: readonly Weekday[]; readonly from: TimeOfDay; readonly to: TimeOfDay };

/** Units, each a catalog key whose message places the number: "{value} 个月". */
export const UNITS = {
  month: "settings.unit.month",
  classHour: "settings.unit.classHour",
  lesson: "settings.unit.lesson",
  minute: "settings.unit.minute",
  hour: "settings.unit.hour",
  day: "settings.unit.day",
  workingDay: "settings.unit.workingDay",
  person: "settings.unit.person",
  enrollment: "settings.unit.enrollment",
  squareMetre: "settings.unit.squareMetre",
  metre: "settings.unit.metre",
  milligramPerLitre: "settings.unit.milligramPerLitre",
  ph: "settings.unit.ph",
  percent: "settings.unit.percent",
  yuan: "settings.unit.yuan",
  point: "settings.unit.point",
} as const satisfies Record<string, MessageKey>;
export type Unit = keyof typeof UNITS;

type Described = {
  rule: RuleCode;
  label: MessageKey;
  help: MessageKey;
  /** For fund-warning thresholds: the institution size band they apply to. */
  band?: SizeBand;
};

/** Whole numbers (counts, months, minutes…). */
type IntegerParameter = Described & { kind: "integer"; unit: Unit; default: number; min: number; max: number };
/** Numbers with at most `decimals` digits after the point (areas, concentrations, depths). */
type DecimalParameter = Described & {
  kind: "decimal";
  unit: Unit;
  default: number;
  min: number;
  max: number;
  decimals: number;
};
/** Whole percentages, 20 meaning 20 %. */
type PercentParameter = Described & { kind: "percent"; unit: "percent"; default: number; min: number; max: number };
/** Money in integer fen (¥1 = 100 fen); entered and shown in yuan. */
type MoneyParameter = Described & { kind: "money"; unit: "yuan"; default: number; min: number; max: number };
type TimeParameter = Described & { kind: "time"; default: TimeOfDay; min: TimeOfDay; max: TimeOfDay };
/** The on/off switch of an optional rule. */
type SwitchParameter = Described & { kind: "switch"; default: boolean };
type WeekdayWindowParameter = Described & { kind: "weekdayWindow"; default: WeekdayWindow };
type EnumParameter = Described & {
  kind: "enum";
  options: readonly string[];
  optionLabels: Readonly<Record<string, MessageKey>>;
  default: string;
};

export type ParameterDefinition =
  | IntegerParameter
  | DecimalParameter
  | PercentParameter
  | MoneyParameter
  | TimeParameter
  | SwitchParameter
  | WeekdayWindowParameter
  | EnumParameter;
export type ParameterKind = ParameterDefinition["kind"];

function onOff(rule: RuleCode, on: boolean) {
  return {
    rule,
    kind: "switch",
    default: on,
    label: "settings.param.enabled.label",
    help: "settings.param.enabled.help",
  } as const;
}

const yuan = (amount: number) => amount * 100;

export const PARAMETERS = {
  // Fees and supervised funds
  "FEE-01.maxMonths": {
    rule: "FEE-01",
    kind: "integer",
    unit: "month",
    default: 3,
    min: 1,
    max: 12,
    label: "settings.param.FEE-01.maxMonths.label",
    help: "settings.param.FEE-01.maxMonths.help",
  },
  "FEE-02.maxClassHours": {
    rule: "FEE-02",
    kind: "integer",
    unit: "classHour",
    default: 60,
    min: 1,
    max: 300,
    label: "settings.param.FEE-02.maxClassHours.label",
    help: "settings.param.FEE-02.maxClassHours.help",
  },
  "FEE-02.classHourCounting": {
    rule: "FEE-02",
    kind: "enum",
    options: ["PER_LESSON", "MINUTES_45"],
    optionLabels: {
      PER_LESSON: "settings.option.classHourCounting.PER_LESSON",
      MINUTES_45: "settings.option.classHourCounting.MINUTES_45",
    },
    default: "PER_LESSON",
    label: "settings.param.FEE-02.classHourCounting.label",
    help: "settings.param.FEE-02.classHourCounting.help",
  },
  "FEE-03.maxAmountFen": {
    rule: "FEE-03",
    kind: "money",
    unit: "yuan",
    default: yuan(5_000),
    min: yuan(1),
    max: yuan(100_000),
    label: "settings.param.FEE-03.maxAmountFen.label",
    help: "settings.param.FEE-03.maxAmountFen.help",
  },
  "FEE-07.enabled": onOff("FEE-07", true),
  "FEE-07.reserveSharePercent": {
    rule: "FEE-07",
    kind: "percent",
    unit: "percent",
    default: 20,
    min: 1,
    max: 100,
    label: "settings.param.FEE-07.reserveSharePercent.label",
    help: "settings.param.FEE-07.reserveSharePercent.help",
  },
  "FEE-08.enabled": onOff("FEE-08", false),
  "FEE-08.renewalMonthsLeft": {
    rule: "FEE-08",
    kind: "integer",
    unit: "month",
    default: 1,
    min: 0,
    max: 6,
    label: "settings.param.FEE-08.renewalMonthsLeft.label",
    help: "settings.param.FEE-08.renewalMonthsLeft.help",
  },
  "FEE-08.renewalLessonsLeft": {
    rule: "FEE-08",
    kind: "integer",
    unit: "lesson",
    default: 20,
    min: 0,
    max: 200,
    label: "settings.param.FEE-08.renewalLessonsLeft.label",
    help: "settings.param.FEE-08.renewalLessonsLeft.help",
  },

  // Schedule
  "SCH-01.offlineEndBy": {
    rule: "SCH-01",
    kind: "time",
    default: "20:30",
    min: "17:00",
    max: "22:00",
    label: "settings.param.SCH-01.offlineEndBy.label",
    help: "settings.param.SCH-01.offlineEndBy.help",
  },
  "SCH-02.onlineEndBy": {
    rule: "SCH-02",
    kind: "time",
    default: "21:00",
    min: "17:00",
    max: "22:00",
    label: "settings.param.SCH-02.onlineEndBy.label",
    help: "settings.param.SCH-02.onlineEndBy.help",
  },
  "SCH-03.enabled": onOff("SCH-03", true),
  "SCH-03.schoolHours": {
    rule: "SCH-03",
    kind: "weekdayWindow",
    default: { days: [1, 2, 3, 4, 5], from: "08:00", to: "16:30" },
    label: "settings.param.SCH-03.schoolHours.label",
    help: "settings.param.SCH-03.schoolHours.help",
  },
  "SCH-04.onlineMaxLessonMinutes": {
    rule: "SCH-04",
    kind: "integer",
    unit: "minute",
    default: 30,
    min: 5,
    max: 120,
    label: "settings.param.SCH-04.onlineMaxLessonMinutes.label",
    help: "settings.param.SCH-04.onlineMaxLessonMinutes.help",
  },
  "SCH-04.onlineMinBreakMinutes": {
    rule: "SCH-04",
    kind: "integer",
    unit: "minute",
    default: 10,
    min: 0,
    max: 60,
    label: "settings.param.SCH-04.onlineMinBreakMinutes.label",
    help: "settings.param.SCH-04.onlineMinBreakMinutes.help",
  },

  // Venues
  "VEN-01.minAreaPerTrainee": {
    rule: "VEN-01",
    kind: "decimal",
    unit: "squareMetre",
    default: 5,
    min: 1,
    max: 50,
    decimals: 1,
    label: "settings.param.VEN-01.minAreaPerTrainee.label",
    help: "settings.param.VEN-01.minAreaPerTrainee.help",
  },
  "VEN-01.minAreaPerTraineeChess": {
    rule: "VEN-01",
    kind: "decimal",
    unit: "squareMetre",
    default: 3,
    min: 1,
    max: 50,
    decimals: 1,
    label: "settings.param.VEN-01.minAreaPerTraineeChess.label",
    help: "settings.param.VEN-01.minAreaPerTraineeChess.help",
  },
  "VEN-03.enabled": onOff("VEN-03", false),
  "VEN-05.enabled": onOff("VEN-05", false),
  "VEN-06.enabled": onOff("VEN-06", false),
  "VEN-06.minVenueArea": {
    rule: "VEN-06",
    kind: "decimal",
    unit: "squareMetre",
    default: 100,
    min: 10,
    max: 10_000,
    decimals: 1,
    label: "settings.param.VEN-06.minVenueArea.label",
    help: "settings.param.VEN-06.minVenueArea.help",
  },

  // Classes and staff
  "STF-01.maxClassSize": {
    rule: "STF-01",
    kind: "integer",
    unit: "person",
    default: 35,
    min: 1,
    max: 200,
    label: "settings.param.STF-01.maxClassSize.label",
    help: "settings.param.STF-01.maxClassSize.help",
  },
  "STF-02.twoCoachesAbove": {
    rule: "STF-02",
    kind: "integer",
    unit: "person",
    default: 10,
    min: 1,
    max: 200,
    label: "settings.param.STF-02.twoCoachesAbove.label",
    help: "settings.param.STF-02.twoCoachesAbove.help",
  },
  "STF-05.enabled": onOff("STF-05", true),
  "STF-05.minFullTimeSharePercent": {
    rule: "STF-05",
    kind: "percent",
    unit: "percent",
    default: 50,
    min: 1,
    max: 100,
    label: "settings.param.STF-05.minFullTimeSharePercent.label",
    help: "settings.param.STF-05.minFullTimeSharePercent.help",
  },
  "STF-06.minSafetyOfficers": {
    rule: "STF-06",
    kind: "integer",
    unit: "person",
    default: 1,
    min: 1,
    max: 20,
    label: "settings.param.STF-06.minSafetyOfficers.label",
    help: "settings.param.STF-06.minSafetyOfficers.help",
  },
  "STF-06.minFirstAidStaff": {
    rule: "STF-06",
    kind: "integer",
    unit: "person",
    default: 1,
    min: 1,
    max: 20,
    label: "settings.param.STF-06.minFirstAidStaff.label",
    help: "settings.param.STF-06.minFirstAidStaff.help",
  },
  "STF-07.enabled": onOff("STF-07", false),
  "STF-07.minTrainingHoursPerYear": {
    rule: "STF-07",
    kind: "integer",
    unit: "hour",
    default: 90,
    min: 1,
    max: 1_000,
    label: "settings.param.STF-07.minTrainingHoursPerYear.label",
    help: "settings.param.STF-07.minTrainingHoursPerYear.help",
  },

  // High-risk sports
  "HRS-02.baseLifeguards": {
    rule: "HRS-02",
    kind: "integer",
    unit: "person",
    default: 3,
    min: 1,
    max: 50,
    label: "settings.param.HRS-02.baseLifeguards.label",
    help: "settings.param.HRS-02.baseLifeguards.help",
  },
  "HRS-02.baseWaterArea": {
    rule: "HRS-02",
    kind: "decimal",
    unit: "squareMetre",
    default: 250,
    min: 10,
    max: 5_000,
    decimals: 1,
    label: "settings.param.HRS-02.baseWaterArea.label",
    help: "settings.param.HRS-02.baseWaterArea.help",
  },
  "HRS-02.waterAreaPerExtraLifeguard": {
    rule: "HRS-02",
    kind: "decimal",
    unit: "squareMetre",
    default: 250,
    min: 10,
    max: 5_000,
    decimals: 1,
    label: "settings.param.HRS-02.waterAreaPerExtraLifeguard.label",
    help: "settings.param.HRS-02.waterAreaPerExtraLifeguard.help",
  },
  "HRS-03.minWaterAreaPerSwimmer": {
    rule: "HRS-03",
    kind: "decimal",
    unit: "squareMetre",
    default: 2.5,
    min: 0.5,
    max: 20,
    decimals: 1,
    label: "settings.param.HRS-03.minWaterAreaPerSwimmer.label",
    help: "settings.param.HRS-03.minWaterAreaPerSwimmer.help",
  },
  "HRS-04.freeChlorineMin": {
    rule: "HRS-04",
    kind: "decimal",
    unit: "milligramPerLitre",
    default: 0.3,
    min: 0.3,
    max: 1,
    decimals: 2,
    label: "settings.param.HRS-04.freeChlorineMin.label",
    help: "settings.param.HRS-04.freeChlorineMin.help",
  },
  "HRS-04.freeChlorineMax": {
    rule: "HRS-04",
    kind: "decimal",
    unit: "milligramPerLitre",
    default: 0.5,
    min: 0.3,
    max: 1,
    decimals: 2,
    label: "settings.param.HRS-04.freeChlorineMax.label",
    help: "settings.param.HRS-04.freeChlorineMax.help",
  },
  "HRS-04.phMin": {
    rule: "HRS-04",
    kind: "decimal",
    unit: "ph",
    default: 6.8,
    min: 6,
    max: 9,
    decimals: 1,
    label: "settings.param.HRS-04.phMin.label",
    help: "settings.param.HRS-04.phMin.help",
  },
  "HRS-04.phMax": {
    rule: "HRS-04",
    kind: "decimal",
    unit: "ph",
    default: 8.5,
    min: 6,
    max: 9,
    decimals: 1,
    label: "settings.param.HRS-04.phMax.label",
    help: "settings.param.HRS-04.phMax.help",
  },
  "HRS-04.ureaMax": {
    rule: "HRS-04",
    kind: "decimal",
    unit: "milligramPerLitre",
    default: 3.5,
    min: 0.5,
    max: 10,
    decimals: 1,
    label: "settings.param.HRS-04.ureaMax.label",
    help: "settings.param.HRS-04.ureaMax.help",
  },
  "HRS-06.enabled": onOff("HRS-06", false),
  "HRS-06.maxDepth": {
    rule: "HRS-06",
    kind: "decimal",
    unit: "metre",
    default: 1.2,
    min: 0.5,
    max: 2.5,
    decimals: 2,
    label: "settings.param.HRS-06.maxDepth.label",
    help: "settings.param.HRS-06.maxDepth.help",
  },
  "HRS-06.maxDepthChildrenPool": {
    rule: "HRS-06",
    kind: "decimal",
    unit: "metre",
    default: 0.8,
    min: 0.3,
    max: 1.5,
    decimals: 2,
    label: "settings.param.HRS-06.maxDepthChildrenPool.label",
    help: "settings.param.HRS-06.maxDepthChildrenPool.help",
  },

  // Registration
  "REG-03.enabled": onOff("REG-03", true),
  "REG-04.filingIntervalMonths": {
    rule: "REG-04",
    kind: "integer",
    unit: "month",
    default: 12,
    min: 1,
    max: 24,
    label: "settings.param.REG-04.filingIntervalMonths.label",
    help: "settings.param.REG-04.filingIntervalMonths.help",
  },

  // Escrow (money flow)
  "ESCROW.autoConfirmWorkingDays": {
    rule: "ESCROW",
    kind: "integer",
    unit: "workingDay",
    default: 7,
    min: 1,
    max: 30,
    label: "settings.param.ESCROW.autoConfirmWorkingDays.label",
    help: "settings.param.ESCROW.autoConfirmWorkingDays.help",
  },
  "ESCROW.refundDeemedAgreedWorkingDays": {
    rule: "ESCROW",
    kind: "integer",
    unit: "workingDay",
    default: 5,
    min: 1,
    max: 30,
    label: "settings.param.ESCROW.refundDeemedAgreedWorkingDays.label",
    help: "settings.param.ESCROW.refundDeemedAgreedWorkingDays.help",
  },

  // Fund warnings: size bands by active enrollments, then yellow and red thresholds per band
  "WARN.smallMaxEnrollments": {
    rule: "WARN",
    kind: "integer",
    unit: "enrollment",
    default: 100,
    min: 1,
    max: 100_000,
    label: "settings.param.WARN.smallMaxEnrollments.label",
    help: "settings.param.WARN.smallMaxEnrollments.help",
  },
  "WARN.mediumMaxEnrollments": {
    rule: "WARN",
    kind: "integer",
    unit: "enrollment",
    default: 500,
    min: 2,
    max: 1_000_000,
    label: "settings.param.WARN.mediumMaxEnrollments.label",
    help: "settings.param.WARN.mediumMaxEnrollments.help",
  },
  "WARN.outflowPeriodDays": {
    rule: "WARN",
    kind: "integer",
    unit: "day",
    default: 30,
    min: 1,
    max: 365,
    label: "settings.param.WARN.outflowPeriodDays.label",
    help: "settings.param.WARN.outflowPeriodDays.help",
  },
  ...bandThresholds("small", { yellowOutflow: yuan(50_000), redOutflow: yuan(100_000) }),
  ...bandThresholds("medium", { yellowOutflow: yuan(200_000), redOutflow: yuan(500_000) }),
  ...bandThresholds("large", { yellowOutflow: yuan(1_000_000), redOutflow: yuan(2_000_000) }),

  // Risk scoring (app/modules/risk/model.ts): likelihood points per factor, magnitude multipliers,
  // level thresholds. Points are whole numbers; see each help text for the unit a weight counts.
  "RISK.findingCriticalPoints": riskPoints("findingCriticalPoints", 15),
  "RISK.findingMajorPoints": riskPoints("findingMajorPoints", 8),
  "RISK.findingMinorPoints": riskPoints("findingMinorPoints", 3),
  "RISK.certificateExpiredPoints": riskPoints("certificateExpiredPoints", 10),
  "RISK.certificateExpiringPoints": riskPoints("certificateExpiringPoints", 3),
  "RISK.certificateExpiringDays": riskInteger("certificateExpiringDays", "day", 30, 1, 365),
  "RISK.complaintPoints": riskPoints("complaintPoints", 5),
  "RISK.complaintRatePoints": riskPoints("complaintRatePoints", 5),
  "RISK.refundRatePoints": riskPoints("refundRatePoints", 5),
  "RISK.disputeRatePoints": riskPoints("disputeRatePoints", 5),
  "RISK.surgePoints": riskPoints("surgePoints", 15),
  "RISK.surgeRatioPercent": riskPercent("surgeRatioPercent", 200, 110, 1_000),
  "RISK.fundWarningYellowPoints": riskPoints("fundWarningYellowPoints", 10),
  "RISK.fundWarningRedPoints": riskPoints("fundWarningRedPoints", 25),
  "RISK.undeliveredPoints": riskPoints("undeliveredPoints", 20),
  "RISK.salesBurstPoints": riskPoints("salesBurstPoints", 15),
  "RISK.rectificationOverduePoints": riskPoints("rectificationOverduePoints", 15),
  "RISK.inspectionGapDays": riskInteger("inspectionGapDays", "day", 365, 30, 1_825),
  "RISK.inspectionGapPoints": riskPoints("inspectionGapPoints", 10),
  "RISK.factorCapPoints": riskInteger("factorCapPoints", "point", 40, 1, 100),
  "RISK.lookbackDays": riskInteger("lookbackDays", "day", 90, 7, 730),
  "RISK.magnitudeHighRiskPercent": riskPercent("magnitudeHighRiskPercent", 30, 0, 100),
  "RISK.magnitudeMinorsPercent": riskPercent("magnitudeMinorsPercent", 10, 0, 100),
  "RISK.magnitudeFundsPercent": riskPercent("magnitudeFundsPercent", 10, 0, 100),
  "RISK.magnitudeMaxPercent": riskPercent("magnitudeMaxPercent", 100, 0, 300),
  "RISK.mediumThreshold": riskInteger("mediumThreshold", "point", 40, 1, 100),
  "RISK.highThreshold": riskInteger("highThreshold", "point", 60, 1, 100),
  "RISK.criticalThreshold": riskInteger("criticalThreshold", "point", 80, 1, 100),

  // Inspections opened by risk: days until due, by level
  "INSPECT.dueDaysHigh": {
    rule: "INSPECT",
    kind: "integer",
    unit: "day",
    default: 30,
    min: 1,
    max: 180,
    label: "settings.param.INSPECT.dueDaysHigh.label",
    help: "settings.param.INSPECT.dueDaysHigh.help",
  },
  "INSPECT.dueDaysCritical": {
    rule: "INSPECT",
    kind: "integer",
    unit: "day",
    default: 7,
    min: 1,
    max: 90,
    label: "settings.param.INSPECT.dueDaysCritical.label",
    help: "settings.param.INSPECT.dueDaysCritical.help",
  },

  // Random inspections (双随机): sampling ratio by credit grade
  "DRAW.ratioA": drawRatio("A", 5),
  "DRAW.ratioB": drawRatio("B", 10),
  "DRAW.ratioC": drawRatio("C", 20),
  "DRAW.ratioD": drawRatio("D", 50),
  "DRAW.ratioE": drawRatio("E", 100),
} as const satisfies Record<string, ParameterDefinition>;

function riskPoints<N extends string>(name: N, fallback: number) {
  return riskInteger(name, "point", fallback, 0, 100);
}

function riskInteger<N extends string, U extends Unit>(name: N, unit: U, fallback: number, min: number, max: number) {
  return {
    rule: "RISK",
    kind: "integer",
    unit,
    default: fallback,
    min,
    max,
    label: `settings.param.RISK.${name}.label`,
    help: `settings.param.RISK.${name}.help`,
  } as const;
}

function riskPercent<N extends string>(name: N, fallback: number, min: number, max: number) {
  return {
    rule: "RISK",
    kind: "percent",
    unit: "percent",
    default: fallback,
    min,
    max,
    label: `settings.param.RISK.${name}.label`,
    help: `settings.param.RISK.${name}.help`,
  } as const;
}

function drawRatio<G extends "A" | "B" | "C" | "D" | "E">(grade: G, fallback: number) {
  return {
    rule: "DRAW",
    kind: "percent",
    unit: "percent",
    default: fallback,
    min: 0,
    max: 100,
    label: `settings.param.DRAW.ratio${grade}.label`,
    help: `settings.param.DRAW.ratio${grade}.help`,
  } as const;
}

export const SIZE_BANDS = ["small", "medium", "large"] as const;
export type SizeBand = (typeof SIZE_BANDS)[number];

/** The four warning thresholds of one institution size band. */
function bandThresholds<B extends SizeBand>(band: B, outflow: { yellowOutflow: number; redOutflow: number }) {
  const balance = (level: "yellow" | "red", fallback: number) =>
    ({
      rule: "WARN",
      band,
      kind: "percent",
      unit: "percent",
      default: fallback,
      min: 1,
      max: 100,
      label: `settings.param.WARN.${level}BalancePercent.label`,
      help: `settings.param.WARN.${level}BalancePercent.help`,
    }) as const;
  const outflowAbove = (level: "yellow" | "red", fallback: number) =>
    ({
      rule: "WARN",
      band,
      kind: "money",
      unit: "yuan",
      default: fallback,
      min: yuan(1),
      max: yuan(100_000_000),
      label: `settings.param.WARN.${level}OutflowFen.label`,
      help: `settings.param.WARN.${level}OutflowFen.help`,
    }) as const;
  return {
    [`WARN.${band}.yellowBalancePercent`]: balance("yellow", 80),
    [`WARN.${band}.redBalancePercent`]: balance("red", 50),
    [`WARN.${band}.yellowOutflowFen`]: outflowAbove("yellow", outflow.yellowOutflow),
    [`WARN.${band}.redOutflowFen`]: outflowAbove("red", outflow.redOutflow),
  } as {
    [K in `WARN.${B}.yellowBalancePercent` | `WARN.${B}.redBalancePercent`]: ReturnType<typeof balance>;
  } & {
    [K in `WARN.${B}.yellowOutflowFen` | `WARN.${B}.redOutflowFen`]: ReturnType<typeof outflowAbove>;
  };
}

export type ParameterKey = keyof typeof PARAMETERS;
export const PARAMETER_KEYS = Object.keys(PARAMETERS) as ParameterKey[];

type ValueOfDefinition<D> = D extends { kind: "switch" }
  ? boolean
  : D extends { kind: "time" }
    ? TimeOfDay
    : D extends { kind: "weekdayWindow" }
      ? WeekdayWindow
      : D extends { kind: "enum"; options: readonly (infer O)[] }
        ? O
        : number;

/** The TypeScript type of a parameter's value: `ParameterValue<"FEE-03.maxAmountFen">` is number. */
export type ParameterValue<K extends ParameterKey> = ValueOfDefinition<(typeof PARAMETERS)[K]>;
export type ParameterValues = { [K in ParameterKey]: ParameterValue<K> };

export function isParameterKey(key: unknown): key is ParameterKey {
  return typeof key === "string" && Object.hasOwn(PARAMETERS, key);
}

/** A parameter's definition, widened to the union of kinds (narrow it by `kind`). */
export function definitionOf(key: ParameterKey): ParameterDefinition {
  return PARAMETERS[key];
}

export function defaultValue<K extends ParameterKey>(key: K): ParameterValue<K> {
  return PARAMETERS[key].default as ParameterValue<K>;
}

/** The parameters of one rule, in catalog order. */
export function parametersOfRule(rule: RuleCode): ParameterKey[] {
  return PARAMETER_KEYS.filter((key) => PARAMETERS[key].rule === rule);
}

/** The switch of an optional rule, or null for a mandatory one. */
export function switchOf(rule: RuleCode): ParameterKey | null {
  const key = `${rule}.enabled`;
  return RULES[rule].applicability === "mandatory" ? null : isParameterKey(key) ? key : null;
}

export function rulesOfFamily(family: RuleFamily): RuleCode[] {
  return RULE_CODES.filter((code) => RULES[code].family === family);
}
