import { z } from "zod";
import { creditCodeProblem } from "./credit-code";
import { CERTIFICATE_TYPES, isHighRisk, SPORT_CODES, type Sport } from "./sports";

/**
 * The registration content an institution files: one zod schema per step of the filing, shared
 * by the browser and the server. Every message is a catalog key. The content is stored as JSON
 * in filings (draft and frozen snapshot) and, once approved, projected into tables.
 */

// Form values arrive as strings; the stored content holds numbers and booleans.
const blankToUndefined = (v: unknown) => (v === "" || v === null ? undefined : v);
const text = (max: number) =>
  z.string("validation.required").trim().min(1, "validation.required").max(max, "validation.tooLong");
const number = (min: number, max: number) =>
  z.preprocess(
    blankToUndefined,
    z.coerce
      .number("validation.number")
      .finite("validation.number")
      .min(min, "validation.range")
      .max(max, "validation.range"),
  );
const integer = (min: number, max: number) =>
  z.preprocess(
    blankToUndefined,
    z.coerce
      .number("validation.number")
      .int("validation.integer")
      .min(min, "validation.range")
      .max(max, "validation.range"),
  );
const optionalNumber = (min: number, max: number) =>
  z.preprocess(
    blankToUndefined,
    z.coerce
      .number("validation.number")
      .finite("validation.number")
      .min(min, "validation.range")
      .max(max, "validation.range")
      .optional(),
  );
/** A checkbox: present ("on") is true, absent is false. */
const checkbox = z.preprocess((v) => v === true || v === "on" || v === "true", z.boolean());
const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "validation.date");
const optionalDate = z.preprocess(blankToUndefined, isoDate.optional());
const fileId = z.preprocess(blankToUndefined, z.uuid("validation.file").optional());
const itemId = z.uuid("validation.invalid");
const timeOfDay = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, "validation.time");
const sport = z.enum(SPORT_CODES as [Sport, ...Sport[]], "validation.chooseSport");
const phone = z
  .string("validation.required")
  .trim()
  .regex(/^(1\d{10}|0\d{2,3}-?\d{7,8})$/, "validation.phone");

export const creditCodeSchema = z
  .string("validation.required")
  .trim()
  .toUpperCase()
  .superRefine((code, ctx) => {
    const problem = creditCodeProblem(code);
    if (problem) ctx.addIssue({ code: "custom", message: `validation.creditCode.${problem}` });
  });

// 1. The entity.
export const entitySchema = z.object({
  name: text(200),
  creditCode: creditCodeSchema,
  legalRepresentative: text(50),
  contactName: text(50),
  contactPhone: phone,
  registeredAddress: text(300),
  sports: z.preprocess(
    (v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]),
    z.array(sport).min(1, "validation.chooseSport").max(12, "validation.tooMany"),
  ),
});

// 2. Venues, one form each.
export const venueSchema = z
  .object({
    id: itemId,
    name: text(100),
    address: text(300),
    trainingAreaM2: number(1, 100_000),
    floor: integer(-5, 60),
    underground: checkbox,
    residential: checkbox,
    isPool: checkbox,
    poolWaterAreaM2: optionalNumber(1, 10_000),
    poolDepthMinM: optionalNumber(0.1, 10),
    poolDepthMaxM: optionalNumber(0.1, 10),
    aed: checkbox,
    fireSafetyFileId: fileId,
  })
  .superRefine((v, ctx) => {
    if (v.isPool) {
      for (const key of ["poolWaterAreaM2", "poolDepthMinM", "poolDepthMaxM"] as const) {
        if (v[key] === undefined) ctx.addIssue({ code: "custom", path: [key], message: "validation.requiredForPool" });
      }
      if (v.poolDepthMinM !== undefined && v.poolDepthMaxM !== undefined && v.poolDepthMinM > v.poolDepthMaxM) {
        ctx.addIssue({ code: "custom", path: ["poolDepthMaxM"], message: "validation.depthOrder" });
      }
    }
    if (v.floor < 0 && !v.underground) {
      ctx.addIssue({ code: "custom", path: ["underground"], message: "validation.negativeFloorIsUnderground" });
    }
  });

// 3. Staff: coaches with their certificates, and the safety roles.
export const certificateSchema = z.object({
  id: itemId,
  type: z.enum(CERTIFICATE_TYPES, "validation.chooseCertificate"),
  number: text(60),
  sport: z.preprocess(blankToUndefined, sport.optional()),
  expiresOn: optionalDate,
  scanFileId: fileId,
});

export const coachSchema = z.object({
  id: itemId,
  name: text(50),
  photoFileId: fileId,
  fullTime: checkbox,
  servingSchoolTeacher: checkbox,
  certificates: z.array(certificateSchema).max(10, "validation.tooMany").default([]),
});

export const safetyStaffSchema = z.object({
  safetyOfficerName: text(50),
  safetyOfficerPhone: phone,
  firstAid: z
    .array(z.object({ name: text(50), certificateNumber: text(60), expiresOn: optionalDate }))
    .min(1, "validation.firstAidNeeded")
    .max(20, "validation.tooMany"),
});

