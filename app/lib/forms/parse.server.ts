import { data } from "@remix-run/node";
import type { z } from "zod";
import type { MessageKey } from "~/lib/i18n/catalog";

/** Field errors as catalog keys, per field; "" holds errors about the whole form. */
export type FieldErrors = Record<string, MessageKey[]>;
export type FormFailure = { ok: false; fieldErrors: FieldErrors; formError?: MessageKey };
export type FormResult<T> = { ok: true; data: T } | FormFailure;

/**
 * Reads a posted form and validates it with the same zod schema the browser uses. Every
 * message of these schemas is a catalog key, so errors come back localized where shown.
 */
export async function parseForm<S extends z.ZodType>(request: Request, schema: S): Promise<FormResult<z.infer<S>>> {
  let form: FormData;
  try {
    form = await request.formData();
  } catch {
    return { ok: false, fieldErrors: {}, formError: "validation.badForm" };
  }
  return validate(schema, formValues(form));
}

/**
 * The string fields of a posted form, or null when the body is no form at all (another content
 * type, a broken multipart body): the caller answers that with a 400, not a 500.
 */
export async function readFormValues(request: Request): Promise<Record<string, unknown> | null> {
  try {
    return formValues(await request.formData());
  } catch {
    return null;
  }
}

/**
 * The string fields of a form as an object. A repeated name becomes an array; a dotted name
 * (`slots.0.weekday`) becomes nested objects and arrays, so list forms need no JavaScript.
 */
const UNSAFE_SEGMENTS = new Set(["__proto__", "constructor", "prototype"]);
const MAX_LIST_INDEX = 1000;

export function formValues(form: FormData): Record<string, unknown> {
  const values: Record<string, unknown> = {};
  for (const [key, value] of form) {
    if (typeof value !== "string") continue;
    const path = key.split(".");
    // A crafted name must not reach Object.prototype.
    if (path.some((segment) => UNSAFE_SEGMENTS.has(segment))) continue;
    // Nor may a crafted index (`x.99999999`) make a sparse array that every echo of the values
    // would serialize as millions of nulls: no list form has this many rows.
    if (path.some((segment) => /^\d+$/.test(segment) && Number(segment) >= MAX_LIST_INDEX)) continue;
    let target: Record<string, unknown> = values;
    for (const [i, segment] of path.entries()) {
      if (i === path.length - 1) {
        const previous = target[segment];
        // A name that is also a container (`x` beside `x.0`) is malformed: the container wins.
        if (previous !== undefined && typeof previous === "object" && !Array.isArray(previous)) break;
        if (Array.isArray(previous) && previous.some((p) => typeof p === "object")) break;
        target[segment] = previous === undefined ? value : ([] as unknown[]).concat(previous, value);
      } else {
        const next = path[i + 1] ?? "";
        target[segment] ??= /^\d+$/.test(next) ? [] : {};
        const child = target[segment];
        if (typeof child !== "object" || child === null) break;
        target = child as Record<string, unknown>;
      }
    }
  }
  return values;
}

export function validate<S extends z.ZodType>(schema: S, values: unknown): FormResult<z.infer<S>> {
  const result = schema.safeParse(values);
  if (result.success) return { ok: true, data: result.data };
  const fieldErrors: FieldErrors = {};
  for (const issue of result.error.issues) {
    const field = issue.path.map(String).join(".");
    const key = (issue.message.startsWith("validation.") ? issue.message : "validation.invalid") as MessageKey;
    const list = fieldErrors[field] ?? [];
    if (!list.includes(key)) list.push(key);
    fieldErrors[field] = list;
  }
  return { ok: false, fieldErrors };
}

/** The action's answer to a refused form: 400 with the errors, nothing written. */
export function formFailure(failure: Omit<FormFailure, "ok">, status = 400, headers?: HeadersInit) {
  return data(
    { ok: false as const, fieldErrors: failure.fieldErrors, formError: failure.formError },
    { status, headers },
  );
}

/** Too many attempts: 429 with a localized message and when to come back. */
export function tooManyAttempts(retryAfterSeconds: number) {
  return formFailure({ fieldErrors: {}, formError: "auth.rateLimited" }, 429, {
    "Retry-After": String(retryAfterSeconds),
  });
}
