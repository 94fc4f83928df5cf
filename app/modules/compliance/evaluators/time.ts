import type { TimeOfDay } from "~/modules/tenancy/parameters";

/**
 * Lesson times of the weekly schedule. A slot is a half-open interval [start, end) on an ISO
 * weekday: a lesson ending at 16:30 and one starting at 16:30 do not overlap.
 */

export function minutesOf(time: TimeOfDay): number {
  const [hours, minutes] = time.split(":").map(Number);
  return (hours ?? 0) * 60 + (minutes ?? 0);
}

export function timeOf(minutes: number): TimeOfDay {
  return `${String(Math.floor(minutes / 60)).padStart(2, "0")}:${String(minutes % 60).padStart(2, "0")}`;
}

export type WeeklyInterval = { weekday: number; start: number; end: number };

export function intervalOf(slot: { weekday: number; startTime: TimeOfDay; endTime: TimeOfDay }): WeeklyInterval {
  return { weekday: slot.weekday, start: minutesOf(slot.startTime), end: minutesOf(slot.endTime) };
}

export function overlaps(a: WeeklyInterval, b: WeeklyInterval): boolean {
  return a.weekday === b.weekday && a.start < b.end && b.start < a.end;
}

/** The moment of the week at which the items running together weigh most, and those items. */
export type Peak<T> = { total: number; weekday: number | null; start: number | null; items: T[] };

/**
 * The heaviest moment of the week: the load of a moment is the sum of `weight` over the items
 * running then. The load only rises when an item starts, so the starts are the only candidates.
 * Ties go to the earliest moment of the week. O(n²), fine for a few dozen slots.
 */
export function peakOf<T>(
  items: readonly T[],
  interval: (item: T) => WeeklyInterval,
  weight: (item: T) => number,
): Peak<T> {
  let best: Peak<T> = { total: 0, weekday: null, start: null, items: [] };
  const timed = items
    .map((item) => ({ item, at: interval(item) }))
    .sort((a, b) => a.at.weekday - b.at.weekday || a.at.start - b.at.start);
  for (const candidate of timed) {
    const { weekday, start } = candidate.at;
    const running = timed.filter((t) => t.at.weekday === weekday && t.at.start <= start && start < t.at.end);
    const total = running.reduce((sum, t) => sum + weight(t.item), 0);
    if (total > best.total) best = { total, weekday, start, items: running.map((t) => t.item) };
  }
  return best;
}
