import type { ResolvedSettings } from "~/modules/tenancy/resolve-settings";
import { lifeguardsRequired } from "./evaluators/high-risk";

/**
 * The limits of HRS-02 (lifeguards for the water area) and HRS-04 (water quality) in force for a
 * tenant on a day, and the comparisons the safety-log page and the compliance rules make with
 * them. Pure and shared with the browser: the numbers always come from the tenant's settings.
 */
export type PoolLimits = {
  freeChlorineMin: number;
  freeChlorineMax: number;
  phMin: number;
  phMax: number;
  ureaMax: number;
  baseLifeguards: number;
  baseWaterArea: number;
  waterAreaPerExtraLifeguard: number;
};

export function poolLimitsOf(settings: ResolvedSettings): PoolLimits {
  return {
    freeChlorineMin: settings.get("HRS-04.freeChlorineMin"),
    freeChlorineMax: settings.get("HRS-04.freeChlorineMax"),
    phMin: settings.get("HRS-04.phMin"),
    phMax: settings.get("HRS-04.phMax"),
    ureaMax: settings.get("HRS-04.ureaMax"),
    baseLifeguards: settings.get("HRS-02.baseLifeguards"),
    baseWaterArea: settings.get("HRS-02.baseWaterArea"),
    waterAreaPerExtraLifeguard: settings.get("HRS-02.waterAreaPerExtraLifeguard"),
  };
}

/**
 * Lifeguards a pool needs on duty: the base number up to the base water area, then one more
 * for each further step of area or part of one (GB 19079.1: "每增加 250 m² 及以内增加 1 名"),
 * so 375 m² with the defaults needs 3 + 1 = 4. A pool without a known area needs the base.
 */
/** The same count HRS-02 judges by (one formula: the evaluator's). */
export function requiredLifeguards(waterAreaM2: number | null, limits: PoolLimits): number {
  if (waterAreaM2 === null) return limits.baseLifeguards;
  return lifeguardsRequired(
    waterAreaM2,
    limits.baseLifeguards,
    limits.baseWaterArea,
    limits.waterAreaPerExtraLifeguard,
  );
}

export type Reading = { freeChlorineMgL: number; ph: number; ureaMgL: number | null };
export type ReadingField = keyof Reading;

/** One reading outside its limits: which, how far (below the minimum or above the maximum) and the limit. */
export type ReadingProblem = { field: ReadingField; value: number; side: "low" | "high"; limit: number };

export function readingProblems(reading: Reading, limits: PoolLimits): ReadingProblem[] {
  const problems: ReadingProblem[] = [];
  const check = (field: ReadingField, value: number | null, min: number | null, max: number) => {
    if (value === null) return;
    if (min !== null && value < min) problems.push({ field, value, side: "low", limit: min });
    else if (value > max) problems.push({ field, value, side: "high", limit: max });
  };
  check("freeChlorineMgL", reading.freeChlorineMgL, limits.freeChlorineMin, limits.freeChlorineMax);
  check("ph", reading.ph, limits.phMin, limits.phMax);
  check("ureaMgL", reading.ureaMgL, null, limits.ureaMax);
  return problems;
}

/**
 * How a day of a pool reads: a log was kept; lessons were scheduled and no log was kept (a
 * finding); today has lessons and the log may still come; or there were no lessons.
 */
export type PoolDayStatus = "logged" | "missing" | "pending" | "noLessons";

export function poolDayStatus(day: { lessonsScheduled: boolean; logged: boolean; isToday: boolean }): PoolDayStatus {
  if (day.logged) return "logged";
  if (!day.lessonsScheduled) return "noLessons";
  return day.isToday ? "pending" : "missing";
}
