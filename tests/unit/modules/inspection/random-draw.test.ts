import fc from "fast-check";
import {
  type DrawCandidate,
  type DrawRatios,
  drawInspections,
  GRADES,
  sameDraw,
  sampleSize,
} from "~/modules/inspection/random-draw";

const RATIOS: DrawRatios = { A: 5, B: 10, C: 20, D: 50, E: 100 };

function population(perGrade: number): DrawCandidate[] {
  return GRADES.flatMap((grade) =>
    Array.from({ length: perGrade }, (_, i) => ({
      institutionId: `00000000-0000-4000-8000-${grade.charCodeAt(0).toString().padStart(4, "0")}${String(i).padStart(8, "0")}`,
      grade,
    })),
  );
}

const INSPECTORS = ["i-1", "i-2", "i-3"];

describe("random draw", () => {
  it("draws the same institutions and inspectors for the same seed and population, in any input order", () => {
    const people = population(20);
    const first = drawInspections({ seed: "2026-Q4", ratios: RATIOS, population: people, inspectorIds: INSPECTORS });
    const again = drawInspections({
      seed: "2026-Q4",
      ratios: RATIOS,
      population: [...people].reverse(),
      inspectorIds: [...INSPECTORS].reverse(),
    });
    expect(sameDraw(first, again)).toBe(true);
  });

  it("draws differently for a different seed", () => {
    const people = population(20);
    const a = drawInspections({ seed: "seed-a", ratios: RATIOS, population: people, inspectorIds: INSPECTORS });
    const b = drawInspections({ seed: "seed-b", ratios: RATIOS, population: people, inspectorIds: INSPECTORS });
    expect(sameDraw(a, b)).toBe(false);
  });

  it("respects the ratio of each grade, rounded up", () => {
    const drawn = drawInspections({ seed: "x", ratios: RATIOS, population: population(20), inspectorIds: INSPECTORS });
    const count = (g: string) => drawn.filter((d) => d.grade === g).length;
    expect([count("A"), count("B"), count("C"), count("D"), count("E")]).toEqual([1, 2, 4, 10, 20]);
    expect(sampleSize(7, 0)).toBe(0);
    expect(sampleSize(7, 10)).toBe(1);
  });

  it("gives every inspector work in turn", () => {
    const drawn = drawInspections({ seed: "y", ratios: RATIOS, population: population(20), inspectorIds: INSPECTORS });
    const perInspector = INSPECTORS.map((id) => drawn.filter((d) => d.inspectorId === id).length);
    expect(Math.max(...perInspector) - Math.min(...perInspector)).toBeLessThanOrEqual(1);
    expect(perInspector.every((n) => n > 0)).toBe(true);
  });

  it("deals an institution only to an inspector who may take it (its district's), still in turn", () => {
    const people = population(10).map((c, i) => ({ ...c, inspectorIds: i % 2 === 0 ? ["i-1", "i-2"] : ["i-3"] }));
    const drawn = drawInspections({ seed: "z", ratios: RATIOS, population: people, inspectorIds: INSPECTORS });
    const allowedOf = new Map(people.map((p) => [p.institutionId, p.inspectorIds]));
    for (const d of drawn) expect(allowedOf.get(d.institutionId)).toContain(d.inspectorId);
    const even = drawn.filter((d) => allowedOf.get(d.institutionId)?.length === 2);
    const first = even.filter((d) => d.inspectorId === "i-1").length;
    expect(Math.abs(first - (even.length - first))).toBeLessThanOrEqual(1);
    const again = drawInspections({
      seed: "z",
      ratios: RATIOS,
      population: [...people].reverse(),
      inspectorIds: INSPECTORS,
    });
    expect(sameDraw(drawn, again)).toBe(true);
  });

  it("is reproducible, draws each institution at most once and the ratio's share of each grade (property)", () => {
    const grade = fc.constantFrom(...GRADES);
    fc.assert(
      fc.property(
        fc.string(),
        fc.uniqueArray(fc.record({ institutionId: fc.uuid(), grade }), {
          selector: (c) => c.institutionId,
          maxLength: 60,
        }),
        fc.record({
          A: fc.integer({ min: 0, max: 100 }),
          B: fc.integer({ min: 0, max: 100 }),
          C: fc.integer({ min: 0, max: 100 }),
          D: fc.integer({ min: 0, max: 100 }),
          E: fc.integer({ min: 0, max: 100 }),
        }),
        fc.uniqueArray(fc.uuid(), { maxLength: 5 }),
        (seed, people, ratios, inspectors) => {
          const input = { seed, ratios, population: people, inspectorIds: inspectors };
          const drawn = drawInspections(input);
          expect(sameDraw(drawn, drawInspections({ ...input, population: [...people].reverse() }))).toBe(true);
          expect(new Set(drawn.map((d) => d.institutionId)).size).toBe(drawn.length);
          for (const g of GRADES) {
            const size = people.filter((p) => p.grade === g).length;
            expect(drawn.filter((d) => d.grade === g).length).toBe(Math.ceil((size * ratios[g]) / 100));
          }
          for (const d of drawn) expect(d.inspectorId === null).toBe(inspectors.length === 0);
        },
      ),
      { numRuns: 200 },
    );
  });
});
