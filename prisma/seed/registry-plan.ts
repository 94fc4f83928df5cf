import { createHash } from "node:crypto";
import type { InstitutionStatusName } from "~/modules/registry/institution-status";
import { DEMO_AUTHORITIES } from "./authorities";
import { stableId } from "./stable-id";

/**
 * Which demo institution is in which state and breaks which rule, decided by position alone
 * (district, index), never by randomness: the counts per state are exact, and adding districts or
 * institutions only appends — the institutions already planned keep their state, breach and data.
 */

export const DEFAULT_INSTITUTIONS_PER_DISTRICT = 40;

/**
 * The states of 20 consecutive institutions of a district: 12 approved (60 %), one or two in every
 * other state. Each district starts at another point of the cycle, so a small demo varies too.
 */
const STATE_CYCLE: readonly InstitutionStatusName[] = [
  "APPROVED",
  "DRAFT",
  "APPROVED",
  "SUBMITTED",
  "APPROVED",
  "UNDER_REVIEW",
  "APPROVED",
  "SUSPENDED",
  "APPROVED",
  "CHANGES_REQUESTED",
  "APPROVED",
  "REVOKED",
  "APPROVED",
  "REJECTED",
  "APPROVED",
  "CLOSED",
  "APPROVED",
  "APPROVED",
  "APPROVED",
  "APPROVED",
];

/**
 * The deliberate breaches, one per non-compliant institution, always on an APPROVED one (the
 * compliance engine judges what is in force). Everything else in the demo meets every rule of
 * STANDARDS.md at its default parameters as of REGISTRY_DEMO_AS_OF. With the default 40 per
 * district each kind occurs exactly 3 times, in both Hangzhou and Ningbo.
 *
 * | code   | how it is planted                                                                          |
 * |--------|--------------------------------------------------------------------------------------------|
 * | STF-01 | the first course has a class of 40 (3 coaches per class, floor area ≥ 6 m² each)            |
 * | STF-02 | the first course has a class of 16 with 1 coach                                             |
 * | STF-03 | one coach's only certificates have all expired before the as-of date                        |
 * | VEN-01 | the first course's venue has 4 m² per trainee (120 m², class of 30 with 2 coaches)          |
 * | VEN-02 | the first course (ages 6–9) trains on floor 5, or underground (floor −1), alternately       |
 * | VEN-03 | the first venue is a flat in a residential compound (residential = true)                    |
 * | SCH-01 | the first course (adults, 90 min) has a weekday lesson 19:30–21:00                          |
 * | SCH-03 | the first course (ages 6–9 or 8–12) has a weekday lesson starting at 14:00                  |
 * | HRS-01 | a swimming school whose high-risk sports permit expired in 2026 before the as-of date      |
 * | HRS-03 | a swimming school's first pool has 45 m² of water for a class of 20 (2.25 m² per swimmer)   |
 * | STF-08 | one part-time coach is a serving school teacher                                             |
 * | STF-05 | fewer than half of the coaches are full-time                                                |
 * | REG-04 | registered before 2025-10-16 and the last annual filing was skipped: due date has passed    |
 * | FEE-04 | funds supervision is not enabled                                                            |
 */
export const NON_COMPLIANCE_KINDS = [
  "STF-01",
  "STF-02",
  "STF-03",
  "VEN-01",
  "VEN-02",
  "VEN-03",
  "SCH-01",
  "SCH-03",
  "HRS-01",
  "HRS-03",
  "STF-08",
  "STF-05",
  "REG-04",
  "FEE-04",
] as const;
export type NonComplianceKind = (typeof NON_COMPLIANCE_KINDS)[number];

/** Every 4th approved institution of a district (ranks 1, 5, 9, …) breaks a rule: 6 of 24. */
const BREACH_EVERY = 4;
/** Breach slots reserved per district, so a district's kinds do not depend on how many it holds. */
const BREACH_SLOTS_PER_DISTRICT = 6;

export type RegistryDemoEntry = {
  /** `<district code>-<two-digit index>`, e.g. 330106-07. */
  key: string;
  id: string;
  districtCode: string;
  /** The district's position among the demo districts (fixes its point in the cycles). */
  districtOrdinal: number;
  index: number;
  status: InstitutionStatusName;
  breach: NonComplianceKind | null;
  /** Seeds faker for this institution only. */
  fakerSeed: number;
};

export type DemoDistrict = { code: string; ordinal: number; city: string; district: string; parentCode: string };

/** The demo's districts with their Chinese short names (杭州 / 西湖) taken from the authority names. */
export function demoDistricts(): DemoDistrict[] {
  return DEMO_AUTHORITIES.filter((a) => a.level === "DISTRICT").map((a, ordinal) => {
    const match = /^(.+?)市(.+?)区/.exec(a.name);
    if (!match?.[1] || !match[2] || !a.parentCode) throw new Error(`unexpected district name ${a.name}`);
    return { code: a.code, ordinal, city: match[1], district: match[2], parentCode: a.parentCode };
  });
}

export const registryDemoInstitutionId = (key: string) => stableId("institution", `registry-demo:${key}`);

function fakerSeedOf(key: string): number {
  return createHash("sha1").update(`tipei-registry-demo:${key}`).digest().readUInt32BE(0);
}

export function registryDemoPlan(perDistrict = DEFAULT_INSTITUTIONS_PER_DISTRICT): RegistryDemoEntry[] {
  const entries: RegistryDemoEntry[] = [];
  for (const d of demoDistricts()) {
    let approvedRank = 0;
    for (let index = 1; index <= perDistrict; index++) {
      const status = STATE_CYCLE[(index - 1 + d.ordinal * 3) % STATE_CYCLE.length] ?? "APPROVED";
      let breach: NonComplianceKind | null = null;
      if (status === "APPROVED") {
        if (approvedRank % BREACH_EVERY === 1) {
          const slot = d.ordinal * BREACH_SLOTS_PER_DISTRICT + Math.floor(approvedRank / BREACH_EVERY);
          breach = NON_COMPLIANCE_KINDS[slot % NON_COMPLIANCE_KINDS.length] ?? null;
        }
        approvedRank++;
      }
      const key = `${d.code}-${String(index).padStart(2, "0")}`;
      entries.push({
        key,
        id: registryDemoInstitutionId(key),
        districtCode: d.code,
        districtOrdinal: d.ordinal,
        index,
        status,
        breach,
        fakerSeed: fakerSeedOf(key),
      });
    }
  }
  return entries;
}
