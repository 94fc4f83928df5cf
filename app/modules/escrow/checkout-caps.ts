import type { MessageKey } from "~/lib/i18n/catalog";
import type { ResolvedSettings } from "~/modules/tenancy/resolve-settings";
import { addMonths } from "./lesson-schedule";

/**
 * The caps a purchase must stay within (STANDARDS.md FEE-01, -02, -03, -08), with the tenant's
 * parameters in force. Pure: the caller gathers the course, the period and any current
 * enrollment. A refusal names the rule and the numbers, so the parent sees why.
 */
export type PurchaseSubject = {
  lessons: number;
  lessonMinutes: number;
  pricePerLessonFen: number;
  /** First and last lesson day of what is bought. */
  periodStart: string;
  periodEnd: string;
  /** The trainee's current enrollment in the same course, if any (for FEE-08). */
  current: { lessonsLeft: number; periodEnd: string; today: string } | null;
};

export type CapRefusal = {
  rule: "FEE-01" | "FEE-02" | "FEE-03" | "FEE-08";
  message: MessageKey;
  values: Record<string, string | number>;
};

export function classHours(settings: ResolvedSettings, lessons: number, lessonMinutes: number): number {
  return settings.get("FEE-02.classHourCounting") === "MINUTES_45"
    ? Math.round(((lessons * lessonMinutes) / 45) * 10) / 10
    : lessons;
}

export function purchaseRefusals(settings: ResolvedSettings, subject: PurchaseSubject): CapRefusal[] {
  const refusals: CapRefusal[] = [];
  const maxMonths = settings.get("FEE-01.maxMonths");
  // The period may run up to the day before the same date `maxMonths` later.
  if (subject.periodEnd >= addMonths(subject.periodStart, maxMonths))
    refusals.push({
      rule: "FEE-01",
      message: "escrow.cap.FEE-01",
      values: { months: maxMonths, from: subject.periodStart, to: subject.periodEnd },
    });
  const hours = classHours(settings, subject.lessons, subject.lessonMinutes);
  const maxHours = settings.get("FEE-02.maxClassHours");
  if (hours > maxHours)
    refusals.push({ rule: "FEE-02", message: "escrow.cap.FEE-02", values: { hours, max: maxHours } });
  const amount = subject.lessons * subject.pricePerLessonFen;
  const maxAmount = settings.get("FEE-03.maxAmountFen");
  if (amount > maxAmount)
    refusals.push({
      rule: "FEE-03",
      message: "escrow.cap.FEE-03",
      values: { amount: (amount / 100).toFixed(2), max: (maxAmount / 100).toFixed(2) },
    });
  if (settings.isRuleOn("FEE-08") && subject.current) {
    const { lessonsLeft, periodEnd, today } = subject.current;
    const monthsLeft = settings.get("FEE-08.renewalMonthsLeft");
    const lessonsLeftMax = settings.get("FEE-08.renewalLessonsLeft");
    const nearEnd = periodEnd < addMonths(today, monthsLeft) || lessonsLeft <= lessonsLeftMax;
    if (!nearEnd)
      refusals.push({
        rule: "FEE-08",
        message: "escrow.cap.FEE-08",
        values: { lessonsLeft, lessonsMax: lessonsLeftMax, months: monthsLeft },
      });
  }
  return refusals;
}

/** The most lessons one payment may buy at this price and length (for the form's maximum). */
export function maxLessonsAllowed(
  settings: ResolvedSettings,
  lessonMinutes: number,
  pricePerLessonFen: number,
): number {
  const byAmount = Math.floor(settings.get("FEE-03.maxAmountFen") / pricePerLessonFen);
  const maxHours = settings.get("FEE-02.maxClassHours");
  const byHours =
    settings.get("FEE-02.classHourCounting") === "MINUTES_45" ? Math.floor((maxHours * 45) / lessonMinutes) : maxHours;
  return Math.max(0, Math.min(byAmount, byHours));
}
