import { z } from "zod";
import { PUBLIC_STATUS_NAMES, REGISTRATION_NO_PATTERN } from "~/modules/registry/public-institution.server";
import { CERTIFICATE_TYPES, SPORT_CODES } from "~/modules/registry/sports";

/**
 * The JSON the public API answers with, defined once: the presenters are typed by these schemas
 * and the OpenAPI document's components are generated from them (`openapi-document.ts`), so the
 * document cannot drift from the code. Each schema registered here becomes one named component.
 * Objects are closed (additionalProperties: false): a field the document does not list is a bug,
 * and the tests catch one the moment it appears, private or not.
 */
export const apiSchemas = z.registry<{ id: string; description?: string }>();

const url = z.url();
const count = z.number().int().min(0);

export const sportSchema = z
  .enum(SPORT_CODES)
  .register(apiSchemas, { id: "Sport", description: "A sport of the national catalog of sports training." });

export const registrationStatusSchema = z.enum(PUBLIC_STATUS_NAMES).register(apiSchemas, {
  id: "RegistrationStatus",
  description:
    "APPROVED: the registration is in force. SUSPENDED, REVOKED, CLOSED: the institution may not take fees; do not pay it.",
});

export const authoritySchema = z
  .object({
    code: z.string().regex(/^\d{6}$/),
    name: z.string(),
    nameEn: z.string(),
  })
  .register(apiSchemas, {
    id: "Authority",
    description: "The supervising sports bureau; `code` is its administrative division code (GB/T 2260).",
  });

export const institutionSummarySchema = z
  .object({
    registrationNo: z.string().regex(new RegExp(REGISTRATION_NO_PATTERN)),
    name: z.string(),
    status: registrationStatusSchema,
    /** True only for APPROVED: the one status in which paying the institution is safe. */
    registrationInForce: z.boolean(),
    sports: z.array(sportSchema),
    authority: authoritySchema,
    links: z.object({ self: url, profile: url, qrCode: url, shortLink: url }),
  })
  .register(apiSchemas, { id: "InstitutionSummary", description: "A registered institution as search lists it." });

export const searchPageSchema = z
  .object({
    data: z.array(institutionSummarySchema),
    page: z.object({
      number: z.number().int().min(1),
      size: z.number().int().min(1),
      totalItems: count,
      totalPages: count,
    }),
    links: z.object({ self: url, first: url, prev: url.nullable(), next: url.nullable(), last: url }),
  })
  .register(apiSchemas, { id: "InstitutionSearchPage", description: "One page of search results, 20 a page." });

export const complianceGradeSchema = z
  .object({ grade: z.enum(["A", "B", "C", "D", "E"]), assessedOn: z.iso.date() })
  .register(apiSchemas, { id: "ComplianceGrade", description: "The latest published compliance grade." });

const certificateSchema = z.object({
  type: z.enum(CERTIFICATE_TYPES),
  number: z.string(),
  sport: sportSchema.nullable(),
  expiresOn: z.iso.date().nullable(),
});

export const institutionProfileSchema = institutionSummarySchema
  .extend({
    creditCode: z.string().nullable(),
    registeredAt: z.iso.datetime().nullable(),
    approvedAt: z.iso.datetime().nullable(),
    fundsSupervision: z.object({ enabled: z.boolean() }),
    complianceGrade: complianceGradeSchema
      .nullable()
      .describe("Null until the compliance module publishes a grade for this institution."),
    venues: z.array(
      z.object({
        name: z.string(),
        address: z.string(),
        trainingAreaM2: z.number(),
        pool: z.boolean(),
        aed: z.boolean(),
      }),
    ),
    coaches: z.array(
      z.object({
        name: z.string(),
        photoUrl: url.nullable(),
        fullTime: z.boolean(),
        certificates: z.array(certificateSchema),
      }),
    ),
    courses: z.array(
      z.object({
        id: z.uuid(),
        name: z.string(),
        sport: sportSchema,
        ageMin: z.number().int(),
        ageMax: z.number().int(),
        classSize: z.number().int(),
        lessonMinutes: z.number().int(),
        lessonCount: z.number().int(),
        pricePerLessonFen: z.number().int().min(0).describe("Price of one lesson in fen (1/100 yuan)."),
        totalPriceFen: z.number().int().min(0).describe("lessonCount × pricePerLessonFen, in fen."),
        currency: z.literal("CNY"),
        online: z.boolean(),
        schedule: z.array(
          z.object({
            weekday: z.number().int().min(1).max(7).describe("1 = Monday … 7 = Sunday."),
            startTime: z.string().regex(/^\d{2}:\d{2}$/),
            endTime: z.string().regex(/^\d{2}:\d{2}$/),
            venueName: z.string().nullable(),
          }),
        ),
      }),
    ),
  })
  .register(apiSchemas, {
    id: "InstitutionProfile",
    description: "The public profile: what the registration allows the public to see, nothing private.",
  });

export const PROBLEM_CODES = ["invalid_query", "not_found", "rate_limited", "unavailable"] as const;
export type ProblemCode = (typeof PROBLEM_CODES)[number];

export const problemSchema = z
  .object({
    status: z.number().int().min(400).max(599),
    code: z.enum(PROBLEM_CODES),
    title: z.string(),
    errors: z
      .array(z.object({ field: z.string(), code: z.string(), message: z.string() }))
      .optional()
      .describe("Per-parameter errors of a 400."),
  })
  .register(apiSchemas, {
    id: "Problem",
    description: "An error (RFC 9457 problem details, `application/problem+json`); `title` follows Accept-Language.",
  });

export type ApiInstitutionSummary = z.output<typeof institutionSummarySchema>;
export type ApiSearchPage = z.output<typeof searchPageSchema>;
export type ApiInstitutionProfile = z.output<typeof institutionProfileSchema>;
export type ApiProblem = z.output<typeof problemSchema>;
