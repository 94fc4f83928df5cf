import fc from "fast-check";
import { addDays } from "~/lib/china-date";
import {
  addWorkingDays,
  type CalendarOverrides,
  isWorkingDay,
  NO_OVERRIDES,
  workingDaysBetween,
} from "~/modules/escrow/working-days";

/** The State Council's 2026 arrangement around Mid-Autumn and National Day (days that break Mon–Fri). */
const AUTUMN_2026: CalendarOverrides = new Map([
  ["2026-09-20", true], // Sunday, 国庆节调休上班
  ["2026-09-25", false], // Friday, 中秋节
  ["2026-10-01", false],
  ["2026-10-02", false],
  ["2026-10-05", false],
  ["2026-10-06", false],
  ["2026-10-07", false],
  ["2026-10-10", true], // Saturday, 国庆节调休上班
]);

describe("working days", () => {
  it("are Monday to Friday when the calendar has no entry", () => {
    expect(isWorkingDay("2026-11-23", NO_OVERRIDES)).toBe(true); // Monday
    expect(isWorkingDay("2026-11-27", NO_OVERRIDES)).toBe(true); // Friday
    expect(isWorkingDay("2026-11-28", NO_OVERRIDES)).toBe(false); // Saturday
    expect(isWorkingDay("2026-11-29", NO_OVERRIDES)).toBe(false); // Sunday
  });

  it("follow an entry over the weekday rule, both ways", () => {
    expect(isWorkingDay("2026-10-01", AUTUMN_2026)).toBe(false);
    expect(isWorkingDay("2026-10-10", AUTUMN_2026)).toBe(true);
  });

  it("skip the National Day holiday: one working day after 30 September is 8 October", () => {
    expect(addWorkingDays("2026-09-30", 1, AUTUMN_2026)).toBe("2026-10-08");
    expect(addWorkingDays("2026-09-30", 1, NO_OVERRIDES)).toBe("2026-10-01");
  });

  it("count an adjusted working Sunday", () => {
    // Friday 18 September; the next working day is the adjusted Sunday, not Monday.
    expect(addWorkingDays("2026-09-18", 1, AUTUMN_2026)).toBe("2026-09-20");
    expect(addWorkingDays("2026-09-18", 1, NO_OVERRIDES)).toBe("2026-09-21");
  });

  it("reach seven working days across an ordinary weekend", () => {
    // Monday 16 November + 7 working days: 17–20, 23, 24, 25.
    expect(addWorkingDays("2026-11-16", 7, NO_OVERRIDES)).toBe("2026-11-25");
    expect(workingDaysBetween("2026-11-16", "2026-11-25", NO_OVERRIDES)).toBe(7);
  });

  it("count the confirmation deadline of a lesson given before National Day", () => {
    // Lesson on Tuesday 29 September: 30 Sep, 8, 9, 10 (Saturday, adjusted), 12, 13, 14 October.
    expect(addWorkingDays("2026-09-29", 7, AUTUMN_2026)).toBe("2026-10-14");
  });

  it("count nothing in an empty or reversed span", () => {
    expect(workingDaysBetween("2026-11-25", "2026-11-25", NO_OVERRIDES)).toBe(0);
    expect(workingDaysBetween("2026-11-25", "2026-11-16", NO_OVERRIDES)).toBe(0);
  });

  it("refuse to add zero, negative or fractional working days", () => {
    expect(() => addWorkingDays("2026-11-16", 0, NO_OVERRIDES)).toThrow(RangeError);
    expect(() => addWorkingDays("2026-11-16", -1, NO_OVERRIDES)).toThrow(RangeError);
    expect(() => addWorkingDays("2026-11-16", 1.5, NO_OVERRIDES)).toThrow(RangeError);
  });
});

describe("working days, over any calendar", () => {
  const START = "2024-01-01";
  const day = fc.integer({ min: 0, max: 3 * 366 }).map((offset) => addDays(START, offset));
  /** Any entries in the three years, a long break of days off included. */
  const overrides = fc
    .tuple(
      fc.array(fc.tuple(day, fc.boolean()), { maxLength: 80 }),
      fc.option(fc.tuple(day, fc.integer({ min: 1, max: 40 }))),
    )
    .map(([entries, closure]) => {
      const map = new Map(entries);
      if (closure) for (let i = 0; i < closure[1]; i += 1) map.set(addDays(closure[0], i), false);
      return map as CalendarOverrides;
    });
  const n = fc.integer({ min: 1, max: 30 });

  it("land on a working day, after the start", () => {
    fc.assert(
      fc.property(day, n, overrides, (from, count, calendar) => {
        const due = addWorkingDays(from, count, calendar);
        expect(due > from).toBe(true);
        expect(isWorkingDay(due, calendar)).toBe(true);
      }),
    );
  });

  it("are counted back exactly: workingDaysBetween(from, addWorkingDays(from, n)) = n", () => {
    fc.assert(
      fc.property(day, n, overrides, (from, count, calendar) => {
        expect(workingDaysBetween(from, addWorkingDays(from, count, calendar), calendar)).toBe(count);
      }),
    );
  });

  it("add up: n then m working days are n + m working days", () => {
    fc.assert(
      fc.property(day, n, n, overrides, (from, first, second, calendar) => {
        const stepwise = addWorkingDays(addWorkingDays(from, first, calendar), second, calendar);
        expect(stepwise).toBe(addWorkingDays(from, first + second, calendar));
      }),
    );
  });
});
