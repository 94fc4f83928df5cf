import fc from "fast-check";
import { lifeguardsRequired } from "~/modules/compliance/evaluators/high-risk";
import { peakOf } from "~/modules/compliance/evaluators/time";
import type { Finding } from "~/modules/compliance/finding";
import type { RegistrationContent } from "~/modules/registry/content";
import {
  compliantContent,
  course,
  evaluate,
  extraCourse,
  extraVenue,
  settingsOn,
  slot,
  snapshotOf,
  venue,
} from "./support";

/**
 * The arithmetic of the area and lifeguard rules, over many values: exactly the minimum passes
 * and one square metre less fails; other venues never change a venue's finding; the lifeguards
 * needed grow with the water and step exactly at the boundaries.
 */

/** A tenant minimum with one decimal, as the settings accept it. */
const tenths = (min: number, max: number) => fc.integer({ min: min * 10, max: max * 10 }).map((n) => n / 10);
const overrides = (key: "VEN-01.minAreaPerTrainee" | "HRS-03.minWaterAreaPerSwimmer", value: number) => ({
  [key]: [{ effectiveFrom: "2026-01-01", value }],
});

function outcomeFor(rule: "VEN-01" | "HRS-03", content: RegistrationContent, minimum: number): Finding | undefined {
  const key = rule === "VEN-01" ? "VEN-01.minAreaPerTrainee" : "HRS-03.minWaterAreaPerSwimmer";
  const snapshot = snapshotOf(content);
  return evaluate(rule, snapshot, settingsOn(snapshot.asOf, overrides(key, minimum))).find(
    (f) => f.entity.id === venue(content).id,
  );
}

describe("area per trainee (VEN-01)", () => {
  it("passes at exactly minimum × trainees and fails one square metre less", () => {
    fc.assert(
      fc.property(tenths(1, 50), fc.integer({ min: 1, max: 200 }), (minimum, trainees) => {
        const content = compliantContent();
        course(content).classSize = trainees;
        venue(content).trainingAreaM2 = minimum * trainees;
        expect(outcomeFor("VEN-01", content, minimum)?.outcome).toBe("PASS");
        venue(content).trainingAreaM2 = minimum * trainees - 1;
        expect(outcomeFor("VEN-01", content, minimum)?.outcome).toBe("FAIL");
      }),
    );
  });

  it("adds up classes that overlap and not those that do not", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 40 }), fc.integer({ min: 1, max: 40 }), fc.boolean(), (a, b, overlap) => {
        const content = compliantContent();
        const first = course(content);
        first.classSize = a;
        first.slots = [slot(2, "17:00", "18:00", venue(content).id)];
        content.courses.push(
          extraCourse(first, {
            classSize: b,
            slots: [slot(2, overlap ? "17:59" : "18:00", "19:00", venue(content).id)],
          }),
        );
        venue(content).trainingAreaM2 = 5 * (overlap ? a + b : Math.max(a, b));
        const found = outcomeFor("VEN-01", content, 5);
        expect(found?.outcome).toBe("PASS");
        expect(found?.evidence.values.trainees).toBe(overlap ? a + b : Math.max(a, b));
      }),
    );
  });

  it("never changes a venue's finding when another venue and its classes are added", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 2000 }),
        fc.integer({ min: 1, max: 200 }),
        fc.integer({ min: 1, max: 7 }),
        fc.integer({ min: 6, max: 20 }),
        (area, classSize, weekday, hour) => {
          const content = compliantContent();
          const before = outcomeFor("VEN-01", content, 5);
          const other = extraVenue(venue(content), { trainingAreaM2: area });
          content.venues.push(other);
          content.courses.push(
            extraCourse(course(content), {
              classSize,
              slots: [
                slot(
                  weekday,
                  `${String(hour).padStart(2, "0")}:00`,
                  `${String(hour + 1).padStart(2, "0")}:00`,
                  other.id,
                ),
              ],
            }),
          );
          expect(outcomeFor("VEN-01", content, 5)).toEqual(before);
        },
      ),
    );
  });
});

