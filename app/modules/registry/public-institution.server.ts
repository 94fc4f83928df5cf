import { z } from "zod";
import { pgPool } from "~/lib/db.server";
import type { Db } from "~/lib/db-scope.server";
import { logger } from "~/lib/logger.server";
import { processWideCache } from "~/lib/versioned-cache";
import type { InstitutionStatusName } from "./institution-status";
import type { PublicProfile } from "./public-profile";
import { CERTIFICATE_TYPES, SPORT_CODES, type Sport } from "./sports";

/**
 * One registered institution as the public registry shows it: the live registration facts
 * (status, number, dates, funds supervision) and the profile written at approval. Nothing else
 * is read: contacts, the legal representative, documents and file ids (other than coach photos)
 * are not even selected, so no page or API built on this can leak them.
 */

// ——— Registration numbers ———

/** Registration numbers as `allocateRegistrationNo` gives them: 330106-2026-0007. */
const REGISTRATION_NO = /^(\d{6})-?(\d{4})-?(\d{4,6})$/;
export const REGISTRATION_NO_PATTERN = "^\\d{6}-\\d{4}-\\d{4,6}$";
// People copy numbers from certificates and type them on phones: any dash an IME produces counts.
const DASHES = /[‐‑‒–—―－ー]/g;

/** The canonical form of a typed registration number (full-width digits, any dash, or none), or null. */
export function normalizeRegistrationNo(input: string): string | null {
  const text = input.normalize("NFKC").replace(DASHES, "-").replace(/\s+/g, "");
  const match = REGISTRATION_NO.exec(text);
  return match ? `${match[1]}-${match[2]}-${match[3]}` : null;
}

// ——— Statuses and places ———

/** The statuses a registered institution can be in (see INSTITUTION_EVENTS: registration is for good). */
export type PublicStatus = Extract<InstitutionStatusName, "APPROVED" | "SUSPENDED" | "REVOKED" | "CLOSED">;
export const PUBLIC_STATUS_NAMES = ["APPROVED", "SUSPENDED", "REVOKED", "CLOSED"] as const satisfies PublicStatus[];

export function isPublicStatus(status: string): status is PublicStatus {
  return (PUBLIC_STATUS_NAMES as readonly string[]).includes(status);
}

export function isSport(value: string): value is Sport {
  return (SPORT_CODES as readonly string[]).includes(value);
}

/** The supervising authority (a district sports bureau) an institution is registered with. */
export type PublicAuthority = { code: string; name: string; nameEn: string };

// Built once: constructing an Intl formatter costs far more than formatting (it was 4 % of the
// public API's CPU when built per call).
const SHANGHAI_DATE = new Intl.DateTimeFormat("en-CA", {
  timeZone: "Asia/Shanghai",
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
});
/** A calendar date in China Standard Time (YYYY-MM-DD), the same text on server and browser. */
export function shanghaiDate(value: Date): string {
  return SHANGHAI_DATE.format(value);
}

// ——— Compliance grade (extension point) ———

export const COMPLIANCE_GRADES = ["A", "B", "C", "D", "E"] as const;
/** The grade, the day it was given, and the rules the institution fails (codes, in summary). */
export type PublicComplianceGrade = {
  grade: (typeof COMPLIANCE_GRADES)[number];
  assessedOn: string;
  openRules: string[];
};

/**
 * The latest compliance grade of a registered institution, as the public registry shows it: the
 * grade kept on the institution by the compliance evaluation (its approved content, re-checked on
 * approval and nightly) and the day it was last evaluated. Only while the registration is in force
 * or suspended: a revoked or closed institution is no longer evaluated, and an old grade would
 * mislead parents. Same transaction and public scope as the profile.
 */
export async function publicComplianceGradeOf(db: Db, institutionId: string): Promise<PublicComplianceGrade | null> {
  const row = await db.institution.findUnique({
    where: { id: institutionId },
    select: { status: true, complianceGrade: true, complianceEvaluatedAt: true, complianceOpenRules: true },
  });
  if (!row || (row.status !== "APPROVED" && row.status !== "SUSPENDED")) return null;
  const grade = COMPLIANCE_GRADES.find((g) => g === row.complianceGrade);
  if (!grade || !row.complianceEvaluatedAt) return null;
  return { grade, assessedOn: shanghaiDate(row.complianceEvaluatedAt), openRules: row.complianceOpenRules };
}

// ——— The profile written at approval ———

const sport = z.enum(SPORT_CODES);
const weekday = z.number().int().min(1).max(7);

/**
 * Reads `institution.public_profile` (JSON) back. Unknown keys are dropped rather than passed on:
 * if a private field is ever added to the stored profile by mistake, it still stops here.
 */
const publicProfileSchema = z.object({
  version: z.literal(1),
  name: z.string(),
  creditCode: z.string(),
  sports: z.array(sport),
  venues: z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      address: z.string(),
      trainingAreaM2: z.number(),
      isPool: z.boolean(),
      aed: z.boolean(),
    }),
  ),
  coaches: z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      // A photo id that is not a file id is dropped (no photo) rather than built into a URL.
      photoFileId: z.uuid().nullable().catch(null),
      fullTime: z.boolean(),
      certificates: z.array(
        z.object({
          type: z.enum(CERTIFICATE_TYPES),
          number: z.string(),
          sport: sport.nullable(),
          expiresOn: z.string().nullable(),
        }),
      ),
    }),
  ),
  courses: z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      sport,
      ageMin: z.number().int(),
      ageMax: z.number().int(),
      classSize: z.number().int(),
      lessonMinutes: z.number().int(),
      lessonCount: z.number().int(),
      pricePerLessonFen: z.number().int().min(0),
      online: z.boolean(),
      slots: z.array(
        z.object({ weekday, startTime: z.string(), endTime: z.string(), venueName: z.string().nullable() }),
      ),
    }),
  ),
}) satisfies z.ZodType<PublicProfile>;

