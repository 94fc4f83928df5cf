import type { VenueContent } from "~/modules/registry/content";
import { isHighRisk, type Sport } from "~/modules/registry/sports";
import type { ResolvedSettings } from "~/modules/tenancy/resolve-settings";
import type { EvaluatorTable } from "../evaluator";
import type { Finding } from "../finding";
import type { InstitutionSnapshot, PoolDay } from "../snapshot";
import { atLeast, atMost, inForceOn, meetsAreaPerHead, rounded } from "./arithmetic";
import { finding, institutionEntity, notApplicable, switchable, venueEntity } from "./findings";
import { intervalOf, peakOf, timeOf } from "./time";
import { isWaterSport, lessonsAt, slotsOf, takesChildren, takesPreschool } from "./trainees";

/**
 * High-risk sports (HRS). HRS-01 concerns every high-risk sport taught; HRS-02…06 concern the
 * water: the pools where swimming or diving lessons are held (a class of a water sport is in the
 * water; a dry-land class booked at the pool venue is not).
 */

/** Sports taught: those the entity declares and those its courses teach. */
function sportsTaught(s: InstitutionSnapshot): Sport[] {
  return [...new Set<Sport>([...s.content.entity.sports, ...s.content.courses.map((c) => c.sport)])];
}

/** The water lessons at a venue. */
const waterLessonsAt = (s: InstitutionSnapshot, venueId: string) =>
  lessonsAt(s.content, venueId).filter((p) => isWaterSport(p.course.sport));

/** Venues where water lessons are held. */
const venuesWithWaterLessons = (s: InstitutionSnapshot) =>
  s.content.venues.filter((v) => waterLessonsAt(s, v.id).length > 0);

type Pool = VenueContent & { poolWaterAreaM2: number };
const isPool = (v: VenueContent): v is Pool => v.isPool && v.poolWaterAreaM2 !== undefined;

/**
 * The pools HRS-02/04/06 judge, or the finding saying there are none: no water sport taught, or
 * taught only at venues not recorded as pools (HRS-03 warns about those).
 */
function poolsJudged(
  rule: "HRS-02" | "HRS-04" | "HRS-06",
  s: InstitutionSnapshot,
): { pools: Pool[] } | { none: Finding[] } {
  const venues = venuesWithWaterLessons(s);
  if (venues.length === 0) return { none: notApplicable(rule, s, "compliance.evidence.HRS.noSwimming") };
  const pools = venues.filter(isPool);
  return pools.length === 0 ? { none: notApplicable(rule, s, "compliance.evidence.HRS.noPool") } : { pools };
}

/** HRS-01: a permit in force on the day for each high-risk sport taught (the expiry day still counts). */
function hrs01(s: InstitutionSnapshot): Finding[] {
  const highRisk = sportsTaught(s).filter(isHighRisk);
  if (highRisk.length === 0) return notApplicable("HRS-01", s, "compliance.evidence.HRS-01.noHighRisk");
  return highRisk.map((sport) => {
    const permits = s.content.documents.highRiskPermits
      .filter((p) => p.sport === sport)
      .sort((a, b) => b.expiresOn.localeCompare(a.expiresOn));
    const latest = permits[0];
    if (!latest)
      return finding("HRS-01", "FAIL", institutionEntity(s), "compliance.evidence.HRS-01.missing", { sport });
    const values = { sport, number: latest.number, expiresOn: latest.expiresOn, asOf: s.asOf };
    return inForceOn(latest.expiresOn, s.asOf)
      ? finding("HRS-01", "PASS", institutionEntity(s), "compliance.evidence.HRS-01.pass", values)
      : finding("HRS-01", "FAIL", institutionEntity(s), "compliance.evidence.HRS-01.expired", values);
  });
}

/**
 * Lifeguards a pool needs (GB 19079.1): `base` for water up to `baseArea`, plus one for every
 * further `step` m² or part of it — 250 m² → 3, 251 m² → 4, 500 m² → 4, 501 m² → 5 at the defaults.
 */
