import type { CourseContent } from "~/modules/registry/content";
import type { ResolvedSettings } from "~/modules/tenancy/resolve-settings";
import type { EvaluatorTable } from "../evaluator";
import type { Finding } from "../finding";
import type { InstitutionSnapshot } from "../snapshot";
import { atMost, rounded, yuanOf } from "./arithmetic";
import { courseEntity, finding, institutionEntity, notApplicable, switchable } from "./findings";

/**
 * Fees and supervised funds (FEE). At registration nothing has been sold yet: the payment caps
 * (FEE-01/02/03) are judged on whether each course can be sold in ONE payment of the whole
 * course. When it cannot, that is not a breach — checkout will split the sale and refuse any
 * payment over the caps — so the outcome is a WARNING ("must be sold in parts"), never a FAIL.
 */

/**
 * A month of FEE-01 is 30 days: a course has no start date, so calendar months cannot be
 * counted; 30 days is the shortest reading common in fee rules (February aside).
 */
export const DAYS_PER_MONTH = 30;
/** The class hour of the MINUTES_45 counting mode. */
const CLASS_HOUR_MINUTES = 45;

/**
 * Days from the first to the last lesson of a course given its weekly slots and lesson count.
 * An enrolment may begin on any of the course's lesson days, so the longest of those spans
 * counts (the conservative reading: the cap must hold whichever lesson the sale starts at).
 */
export function courseSpanDays(course: Pick<CourseContent, "slots" | "lessonCount">): number {
  const days = course.slots.map((s) => s.weekday - 1).sort((a, b) => a - b);
  const perWeek = days.length;
  if (perWeek === 0 || course.lessonCount <= 1) return 0;
  const dayOfLesson = (index: number) => 7 * Math.floor(index / perWeek) + (days[index % perWeek] ?? 0);
  let longest = 0;
  for (let first = 0; first < perWeek; first++) {
    longest = Math.max(longest, dayOfLesson(first + course.lessonCount - 1) - dayOfLesson(first));
  }
  return longest;
}

/** Class hours of a whole course as the tenant counts them (FEE-02). */
export function classHoursOf(course: CourseContent, settings: ResolvedSettings): number {
  return settings.get("FEE-02.classHourCounting") === "MINUTES_45"
    ? (course.lessonCount * course.lessonMinutes) / CLASS_HOUR_MINUTES
    : course.lessonCount;
}

/** Whether one payment of the whole course stays within each cap. */
function capsOf(course: CourseContent, settings: ResolvedSettings) {
  const days = courseSpanDays(course);
  const classHours = classHoursOf(course, settings);
  const amountFen = course.pricePerLessonFen * course.lessonCount;
  return {
    days,
    months: days / DAYS_PER_MONTH,
    classHours,
    amountFen,
    withinMonths: days <= settings.get("FEE-01.maxMonths") * DAYS_PER_MONTH,
    withinClassHours: atMost(classHours, settings.get("FEE-02.maxClassHours")),
    withinAmount: amountFen <= settings.get("FEE-03.maxAmountFen"),
  };
}

type PerCourse = (course: CourseContent, settings: ResolvedSettings, s: InstitutionSnapshot) => Finding;

/** One finding per course; an institution without courses has nothing to sell. */
function perCourse(rule: "FEE-01" | "FEE-02" | "FEE-03" | "FEE-08", judge: PerCourse) {
  return (s: InstitutionSnapshot, settings: ResolvedSettings): Finding[] =>
    s.content.courses.length === 0
      ? notApplicable(rule, s, "compliance.evidence.noCourses")
      : s.content.courses.map((course) => judge(course, settings, s));
}

/** FEE-01: the whole course within the months one payment may cover (first to last lesson). */
const fee01 = perCourse("FEE-01", (course, settings) => {
  const caps = capsOf(course, settings);
  const values = {
    course: course.name,
    lessons: course.lessonCount,
    perWeek: course.slots.length,
    days: caps.days,
    months: rounded(caps.months, 1),
    maximum: settings.get("FEE-01.maxMonths"),
  };
  return caps.withinMonths
    ? finding("FEE-01", "PASS", courseEntity(course), "compliance.evidence.FEE-01.pass", values)
    : finding("FEE-01", "WARNING", courseEntity(course), "compliance.evidence.FEE-01.inParts", values);
});

