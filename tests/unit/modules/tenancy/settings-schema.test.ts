import { validate } from "~/lib/forms/parse.server";
import {
  cancelScheduledFormSchema,
  fenToYuanText,
  isIsoDate,
  isoDateInChina,
  parseValueFields,
  removeOverrideFormSchema,
  setOverrideFormSchema,
  storedSettingsSchema,
  valueSchemaOf,
  valueToFields,
  yuanTextToFen,
} from "~/modules/tenancy/settings-schema";

const messagesOf = (result: { success: boolean; error?: { issues: { message: string }[] } }) =>
  result.error?.issues.map((i) => i.message) ?? [];

describe("the stored settings schema", () => {
  it("reads the column's default {} as no overrides", () => {
    expect(storedSettingsSchema.parse({})).toEqual({ version: 1, overrides: {} });
  });

  it("accepts dated values and inherit markers in date order", () => {
    const settings = {
      version: 1,
      overrides: {
        "FEE-01.maxMonths": [
          { effectiveFrom: "2026-01-01", value: 2 },
          { effectiveFrom: "2027-01-01", inherit: true },
        ],
        "SCH-03.schoolHours": [
          { effectiveFrom: "2026-09-01", value: { days: [1, 2, 3, 4, 5], from: "07:50", to: "17:00" } },
        ],
        "FEE-02.classHourCounting": [{ effectiveFrom: "2026-09-01", value: "MINUTES_45" }],
        "VEN-05.enabled": [{ effectiveFrom: "2026-09-01", value: true }],
      },
    };
    expect(storedSettingsSchema.safeParse(settings).success).toBe(true);
  });

  it("refuses values outside their bounds", () => {
    const at = (key: string, value: unknown) => ({
      overrides: { [key]: [{ effectiveFrom: "2026-01-01", value }] },
    });
    expect(storedSettingsSchema.safeParse(at("FEE-01.maxMonths", 13)).success).toBe(false);
    expect(storedSettingsSchema.safeParse(at("FEE-01.maxMonths", 0)).success).toBe(false);
    expect(storedSettingsSchema.safeParse(at("FEE-01.maxMonths", 2.5)).success).toBe(false);
    expect(storedSettingsSchema.safeParse(at("HRS-04.freeChlorineMax", 1.2)).success).toBe(false);
    expect(storedSettingsSchema.safeParse(at("HRS-04.freeChlorineMax", 0.25)).success).toBe(false);
    expect(storedSettingsSchema.safeParse(at("HRS-04.freeChlorineMax", 0.755)).success).toBe(false);
    expect(storedSettingsSchema.safeParse(at("SCH-01.offlineEndBy", "23:30")).success).toBe(false);
    expect(storedSettingsSchema.safeParse(at("SCH-01.offlineEndBy", "8pm")).success).toBe(false);
    expect(storedSettingsSchema.safeParse(at("FEE-07.enabled", "yes")).success).toBe(false);
    expect(storedSettingsSchema.safeParse(at("FEE-02.classHourCounting", "PER_HOUR")).success).toBe(false);
    expect(storedSettingsSchema.safeParse(at("FEE-03.maxAmountFen", 99)).success).toBe(false);
    expect(storedSettingsSchema.safeParse(at("FEE-03.maxAmountFen", 400_000)).success).toBe(true);
  });

  it("refuses a school-hours window without days or ending before it starts", () => {
    const window = (value: unknown) => ({
      overrides: { "SCH-03.schoolHours": [{ effectiveFrom: "2026-01-01", value }] },
    });
    expect(storedSettingsSchema.safeParse(window({ days: [], from: "08:00", to: "16:30" })).success).toBe(false);
    expect(storedSettingsSchema.safeParse(window({ days: [1, 8], from: "08:00", to: "16:30" })).success).toBe(false);
    expect(storedSettingsSchema.safeParse(window({ days: [2, 1], from: "08:00", to: "16:30" })).success).toBe(false);
    expect(storedSettingsSchema.safeParse(window({ days: [1], from: "16:30", to: "08:00" })).success).toBe(false);
  });

  it("refuses unknown parameters and unknown fields", () => {
    const unknownKey = storedSettingsSchema.safeParse({
      overrides: { "FEE-99.maxMonths": [{ effectiveFrom: "2026-01-01", value: 1 }] },
    });
    expect(unknownKey.success).toBe(false);
    expect(messagesOf(unknownKey)).toContain("validation.settings.unknownKey");
    expect(storedSettingsSchema.safeParse({ version: 1, overrides: {}, extra: true }).success).toBe(false);
    expect(storedSettingsSchema.safeParse({ version: 2, overrides: {} }).success).toBe(false);
    expect(
      storedSettingsSchema.safeParse({
        overrides: { "FEE-01.maxMonths": [{ effectiveFrom: "2026-01-01", value: 2, note: "x" }] },
      }).success,
    ).toBe(false);
  });

  it("refuses entries out of date order, on the same day twice, or on impossible days", () => {
    const entries = (list: unknown[]) => storedSettingsSchema.safeParse({ overrides: { "FEE-01.maxMonths": list } });
    expect(
      entries([
        { effectiveFrom: "2026-02-01", value: 2 },
        { effectiveFrom: "2026-01-01", value: 1 },
      ]).success,
    ).toBe(false);
    expect(
      entries([
        { effectiveFrom: "2026-01-01", value: 2 },
        { effectiveFrom: "2026-01-01", value: 1 },
      ]).success,
    ).toBe(false);
    expect(entries([{ effectiveFrom: "2026-02-30", value: 2 }]).success).toBe(false);
    expect(entries([]).success).toBe(false);
  });

  it("refuses a chlorine minimum above the maximum set by the same authority on the same day", () => {
    const result = storedSettingsSchema.safeParse({
      overrides: {
        "HRS-04.freeChlorineMin": [{ effectiveFrom: "2026-01-01", value: 0.8 }],
        "HRS-04.freeChlorineMax": [{ effectiveFrom: "2026-01-01", value: 0.6 }],
      },
    });
    expect(messagesOf(result)).toContain("validation.settings.chlorineOrder");
  });

  it("finds a crossing that only begins on a later entry's day", () => {
    const result = storedSettingsSchema.safeParse({
      overrides: {
        "HRS-04.phMin": [
          { effectiveFrom: "2026-01-01", value: 7 },
          { effectiveFrom: "2026-06-01", value: 8.2 },
        ],
        "HRS-04.phMax": [{ effectiveFrom: "2026-01-01", value: 8 }],
      },
    });
    expect(messagesOf(result)).toContain("validation.settings.phOrder");
  });

  it("requires red warning thresholds to be stricter than yellow ones", () => {
    const redShareNotLower = storedSettingsSchema.safeParse({
      overrides: {
        "WARN.small.yellowBalancePercent": [{ effectiveFrom: "2026-01-01", value: 60 }],
        "WARN.small.redBalancePercent": [{ effectiveFrom: "2026-01-01", value: 60 }],
      },
    });
    expect(messagesOf(redShareNotLower)).toContain("validation.settings.balanceOrder");
    const redOutflowLower = storedSettingsSchema.safeParse({
      overrides: {
        "WARN.large.yellowOutflowFen": [{ effectiveFrom: "2026-01-01", value: 500_000 }],
        "WARN.large.redOutflowFen": [{ effectiveFrom: "2026-01-01", value: 400_000 }],
      },
    });
    expect(messagesOf(redOutflowLower)).toContain("validation.settings.outflowOrder");
    const fine = storedSettingsSchema.safeParse({
      overrides: {
        "WARN.small.yellowBalancePercent": [{ effectiveFrom: "2026-01-01", value: 70 }],
        "WARN.small.redBalancePercent": [{ effectiveFrom: "2026-01-01", value: 40 }],
      },
    });
    expect(fine.success).toBe(true);
  });

  it("requires the small size band to end below the medium one", () => {
    const result = storedSettingsSchema.safeParse({
      overrides: {
        "WARN.smallMaxEnrollments": [{ effectiveFrom: "2026-01-01", value: 300 }],
        "WARN.mediumMaxEnrollments": [{ effectiveFrom: "2026-01-01", value: 300 }],
      },
    });
    expect(messagesOf(result)).toContain("validation.settings.bandOrder");
  });

  it("does not compare a value with a pair ended by an inherit marker", () => {
    const result = storedSettingsSchema.safeParse({
      overrides: {
        "HRS-04.freeChlorineMin": [{ effectiveFrom: "2026-03-01", value: 0.8 }],
        "HRS-04.freeChlorineMax": [
          { effectiveFrom: "2026-01-01", value: 0.6 },
          { effectiveFrom: "2026-03-01", inherit: true },
        ],
      },
    });
    expect(result.success).toBe(true);
  });
});