export function lifeguardsRequired(waterArea: number, base: number, baseArea: number, step: number): number {
  const above = waterArea - baseArea;
  // A float hair above a multiple of the step is that multiple (500.0000000001 → 1 step).
  return above <= 1e-9 ? base : base + Math.ceil(above / step - 1e-9);
}

function poolDaysOf(s: InstitutionSnapshot, venueId: string): PoolDay[] {
  return (s.poolDays ?? []).filter((d) => d.venueId === venueId).sort((a, b) => a.date.localeCompare(b.date));
}

/**
 * HRS-02: lifeguards on duty, from the pool safety logs: every logged day's fewest lifeguards in
 * any session against what the water area needs. Before any log exists (a draft's pre-check,
 * poolDays null) or without a logged day in the window there is nothing to judge. Days with
 * lessons and no log are HRS-04's failure (the log is missing), not a count of zero here.
 */
function hrs02(s: InstitutionSnapshot, settings: ResolvedSettings): Finding[] {
  const judged = poolsJudged("HRS-02", s);
  if ("none" in judged) return judged.none;
  return judged.pools.map((pool) => {
    const required = lifeguardsRequired(
      pool.poolWaterAreaM2,
      settings.get("HRS-02.baseLifeguards"),
      settings.get("HRS-02.baseWaterArea"),
      settings.get("HRS-02.waterAreaPerExtraLifeguard"),
    );
    const base = { venue: pool.name, water: pool.poolWaterAreaM2, required };
    if (s.poolDays === null)
      return finding("HRS-02", "NOT_APPLICABLE", venueEntity(pool), "compliance.evidence.HRS.noLogsYet", base);
    const logged = poolDaysOf(s, pool.id).flatMap((d) => (d.log ? [{ date: d.date, log: d.log }] : []));
    if (logged.length === 0)
      return finding("HRS-02", "NOT_APPLICABLE", venueEntity(pool), "compliance.evidence.HRS.noLoggedDays", base);
    const fewest = Math.min(...logged.map((d) => d.log.minLifeguardsOnDuty));
    const short = logged.filter((d) => d.log.minLifeguardsOnDuty < required);
    const values = {
      ...base,
      fewest,
      date: logged.find((d) => d.log.minLifeguardsOnDuty === fewest)?.date ?? null,
      daysShort: short.length,
      daysLogged: logged.length,
    };
    return short.length > 0
      ? finding("HRS-02", "FAIL", venueEntity(pool), "compliance.evidence.HRS-02.fail", values)
      : finding("HRS-02", "PASS", venueEntity(pool), "compliance.evidence.HRS-02.pass", values);
  });
}

/**
 * HRS-03: water area ÷ the swimmers in the water at the busiest moment (water-sport classes at
 * overlapping times on the same weekday add up). Swimming lessons at a venue not recorded as a
 * pool cannot be judged: WARNING, the filing should say where the water is.
 */
function hrs03(s: InstitutionSnapshot, settings: ResolvedSettings): Finding[] {
  const venues = venuesWithWaterLessons(s);
  if (venues.length === 0) return notApplicable("HRS-03", s, "compliance.evidence.HRS.noSwimming");
  const minimum = settings.get("HRS-03.minWaterAreaPerSwimmer");
  return venues.map((venue) => {
    if (!isPool(venue))
      return finding("HRS-03", "WARNING", venueEntity(venue), "compliance.evidence.HRS-03.notAPool", {
        venue: venue.name,
      });
    const peak = peakOf(
      waterLessonsAt(s, venue.id),
      (p) => intervalOf(p.slot),
      (p) => p.course.classSize,
    );
    const swimmers = peak.total;
    const values = {
      venue: venue.name,
      water: venue.poolWaterAreaM2,
      swimmers,
      perSwimmer: rounded(venue.poolWaterAreaM2 / swimmers),
      minimum,
      weekday: peak.weekday,
      at: peak.start === null ? null : timeOf(peak.start),
      classes: peak.items.length,
    };
    return meetsAreaPerHead(venue.poolWaterAreaM2, swimmers, minimum)
      ? finding("HRS-03", "PASS", venueEntity(venue), "compliance.evidence.HRS-03.pass", values)
      : finding("HRS-03", "FAIL", venueEntity(venue), "compliance.evidence.HRS-03.fail", values);
  });
}

