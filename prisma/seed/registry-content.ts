import type { Faker } from "@faker-js/faker";
import {
  type DocumentsStep,
  type DraftContent,
  draftContentSchema,
  isComplete,
  type RegistrationContent,
  submissionProblems,
} from "~/modules/registry/content";
import { isHighRisk, type Sport } from "~/modules/registry/sports";
import { dayOf, isoOf } from "./registry-calendar";
import { buildCoaches, buildSafetyStaff } from "./registry-coaches";
import { buildVenuesAndCourses } from "./registry-courses";
import { creditCode, institutionName, mobilePhone, personName, roadsOf, streetAddress } from "./registry-names";
import type { DemoDistrict, NonComplianceKind, RegistryDemoEntry } from "./registry-plan";
import { profileOf, SPORT_PROFILES, type SportProfile } from "./registry-vocabulary";
import { stableId } from "./stable-id";

/**
 * The registration content of one demo institution, as its applicant would have filed it, checked
 * by the same schemas the filing forms use: a content that does not parse, or a submitted one
 * with submission problems, stops the seed.
 */

export type DemoApplicant = { name: string; phone: string };
export type BuiltContent = { content: RegistrationContent; applicant: DemoApplicant };

/** Breaches that need a swimming school; the others are planted where no high-risk rule interferes. */
const SWIMMING_BREACHES: readonly NonComplianceKind[] = ["HRS-01", "HRS-03"];
/** Big classes: ball games and martial arts. */
const BIG_CLASS_SPORTS: readonly Sport[] = ["BASKETBALL", "FOOTBALL", "MARTIAL_ARTS", "TAEKWONDO", "ROPE_SKIPPING"];
/** Indoor rooms and halls, where a floor, a basement or a flat are plausible. */
const INDOOR_BREACHES: readonly NonComplianceKind[] = ["VEN-01", "VEN-02", "VEN-03"];

function profileFor(faker: Faker, breach: NonComplianceKind | null): SportProfile {
  let pool: readonly SportProfile[] = SPORT_PROFILES;
  if (breach && SWIMMING_BREACHES.includes(breach)) pool = [profileOf("SWIMMING")];
  else if (breach === "STF-01") pool = BIG_CLASS_SPORTS.map(profileOf);
  else if (breach === "VEN-01") pool = SPORT_PROFILES.filter((p) => p.venue === "hall");
  else if (breach && INDOOR_BREACHES.includes(breach))
    pool = SPORT_PROFILES.filter((p) => p.venue === "hall" || p.venue === "room");
  else if (breach) pool = SPORT_PROFILES.filter((p) => !isHighRisk(p.sport));
  return faker.helpers.weightedArrayElement(pool.map((p) => ({ weight: p.weight, value: p })));
}

function documentsOf(
  faker: Faker,
  entry: RegistryDemoEntry,
  sports: Sport[],
  fileId: (label: string) => string,
): DocumentsStep {
  return {
    businessLicenseFileId: fileId("business-license"),
    venueLeaseFileId: fileId("venue-lease"),
    fireSafetyAcceptanceFileId: fileId("fire-safety-acceptance"),
    insurancePolicyFileId: fileId("insurance-policy"),
    // In force on the as-of date (REG-03).
    insuranceExpiresOn: isoOf(faker.number.int({ min: dayOf("2027-01-31"), max: dayOf("2027-12-31") })),
    highRiskPermits: sports.filter(isHighRisk).map((sport, i) => {
      // Permits run 5 years (HRS-01); the planted one was issued in 2021 and lapsed in 2026.
      const issued = entry.breach === "HRS-01" ? 2021 : faker.number.int({ min: 2022, max: 2025 });
      const expiresOn =
        entry.breach === "HRS-01"
          ? isoOf(faker.number.int({ min: dayOf("2026-03-01"), max: dayOf("2026-10-31") }))
          : `${issued + 5}-${faker.helpers.arrayElement(["03-31", "06-30", "09-30", "12-31"])}`;
      return {
        sport,
        number: `浙体许〔${issued}〕${entry.districtCode.slice(2)}-${faker.string.numeric(3)}`,
        expiresOn,
        fileId: fileId(`high-risk-permit-${i}`),
      };
    }),
  };
}