export type PublicInstitution = {
  registrationNo: string;
  name: string;
  status: PublicStatus;
  creditCode: string | null;
  sports: Sport[];
  authority: PublicAuthority;
  registeredAt: Date | null;
  approvedAt: Date | null;
  fundsSupervisionEnabled: boolean;
  complianceGrade: PublicComplianceGrade | null;
  /** False when the stored profile could not be read: only the registration facts are shown. */
  profileAvailable: boolean;
  venues: PublicProfile["venues"];
  coaches: PublicProfile["coaches"];
  courses: PublicProfile["courses"];
};

type PublicInstitutionRow = {
  version: number;
  registrationNo: string;
  name: string;
  status: string;
  creditCode: string | null;
  sports: string[];
  publicProfile: unknown;
  registeredAt: Date | null;
  approvedAt: Date | null;
  fundsSupervisionEnabled: boolean;
  complianceGrade: string | null;
  complianceEvaluatedAt: Date | null;
  complianceOpenRules: string[];
  authorityCode: string;
  authorityName: string;
  authorityNameEn: string;
};

/** The grade as publicComplianceGradeOf gives it, from columns already read. */
function gradeOf(row: PublicInstitutionRow & { status: PublicStatus }): PublicComplianceGrade | null {
  if (row.status !== "APPROVED" && row.status !== "SUSPENDED") return null;
  const grade = COMPLIANCE_GRADES.find((g) => g === row.complianceGrade);
  if (!grade || !row.complianceEvaluatedAt) return null;
  return { grade, assessedOn: shanghaiDate(row.complianceEvaluatedAt), openRules: row.complianceOpenRules };
}

/**
 * The profile and the version it was read at, in one round trip: the definer-rights function
 * tipei_public_institution (migration 20261206020000_public_institution_read) returns the public
 * columns of one registered institution and its authority, the rows the public scope shows, with no
 * transaction to open for the scope.
 */
async function readPublicInstitution(
  registrationNo: string,
): Promise<{ version: number; institution: PublicInstitution } | null> {
  const { rows } = await pgPool().query<PublicInstitutionRow>("SELECT * FROM tipei_public_institution($1)", [
    registrationNo,
  ]);
  const row = rows[0];
  if (!row || !isPublicStatus(row.status)) return null;
  const publicRow = { ...row, status: row.status };
  const profile = publicProfileSchema.safeParse(row.publicProfile);
  if (!profile.success) {
    // Not the visitor's fault and not worth a 500: show the facts, and tell the operators.
    logger.warn({ registrationNo: row.registrationNo }, "public profile unreadable");
  }
  return {
    version: row.version,
    institution: {
      registrationNo: row.registrationNo,
      name: row.name,
      status: publicRow.status,
      creditCode: row.creditCode,
      sports: row.sports.filter(isSport),
      authority: { code: row.authorityCode, name: row.authorityName, nameEn: row.authorityNameEn },
      registeredAt: row.registeredAt,
      approvedAt: row.approvedAt,
      fundsSupervisionEnabled: row.fundsSupervisionEnabled,
      complianceGrade: gradeOf(publicRow),
      profileAvailable: profile.success,
      venues: profile.data?.venues ?? [],
      coaches: profile.data?.coaches ?? [],
      courses: profile.data?.courses ?? [],
    },
  };
}

/**
 * The version of a registration's public profile (bumped by the database on every change of what
 * it shows), or null when no registered institution has the number. One query, no transaction:
 * the definer-rights function answers only what the public policy shows (see the migration
 * 20261204010000_public_profile_version).
 */
export async function currentPublicVersion(registrationNo: string): Promise<number | null> {
  const { rows } = await pgPool().query<{ version: number | null }>("SELECT tipei_public_version($1) AS version", [
    registrationNo,
  ]);
  return rows[0]?.version ?? null;
}

// Profiles are read on every scan of a QR code; they change a few times a year. Each entry is a
// few kilobytes: 10,000 of them stay under ~50 MB per web process.
const PROFILE_CACHE_ENTRIES = 10_000;
// One per process, shared by the Remix routes and the public API's Express handlers.
const profiles = processWideCache<PublicInstitution>("publicProfiles", PROFILE_CACHE_ENTRIES);

/**
 * A registered institution by its registration number (canonical form), or null. Served from
 * this process's cache when the database's version of the profile is the cached one (one indexed
 * read instead of a transaction and the profile's query); the result is shared: do not mutate it.
 */
export async function findPublicInstitution(registrationNo: string): Promise<PublicInstitution | null> {
  if (profiles.version(registrationNo) !== undefined) {
    const version = await currentPublicVersion(registrationNo);
    const cached = version === null ? undefined : profiles.get(registrationNo, version);
    if (cached) return cached;
  }
  const fresh = await readPublicInstitution(registrationNo);
  if (!fresh) {
    profiles.delete(registrationNo);
    return null;
  }
  profiles.set(registrationNo, fresh.version, fresh.institution);
  return fresh.institution;
}

/** Whether a registration number belongs to a registered institution (for the QR code and short link). */
export async function publicRegistrationExists(registrationNo: string): Promise<boolean> {
  return (await currentPublicVersion(registrationNo)) !== null;
}
