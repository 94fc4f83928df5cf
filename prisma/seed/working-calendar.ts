// The package's date functions read the process's time zone and shift every day by one west of
// UTC (getHolidaysInRange answers 2025-12-31 for New Year under America/Los_Angeles); its data
// file, keyed by YYYY-MM-DD, is the same official calendar without that trap.
import officialCalendar from "chinese-days/dist/chinese-days.json" with { type: "json" };
import type { PrismaClient } from "~/generated/prisma/client.ts";
import { isoDateInChina } from "~/lib/china-date";
import { isWeekend } from "~/modules/escrow/working-days";
import { stableId } from "./stable-id";

/**
 * The national holiday calendar (国务院办公厅 notices, as packaged by `chinese-days`) as rows of
 * `working_calendar_day`: holidays that fall on a weekday (days off) and the adjusted working
 * weekends (调休上班). Holidays on a weekend change nothing and are left out.
 */

type OfficialCalendar = { holidays: Record<string, string>; workdays: Record<string, string> };
const OFFICIAL: OfficialCalendar = officialCalendar;

/** The package's short names, as the State Council's notices write them. */
const OFFICIAL_NAMES: Record<string, string> = { 清明: "清明节", 端午: "端午节", 中秋: "中秋节" };

/** "National Day,国庆节,3" → 国庆节. */
function chineseName(entry: string): string {
  const short = entry.split(",")[1]?.trim() || entry;
  return OFFICIAL_NAMES[short] ?? short;
}

/** Years the installed package has the State Council's arrangement for. */
export function officialCalendarYears(): number[] {
  return [...new Set(Object.keys(OFFICIAL.holidays).map((day) => Number(day.slice(0, 4))))].sort((a, b) => a - b);
}

export type CalendarSeedRow = { day: string; working: boolean; name: string };

/** The rows of the national calendar for `years` (years the package does not know give none). */
export function nationalCalendarRows(years: readonly number[]): CalendarSeedRow[] {
  const wanted = new Set(years.map(String));
  const inYears = (day: string) => wanted.has(day.slice(0, 4));
  const daysOff = Object.entries(OFFICIAL.holidays)
    .filter(([day]) => inYears(day) && !isWeekend(day))
    .map(([day, entry]) => ({ day, working: false, name: chineseName(entry) }));
  const workingWeekends = Object.entries(OFFICIAL.workdays)
    .filter(([day]) => inYears(day) && isWeekend(day))
    .map(([day, entry]) => ({ day, working: true, name: `${chineseName(entry)}调休上班`.slice(0, 60) }));
  return [...daysOff, ...workingWeekends].sort((a, b) => (a.day < b.day ? -1 : a.day > b.day ? 1 : 0));
}

// Fixed so rows written by two seeds are identical.
const SEEDED_AT = new Date("2026-11-01T00:00:00.000Z");

/** Writes the national calendar of `years` on an authority; days it already has are kept. */
export async function seedNationalCalendar(db: PrismaClient, authorityId: string, years: number[]): Promise<number> {
  return seedCalendarDays(db, authorityId, nationalCalendarRows(years));
}

/** One multi-row INSERT … ON CONFLICT DO NOTHING: an entry a tenant edited stays as edited. */
export async function seedCalendarDays(
  db: PrismaClient,
  authorityId: string,
  rows: readonly CalendarSeedRow[],
): Promise<number> {
  if (rows.length === 0) return 0;
  const written = await db.workingCalendarDay.createMany({
    data: rows.map((row) => ({
      authorityId,
      day: new Date(`${row.day}T00:00:00.000Z`),
      working: row.working,
      name: row.name,
      updatedAt: SEEDED_AT,
    })),
    skipDuplicates: true,
  });
  return written.count;
}

// ---------------------------------------------------------------------------------------------
// The demo

const ZHEJIANG = stableId("authority", "330000");
const XIHU = stableId("authority", "330106");

/** The demo is set in 2026; the years around today are added so the calendar stays current. */
export function demoCalendarYears(today: string = isoDateInChina()): number[] {
  const year = Number(today.slice(0, 4));
  const around = [2025, 2026, 2027, year - 1, year, year + 1];
  const known = new Set(officialCalendarYears());
  return [...new Set(around)].filter((y) => known.has(y)).sort((a, b) => a - b);
}

/**
 * A district entry, so the page shows an own entry beside the province's inherited ones. It is
 * not a real arrangement and says so.
 */
export const DEMO_XIHU_DAY: CalendarSeedRow = {
  day: "2026-12-18",
  working: false,
  name: "演示示例：西湖区区级休息日（非真实安排）",
};

/** The national calendar on the province (its cities and districts inherit it) and Xihu's own day. */
export async function seedDemoCalendar(db: PrismaClient): Promise<void> {
  await seedNationalCalendar(db, ZHEJIANG, demoCalendarYears());
  await seedCalendarDays(db, XIHU, [DEMO_XIHU_DAY]);
}
