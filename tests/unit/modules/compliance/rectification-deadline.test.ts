import {
  daysLeft,
  deadlineBounds,
  deadlineEndsAt,
  isLate,
  isoDateOf,
  isPastDeadline,
  todayInChina,
} from "~/modules/compliance/rectification-deadline";

describe("rectification deadlines, counted in China", () => {
  it("ends the deadline day at midnight in China (16:00 UTC)", () => {
    expect(deadlineEndsAt("2026-12-01").toISOString()).toBe("2026-12-01T16:00:00.000Z");
    expect(isPastDeadline("2026-12-01", new Date("2026-12-01T15:59:59.999Z"))).toBe(false);
    expect(isPastDeadline("2026-12-01", new Date("2026-12-01T16:00:00.000Z"))).toBe(true);
  });

  it("turns the day at midnight in China, whatever the UTC date", () => {
    expect(todayInChina(new Date("2026-11-30T15:59:00Z"))).toBe("2026-11-30");
    expect(todayInChina(new Date("2026-11-30T16:00:00Z"))).toBe("2026-12-01");
  });

  it("allows deadlines from tomorrow to a year from today", () => {
    expect(deadlineBounds(new Date("2026-12-31T17:00:00Z"))).toEqual({ earliest: "2027-01-02", latest: "2028-01-01" });
    expect(deadlineBounds(new Date("2026-02-28T03:00:00Z"))).toEqual({ earliest: "2026-03-01", latest: "2027-02-28" });
  });

  it("counts days left from today in China, negative once past", () => {
    const now = new Date("2026-11-30T20:00:00Z"); // 1 December, 04:00 in China
    expect(daysLeft("2026-12-01", now)).toBe(0);
    expect(daysLeft("2026-12-04", now)).toBe(3);
    expect(daysLeft("2026-11-28", now)).toBe(-3);
  });

  it("calls an order late only while the institution still owes an answer", () => {
    const after = new Date("2026-12-02T00:00:00Z");
    for (const status of ["ISSUED", "REJECTED", "OVERDUE"] as const)
      expect(isLate(status, "2026-12-01", after)).toBe(true);
    for (const status of ["ANSWERED", "ACCEPTED", "WITHDRAWN"] as const)
      expect(isLate(status, "2026-12-01", after)).toBe(false);
    expect(isLate("ISSUED", "2026-12-01", new Date("2026-12-01T15:00:00Z"))).toBe(false);
  });

  it("reads a DATE column as its calendar day", () => {
    expect(isoDateOf(new Date("2026-12-01T00:00:00Z"))).toBe("2026-12-01");
  });
});
