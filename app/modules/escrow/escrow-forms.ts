import { z } from "zod";
import { UUID_PATTERN } from "~/lib/uuid";

/**
 * The escrow's forms, one zod schema each, shared by the browser (react-hook-form, field hints)
 * and the actions (which validate again). No server imports here: a `.server` module is empty in
 * the browser bundle. Messages are catalog keys.
 */

/** How far back a lesson may be recorded: late records cannot be checked by the parent's memory. */
export const RECORDABLE_DAYS = 14;

const TIME = /^([01]\d|2[0-3]):[0-5]\d$/;
const uuid = z.string().regex(UUID_PATTERN, "validation.invalid");

/** Free text as typed: trimmed, at least `min` characters, at most 1,000. */
const text = (min: number, message: string) =>
  z.preprocess(
    (v) => (typeof v === "string" ? v.trim() : v),
    z.string("validation.required").min(min, message).max(1000, "validation.tooLong"),
  );

/** The lesson form of the institution (shared by the browser and the action). */
export const recordLessonSchema = z
  .object({
    courseId: uuid,
    lessonDate: z.string("validation.required").regex(/^\d{4}-\d{2}-\d{2}$/, "validation.date"),
    startTime: z.string("validation.required").regex(TIME, "validation.time"),
    endTime: z.string("validation.required").regex(TIME, "validation.time"),
    enrollmentIds: z.preprocess(
      (v) => (typeof v === "string" ? [v] : v),
      z.array(uuid, "validation.escrow.chooseTrainees").min(1, "validation.escrow.chooseTrainees").max(100),
    ),
  })
  .refine((v) => v.startTime < v.endTime, { path: ["endTime"], message: "validation.escrow.endAfterStart" });
export type RecordLessonInput = z.infer<typeof recordLessonSchema>;

export const answerSchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("confirm"), attendanceId: uuid }),
  z.object({
    intent: z.literal("dispute"),
    attendanceId: uuid,
    reason: text(2, "validation.escrow.disputeReason"),
  }),
]);
export type AnswerInput = z.infer<typeof answerSchema>;

export const refundRequestSchema = z.object({ reason: text(2, "validation.escrow.refundReason") });
export type RefundResponse = z.infer<typeof refundResponseSchema>;
export const refundResponseSchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("acceptRefund"), refundId: uuid }),
  z.object({
    intent: z.literal("contestRefund"),
    refundId: uuid,
    response: text(2, "validation.escrow.contestReason"),
  }),
]);
export type RefundDecision = z.infer<typeof refundDecisionSchema>;
export const refundDecisionSchema = z.object({
  intent: z.enum(["approveRefund", "rejectRefund"]),
  refundId: uuid,
  note: text(2, "validation.escrow.decisionNote"),
});

export const disputeDecisionSchema = z.object({
  intent: z.enum(["releaseLesson", "refundLesson"]),
  attendanceId: z.string().regex(UUID_PATTERN, "validation.invalid"),
  note: text(2, "validation.escrow.decisionNote"),
});
export type DisputeDecision = z.infer<typeof disputeDecisionSchema>;
