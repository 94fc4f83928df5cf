import { z } from "zod";
import { isoDateInChina as chinaDay } from "~/lib/china-date";
import type { MessageKey } from "~/lib/i18n/catalog";
import {
  definitionOf,
  type IsoDate,
  isParameterKey,
  PARAMETER_KEYS,
  type ParameterDefinition,
  type ParameterKey,
  type ParameterValue,
  type ParameterValues,
  type Weekday,
} from "./parameters";

/**
 * What `authority.settings` holds: only this authority's overrides, each parameter a list of
 * dated entries in increasing date order. An entry either sets a value from its date on, or
 * (`inherit: true`) ends this authority's override from its date on, so the parent's value or
 * the default applies again. Past entries are never rewritten: they are what reports of those
 * days were computed with. Shared with the browser: no server imports.
 *
 *   { "version": 1, "overrides": { "FEE-01.maxMonths": [{ "effectiveFrom": "2027-01-01", "value": 2 }] } }
 */
export type OverrideEntry<K extends ParameterKey = ParameterKey> =
  | { effectiveFrom: IsoDate; value: ParameterValue<K> }
  | { effectiveFrom: IsoDate; inherit: true };
export type StoredOverrides = { [K in ParameterKey]?: OverrideEntry<K>[] };
export type StoredSettings = { version: 1; overrides: StoredOverrides };

export const EMPTY_SETTINGS: StoredSettings = { version: 1, overrides: {} };

// ---------------------------------------------------------------------------------------------
// Calendar dates

