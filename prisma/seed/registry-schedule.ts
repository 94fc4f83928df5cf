import type { Faker } from "@faker-js/faker";
import { hhmmOf, minutesOf } from "./registry-calendar";

/**
 * Weekly lesson times of the demo courses. Lessons never overlap in one venue, so a venue's
 * largest simultaneous class is its largest course (VEN-01, HRS-03 stay exact); school days
 * start after school (SCH-03), and every offline lesson ends by 20:30 (SCH-01).
 */

export type PlannedSlot = { weekday: number; startTime: string; endTime: string };

const SCHOOL_DAY_STARTS = ["16:30", "17:00", "17:30", "18:00", "18:30", "19:00"];
const WEEKEND_STARTS = [
  "08:30",
  "09:00",
  "09:30",
  "10:00",
  "10:30",
  "13:30",
  "14:00",
  "14:30",
  "15:00",
  "15:30",
  "16:00",
];
/** Offline lessons end by then (SCH-01's default). */
const LATEST_END = minutesOf("20:30");

type Busy = { start: number; end: number };

/** Booked lesson times per venue and weekday. Online courses book nothing. */
export class VenueCalendar {
  private readonly busy = new Map<string, Busy[]>();

  fits(venueId: string | undefined, weekday: number, start: number, end: number): boolean {
    if (!venueId) return true;
    return (this.busy.get(`${venueId}:${weekday}`) ?? []).every((b) => end <= b.start || start >= b.end);
  }

  book(venueId: string | undefined, slot: PlannedSlot): void {
    if (!venueId) return;
    const key = `${venueId}:${slot.weekday}`;
    this.busy.set(key, [
      ...(this.busy.get(key) ?? []),
      { start: minutesOf(slot.startTime), end: minutesOf(slot.endTime) },
    ]);
  }
}

function candidates(weekday: number, minutes: number): number[] {
  const starts = weekday <= 5 ? SCHOOL_DAY_STARTS : WEEKEND_STARTS;
  return starts.map(minutesOf).filter((s) => s + minutes <= LATEST_END);
}

/**
 * Up to `count` lessons a week on different days, `forced` ones first (the planted breaches,
 * booked as given). Random picks first; when they keep colliding, the first free time in order.
 */
export function weeklySlots(
  faker: Faker,
  calendar: VenueCalendar,
  venueId: string | undefined,
  minutes: number,
  count: number,
  forced: PlannedSlot[] = [],
): PlannedSlot[] {
  const slots: PlannedSlot[] = [];
  for (const slot of forced) {
    calendar.book(venueId, slot);
    slots.push(slot);
  }
  const usedDays = () => new Set(slots.map((s) => s.weekday));
  const take = (weekday: number, start: number): boolean => {
    if (usedDays().has(weekday) || !calendar.fits(venueId, weekday, start, start + minutes)) return false;
    const slot = { weekday, startTime: hhmmOf(start), endTime: hhmmOf(start + minutes) };
    calendar.book(venueId, slot);
    slots.push(slot);
    return true;
  };
  for (let tries = 0; tries < 40 && slots.length < count; tries++) {
    const weekday = faker.number.int({ min: 1, max: 7 });
    const options = candidates(weekday, minutes);
    if (options.length > 0) take(weekday, faker.helpers.arrayElement(options));
  }
  for (let weekday = 7; weekday >= 1 && slots.length < count; weekday--) {
    for (const start of candidates(weekday, minutes)) if (take(weekday, start)) break;
  }
  if (slots.length === 0) throw new Error("no free lesson time left in the venue");
  return slots.sort((a, b) => a.weekday - b.weekday || a.startTime.localeCompare(b.startTime));
}
