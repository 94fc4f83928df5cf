import type { Faker } from "@faker-js/faker";
import type { CertificateContent, CoachContent, CourseContent, SafetyStaff } from "~/modules/registry/content";
import type { CertificateType, Sport } from "~/modules/registry/sports";
import { type Day, dayOf, isoOf } from "./registry-calendar";
import { mobilePhone, personName } from "./registry-names";
import type { NonComplianceKind } from "./registry-plan";

/**
 * Coaches with their certificates, and the safety staff. A compliant institution has at least
 * half full-time coaches (STF-05), no serving school teacher (STF-08), and every coach holds a
 * recognised certificate valid on the as-of date (STF-03) — some expire within weeks, some coaches
 * also carry an older expired one. Swimming coaches hold the swimming instructor qualification
 * (HRS-05) and a pool has 3 lifeguards (HRS-02: 3 up to 250 m² of water).
 */

type Ids = { coach: (i: number) => string; certificate: (i: number, k: number) => string };

// As of 2026-11-23: "soon" is within ten weeks, "expired" is before the as-of date.
const SOON: readonly [Day, Day] = [dayOf("2026-12-05"), dayOf("2027-01-31")];
const LATER: readonly [Day, Day] = [dayOf("2027-03-01"), dayOf("2031-12-31")];
const EXPIRED: readonly [Day, Day] = [dayOf("2024-06-01"), dayOf("2026-10-31")];

const between = (faker: Faker, [from, to]: readonly [Day, Day]) => isoOf(faker.number.int({ min: from, max: to }));

function certificateNumber(faker: Faker, type: CertificateType, districtCode: string): string {
  const year = faker.number.int({ min: 2012, max: 2025 });
  switch (type) {
    case "SOCIAL_SPORTS_INSTRUCTOR":
      return `${year}${districtCode}${faker.string.numeric(5)}`;
    case "COACH_TITLE":
      return `浙体教职〔${year}〕${faker.number.int({ min: 100, max: 999 })}号`;
    case "ASSOCIATION_SKILL_GRADE":
      return `协会等级〔${year}〕${faker.string.numeric(6)}`;
    case "PE_TEACHER":
      return `${year}33${faker.string.numeric(11)}`;
    case "ATHLETE_GRADE":
      return `运动员${faker.helpers.arrayElement(["一级", "二级"])}〔${year}〕${faker.string.numeric(5)}`;
    case "LIFEGUARD":
      return `救生员${year}-${faker.string.numeric(6)}`;
    case "OTHER_RECOGNISED":
      return `其他〔${year}〕${faker.string.numeric(6)}`;
  }
}

/** When a valid certificate of the type expires: titles and grades never; the others in years, a few soon. */
function validUntil(faker: Faker, type: CertificateType): string | undefined {
  if (type === "COACH_TITLE" || type === "ATHLETE_GRADE") return undefined;
  if (type === "ASSOCIATION_SKILL_GRADE" && faker.datatype.boolean()) return undefined;
  return between(faker, faker.number.int({ min: 1, max: 8 }) === 1 ? SOON : LATER);
}

export type StaffPlan = {
  sports: Sport[];
  courses: CourseContent[];
  /** Lifeguards needed: 3 per pool. */
  lifeguards: number;
  breach: NonComplianceKind | null;
  districtCode: string;
};