/**
 * HRS-04: every day with lessons has a water log with readings, and every reading is within the
 * tenant's limits (a reading exactly at a limit is within it; urea only when measured). One
 * finding per pool and problem: missing logs, then chlorine, pH and urea out of range, each
 * with its first occurrence; a pool without problems passes.
 */
function hrs04(s: InstitutionSnapshot, settings: ResolvedSettings): Finding[] {
  const judged = poolsJudged("HRS-04", s);
  if ("none" in judged) return judged.none;
  const limits = {
    chlorineMin: settings.get("HRS-04.freeChlorineMin"),
    chlorineMax: settings.get("HRS-04.freeChlorineMax"),
    phMin: settings.get("HRS-04.phMin"),
    phMax: settings.get("HRS-04.phMax"),
    ureaMax: settings.get("HRS-04.ureaMax"),
  };
  return judged.pools.flatMap((pool): Finding[] => {
    const entity = venueEntity(pool);
    if (s.poolDays === null)
      return [finding("HRS-04", "NOT_APPLICABLE", entity, "compliance.evidence.HRS.noLogsYet", { venue: pool.name })];
    const days = poolDaysOf(s, pool.id);
    if (days.length === 0)
      return [finding("HRS-04", "NOT_APPLICABLE", entity, "compliance.evidence.HRS-04.noDays", { venue: pool.name })];
    const found: Finding[] = [];
    const lessonDays = days.filter((d) => d.lessonsScheduled);
    const unlogged = lessonDays.filter((d) => !d.log || d.log.readings.length === 0);
    if (unlogged.length > 0) {
      found.push(
        finding("HRS-04", "FAIL", entity, "compliance.evidence.HRS-04.missing", {
          venue: pool.name,
          missing: unlogged.length,
          lessonDays: lessonDays.length,
          date: unlogged[0]?.date ?? null,
        }),
      );
    }
    const readings = days.flatMap((d) => (d.log?.readings ?? []).map((r) => ({ date: d.date, ...r })));
    const outOfRange = (
      key: "compliance.evidence.HRS-04.chlorine" | "compliance.evidence.HRS-04.ph" | "compliance.evidence.HRS-04.urea",
      measured: (r: (typeof readings)[number]) => number | null,
      min: number | null,
      max: number,
    ) => {
      const bad = readings.filter((r) => {
        const v = measured(r);
        return v !== null && !(atMost(v, max) && (min === null || atLeast(v, min)));
      });
      const first = bad[0];
      if (first)
        found.push(
          finding("HRS-04", "FAIL", entity, key, {
            venue: pool.name,
            date: first.date,
            value: measured(first),
            min,
            max,
            count: bad.length,
          }),
        );
    };
    outOfRange("compliance.evidence.HRS-04.chlorine", (r) => r.freeChlorineMgL, limits.chlorineMin, limits.chlorineMax);
    outOfRange("compliance.evidence.HRS-04.ph", (r) => r.ph, limits.phMin, limits.phMax);
    outOfRange("compliance.evidence.HRS-04.urea", (r) => r.ureaMgL, null, limits.ureaMax);
    if (found.length > 0) return found;
    return [
      finding("HRS-04", "PASS", entity, "compliance.evidence.HRS-04.pass", {
        venue: pool.name,
        lessonDays: lessonDays.length,
        readings: readings.length,
      }),
    ];
  });
}

