import { z } from "zod";
import { deadlineBounds } from "./rectification-deadline";
import { RECTIFICATION_STATUSES } from "./rectification-state-machine";

/**
 * The forms of rectification: one zod schema each, shared by the browser (react-hook-form) and
 * the route actions, which validate again. Messages are catalog keys.
 */
const text = (max: number) =>
  z.string("validation.required").trim().min(1, "validation.required").max(max, "validation.tooLong");
const optionalText = (max: number) => z.string().trim().max(max, "validation.tooLong").optional().default("");

/** Checkboxes of one name post nothing, one value or several; react-hook-form gives false, a string or an array. */
const asList = (value: unknown): unknown[] => {
  if (Array.isArray(value)) return value;
  if (typeof value === "string") return [value];
  return [];
};

const isIsoDay = (value: string) => /^\d{4}-\d{2}-\d{2}$/.test(value);

export const MAX_ORDER_FINDINGS = 100;
export const MAX_INSTRUCTIONS = 4000;
export const MAX_ANSWER_TEXT = 4000;
/** Evidence documents per answer: what one multipart request may carry (UPLOAD_FORM_LIMITS). */
export const MAX_EVIDENCE_FILES = 4;
/** The file input of the answer form. */
export const EVIDENCE_INPUT = "evidence";

/**
 * Issuing an order: the findings it covers, the deadline and what the institution must do. The
 * deadline lies between tomorrow and a year from today in China, as of `now` (the browser's
 * clock for its check; the server's for the one that counts).
 */
export function issueOrderSchema(now: Date = new Date()) {
  const { earliest, latest } = deadlineBounds(now);
  return z.object({
    findingIds: z.preprocess(
      asList,
      z
        .array(z.uuid("validation.invalid"))
        .min(1, "validation.rectification.chooseFinding")
        .max(MAX_ORDER_FINDINGS, "validation.rectification.tooManyFindings"),
    ),
    deadline: z.iso
      .date("validation.rectification.deadlineInvalid")
      // Compared as text (YYYY-MM-DD sorts as dates) only once it is a date at all.
      .refine((day) => !isIsoDay(day) || day >= earliest, "validation.rectification.deadlineTooSoon")
      .refine((day) => !isIsoDay(day) || day <= latest, "validation.rectification.deadlineTooFar"),
    instructions: text(MAX_INSTRUCTIONS),
  });
}
export type IssueOrderValues = z.infer<ReturnType<typeof issueOrderSchema>>;

/** The institution's answer; the documents come with it as files, never as ids. */
export const answerOrderSchema = z.object({ text: text(MAX_ANSWER_TEXT) });

// Named apart: the three decision forms sit on one page and share its action's answer.
export const acceptOrderSchema = z.object({ acceptNote: optionalText(2000) });
export const rejectOrderSchema = z.object({ rejectReason: text(2000) });
export const withdrawOrderSchema = z.object({ withdrawReason: text(2000) });

export const DECISION_INTENTS = ["accept", "reject", "withdraw"] as const;
export type DecisionIntent = (typeof DECISION_INTENTS)[number];

export function isDecisionIntent(value: unknown): value is DecisionIntent {
  return typeof value === "string" && (DECISION_INTENTS as readonly string[]).includes(value);
}

// ——— The list's GET form ———

/** "open": not yet accepted or withdrawn; "all": every order. */
export const ORDER_STATUS_FILTERS = ["open", ...RECTIFICATION_STATUSES, "all"] as const;
export type OrderStatusFilter = (typeof ORDER_STATUS_FILTERS)[number];
export const ORDER_PAGE_SIZE = 20;

const blankAsMissing = (value: unknown) => (typeof value === "string" && value.trim() === "" ? undefined : value);

export const orderListQuerySchema = z.object({
  status: z.preprocess(blankAsMissing, z.enum(ORDER_STATUS_FILTERS, "validation.invalid").default("open")),
  page: z.preprocess(
    blankAsMissing,
    z.coerce
      .number("validation.invalid")
      .int("validation.invalid")
      .min(1, "validation.invalid")
      .max(100_000, "validation.invalid")
      .default(1),
  ),
});
export type OrderListQuery = z.infer<typeof orderListQuerySchema>;
