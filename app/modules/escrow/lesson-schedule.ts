import { addDays } from "~/lib/china-date";
import type { IsoDate, Weekday } from "~/modules/tenancy/parameters";

/** ISO weekday (1 = Monday … 7 = Sunday) of a YYYY-MM-DD day. */
export function weekdayOf(day: IsoDate): Weekday {
  const d = new Date(`${day}T00:00:00Z`).getUTCDay();
  return (d === 0 ? 7 : d) as Weekday;
}

/**
 * The days of the next `count` lessons from `from` (inclusive) on a weekly schedule: one lesson
 * per schedule slot a week (two slots on the same weekday are two lessons that day). A course
 * without slots is taken as one lesson a week on `from`'s weekday, so a period can still be shown.
 */
export function lessonDays(from: IsoDate, slotWeekdays: readonly number[], count: number): IsoDate[] {
  const weekdays = slotWeekdays.filter((w) => Number.isInteger(w) && w >= 1 && w <= 7);
  const perWeekday = new Map<number, number>();
  for (const w of weekdays.length > 0 ? weekdays : [weekdayOf(from)]) perWeekday.set(w, (perWeekday.get(w) ?? 0) + 1);
  const days: IsoDate[] = [];
  for (let day = from; days.length < count; day = addDays(day, 1)) {
    for (let i = 0; i < (perWeekday.get(weekdayOf(day)) ?? 0) && days.length < count; i += 1) days.push(day);
  }
  return days;
}

/** The same calendar day `months` later (the last day of that month when it is shorter). */
export function addMonths(day: IsoDate, months: number): IsoDate {
  const [y, m, d] = day.split("-").map(Number) as [number, number, number];
  const total = y * 12 + (m - 1) + months;
  const year = Math.floor(total / 12);
  const month = (total % 12) + 1;
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return `${String(year).padStart(4, "0")}-${String(month).padStart(2, "0")}-${String(Math.min(d, last)).padStart(2, "0")}`;
}
