import { addDays } from "~/lib/china-date";
import type { IsoDate } from "~/modules/tenancy/parameters";

/**
 * Working days as the escrow counts its deadlines (lessons confirmed automatically, refunds
 * deemed agreed): Monday to Friday, unless the tenant's calendar says otherwise for a day (a
 * national holiday on a weekday, an adjusted working weekend, a local decision). Pure and
 * shared with the browser: the calendar entries are loaded by calendar.server.ts.
 */

export type { IsoDate };

/** Day (YYYY-MM-DD) → whether it is a working day, for the days that break the weekday rule. */
export type CalendarOverrides = ReadonlyMap<string, boolean>;

export const NO_OVERRIDES: CalendarOverrides = new Map();

/** 0 = Sunday … 6 = Saturday, the same day wherever the code runs. */
export function weekdayOf(day: IsoDate): number {
  return new Date(`${day}T00:00:00Z`).getUTCDay();
}

export function isWeekend(day: IsoDate): boolean {
  const weekday = weekdayOf(day);
  return weekday === 0 || weekday === 6;
}

export function isWorkingDay(day: IsoDate, overrides: CalendarOverrides): boolean {
  return overrides.get(day) ?? !isWeekend(day);
}

/**
 * The n-th working day strictly after `from` (n ≥ 1): the deadline "n working days after".
 * Past the days `overrides` covers, the weekday rule applies, so the caller loads a window that
 * reaches the answer (see workingDayAfter).
 */
export function addWorkingDays(from: IsoDate, n: number, overrides: CalendarOverrides): IsoDate {
  if (!Number.isInteger(n) || n < 1) throw new RangeError(`Working days to add must be a whole number ≥ 1, not ${n}`);
  let day = from;
  let left = n;
  while (left > 0) {
    day = addDays(day, 1);
    if (isWorkingDay(day, overrides)) left -= 1;
  }
  return day;
}

/** How many working days lie in (after, upTo]: 0 when upTo is not later than after. */
export function workingDaysBetween(after: IsoDate, upTo: IsoDate, overrides: CalendarOverrides): number {
  let count = 0;
  for (let day = addDays(after, 1); day <= upTo; day = addDays(day, 1)) {
    if (isWorkingDay(day, overrides)) count += 1;
  }
  return count;
}
