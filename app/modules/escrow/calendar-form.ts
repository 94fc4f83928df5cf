import { z } from "zod";
import { isIsoDate } from "~/modules/tenancy/settings-schema";

/**
 * The working-calendar page's form, for the browser (react-hook-form) and the action alike:
 * `set` marks one day as a working day or a day off, with the reason people will read;
 * `remove` deletes this authority's entry for a day. Every message is a catalog key.
 * Shared with the browser: no server imports.
 */

export const CALENDAR_NAME_MAX = 60;
/** Days outside these years are typing mistakes (0202 for 2026), not calendar decisions. */
export const CALENDAR_FIRST_YEAR = 2000;
export const CALENDAR_LAST_YEAR = 2099;

const calendarDay = z
  .string("validation.calendar.day")
  .trim()
  .refine(isIsoDate, "validation.calendar.day")
  .refine((day) => {
    const year = Number(day.slice(0, 4));
    return year >= CALENDAR_FIRST_YEAR && year <= CALENDAR_LAST_YEAR;
  }, "validation.calendar.dayOutOfRange");

export const setCalendarDaySchema = z.object({
  intent: z.literal("set", "validation.badForm"),
  day: calendarDay,
  working: z.enum(["yes", "no"], "validation.calendar.working").transform((choice) => choice === "yes"),
  name: z
    .string("validation.calendar.nameRequired")
    .trim()
    .min(1, "validation.calendar.nameRequired")
    .max(CALENDAR_NAME_MAX, "validation.calendar.nameTooLong"),
});

export const removeCalendarDaySchema = z.object({
  intent: z.literal("remove", "validation.badForm"),
  day: calendarDay,
});

// Only a tampered or stale page posts another intent.
export const calendarFormSchema = z.discriminatedUnion("intent", [setCalendarDaySchema, removeCalendarDaySchema], {
  error: "validation.badForm",
});

export type CalendarFormInput = z.input<typeof calendarFormSchema>;
export type CalendarForm = z.output<typeof calendarFormSchema>;
export type CalendarIntent = CalendarForm["intent"];