/** Tenants are Chinese authorities: their calendar days are those of China (UTC+8, no DST). */
export const TENANT_TIME_ZONE = "Asia/Shanghai";

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** A real calendar day written YYYY-MM-DD (2027-02-30 is not). */
export function isIsoDate(value: unknown): value is IsoDate {
  if (typeof value !== "string") return false;
  const match = ISO_DATE.exec(value);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

/** The calendar day in China at an instant: the "today" of every tenant. */
export function isoDateInChina(at: Date): IsoDate {
  return chinaDay(at);
}

/** The day before a calendar day. */
export function previousDay(date: IsoDate): IsoDate {
  const day = new Date(`${date}T00:00:00Z`);
  day.setUTCDate(day.getUTCDate() - 1);
  return day.toISOString().slice(0, 10);
}

export const isoDateSchema = z.string("validation.settings.date").refine(isIsoDate, "validation.settings.date");

// ---------------------------------------------------------------------------------------------
// Values, by the kind of their parameter

const TIME_OF_DAY = /^([01]\d|2[0-3]):[0-5]\d$/;

function hasAtMostDecimals(value: number, decimals: number): boolean {
  return Number(value.toFixed(decimals)) === value;
}

const timeSchema = z.string("validation.settings.time").regex(TIME_OF_DAY, "validation.settings.time");

const weekdayWindowSchema = z
  .strictObject({
    days: z
      .array(z.int("validation.settings.days").min(1, "validation.settings.days").max(7, "validation.settings.days"))
      .min(1, "validation.settings.days")
      .refine((days) => days.every((d, i) => i === 0 || (days[i - 1] ?? 8) < d), "validation.settings.days"),
    from: timeSchema,
    to: timeSchema,
  })
  .refine((w) => w.from < w.to, { message: "validation.settings.windowOrder", path: ["to"] });

function valueSchemaFor(definition: ParameterDefinition): z.ZodType {
  switch (definition.kind) {
    case "integer":
    case "percent":
    case "money":
      return z
        .number("validation.settings.number")
        .int("validation.settings.integer")
        .min(definition.min, "validation.settings.outOfRange")
        .max(definition.max, "validation.settings.outOfRange");
    case "decimal":
      return z
        .number("validation.settings.number")
        .min(definition.min, "validation.settings.outOfRange")
        .max(definition.max, "validation.settings.outOfRange")
        .refine((v) => hasAtMostDecimals(v, definition.decimals), "validation.settings.decimals");
    case "time":
      return timeSchema.refine((v) => v >= definition.min && v <= definition.max, "validation.settings.outOfRange");
    case "switch":
      return z.boolean("validation.settings.switch");
    case "weekdayWindow":
      return weekdayWindowSchema;
    case "enum":
      return z.string("validation.settings.option").refine((v) => definition.options.includes(v), {
        message: "validation.settings.option",
      });
  }
}

const VALUE_SCHEMAS = new Map<ParameterKey, z.ZodType>(
  PARAMETER_KEYS.map((key) => [key, valueSchemaFor(definitionOf(key))]),
);

/** The schema of one parameter's value: its kind and its bounds. */
export function valueSchemaOf<K extends ParameterKey>(key: K): z.ZodType<ParameterValue<K>> {
  const schema = VALUE_SCHEMAS.get(key);
  if (!schema) throw new Error(`No schema for parameter ${key}`);
  return schema as z.ZodType<ParameterValue<K>>;
}

// ---------------------------------------------------------------------------------------------
// Cross-field rules: pairs of parameters whose values must stay in order

export type OrderRule = {
  /** Must be below `upper` (or equal to it unless `strict`). */
  lower: ParameterKey;
  upper: ParameterKey;
  strict: boolean;
  message: MessageKey;
};

const bandRules = (band: "small" | "medium" | "large"): OrderRule[] => [
  // Red is the graver warning: the balance has fallen further, or more money has left.
  {
    lower: `WARN.${band}.redBalancePercent`,
    upper: `WARN.${band}.yellowBalancePercent`,
    strict: true,
    message: "validation.settings.balanceOrder",
  },
  {
    lower: `WARN.${band}.yellowOutflowFen`,
    upper: `WARN.${band}.redOutflowFen`,
    strict: true,
    message: "validation.settings.outflowOrder",
  },
];

export const ORDER_RULES: readonly OrderRule[] = [
  {
    lower: "HRS-04.freeChlorineMin",
    upper: "HRS-04.freeChlorineMax",
    strict: false,
    message: "validation.settings.chlorineOrder",
  },
  { lower: "HRS-04.phMin", upper: "HRS-04.phMax", strict: false, message: "validation.settings.phOrder" },
  {
    lower: "HRS-06.maxDepthChildrenPool",
    upper: "HRS-06.maxDepth",
    strict: false,
    message: "validation.settings.depthOrder",
  },
  {
    lower: "WARN.smallMaxEnrollments",
    upper: "WARN.mediumMaxEnrollments",
    strict: true,
    message: "validation.settings.bandOrder",
  },
  ...bandRules("small"),
  ...bandRules("medium"),
  ...bandRules("large"),
];

export function orderHolds(rule: OrderRule, lower: unknown, upper: unknown): boolean {
  if (typeof lower !== "number" || typeof upper !== "number") return true;
  return rule.strict ? lower < upper : lower <= upper;
}

/** The order rules a complete set of values breaks (for resolved settings). */
export function brokenOrderRules(values: ParameterValues): OrderRule[] {
  return ORDER_RULES.filter((rule) => !orderHolds(rule, values[rule.lower], values[rule.upper]));
}

export function orderRulesOf(key: ParameterKey): OrderRule[] {
  return ORDER_RULES.filter((rule) => rule.lower === key || rule.upper === key);
}

// ---------------------------------------------------------------------------------------------
// The stored overrides

/** The entry of a list in effect on a day: the last one dated on or before it. */
export function entryOn<E extends { effectiveFrom: IsoDate }>(entries: readonly E[] | undefined, date: IsoDate) {
  let found: E | undefined;
  for (const entry of entries ?? []) {
    if (entry.effectiveFrom <= date) found = entry;
    else break;
  }
  return found;
}

function entrySchema(key: ParameterKey) {
  return z.union(
    [
      z.strictObject({ effectiveFrom: isoDateSchema, value: valueSchemaOf(key) }),
      z.strictObject({ effectiveFrom: isoDateSchema, inherit: z.literal(true) }),
    ],
    "validation.settings.entry",
  );
}

const entriesSchema = (key: ParameterKey) =>
  z
    .array(entrySchema(key))
    .min(1, "validation.settings.entry")
    .refine(
      (entries) => entries.every((e, i) => i === 0 || (entries[i - 1]?.effectiveFrom ?? "") < e.effectiveFrom),
      "validation.settings.entryOrder",
    );

const overridesSchema = z.strictObject(
  Object.fromEntries(PARAMETER_KEYS.map((key) => [key, entriesSchema(key).optional()])),
  "validation.settings.unknownKey",
);

/**
 * Cross-field rules within one authority's own overrides: wherever this authority sets both
 * parameters of a pair on the same day, they must be in order. (Values inherited from a parent
 * are checked on the resolved settings when a change is saved; see settings.server.ts.)
 */
function checkOwnOrder(settings: { overrides: Record<string, unknown> }, ctx: z.RefinementCtx): void {
  const overrides = settings.overrides as StoredOverrides;
  for (const rule of ORDER_RULES) {
    const lower = overrides[rule.lower];
    const upper = overrides[rule.upper];
    if (!lower || !upper) continue;
    const days = new Set([...lower, ...upper].map((e) => e.effectiveFrom));
    for (const day of days) {
      const low = entryOn<OverrideEntry>(lower, day);
      const high = entryOn<OverrideEntry>(upper, day);
      if (low && "value" in low && high && "value" in high && !orderHolds(rule, low.value, high.value)) {
        ctx.addIssue({ code: "custom", message: rule.message, path: ["overrides", rule.upper] });
        break;
      }
    }
  }
}

/** The schema of `authority.settings`. The column's default `{}` reads as no overrides. */
export const storedSettingsSchema = z
  .strictObject(
    {
      version: z.literal(1, "validation.settings.version").default(1),
      overrides: overridesSchema.default({}),
    },
    "validation.settings.unknownKey",
  )
  .superRefine(checkOwnOrder) as unknown as z.ZodType<StoredSettings>;

// ---------------------------------------------------------------------------------------------
// Forms of the settings page (one schema per form, shared by the browser and the action)

export const parameterKeySchema = z
  .string("validation.settings.unknownKey")
  .refine(isParameterKey, "validation.settings.unknownKey")
  .transform((key) => key as ParameterKey);

/** An effective date a regulator may choose: today (in China) or later, never the past. */
export const effectiveFromSchema = isoDateSchema.refine(
  (date) => date >= isoDateInChina(new Date()),
  "validation.settings.pastDate",
);

/** The raw text fields of the value inputs, as a browser posts them. */
export type RawValueFields = {
  value?: string | undefined;
  days?: string | string[] | boolean | undefined;
  from?: string | undefined;
  to?: string | undefined;
};
export type ValueField = "value" | "days" | "from" | "to";
type ParsedValue = { ok: true; value: unknown } | { ok: false; field: ValueField; message: MessageKey };

const INTEGER_TEXT = /^-?\d+$/;
const DECIMAL_TEXT = /^-?\d+(\.\d+)?$/;
const YUAN_TEXT = /^(\d{1,12})(?:\.(\d{1,2}))?$/;

function textToNumber(text: string, pattern: RegExp): number | null {
  return pattern.test(text) ? Number(text) : null;
}

/** Yuan as typed ("5000", "5,000.5") to integer fen, without floating-point arithmetic. */
export function yuanTextToFen(text: string): number | null {
  const match = YUAN_TEXT.exec(text.replaceAll(",", "").replaceAll("，", ""));
  if (!match) return null;
  return Number(match[1]) * 100 + Number((match[2] ?? "").padEnd(2, "0"));
}

export function fenToYuanText(fen: number): string {
  const sign = fen < 0 ? "-" : "";
  const abs = Math.abs(fen);
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, "0")}`;
}

function daysFrom(raw: RawValueFields["days"]): string[] {
  if (typeof raw === "string") return [raw];
  if (Array.isArray(raw)) return raw;
  return [];
}

/** Turns the posted text of a value into the parameter's type (bounds are checked after). */
function readValue(definition: ParameterDefinition, raw: RawValueFields): ParsedValue {
  const text = (raw.value ?? "").trim();
  switch (definition.kind) {
    case "integer":
    case "percent": {
      if (text === "") return { ok: false, field: "value", message: "validation.required" };
      const value = textToNumber(text, INTEGER_TEXT);
      return value === null
        ? { ok: false, field: "value", message: "validation.settings.integer" }
        : { ok: true, value };
    }
    case "decimal": {
      if (text === "") return { ok: false, field: "value", message: "validation.required" };
      const value = textToNumber(text, DECIMAL_TEXT);
      return value === null
        ? { ok: false, field: "value", message: "validation.settings.number" }
        : { ok: true, value };
    }
    case "money": {
      if (text === "") return { ok: false, field: "value", message: "validation.required" };
      const value = yuanTextToFen(text);
      return value === null ? { ok: false, field: "value", message: "validation.settings.money" } : { ok: true, value };
    }
    case "time":
      if (text === "") return { ok: false, field: "value", message: "validation.required" };
      // Some browsers add seconds to a time input's value.
      return { ok: true, value: text.length === 8 && text.endsWith(":00") ? text.slice(0, 5) : text };
    case "switch":
      if (text === "on") return { ok: true, value: true };
      if (text === "off") return { ok: true, value: false };
      return { ok: false, field: "value", message: "validation.settings.switch" };
    case "enum":
      if (text === "") return { ok: false, field: "value", message: "validation.settings.option" };
      return { ok: true, value: text };
    case "weekdayWindow": {
      const days = daysFrom(raw.days);
      if (days.length === 0 || !days.every((d) => /^[1-7]$/.test(d)))
        return { ok: false, field: "days", message: "validation.settings.days" };
      const sorted = [...new Set(days.map(Number))].sort((a, b) => a - b) as Weekday[];
      const strip = (t: string | undefined) => {
        const trimmed = (t ?? "").trim();
        return trimmed.length === 8 && trimmed.endsWith(":00") ? trimmed.slice(0, 5) : trimmed;
      };
      return { ok: true, value: { days: sorted, from: strip(raw.from), to: strip(raw.to) } };
    }
  }
}

function fieldOfIssue(path: readonly PropertyKey[]): ValueField {
  const first = path[0];
  return first === "days" || first === "from" || first === "to" ? first : "value";
}

/** A posted value, read and checked against its parameter: the value or the first problem per field. */
export function parseValueFields<K extends ParameterKey>(
  key: K,
  raw: RawValueFields,
): { ok: true; value: ParameterValue<K> } | { ok: false; issues: { field: ValueField; message: MessageKey }[] } {
  const read = readValue(definitionOf(key), raw);
  if (!read.ok) return { ok: false, issues: [{ field: read.field, message: read.message }] };
  const checked = valueSchemaOf(key).safeParse(read.value);
  if (checked.success) return { ok: true, value: checked.data };
  const issues = checked.error.issues.map((issue) => ({
    field: fieldOfIssue(issue.path),
    message: (issue.message.startsWith("validation.") ? issue.message : "validation.invalid") as MessageKey,
  }));
  return { ok: false, issues };
}

/** A value as the inputs of the set form show it (money in yuan, switches as on/off). */
export function valueToFields(
  key: ParameterKey,
  value: unknown,
): Required<Omit<RawValueFields, "days">> & {
  days: string[];
} {
  const definition = definitionOf(key);
  const blank = { value: "", days: [] as string[], from: "", to: "" };
  switch (definition.kind) {
    case "money":
      return { ...blank, value: typeof value === "number" ? fenToYuanText(value) : "" };
    case "switch":
      return { ...blank, value: value === true ? "on" : "off" };
    case "weekdayWindow": {
      const window = value as { days: readonly number[]; from: string; to: string };
      return { ...blank, days: window.days.map(String), from: window.from, to: window.to };
    }
    default:
      return { ...blank, value: String(value) };
  }
}

export type SetOverrideInput = {
  [K in ParameterKey]: { key: K; value: ParameterValue<K>; effectiveFrom: IsoDate };
}[ParameterKey];

/** The form that sets one parameter from a date on (intent=set). */
export const setOverrideFormSchema = z
  .object({
    intent: z.literal("set", "validation.badForm"),
    key: parameterKeySchema,
    effectiveFrom: effectiveFromSchema,
    value: z.string().optional(),
    days: z.union([z.string(), z.array(z.string()), z.boolean()]).optional(),
    from: z.string().optional(),
    to: z.string().optional(),
  })
  .transform((form, ctx): SetOverrideInput => {
    const parsed = parseValueFields(form.key, form);
    if (!parsed.ok) {
      for (const issue of parsed.issues) ctx.addIssue({ code: "custom", message: issue.message, path: [issue.field] });
      return z.NEVER;
    }
    return { key: form.key, value: parsed.value, effectiveFrom: form.effectiveFrom } as SetOverrideInput;
  });

/** The form that ends this authority's override of one parameter from a date on (intent=remove). */
export const removeOverrideFormSchema = z.object({
  intent: z.literal("remove", "validation.badForm"),
  key: parameterKeySchema,
  effectiveFrom: effectiveFromSchema,
});

/** The form that withdraws a change this authority scheduled for a later day (intent=cancel). */
export const cancelScheduledFormSchema = z.object({
  intent: z.literal("cancel", "validation.badForm"),
  key: parameterKeySchema,
  effectiveFrom: isoDateSchema,
});

export const SETTINGS_INTENTS = ["set", "remove", "cancel"] as const;
export type SettingsIntent = (typeof SETTINGS_INTENTS)[number];
