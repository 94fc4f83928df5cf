import { messagesFor } from "~/lib/i18n/catalog";
import {
  defaultValue,
  definitionOf,
  PARAMETER_KEYS,
  PARAMETERS,
  RULE_CODES,
  RULE_FAMILIES,
  RULE_SOURCES,
  RULES,
  rulesOfFamily,
  switchOf,
  UNITS,
} from "~/modules/tenancy/parameters";
import { valueSchemaOf } from "~/modules/tenancy/settings-schema";

describe("the parameter catalog", () => {
  it("holds every default inside its own bounds and kind", () => {
    for (const key of PARAMETER_KEYS) {
      const result = valueSchemaOf(key).safeParse(defaultValue(key));
      expect(result.success, key).toBe(true);
    }
  });

  it("gives every optional rule a switch with the default STANDARDS.md names, and mandatory rules none", () => {
    const optional = RULE_CODES.filter((code) => RULES[code].applicability !== "mandatory");
    expect(optional.sort()).toEqual(
      ["FEE-07", "FEE-08", "SCH-03", "VEN-03", "VEN-05", "VEN-06", "STF-05", "STF-07", "HRS-06", "REG-03"].sort(),
    );
    for (const code of RULE_CODES) {
      const key = switchOf(code);
      if (RULES[code].applicability === "mandatory") {
        expect(key, code).toBeNull();
        expect(Object.hasOwn(PARAMETERS, `${code}.enabled`), code).toBe(false);
      } else {
        expect(key, code).toBe(`${code}.enabled`);
        if (key) expect(defaultValue(key), code).toBe(RULES[code].applicability === "optional-on");
      }
    }
  });

  it("keeps the defaults of STANDARDS.md", () => {
    expect(defaultValue("FEE-01.maxMonths")).toBe(3);
    expect(defaultValue("FEE-02.maxClassHours")).toBe(60);
    expect(defaultValue("FEE-03.maxAmountFen")).toBe(500_000);
    expect(defaultValue("FEE-07.reserveSharePercent")).toBe(20);
    expect(defaultValue("SCH-01.offlineEndBy")).toBe("20:30");
    expect(defaultValue("SCH-02.onlineEndBy")).toBe("21:00");
    expect(defaultValue("SCH-03.schoolHours")).toEqual({ days: [1, 2, 3, 4, 5], from: "08:00", to: "16:30" });
    expect(defaultValue("VEN-01.minAreaPerTrainee")).toBe(5);
    expect(defaultValue("VEN-01.minAreaPerTraineeChess")).toBe(3);
    expect(defaultValue("STF-01.maxClassSize")).toBe(35);
    expect(defaultValue("HRS-04.freeChlorineMin")).toBe(0.3);
    expect(defaultValue("HRS-04.freeChlorineMax")).toBe(0.5);
    expect(defaultValue("HRS-04.ureaMax")).toBe(3.5);
    expect(defaultValue("ESCROW.autoConfirmWorkingDays")).toBe(7);
    expect(defaultValue("ESCROW.refundDeemedAgreedWorkingDays")).toBe(5);
  });

  it("names every rule, family, source, unit, option and parameter in both languages", () => {
    for (const locale of ["zh-CN", "en"] as const) {
      const messages: Record<string, string> = messagesFor(locale);
      const keys = [
        ...RULE_CODES.map((code) => RULES[code].title),
        ...RULE_FAMILIES.map((family) => `settings.family.${family}`),
        ...RULE_SOURCES.map((source) => `settings.source.${source}`),
        ...Object.values(UNITS),
        ...PARAMETER_KEYS.flatMap((key) => {
          const definition = definitionOf(key);
          return [
            definition.label,
            definition.help,
            ...(definition.kind === "enum" ? Object.values(definition.optionLabels) : []),
          ];
        }),
      ];
      for (const key of keys) expect(messages[key], `${locale} ${key}`).toBeTruthy();
    }
  });

  it("puts every rule in a family and every parameter under a known rule", () => {
    expect(RULE_FAMILIES.flatMap((family) => rulesOfFamily(family)).sort()).toEqual([...RULE_CODES].sort());
    for (const key of PARAMETER_KEYS) {
      expect(RULE_CODES, key).toContain(PARAMETERS[key].rule);
      expect(key.startsWith(`${PARAMETERS[key].rule}.`), key).toBe(true);
    }
  });
});