/**
 * HRS-05: coaches are not assigned to courses in the filing, so "the swimming coaches" cannot be
 * named. What can be judged: the institution has at least as many coaches holding the swimming
 * social-sports-instructor qualification (in force on the day) as its swimming classes need at
 * its busiest moment (Σ coaches per class of swimming lessons running together, every venue —
 * a coach is in one place at a time). Requiring it of every coach would fail a multi-sport school
 * for its football coach; requiring one would let a single instructor cover parallel classes.
 */
function hrs05(s: InstitutionSnapshot): Finding[] {
  const swimming = slotsOf(s.content).filter((p) => p.course.sport === "SWIMMING");
  if (swimming.length === 0) return notApplicable("HRS-05", s, "compliance.evidence.HRS-05.noSwimming");
  const needed = peakOf(
    swimming,
    (p) => intervalOf(p.slot),
    (p) => p.course.coachesPerClass,
  ).total;
  const qualified = s.content.coaches.filter((coach) =>
    coach.certificates.some(
      (c) => c.type === "SOCIAL_SPORTS_INSTRUCTOR" && c.sport === "SWIMMING" && inForceOn(c.expiresOn, s.asOf),
    ),
  ).length;
  const values = { qualified, needed, coaches: s.content.coaches.length };
  return [
    qualified >= needed
      ? finding("HRS-05", "PASS", institutionEntity(s), "compliance.evidence.HRS-05.pass", values)
      : finding("HRS-05", "FAIL", institutionEntity(s), "compliance.evidence.HRS-05.fail", values),
  ];
}

/**
 * HRS-06: the water children train in is not too deep. The filing records each pool's depth
 * range, not the part a class uses, so the deepest water counts (a class cannot be kept out of
 * part of the pool by the data). The limit is the general one for classes reaching 12 or
 * younger; the filing has no "children's pool" flag, so the children's-pool limit is applied
 * where those pools serve — classes reaching below school age (under 6).
 */
const hrs06 = switchable("HRS-06", (s, settings) => {
  const judged = poolsJudged("HRS-06", s);
  if ("none" in judged) return judged.none;
  return judged.pools.map((pool) => {
    const children = waterLessonsAt(s, pool.id).filter((p) => takesChildren(p.course));
    if (children.length === 0)
      return finding("HRS-06", "NOT_APPLICABLE", venueEntity(pool), "compliance.evidence.HRS-06.noChildren", {
        venue: pool.name,
      });
    const preschool = children.some((p) => takesPreschool(p.course));
    const maximum = preschool
      ? Math.min(settings.get("HRS-06.maxDepth"), settings.get("HRS-06.maxDepthChildrenPool"))
      : settings.get("HRS-06.maxDepth");
    const depth = pool.poolDepthMaxM ?? pool.poolDepthMinM ?? null;
    const values = {
      venue: pool.name,
      depth,
      maximum,
      youngest: Math.min(...children.map((p) => p.course.ageMin)),
    };
    if (depth === null)
      return finding("HRS-06", "WARNING", venueEntity(pool), "compliance.evidence.HRS-06.unknown", values);
    const ok = atMost(depth, maximum);
    const key = ok
      ? preschool
        ? "compliance.evidence.HRS-06.passPreschool"
        : "compliance.evidence.HRS-06.pass"
      : preschool
        ? "compliance.evidence.HRS-06.failPreschool"
        : "compliance.evidence.HRS-06.fail";
    return finding("HRS-06", ok ? "PASS" : "FAIL", venueEntity(pool), key, { ...values, depth: rounded(depth) });
  });
});

export const HRS_EVALUATORS = {
  "HRS-01": hrs01,
  "HRS-02": hrs02,
  "HRS-03": hrs03,
  "HRS-04": hrs04,
  "HRS-05": hrs05,
  "HRS-06": hrs06,
} satisfies Partial<EvaluatorTable>;
