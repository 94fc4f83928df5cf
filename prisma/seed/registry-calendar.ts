/**
 * Dates of the registry demo. Every date is fixed (never "now"), so two seeds write the same rows;
 * the data is designed as of REGISTRY_DEMO_AS_OF: what is expired, expiring soon or overdue is
 * so on that day (evaluate compliance at that date to get exactly the planted findings).
 */
export const REGISTRY_DEMO_AS_OF = "2026-11-23";

const DAY_MS = 86_400_000;
/** Asia/Shanghai has no daylight saving: local time is UTC+8 all year. */
const SHANGHAI_OFFSET_MINUTES = 8 * 60;

/** A calendar day as a count of days since 1970-01-01. */
export type Day = number;

export function dayOf(iso: string): Day {
  return Math.round(Date.parse(`${iso}T00:00:00Z`) / DAY_MS);
}

export function isoOf(day: Day): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

export const AS_OF_DAY: Day = dayOf(REGISTRY_DEMO_AS_OF);

/** The instant of a local (Shanghai) time of day on a day. */
export function atLocal(day: Day, minutesOfDay: number): Date {
  return new Date(day * DAY_MS + (minutesOfDay - SHANGHAI_OFFSET_MINUTES) * 60_000);
}

/** The local (Shanghai) day of an instant. */
export function localDayOf(instant: Date): Day {
  return Math.floor((instant.getTime() + SHANGHAI_OFFSET_MINUTES * 60_000) / DAY_MS);
}

/** A DATE column value: midnight UTC of the day. */
export function dateColumn(day: Day): Date {
  return new Date(day * DAY_MS);
}

/** The annual-filing due date the approval service computes: the approval instant plus 12 months (UTC). */
export function annualDueOf(approvedAt: Date): Day {
  const due = new Date(approvedAt);
  due.setUTCMonth(due.getUTCMonth() + 12);
  return Math.floor(due.getTime() / DAY_MS);
}

export function minutesOf(hhmm: string): number {
  const [h, m] = hhmm.split(":").map(Number);
  return (h ?? 0) * 60 + (m ?? 0);
}

export function hhmmOf(minutes: number): string {
  return `${String(Math.floor(minutes / 60)).padStart(2, "0")}:${String(minutes % 60).padStart(2, "0")}`;
}

/** The year on the Shanghai clock (registration numbers carry it). */
export function yearInChina(instant: Date): number {
  return Number(isoOf(localDayOf(instant)).slice(0, 4));
}
