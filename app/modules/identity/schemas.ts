import { z } from "zod";
import { passwordSchema } from "./password-policy";

/** Form schemas of the identity pages, shared by the browser and the actions. */
export const emailSchema = z
  .string("validation.required")
  .trim()
  .toLowerCase()
  .min(1, "validation.required")
  .max(254, "validation.tooLong")
  .email("validation.email");

const displayName = z.string("validation.required").trim().min(1, "validation.required").max(100, "validation.tooLong");

export const loginSchema = z.object({
  email: emailSchema,
  password: z.string("validation.required").min(1, "validation.required").max(128, "validation.tooLong"),
  redirectTo: z.string().max(2000).optional(),
});

const newPassword = {
  password: passwordSchema,
  confirmPassword: z.string("validation.required").min(1, "validation.required"),
};

function passwordsMatch<S extends z.ZodType<{ password: string; confirmPassword: string }>>(schema: S): S {
  return schema.refine((v) => v.password === v.confirmPassword, {
    message: "validation.passwordMismatch",
    path: ["confirmPassword"],
  });
}

export const parentSignupSchema = passwordsMatch(z.object({ email: emailSchema, displayName, ...newPassword }));

export const institutionSignupSchema = passwordsMatch(
  z.object({
    email: emailSchema,
    displayName,
    ...newPassword,
    institutionName: z
      .string("validation.required")
      .trim()
      .min(2, "validation.required")
      .max(200, "validation.tooLong"),
    authorityId: z.uuid("validation.chooseDistrict"),
  }),
);

export const forgotPasswordSchema = z.object({ email: emailSchema });

export const resetPasswordSchema = passwordsMatch(z.object(newPassword));

export const invitationSchema = z.object({
  email: emailSchema,
  role: z.enum(["REGULATOR_ADMIN", "INSPECTOR"], "validation.chooseRole"),
});

/** Accepting with an existing account needs only its password; a new account is checked again below. */
export const acceptInvitationSchema = z.object({
  displayName: z.string().max(100, "validation.tooLong").optional(),
  password: z.string("validation.required").min(1, "validation.required").max(128, "validation.tooLong"),
  confirmPassword: z.string().optional(),
});

export const newAccountFromInvitationSchema = passwordsMatch(z.object({ displayName, ...newPassword }));