/** FEE-02: the whole course within the class hours one payment may cover, counted the tenant's way. */
const fee02 = perCourse("FEE-02", (course, settings) => {
  const caps = capsOf(course, settings);
  const per45 = settings.get("FEE-02.classHourCounting") === "MINUTES_45";
  const values = {
    course: course.name,
    lessons: course.lessonCount,
    lessonMinutes: course.lessonMinutes,
    classHours: rounded(caps.classHours, 2),
    maximum: settings.get("FEE-02.maxClassHours"),
    counting: settings.get("FEE-02.classHourCounting"),
  };
  const key = caps.withinClassHours
    ? per45
      ? "compliance.evidence.FEE-02.pass45"
      : "compliance.evidence.FEE-02.pass"
    : per45
      ? "compliance.evidence.FEE-02.inParts45"
      : "compliance.evidence.FEE-02.inParts";
  return finding("FEE-02", caps.withinClassHours ? "PASS" : "WARNING", courseEntity(course), key, values);
});

/** FEE-03: price × lessons within the amount one payment may take. */
const fee03 = perCourse("FEE-03", (course, settings) => {
  const caps = capsOf(course, settings);
  const values = {
    course: course.name,
    pricePerLesson: yuanOf(course.pricePerLessonFen),
    lessons: course.lessonCount,
    amount: yuanOf(caps.amountFen),
    maximum: yuanOf(settings.get("FEE-03.maxAmountFen")),
  };
  return caps.withinAmount
    ? finding("FEE-03", "PASS", courseEntity(course), "compliance.evidence.FEE-03.pass", values)
    : finding("FEE-03", "WARNING", courseEntity(course), "compliance.evidence.FEE-03.inParts", values);
});

/**
 * FEE-04: no course may be sold before the supervised account is enabled. A registered
 * institution without it FAILs. One not registered yet (a draft's pre-check: no registration
 * date) cannot sell anything anyway; the account is opened after approval, so it is a WARNING
 * saying it must be enabled before the first sale — not a critical failure of every applicant.
 */
function fee04(s: InstitutionSnapshot): Finding[] {
  const entity = institutionEntity(s);
  if (s.fundsSupervisionEnabled)
    return [finding("FEE-04", "PASS", entity, "compliance.evidence.FEE-04.pass", { enabled: true })];
  return s.registeredOn === null
    ? [finding("FEE-04", "WARNING", entity, "compliance.evidence.FEE-04.beforeFirstSale", { enabled: false })]
    : [finding("FEE-04", "FAIL", entity, "compliance.evidence.FEE-04.fail", { enabled: false })];
}

/**
 * FEE-05: the platform is the only channel an institution takes fees through (一码通), and its
 * checkout has no loan, instalment-credit or other third-party finance method: met by construction.
 */
function fee05(s: InstitutionSnapshot): Finding[] {
  return [finding("FEE-05", "PASS", institutionEntity(s), "compliance.evidence.FEE-05.byConstruction")];
}

/** FEE-06: every enrolment's contract is generated from the standard text and kept signed: met by construction. */
function fee06(s: InstitutionSnapshot): Finding[] {
  return [finding("FEE-06", "PASS", institutionEntity(s), "compliance.evidence.FEE-06.byConstruction")];
}

/**
 * FEE-07: the reserve is held by the escrow itself (the share of unconsumed balance is not
 * released until the course ends), so there is nothing an institution could break at
 * registration: NOT_APPLICABLE, saying how the escrow enforces it.
 */
const fee07 = switchable("FEE-07", (s, settings) =>
  notApplicable("FEE-07", s, "compliance.evidence.FEE-07.byEscrow", {
    share: settings.get("FEE-07.reserveSharePercent"),
  }),
);

/**
 * FEE-08: renewals only happen to a course sold in parts. A course that fits one payment has
 * no renewal to time (PASS); one that must be sold in parts will be renewed, and checkout
 * refuses a renewal earlier than the window: WARNING, like the caps that split it.
 */
const fee08 = switchable(
  "FEE-08",
  perCourse("FEE-08", (course, settings) => {
    const caps = capsOf(course, settings);
    const onePayment = caps.withinMonths && caps.withinClassHours && caps.withinAmount;
    const values = {
      course: course.name,
      monthsLeft: settings.get("FEE-08.renewalMonthsLeft"),
      lessonsLeft: settings.get("FEE-08.renewalLessonsLeft"),
    };
    return onePayment
      ? finding("FEE-08", "PASS", courseEntity(course), "compliance.evidence.FEE-08.onePayment", values)
      : finding("FEE-08", "WARNING", courseEntity(course), "compliance.evidence.FEE-08.renewals", values);
  }),
);

export const FEE_EVALUATORS = {
  "FEE-01": fee01,
  "FEE-02": fee02,
  "FEE-03": fee03,
  "FEE-04": fee04,
  "FEE-05": fee05,
  "FEE-06": fee06,
  "FEE-07": fee07,
  "FEE-08": fee08,
} satisfies Partial<EvaluatorTable>;
