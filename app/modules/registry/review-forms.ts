import { z } from "zod";
import { FILING_KINDS, INSTITUTION_STATUSES } from "./institution-status";

/**
 * The forms of the regulator's review: one zod schema each, shared by the browser
 * (react-hook-form) and the route actions. Messages are catalog keys.
 */

/** Rows for comments per field: fixed so the form works without JavaScript; empty rows are ignored. */
const ROW_NUMBERS = [1, 2, 3, 4, 5] as const;
type RowNumber = (typeof ROW_NUMBERS)[number];
type RowKey = `${"field" | "other" | "comment"}${RowNumber}`;
export const CHANGE_REQUEST_ROWS = ROW_NUMBERS.length;

const reasonText = (max: number) =>
  z.string("validation.required").trim().min(1, "validation.required").max(max, "validation.tooLong");
const optionalText = (max: number) => z.string().trim().max(max, "validation.tooLong").optional().default("");

export const assignReviewerSchema = z.object({
  filingId: z.uuid("validation.invalid").optional(),
  reviewerId: z.uuid("validation.review.chooseReviewer"),
});

// Named apart from the change request's `reason`: both forms sit on one page and share its action's answer.
export const rejectFilingSchema = z.object({ rejectReason: reasonText(2000) });

/** A reason for suspending, reinstating, revoking or closing a registration. */
export const registrationChangeSchema = z.object({ reason: reasonText(1000) });

const rowShape = Object.fromEntries(
  ROW_NUMBERS.flatMap((n) => [
    [`field${n}`, optionalText(300)],
    [`other${n}`, optionalText(300)],
    [`comment${n}`, optionalText(1000)],
  ]),
) as Record<RowKey, ReturnType<typeof optionalText>>;

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

export const CHANGE_REQUEST_ROW_NUMBERS: readonly RowNumber[] = ROW_NUMBERS;

// ——— The GET forms of the queue and the institution list ———

/** "open": waiting for the regulator (submitted or under review); "all" adds those sent back for changes. */
export const QUEUE_STATUS_FILTERS = ["open", "SUBMITTED", "UNDER_REVIEW", "CHANGES_REQUESTED", "all"] as const;
export const QUEUE_REVIEWER_FILTERS = ["anyone", "me", "unassigned"] as const;
export const QUEUE_SORTS = ["oldest", "newest"] as const;
export const LIST_PAGE_SIZE = 20;

/** An empty field of a GET form means "no filter". */
const blankAsMissing = (value: unknown) => (typeof value === "string" && value.trim() === "" ? undefined : value);
const page = z.preprocess(
  blankAsMissing,
  z.coerce.number("validation.invalid").int("validation.invalid").min(1, "validation.invalid").max(100_000).default(1),
);
const district = z.preprocess(blankAsMissing, z.uuid("validation.invalid").optional());

export const reviewQueueQuerySchema = z.object({
  status: z.preprocess(blankAsMissing, z.enum(QUEUE_STATUS_FILTERS, "validation.invalid").default("open")),
  kind: z.preprocess(blankAsMissing, z.enum(FILING_KINDS, "validation.invalid").optional()),
  district,
  reviewer: z.preprocess(blankAsMissing, z.enum(QUEUE_REVIEWER_FILTERS, "validation.invalid").default("anyone")),
  sort: z.preprocess(blankAsMissing, z.enum(QUEUE_SORTS, "validation.invalid").default("oldest")),
  page,
});
export type ReviewQueueQuery = z.infer<typeof reviewQueueQuerySchema>;

export const institutionListQuerySchema = z.object({
  status: z.preprocess(blankAsMissing, z.enum(INSTITUTION_STATUSES, "validation.invalid").optional()),
  district,
  q: z.preprocess(blankAsMissing, z.string().trim().max(100, "validation.tooLong").optional()),
  page,
});
export type InstitutionListQuery = z.infer<typeof institutionListQuerySchema>;

/** A query string as the first value of each parameter (as `URLSearchParams.get` reads it). */
export function queryValues(params: URLSearchParams): Record<string, string> {
  const values: Record<string, string> = {};
  for (const [key, value] of params) if (!Object.hasOwn(values, key)) values[key] = value;
  return values;
}
