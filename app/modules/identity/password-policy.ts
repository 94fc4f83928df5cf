import { z } from "zod";

/**
 * The minimum strength of a password, shared by the browser and the server. Messages are
 * catalog keys, translated where they are shown.
 */
export const PASSWORD_MIN_LENGTH = 10;
export const PASSWORD_MAX_LENGTH = 128;

// The most used passwords that would otherwise satisfy the length and variety rules.
const COMMON = new Set([
  "password123",
  "password1234",
  "qwertyuiop1",
  "1234567890a",
  "a1234567890",
  "abcd123456",
  "abc1234567",
  "iloveyou123",
  "woaini1314",
  "woaini520",
  "qq123456789",
  "1qaz2wsx3edc",
  "passw0rd123",
  "admin123456",
]);

export function characterClasses(password: string): number {
  return [/[a-z]/, /[A-Z]/, /\d/, /[^A-Za-z0-9]/].filter((re) => re.test(password)).length;
}

export const passwordSchema = z
  .string()
  .min(PASSWORD_MIN_LENGTH, "validation.password.tooShort")
  .max(PASSWORD_MAX_LENGTH, "validation.password.tooLong")
  .refine((p) => characterClasses(p) >= 2, "validation.password.tooSimple")
  .refine((p) => !COMMON.has(p.toLowerCase()) && !/^(.)\1+$/.test(p), "validation.password.common");

/** A password may not contain the account's own email name (e.g. "zhang.wei" in "zhang.wei2024!"). */
export function passwordContainsEmailName(password: string, email: string): boolean {
  const name = email.split("@")[0]?.toLowerCase() ?? "";
  return name.length >= 4 && password.toLowerCase().includes(name);
}
