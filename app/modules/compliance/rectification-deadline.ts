import { addDays, isoDateInChina as todayInChina } from "~/lib/china-date";
import { AWAITING_INSTITUTION_STATUSES, type RectificationStatusName } from "./rectification-state-machine";

// The China calendar (one helper for the whole app), re-exported for the rectification modules.
export { addDays, todayInChina };

/**
 * Deadlines of rectification orders are calendar days in China: an order due on 1 December may
 * be answered until midnight between 1 and 2 December, Asia/Shanghai (UTC+8, no daylight saving),
 * whatever the server's clock zone. Shared with the browser (the deadline field's limits).
 */
export type IsoDate = string;

/** The furthest deadline a regulator may set, in days from today. */
export const MAX_DEADLINE_DAYS = 365;

const CHINA_OFFSET = "+08:00";

/** A DATE column as Prisma returns it (midnight UTC of that day) as YYYY-MM-DD. */
export function isoDateOf(date: Date): IsoDate {
  return date.toISOString().slice(0, 10);
}

/** The day as a value for a DATE column. */
export function dateColumn(day: IsoDate): Date {
  return new Date(`${day}T00:00:00Z`);
}

/** The earliest and latest deadline a new order may have: tomorrow, and a year from today. */
export function deadlineBounds(now: Date): { earliest: IsoDate; latest: IsoDate } {
  const today = todayInChina(now);
  return { earliest: addDays(today, 1), latest: addDays(today, MAX_DEADLINE_DAYS) };
}

/** The instant the deadline day ends: the next midnight in China. */
export function deadlineEndsAt(deadline: IsoDate): Date {
  return new Date(`${addDays(deadline, 1)}T00:00:00${CHINA_OFFSET}`);
}

export function isPastDeadline(deadline: IsoDate, now: Date): boolean {
  return now.getTime() >= deadlineEndsAt(deadline).getTime();
}

/** Waiting for the institution and past its deadline (escalated or about to be). */
export function isLate(status: RectificationStatusName, deadline: IsoDate, now: Date): boolean {
  return (AWAITING_INSTITUTION_STATUSES as readonly string[]).includes(status) && isPastDeadline(deadline, now);
}

/** Whole days from today (in China) to the deadline: 0 on the day itself, negative once past. */
export function daysLeft(deadline: IsoDate, now: Date): number {
  const today = new Date(`${todayInChina(now)}T00:00:00Z`).getTime();
  return Math.round((new Date(`${deadline}T00:00:00Z`).getTime() - today) / 86_400_000);
}