describe("calendar days", () => {
  it("knows real days only", () => {
    expect(isIsoDate("2028-02-29")).toBe(true);
    expect(isIsoDate("2027-02-29")).toBe(false);
    expect(isIsoDate("2027-13-01")).toBe(false);
    expect(isIsoDate("2027-1-01")).toBe(false);
    expect(isIsoDate(20270101)).toBe(false);
  });

  it("takes today from the clock in China", () => {
    expect(isoDateInChina(new Date("2026-11-23T15:59:59Z"))).toBe("2026-11-23");
    expect(isoDateInChina(new Date("2026-11-23T16:00:00Z"))).toBe("2026-11-24");
  });
});

describe("the set form", () => {
  const today = isoDateInChina(new Date());
  const form = (fields: Record<string, unknown>) =>
    validate(setOverrideFormSchema, { intent: "set", effectiveFrom: today, ...fields });

  it("reads money in yuan into fen", () => {
    const result = form({ key: "FEE-03.maxAmountFen", value: "4,500.5" });
    expect(result).toEqual({ ok: true, data: { key: "FEE-03.maxAmountFen", value: 450_050, effectiveFrom: today } });
  });

  it("reads switches, times, options and the school-hours window", () => {
    expect(form({ key: "VEN-05.enabled", value: "on" })).toMatchObject({ ok: true, data: { value: true } });
    expect(form({ key: "FEE-07.enabled", value: "off" })).toMatchObject({ ok: true, data: { value: false } });
    expect(form({ key: "SCH-01.offlineEndBy", value: "20:00" })).toMatchObject({ ok: true, data: { value: "20:00" } });
    expect(form({ key: "FEE-02.classHourCounting", value: "MINUTES_45" })).toMatchObject({
      ok: true,
      data: { value: "MINUTES_45" },
    });
    expect(form({ key: "SCH-03.schoolHours", days: ["5", "1", "3"], from: "08:00", to: "16:00" })).toMatchObject({
      ok: true,
      data: { value: { days: [1, 3, 5], from: "08:00", to: "16:00" } },
    });
    expect(form({ key: "SCH-03.schoolHours", days: "6", from: "09:00", to: "12:00" })).toMatchObject({
      ok: true,
      data: { value: { days: [6], from: "09:00", to: "12:00" } },
    });
  });

  it("puts each problem on its field", () => {
    expect(form({ key: "FEE-01.maxMonths", value: "13" })).toEqual({
      ok: false,
      fieldErrors: { value: ["validation.settings.outOfRange"] },
    });
    expect(form({ key: "FEE-01.maxMonths", value: "" })).toEqual({
      ok: false,
      fieldErrors: { value: ["validation.required"] },
    });
    expect(form({ key: "FEE-01.maxMonths", value: "two" })).toEqual({
      ok: false,
      fieldErrors: { value: ["validation.settings.integer"] },
    });
    expect(form({ key: "HRS-03.minWaterAreaPerSwimmer", value: "2.55" })).toEqual({
      ok: false,
      fieldErrors: { value: ["validation.settings.decimals"] },
    });
    expect(form({ key: "FEE-03.maxAmountFen", value: "12.345" })).toEqual({
      ok: false,
      fieldErrors: { value: ["validation.settings.money"] },
    });
    expect(form({ key: "SCH-03.schoolHours", days: false, from: "08:00", to: "16:00" })).toEqual({
      ok: false,
      fieldErrors: { days: ["validation.settings.days"] },
    });
    expect(form({ key: "SCH-03.schoolHours", days: ["1"], from: "16:00", to: "08:00" })).toEqual({
      ok: false,
      fieldErrors: { to: ["validation.settings.windowOrder"] },
    });
    expect(form({ key: "NOPE.key", value: "1" })).toMatchObject({
      ok: false,
      fieldErrors: { key: ["validation.settings.unknownKey"] },
    });
  });

  it("refuses an effective day in the past", () => {
    expect(form({ key: "FEE-01.maxMonths", value: "2", effectiveFrom: "2020-01-01" })).toEqual({
      ok: false,
      fieldErrors: { effectiveFrom: ["validation.settings.pastDate"] },
    });
  });

  it("shows a stored value the way its inputs take it back", () => {
    expect(valueToFields("FEE-03.maxAmountFen", 500_000).value).toBe("5000.00");
    expect(valueToFields("FEE-07.enabled", true).value).toBe("on");
    expect(valueToFields("SCH-03.schoolHours", { days: [1, 2], from: "08:00", to: "16:30" })).toMatchObject({
      days: ["1", "2"],
      from: "08:00",
      to: "16:30",
    });
    for (const [key, value] of [
      ["FEE-03.maxAmountFen", 123_456],
      ["HRS-04.phMax", 8.4],
      ["SCH-02.onlineEndBy", "20:45"],
      ["STF-05.enabled", false],
    ] as const) {
      expect(parseValueFields(key, valueToFields(key, value))).toEqual({ ok: true, value });
    }
  });
});