describe("water area per swimmer (HRS-03)", () => {
  it("passes at exactly minimum × swimmers and fails one square metre less", () => {
    fc.assert(
      fc.property(tenths(0.5, 20), fc.integer({ min: 1, max: 200 }), (minimum, swimmers) => {
        const content = compliantContent();
        course(content).classSize = swimmers;
        venue(content).poolWaterAreaM2 = minimum * swimmers;
        expect(outcomeFor("HRS-03", content, minimum)?.outcome).toBe("PASS");
        venue(content).poolWaterAreaM2 = minimum * swimmers - 1;
        expect(outcomeFor("HRS-03", content, minimum)?.outcome).toBe("FAIL");
      }),
    );
  });

  it("never changes a pool's finding when another pool and its classes are added", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 2000 }), fc.integer({ min: 1, max: 200 }), (water, classSize) => {
        const content = compliantContent();
        const before = outcomeFor("HRS-03", content, 2.5);
        const other = extraVenue(venue(content), { poolWaterAreaM2: water });
        content.venues.push(other);
        content.courses.push(extraCourse(course(content), { classSize, slots: [slot(6, "09:00", "10:00", other.id)] }));
        expect(outcomeFor("HRS-03", content, 2.5)).toEqual(before);
      }),
    );
  });
});

describe("lifeguards needed (HRS-02)", () => {
  const byDefault = (water: number) => lifeguardsRequired(water, 3, 250, 250);

  it("is exact at the boundaries of 250 m² steps", () => {
    expect(byDefault(1)).toBe(3);
    expect(byDefault(250)).toBe(3);
    expect(byDefault(250.1)).toBe(4);
    expect(byDefault(500)).toBe(4);
    expect(byDefault(500.1)).toBe(5);
    expect(byDefault(750)).toBe(5);
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 40 }), (k) => {
        expect(byDefault(250 + 250 * k)).toBe(3 + k);
        expect(byDefault(250 + 250 * k + 0.1)).toBe(4 + k);
      }),
    );
  });

  it("is exact at the boundaries for any tenant's base and step", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 50 }),
        tenths(10, 5000),
        tenths(10, 5000),
        fc.integer({ min: 0, max: 20 }),
        (base, baseArea, step, k) => {
          expect(lifeguardsRequired(baseArea + step * k, base, baseArea, step)).toBe(base + k);
          expect(lifeguardsRequired(baseArea + step * k + 0.1, base, baseArea, step)).toBe(base + k + 1);
        },
      ),
    );
  });

  it("never falls as the water grows", () => {
    fc.assert(
      fc.property(tenths(1, 10_000), tenths(0, 10_000), (water, more) => {
        expect(byDefault(water + more)).toBeGreaterThanOrEqual(byDefault(water));
      }),
    );
  });

  it("is what the evaluator asks of a logged day", () => {
    fc.assert(
      fc.property(tenths(1, 3000), fc.integer({ min: 0, max: 20 }), (water, onDuty) => {
        const content = compliantContent();
        venue(content).poolWaterAreaM2 = water;
        const snapshot = snapshotOf(content, {
          poolDays: [
            {
              venueId: venue(content).id,
              date: "2026-11-22",
              lessonsScheduled: true,
              log: { readings: [{ freeChlorineMgL: 0.4, ph: 7.2, ureaMgL: null }], minLifeguardsOnDuty: onDuty },
            },
          ],
        });
        const [finding] = evaluate("HRS-02", snapshot);
        expect(finding?.evidence.values.required).toBe(byDefault(water));
        expect(finding?.outcome).toBe(onDuty >= byDefault(water) ? "PASS" : "FAIL");
      }),
    );
  });
});

describe("the busiest moment of the week", () => {
  it("weighs at least the heaviest item, and at most all of them", () => {
    const item = fc.record({
      weekday: fc.integer({ min: 1, max: 7 }),
      start: fc.integer({ min: 0, max: 1380 }),
      length: fc.integer({ min: 1, max: 60 }),
      weight: fc.integer({ min: 1, max: 50 }),
    });
    fc.assert(
      fc.property(fc.array(item, { minLength: 1, maxLength: 12 }), (items) => {
        const peak = peakOf(
          items,
          (i) => ({ weekday: i.weekday, start: i.start, end: i.start + i.length }),
          (i) => i.weight,
        );
        expect(peak.total).toBeGreaterThanOrEqual(Math.max(...items.map((i) => i.weight)));
        expect(peak.total).toBeLessThanOrEqual(items.reduce((s, i) => s + i.weight, 0));
        expect(peak.items.reduce((s, i) => s + i.weight, 0)).toBe(peak.total);
      }),
    );
  });
});
