import { z } from "zod";
import { addDays } from "~/lib/china-date";
import type { IsoDate } from "~/modules/tenancy/parameters";
import { isIsoDate } from "~/modules/tenancy/settings-schema";

/**
 * The daily safety log of a pool as the institution types it on a phone: the day, and one row
 * per opening session with its times, the lifeguards on duty and the water readings. One zod
 * schema for the browser (react-hook-form) and the server (the action and recordPoolLog).
 * Shared with the browser: no server imports. Every message is a catalog key.
 *
 * The ranges are what a reading can physically be, not the limits of HRS-04: a reading out of
 * the tenant's limits is a finding to record truthfully, never a form error. They catch typing
 * and unit mistakes instead (pH 75, chlorine in mg/m³).
 */

export const MAX_SESSIONS = 12;
/**
 * A log may be written or corrected for today and the 6 days before (7 days). A log is kept on
 * the pool deck the same day; a week leaves room for a day without signal or a typo found
 * later, while a regulator can rely on older days (already used by compliance reports and the
 * inspections they drive) not being rewritten after the fact. Every change is audited.
 */
export const EDITABLE_DAYS = 7;
/** How many past days (today included) the page lists and lets one open. */
export const HISTORY_DAYS = 14;

export const READING_RANGES = {
  freeChlorineMgL: { min: 0, max: 10 },
  ph: { min: 0, max: 14 },
  ureaMgL: { min: 0, max: 50 },
  lifeguardsOnDuty: { min: 0, max: 50 },
} as const;

const TIME_OF_DAY = /^([01]\d|2[0-3]):[0-5]\d$/;
/** Names typed in one field, separated by commas (ASCII or Chinese), 、, semicolons or spaces. */
const NAME_SEPARATORS = /[,，、;；\s]+/;

const blank = (v: unknown) => v === undefined || v === null || (typeof v === "string" && v.trim() === "");

/** A decimal typed on a phone: "0.4", " 0.4 ", "0,4" (a comma keyboard) all mean 0.4. */
function decimalInput(v: unknown): unknown {
  if (typeof v !== "string") return v;
  const text = v.trim().replace(/[,，]/, ".");
  return /^\d+(\.\d+)?$/.test(text) ? Number(text) : text === "" ? undefined : Number.NaN;
}

function hasAtMostTwoDecimals(value: number): boolean {
  return Number(value.toFixed(2)) === value;
}

const reading = (range: { min: number; max: number }, message: string) =>
  z
    .number("validation.number")
    .finite("validation.number")
    .min(range.min, message)
    .max(range.max, message)
    .refine(hasAtMostTwoDecimals, "validation.poolSafety.decimals");

const requiredReading = (range: { min: number; max: number }, message: string) =>
  z.preprocess((v) => (blank(v) ? undefined : decimalInput(v)), reading(range, message));

const optionalReading = (range: { min: number; max: number }, message: string) =>
  z.preprocess((v) => (blank(v) ? null : decimalInput(v)), reading(range, message).nullable());

const isTime = (v: unknown) => typeof v === "string" && TIME_OF_DAY.test(v);
const timeOfDay = z.string("validation.time").trim().regex(TIME_OF_DAY, "validation.time");

const lifeguards = z.preprocess(
  (v) => (blank(v) ? undefined : typeof v === "string" ? Number(v.trim()) : v),
  z
    .number("validation.number")
    .int("validation.integer")
    .min(READING_RANGES.lifeguardsOnDuty.min, "validation.poolSafety.lifeguardsRange")
    .max(READING_RANGES.lifeguardsOnDuty.max, "validation.poolSafety.lifeguardsRange"),
);

/** Accepts the typed text or an already split list (so parsing the schema's output again is a no-op). */
const lifeguardNames = z.preprocess(
  (v) =>
    Array.isArray(v)
      ? v
      : typeof v === "string"
        ? v
            .split(NAME_SEPARATORS)
            .map((n) => n.trim())
            .filter((n) => n !== "")
        : blank(v)
          ? []
          : v,
  z
    .array(z.string(), "validation.invalid")
    .max(READING_RANGES.lifeguardsOnDuty.max, "validation.tooMany")
    // On the list, not on each name: the form has one field for all of them.
    .refine((names) => names.every((n) => n.length <= 20), "validation.poolSafety.nameTooLong"),
);