// 4. Courses with their weekly schedule.
export const slotSchema = z
  .object({
    id: itemId,
    venueId: z.preprocess(blankToUndefined, z.uuid("validation.chooseVenue").optional()),
    weekday: integer(1, 7),
    startTime: timeOfDay,
    endTime: timeOfDay,
  })
  .refine((s) => s.startTime < s.endTime, { path: ["endTime"], message: "validation.timeOrder" });

export const courseSchema = z
  .object({
    id: itemId,
    name: text(100),
    sport,
    ageMin: integer(2, 80),
    ageMax: integer(2, 80),
    classSize: integer(1, 200),
    coachesPerClass: integer(1, 20),
    lessonMinutes: integer(10, 240),
    lessonCount: integer(1, 500),
    pricePerLessonFen: integer(0, 10_000_00),
    online: checkbox,
    slots: z.array(slotSchema).min(1, "validation.slotNeeded").max(21, "validation.tooMany"),
  })
  .refine((c) => c.ageMin <= c.ageMax, { path: ["ageMax"], message: "validation.ageOrder" })
  .refine((c) => c.online || c.slots.every((s) => s.venueId !== undefined), {
    path: ["slots"],
    message: "validation.offlineNeedsVenue",
  });

// 5. Documents.
export const permitSchema = z.object({
  sport,
  number: text(60),
  expiresOn: isoDate,
  fileId: z.uuid("validation.file"),
});

export const documentsSchema = z.object({
  businessLicenseFileId: fileId,
  venueLeaseFileId: fileId,
  fireSafetyAcceptanceFileId: fileId,
  insurancePolicyFileId: fileId,
  insuranceExpiresOn: optionalDate,
  highRiskPermits: z.array(permitSchema).max(10, "validation.tooMany").default([]),
});

export type EntityStep = z.infer<typeof entitySchema>;
export type VenueContent = z.infer<typeof venueSchema>;
export type CertificateContent = z.infer<typeof certificateSchema>;
export type CoachContent = z.infer<typeof coachSchema>;
export type SafetyStaff = z.infer<typeof safetyStaffSchema>;
export type CourseContent = z.infer<typeof courseSchema>;
export type DocumentsStep = z.infer<typeof documentsSchema>;

/** What a filing holds while it is edited: every step may still be missing. */
export const draftContentSchema = z.object({
  version: z.literal(1),
  entity: entitySchema.optional(),
  venues: z.array(venueSchema).default([]),
  coaches: z.array(coachSchema).default([]),
  safetyStaff: safetyStaffSchema.optional(),
  courses: z.array(courseSchema).default([]),
  documents: documentsSchema.optional(),
});
export type DraftContent = z.infer<typeof draftContentSchema>;
export const EMPTY_DRAFT: DraftContent = { version: 1, venues: [], coaches: [], courses: [] };

export type RegistrationContent = Required<DraftContent>;

export const FILING_STEPS = ["entity", "venues", "staff", "courses", "documents", "review"] as const;
export type FilingStep = (typeof FILING_STEPS)[number];

export type ContentProblem = { step: FilingStep; message: string; params?: Record<string, string | number> };

/**
 * What stops a draft from being submitted: missing steps and references that do not hold across
 * steps. The rules of the standards are the compliance engine's, not these.
 */
export function submissionProblems(draft: DraftContent): ContentProblem[] {
  const problems: ContentProblem[] = [];
  if (!draft.entity) problems.push({ step: "entity", message: "filing.problem.entityMissing" });
  if (draft.venues.length === 0) problems.push({ step: "venues", message: "filing.problem.noVenue" });
  if (draft.coaches.length === 0) problems.push({ step: "staff", message: "filing.problem.noCoach" });
  if (!draft.safetyStaff) problems.push({ step: "staff", message: "filing.problem.safetyStaffMissing" });
  if (draft.courses.length === 0) problems.push({ step: "courses", message: "filing.problem.noCourse" });
  if (!draft.documents?.businessLicenseFileId)
    problems.push({ step: "documents", message: "filing.problem.businessLicenseMissing" });
  const venueIds = new Set(draft.venues.map((v) => v.id));
  for (const course of draft.courses) {
    if (course.slots.some((s) => s.venueId !== undefined && !venueIds.has(s.venueId))) {
      problems.push({ step: "courses", message: "filing.problem.slotVenueGone", params: { course: course.name } });
    }
  }
  const taught = new Set([...(draft.entity?.sports ?? []), ...draft.courses.map((c) => c.sport)]);
  const permitted = new Set((draft.documents?.highRiskPermits ?? []).map((p) => p.sport));
  for (const s of taught) {
    if (isHighRisk(s) && !permitted.has(s))
      problems.push({ step: "documents", message: "filing.problem.permitMissing", params: { sport: s } });
  }
  return problems;
}

export function isComplete(draft: DraftContent): draft is RegistrationContent {
  return submissionProblems(draft).length === 0;
}