export type Uniqueness = { names: Set<string>; creditCodes: Set<string> };

export function buildContent(
  faker: Faker,
  entry: RegistryDemoEntry,
  district: DemoDistrict,
  taken: Uniqueness,
): BuiltContent {
  const item = (kind: string, ...path: number[]) => stableId(kind, `registry-demo:${entry.key}:${path.join(":")}`);
  const fileId = (label: string) => stableId("stored_file", `registry-demo:${entry.key}:${label}`);

  const profile = profileFor(faker, entry.breach);
  const sports: Sport[] = [profile.sport];
  if (!entry.breach && profile.alsoTeaches && faker.number.int({ min: 1, max: 4 }) === 1)
    sports.push(profile.alsoTeaches);

  const name = institutionName(faker, district, profile, taken.names);
  const code = creditCode(faker, district.code, taken.creditCodes);
  const { venues, courses } = buildVenuesAndCourses(
    faker,
    district,
    sports,
    entry.breach,
    { venue: (i) => item("venue", i), course: (i) => item("course", i), slot: (i, j) => item("schedule_slot", i, j) },
    fileId,
  );
  const pools = venues.filter((v) => v.isPool).length;
  const coaches = buildCoaches(
    faker,
    { sports, courses, lifeguards: 3 * pools, breach: entry.breach, districtCode: district.code },
    { coach: (i) => item("coach", i), certificate: (i, k) => item("coach_certificate", i, k) },
    fileId,
  );
  const applicant = { name: personName(faker), phone: mobilePhone(faker) };
  const road = faker.helpers.arrayElement(roadsOf(district.code));
  const content: RegistrationContent = {
    version: 1,
    entity: {
      name,
      creditCode: code,
      legalRepresentative: personName(faker),
      contactName: applicant.name,
      contactPhone: applicant.phone,
      registeredAddress: `浙江省${streetAddress(district, road, faker.number.int({ min: 1, max: 999 }))}${faker.number.int({ min: 1, max: 12 })}0${faker.number.int({ min: 1, max: 9 })}室`,
      sports,
    },
    venues,
    coaches,
    safetyStaff: buildSafetyStaff(faker, coaches),
    courses,
    documents: documentsOf(faker, entry, sports, fileId),
  };
  return { content: checkedComplete(content, entry.key), applicant };
}

/** The content through the filing schema, as the service would store it; refused when not submittable. */
export function checkedComplete(content: RegistrationContent, key: string): RegistrationContent {
  const parsed = draftContentSchema.safeParse(content);
  if (!parsed.success) throw new Error(`registry demo ${key}: content does not parse: ${parsed.error.message}`);
  if (!isComplete(parsed.data)) {
    const problems = submissionProblems(parsed.data).map((p) => p.message);
    throw new Error(`registry demo ${key}: content is not submittable: ${problems.join(", ")}`);
  }
  return parsed.data;
}

/** A draft still being written: the first steps of the content, in the order the forms ask them. */
export function partialDraft(content: RegistrationContent, stepsDone: number, key: string): DraftContent {
  const draft: DraftContent = {
    version: 1,
    entity: content.entity,
    venues: stepsDone >= 2 ? content.venues : [],
    coaches: stepsDone >= 3 ? content.coaches : [],
    safetyStaff: stepsDone >= 3 ? content.safetyStaff : undefined,
    courses: stepsDone >= 4 ? content.courses : [],
  };
  const parsed = draftContentSchema.safeParse(draft);
  if (!parsed.success) throw new Error(`registry demo ${key}: draft does not parse: ${parsed.error.message}`);
  return parsed.data;
}