export const poolSessionSchema = z
  .object({
    startTime: timeOfDay,
    endTime: timeOfDay,
    lifeguardsOnDuty: lifeguards,
    lifeguardNames,
    freeChlorineMgL: requiredReading(READING_RANGES.freeChlorineMgL, "validation.poolSafety.chlorineRange"),
    ph: requiredReading(READING_RANGES.ph, "validation.poolSafety.phRange"),
    ureaMgL: optionalReading(READING_RANGES.ureaMgL, "validation.poolSafety.ureaRange"),
  })
  // zod runs these even when a cell failed: each compares only cells that passed.
  .refine((s) => !isTime(s.startTime) || !isTime(s.endTime) || s.startTime < s.endTime, {
    path: ["endTime"],
    message: "validation.timeOrder",
  })
  // The count is what the rules check; the names are who answers for it: they must agree.
  .refine(
    (s) =>
      !Array.isArray(s.lifeguardNames) ||
      !Number.isInteger(s.lifeguardsOnDuty) ||
      s.lifeguardNames.length === s.lifeguardsOnDuty,
    { path: ["lifeguardNames"], message: "validation.poolSafety.namesCount" },
  );

const SESSION_FIELDS = [
  "startTime",
  "endTime",
  "lifeguardsOnDuty",
  "lifeguardNames",
  "freeChlorineMgL",
  "ph",
  "ureaMgL",
] as const;

/**
 * The form offers empty rows so no JavaScript is needed; a row left empty is not a session. It
 * becomes null rather than being removed, so an error keeps the index of the row it is about.
 */
function rowsOf(value: unknown): unknown[] {
  if (value === undefined || value === null || value === "") return [];
  if (!Array.isArray(value)) return [value];
  // A form may skip indices (sparse array): a hole is an empty row.
  return Array.from(value, (row: unknown) =>
    row === undefined ||
    (typeof row === "object" &&
      row !== null &&
      SESSION_FIELDS.every((f) => {
        const cell = (row as Record<string, unknown>)[f];
        return blank(cell) || (Array.isArray(cell) && cell.length === 0);
      }))
      ? null
      : row,
  );
}

const sessionsSchema = z
  .preprocess(rowsOf, z.array(poolSessionSchema.nullable(), "validation.invalid"))
  .superRefine((rows, ctx) => {
    const used = rows.flatMap((row, index) => (row ? [{ row, index }] : []));
    if (used.length === 0) ctx.addIssue({ code: "custom", message: "validation.poolSafety.sessionNeeded" });
    if (used.length > MAX_SESSIONS) ctx.addIssue({ code: "custom", message: "validation.poolSafety.tooManySessions" });
    // Sessions of one pool on one day follow each other: an overlap is a typing mistake. Like the
    // refinements above this runs even when a row failed, so only well-formed times take part.
    const timed = used.filter(({ row }) => isTime(row.startTime) && isTime(row.endTime));
    const byStart = timed.sort((a, b) => (a.row.startTime < b.row.startTime ? -1 : 1));
    let latestEnd = "";
    for (const { row, index } of byStart) {
      if (row.startTime < latestEnd) {
        ctx.addIssue({ code: "custom", path: [index, "startTime"], message: "validation.poolSafety.overlap" });
      }
      if (row.endTime > latestEnd) latestEnd = row.endTime;
    }
  })
  .transform((rows) =>
    rows.filter((row): row is PoolSession => row !== null).sort((a, b) => (a.startTime < b.startTime ? -1 : 1)),
  );

export const poolLogSchema = z.object({
  venueId: z.uuid("validation.poolSafety.choosePool"),
  logDate: z.string("validation.date").trim().refine(isIsoDate, "validation.date"),
  notes: z.preprocess(
    (v) => (blank(v) ? null : typeof v === "string" ? v.trim() : v),
    z.string("validation.invalid").max(500, "validation.tooLong").nullable(),
  ),
  sessions: sessionsSchema,
});

export type PoolSession = z.output<typeof poolSessionSchema>;
export type PoolLog = z.output<typeof poolLogSchema>;
/** What the form posts (strings), or a log already parsed. */
export type PoolLogInput = z.input<typeof poolLogSchema>;

export type LogDateProblem = "validation.poolSafety.futureDate" | "validation.poolSafety.tooOld";

/** Whether a log for `date` may be written on `today` (see EDITABLE_DAYS). */
export function logDateProblem(date: IsoDate, today: IsoDate): LogDateProblem | null {
  if (date > today) return "validation.poolSafety.futureDate";
  if (date < firstEditableDay(today)) return "validation.poolSafety.tooOld";
  return null;
}

export function firstEditableDay(today: IsoDate): IsoDate {
  return addDays(today, -(EDITABLE_DAYS - 1));
}

/** The days the page lists, newest first: today and the HISTORY_DAYS − 1 before. */
export function historyDays(today: IsoDate): IsoDate[] {
  return Array.from({ length: HISTORY_DAYS }, (_, i) => addDays(today, -i));
}
