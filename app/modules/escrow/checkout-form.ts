import { z } from "zod";

/**
 * The enrollment form on a course (parent side), shared by the browser and the action. Step
 * `preview` shows the contract for what was typed; step `pay` signs it: the form carries the
 * contract's digest, and the server refuses to sign when the text it would store differs from
 * the one the parent read. Messages are catalog keys.
 */
export const TRAINEE_MIN_AGE = 2;
export const TRAINEE_MAX_AGE = 25;
export const MAX_LESSONS_PER_PAYMENT = 300;

const trimmed = (v: unknown) => (typeof v === "string" ? v.trim() : v);
const wholeNumber = (v: unknown) => (typeof v === "string" && /^\s*\d{1,6}\s*$/.test(v) ? Number(v) : v);

export function checkoutSchema(currentYear: number) {
  return z.object({
    traineeName: z.preprocess(
      trimmed,
      z.string("validation.required").min(1, "validation.required").max(50, "validation.checkout.nameTooLong"),
    ),
    traineeBirthYear: z.preprocess(
      wholeNumber,
      z
        .number("validation.checkout.birthYear")
        .int("validation.checkout.birthYear")
        .min(currentYear - TRAINEE_MAX_AGE, "validation.checkout.birthYear")
        .max(currentYear - TRAINEE_MIN_AGE, "validation.checkout.birthYear"),
    ),
    lessons: z.preprocess(
      wholeNumber,
      z
        .number("validation.checkout.lessons")
        .int("validation.checkout.lessons")
        .min(1, "validation.checkout.lessons")
        .max(MAX_LESSONS_PER_PAYMENT, "validation.checkout.lessons"),
    ),
  });
}

export type CheckoutInput = z.infer<ReturnType<typeof checkoutSchema>>;

/** Signing: the same fields, the contract digest the parent read, and the acceptance box. */
export function signSchema(currentYear: number) {
  return checkoutSchema(currentYear).extend({
    contractSha256: z
      .string("validation.checkout.contractChanged")
      .regex(/^[0-9a-f]{64}$/, "validation.checkout.contractChanged"),
    acceptContract: z.literal("on", "validation.checkout.acceptContract"),
  });
}
