import {
  type PoolLimits,
  poolDayStatus,
  poolLimitsOf,
  readingProblems,
  requiredLifeguards,
} from "~/modules/compliance/pool-safety-limits";
import { resolveSettings } from "~/modules/tenancy/resolve-settings";

const defaults = poolLimitsOf(resolveSettings([], "2026-11-23"));

describe("the limits of HRS-02 and HRS-04", () => {
  it("come from the tenant's settings (defaults of STANDARDS.md here)", () => {
    expect(defaults).toEqual({
      freeChlorineMin: 0.3,
      freeChlorineMax: 0.5,
      phMin: 6.8,
      phMax: 8.5,
      ureaMax: 3.5,
      baseLifeguards: 3,
      baseWaterArea: 250,
      waterAreaPerExtraLifeguard: 250,
    });
  });

  it("follow a tenant's override from its effective date", () => {
    const chain = [
      {
        authorityId: "a",
        settings: {
          version: 1 as const,
          overrides: { "HRS-04.freeChlorineMax": [{ effectiveFrom: "2026-11-20", value: 1 }] },
        },
      },
    ];
    expect(poolLimitsOf(resolveSettings(chain, "2026-11-19")).freeChlorineMax).toBe(0.5);
    expect(poolLimitsOf(resolveSettings(chain, "2026-11-20")).freeChlorineMax).toBe(1);
  });
});

describe("lifeguards required for a water area", () => {
  it("is the base up to the base area, then one more per further step or part of one", () => {
    expect(requiredLifeguards(100, defaults)).toBe(3);
    expect(requiredLifeguards(250, defaults)).toBe(3);
    expect(requiredLifeguards(250.01, defaults)).toBe(4);
    expect(requiredLifeguards(375, defaults)).toBe(4);
    expect(requiredLifeguards(500, defaults)).toBe(4);
    expect(requiredLifeguards(500.5, defaults)).toBe(5);
    expect(requiredLifeguards(1250, defaults)).toBe(7);
  });

  it("follows the tenant's parameters and falls back to the base without an area", () => {
    const strict: PoolLimits = { ...defaults, baseLifeguards: 2, baseWaterArea: 200, waterAreaPerExtraLifeguard: 100 };
    expect(requiredLifeguards(450, strict)).toBe(5);
    expect(requiredLifeguards(null, strict)).toBe(2);
  });
});

describe("readings out of range", () => {
  it("finds nothing within the limits, the limits themselves included", () => {
    expect(readingProblems({ freeChlorineMgL: 0.3, ph: 8.5, ureaMgL: 3.5 }, defaults)).toEqual([]);
    expect(readingProblems({ freeChlorineMgL: 0.5, ph: 6.8, ureaMgL: null }, defaults)).toEqual([]);
  });

  it("names each reading outside, which side and the limit", () => {
    expect(readingProblems({ freeChlorineMgL: 0.2, ph: 8.6, ureaMgL: 3.6 }, defaults)).toEqual([
      { field: "freeChlorineMgL", value: 0.2, side: "low", limit: 0.3 },
      { field: "ph", value: 8.6, side: "high", limit: 8.5 },
      { field: "ureaMgL", value: 3.6, side: "high", limit: 3.5 },
    ]);
    expect(readingProblems({ freeChlorineMgL: 0.8, ph: 6.5, ureaMgL: 0 }, defaults)).toEqual([
      { field: "freeChlorineMgL", value: 0.8, side: "high", limit: 0.5 },
      { field: "ph", value: 6.5, side: "low", limit: 6.8 },
    ]);
  });
});

describe("how a pool's day reads", () => {
  it("logged, missing on a lesson day, pending today, or no lessons", () => {
    expect(poolDayStatus({ lessonsScheduled: true, logged: true, isToday: false })).toBe("logged");
    expect(poolDayStatus({ lessonsScheduled: false, logged: true, isToday: false })).toBe("logged");
    expect(poolDayStatus({ lessonsScheduled: true, logged: false, isToday: false })).toBe("missing");
    expect(poolDayStatus({ lessonsScheduled: true, logged: false, isToday: true })).toBe("pending");
    expect(poolDayStatus({ lessonsScheduled: false, logged: false, isToday: false })).toBe("noLessons");
  });
});
