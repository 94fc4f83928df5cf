import { z } from "zod";

/**
 * The forms of inspections: one zod schema each, shared by the browser and the route actions
 * (which validate again). Messages are catalog keys.
 */
export const ITEM_RESULTS = ["PASS", "FAIL", "NOTE", "NOT_CHECKED"] as const;
export type ItemResult = (typeof ITEM_RESULTS)[number];
export const OUTCOMES = ["PASSED", "RECTIFICATION", "PENALTY", "SUSPENSION"] as const;
export type InspectionOutcomeName = (typeof OUTCOMES)[number];

export const MAX_NOTE = 1000;
export const MAX_SUMMARY = 4000;
/** Photos per checklist item (the table's check), and per upload request. */
export const MAX_ITEM_PHOTOS = 6;
export const PHOTO_INPUT = "photos";

const isIsoDay = (value: string) =>
  /^\d{4}-\d{2}-\d{2}$/.test(value) && !Number.isNaN(Date.parse(`${value}T00:00:00Z`));
const isoDay = z.string("validation.required").trim().refine(isIsoDay, "validation.inspection.date");
const optionalText = (max: number) => z.string().trim().max(max, "validation.tooLong").optional().default("");

export const recordItemSchema = z.object({
  itemId: z.uuid("validation.badForm"),
  result: z.enum(ITEM_RESULTS, "validation.inspection.result"),
  note: optionalText(MAX_NOTE),
});
export type RecordItemInput = z.infer<typeof recordItemSchema>;

export const finishInspectionSchema = z
  .object({
    outcome: z.enum(OUTCOMES, "validation.inspection.outcome"),
    summary: z
      .string("validation.required")
      .trim()
      .min(1, "validation.inspection.summary")
      .max(MAX_SUMMARY, "validation.tooLong"),
    rectificationDeadline: z.string().trim().optional().default(""),
  })
  .superRefine((value, ctx) => {
    if (value.outcome === "RECTIFICATION" && !isIsoDay(value.rectificationDeadline))
      ctx.addIssue({ code: "custom", path: ["rectificationDeadline"], message: "validation.inspection.deadline" });
  });
export type FinishInspectionInput = z.infer<typeof finishInspectionSchema>;

export const manualTaskSchema = z.object({
  institutionId: z.uuid("validation.inspection.institution"),
  dueOn: isoDay,
  assignedToId: z
    .union([z.literal(""), z.uuid("validation.badForm")])
    .optional()
    .default(""),
});
export type ManualTaskInput = z.infer<typeof manualTaskSchema>;

export const runDrawSchema = z
  .object({
    periodStart: isoDay,
    periodEnd: isoDay,
    seed: z.string().trim().max(64, "validation.tooLong").optional().default(""),
  })
  .refine((v) => v.periodStart <= v.periodEnd, { path: ["periodEnd"], message: "validation.inspection.periodOrder" });
export type RunDrawInput = z.infer<typeof runDrawSchema>;
