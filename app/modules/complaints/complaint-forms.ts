import { z } from "zod";

/**
 * The complaint forms, shared by the browser and the actions: a parent files a complaint against
 * a registered institution; regulators triage, assign, resolve or dismiss it. Messages are
 * catalog keys. Shared with the browser, so nothing here may import server code.
 */
export const COMPLAINT_CATEGORIES = [
  "SAFETY",
  "FALSE_ADVERTISING",
  "COACH_QUALIFICATION",
  "FEES_REFUNDS",
  "COURSE_QUALITY",
  "VENUE",
  "OTHER",
] as const;
export type ComplaintCategory = (typeof COMPLAINT_CATEGORIES)[number];

export function isComplaintCategory(value: unknown): value is ComplaintCategory {
  return typeof value === "string" && (COMPLAINT_CATEGORIES as readonly string[]).includes(value);
}

export const COMPLAINT_STATUSES = ["SUBMITTED", "TRIAGED", "ASSIGNED", "RESOLVED", "DISMISSED"] as const;
export type ComplaintStatusName = (typeof COMPLAINT_STATUSES)[number];

export function isComplaintStatus(value: unknown): value is ComplaintStatusName {
  return typeof value === "string" && (COMPLAINT_STATUSES as readonly string[]).includes(value);
}

export const DESCRIPTION_MIN = 10;
export const DESCRIPTION_MAX = 2000;
export const OUTCOME_MIN = 5;
export const OUTCOME_MAX = 2000;
export const NOTE_MAX = 1000;
export const MAX_COMPLAINT_PHOTOS = 6;

const optionalUuid = z
  .string()
  .trim()
  .transform((v) => (v === "" ? undefined : v))
  .pipe(z.uuid({ message: "validation.invalid" }).optional())
  .optional();

export const fileComplaintSchema = z.object({
  category: z.enum(COMPLAINT_CATEGORIES, { message: "validation.complaints.category" }),
  description: z
    .string({ message: "validation.complaints.descriptionLength" })
    .trim()
    .min(DESCRIPTION_MIN, { message: "validation.complaints.descriptionLength" })
    .max(DESCRIPTION_MAX, { message: "validation.complaints.descriptionLength" }),
  enrollmentId: optionalUuid,
});
export type FileComplaintInput = z.infer<typeof fileComplaintSchema>;

const optionalNote = z
  .string()
  .trim()
  .max(NOTE_MAX, { message: "validation.complaints.noteLength" })
  .optional()
  .transform((v) => (v === "" ? undefined : v));

export const triageSchema = z.object({ note: optionalNote });
export type TriageInput = z.infer<typeof triageSchema>;

export const assignSchema = z.object({
  assigneeId: z.uuid({ message: "validation.complaints.assignee" }),
  note: optionalNote,
});
export type AssignInput = z.infer<typeof assignSchema>;

/** Resolve and dismiss: the written outcome the parent reads. */
export const closeSchema = z.object({
  outcome: z
    .string({ message: "validation.complaints.outcomeLength" })
    .trim()
    .min(OUTCOME_MIN, { message: "validation.complaints.outcomeLength" })
    .max(OUTCOME_MAX, { message: "validation.complaints.outcomeLength" }),
});
export type CloseInput = z.infer<typeof closeSchema>;