export function buildCoaches(
  faker: Faker,
  plan: StaffPlan,
  ids: Ids,
  fileId: (label: string) => string,
): CoachContent[] {
  const needed = Math.max(
    2,
    ...plan.courses.map((c) => c.coachesPerClass),
    plan.lifeguards,
    plan.breach === "STF-05" ? 3 : 0,
  );
  const count = Math.min(8, Math.max(needed, faker.number.int({ min: 2, max: 6 })));
  const half = Math.ceil(count / 2);
  let fullTime = faker.number.int({ min: half, max: count });
  if (plan.breach === "STF-05") fullTime = half - 1;
  // The serving teacher coaches part-time: someone else must be, too, for STF-05 to hold.
  if (plan.breach === "STF-08") fullTime = Math.min(fullTime, count - 1);
  const swimming = plan.sports.includes("SWIMMING");
  const names = new Set<string>();

  const coaches: CoachContent[] = [];
  for (let i = 0; i < count; i++) {
    let name = personName(faker);
    while (names.has(name)) name = personName(faker);
    names.add(name);
    const sport = plan.sports[i % plan.sports.length] ?? "FOOTBALL";
    const teacher = plan.breach === "STF-08" && i === count - 1;
    const lapsed = plan.breach === "STF-03" && i === count - 1;
    const certificates: Omit<CertificateContent, "id">[] = [];
    const add = (type: CertificateType, certSport: Sport | undefined, expiresOn: string | undefined) =>
      certificates.push({
        type,
        number: certificateNumber(faker, type, plan.districtCode),
        sport: certSport,
        expiresOn,
        scanFileId:
          faker.number.int({ min: 1, max: 10 }) === 1 ? undefined : fileId(`coach-${i}-cert-${certificates.length}`),
      });

    if (lapsed) {
      // STF-03: held a qualification once; nothing recognised is valid any more.
      add("SOCIAL_SPORTS_INSTRUCTOR", sport, between(faker, EXPIRED));
      if (faker.datatype.boolean()) add("ASSOCIATION_SKILL_GRADE", sport, between(faker, EXPIRED));
    } else if (teacher) {
      add("PE_TEACHER", undefined, between(faker, LATER));
    } else if (swimming || sport === "DIVING") {
      add("SOCIAL_SPORTS_INSTRUCTOR", sport, validUntil(faker, "SOCIAL_SPORTS_INSTRUCTOR"));
    } else {
      const type = faker.helpers.weightedArrayElement<CertificateType>([
        { weight: 35, value: "SOCIAL_SPORTS_INSTRUCTOR" },
        { weight: 25, value: "COACH_TITLE" },
        { weight: 25, value: "ASSOCIATION_SKILL_GRADE" },
        { weight: 10, value: "ATHLETE_GRADE" },
        { weight: 5, value: "PE_TEACHER" },
      ]);
      add(type, type === "PE_TEACHER" ? undefined : sport, validUntil(faker, type));
    }
    if (i < plan.lifeguards) add("LIFEGUARD", undefined, validUntil(faker, "LIFEGUARD"));
    // An older certificate that has lapsed (renewed since, or not needed any more).
    if (!lapsed && faker.number.int({ min: 1, max: 4 }) === 1) {
      add(
        faker.helpers.arrayElement(["ASSOCIATION_SKILL_GRADE", "SOCIAL_SPORTS_INSTRUCTOR"] as const),
        sport,
        between(faker, EXPIRED),
      );
    }
    coaches.push({
      id: ids.coach(i),
      name,
      photoFileId: fileId(`coach-${i}-photo`),
      fullTime: i < fullTime,
      servingSchoolTeacher: teacher,
      certificates: certificates.map((c, k) => ({ ...c, id: ids.certificate(i, k) })),
    });
  }
  return coaches;
}

/** A safety officer who is not a coach, and one or two coaches with a first-aid certificate (STF-06). */
export function buildSafetyStaff(faker: Faker, coaches: CoachContent[]): SafetyStaff {
  const firstAiders = faker.helpers.arrayElements(coaches, { min: 1, max: Math.min(2, coaches.length) });
  return {
    safetyOfficerName: personName(faker),
    safetyOfficerPhone: mobilePhone(faker),
    firstAid: firstAiders.map((c) => ({
      name: c.name,
      certificateNumber: `红十字救护员${faker.number.int({ min: 2022, max: 2025 })}${faker.string.numeric(6)}`,
      expiresOn: between(faker, LATER),
    })),
  };
}