describe("the remove and cancel forms", () => {
  it("need a known key and a day", () => {
    const today = isoDateInChina(new Date());
    expect(
      validate(removeOverrideFormSchema, { intent: "remove", key: "FEE-01.maxMonths", effectiveFrom: today }).ok,
    ).toBe(true);
    expect(validate(removeOverrideFormSchema, { intent: "remove", key: "x", effectiveFrom: today })).toMatchObject({
      ok: false,
      fieldErrors: { key: ["validation.settings.unknownKey"] },
    });
    expect(
      validate(cancelScheduledFormSchema, { intent: "cancel", key: "FEE-01.maxMonths", effectiveFrom: "2099-13-01" }),
    ).toMatchObject({ ok: false, fieldErrors: { effectiveFrom: ["validation.settings.date"] } });
  });
});

describe("money", () => {
  it("converts yuan text to fen without floating-point error", () => {
    expect(yuanTextToFen("0.29")).toBe(29);
    expect(yuanTextToFen("1.1")).toBe(110);
    expect(yuanTextToFen("5000")).toBe(500_000);
    expect(yuanTextToFen("-1")).toBeNull();
    expect(yuanTextToFen("1e3")).toBeNull();
    expect(fenToYuanText(29)).toBe("0.29");
    expect(fenToYuanText(500_000)).toBe("5000.00");
  });

  it("keeps money parameters in whole fen", () => {
    expect(valueSchemaOf("FEE-03.maxAmountFen").safeParse(100.5).success).toBe(false);
  });
});
