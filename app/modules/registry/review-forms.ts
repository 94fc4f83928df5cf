import { z } from "zod";

/**
 * The forms of the regulator's review: one zod schema each, shared by the browser
 * (react-hook-form) and the route actions. Messages are catalog keys.
 */

/** Rows for comments per field: fixed so the form works without JavaScript; empty rows are ignored. */
export const CHANGE_REQUEST_ROWS = 5;
const ROW_NUMBERS = Array.from({ length: CHANGE_REQUEST_ROWS }, (_, i) => i + 1);

const reasonText = (max: number) =>
  z.string("validation.required").trim().min(1, "validation.required").max(max, "validation.tooLong");
const optionalText = (max: number) => z.string().trim().max(max, "validation.tooLong").optional().default("");

export const assignReviewerSchema = z.object({
  filingId: z.uuid("validation.invalid").optional(),
  reviewerId: z.uuid("validation.review.chooseReviewer"),
});

export const rejectFilingSchema = z.object({ reason: reasonText(2000) });

/** A reason for suspending, reinstating, revoking or closing a registration. */
export const registrationChangeSchema = z.object({ reason: reasonText(1000) });

const rowShape = Object.fromEntries(
  ROW_NUMBERS.flatMap((n) => [
    [`field${n}`, optionalText(300)],
    [`other${n}`, optionalText(300)],
    [`comment${n}`, optionalText(1000)],
  ]),
) as Record<`${"field" | "other" | "comment"}${number}`, ReturnType<typeof optionalText>>;

export type ChangeRequestValues = { reason: string; comments: { path: string; comment: string }[] };

/**
 * The overall reason and up to CHANGE_REQUEST_ROWS comments, each on a field chosen from the
 * submitted content (`field<n>`) or written freely (`other<n>`, which wins when both are given).
 */
export const requestChangesSchema = z
  .object({ reason: reasonText(2000), ...rowShape })
  .superRefine((form, ctx) => {
    const values = form as Record<string, string>;
    let rows = 0;
    for (const n of ROW_NUMBERS) {
      const path = values[`other${n}`] || values[`field${n}`] || "";
      const comment = values[`comment${n}`] ?? "";
      if (path === "" && comment === "") continue;
      rows += 1;
      if (path === "") ctx.addIssue({ code: "custom", path: [`field${n}`], message: "validation.review.choosePath" });
      if (comment === "") ctx.addIssue({ code: "custom", path: [`comment${n}`], message: "validation.required" });
    }
    if (rows === 0) ctx.addIssue({ code: "custom", path: ["comment1"], message: "validation.review.commentNeeded" });
  })
  .transform((form): ChangeRequestValues => {
    const values = form as Record<string, string>;
    return {
      reason: form.reason,
      comments: ROW_NUMBERS.map((n) => ({
        path: values[`other${n}`] || values[`field${n}`] || "",
        comment: values[`comment${n}`] ?? "",
      })).filter((c) => c.path !== "" && c.comment !== ""),
    };
  });

export const CHANGE_REQUEST_ROW_NUMBERS: readonly number[] = ROW_NUMBERS;
