import type { WeekdayWindow } from "~/modules/tenancy/parameters";
import {
  orderConflicts,
  resolveParameter,
  resolveSettings,
  type SettingsChainLink,
  type SettingsTreeNode,
  sizeBandOf,
  upcomingChanges,
  warningThresholds,
} from "~/modules/tenancy/resolve-settings";
import { type StoredOverrides, storedSettingsSchema } from "~/modules/tenancy/settings-schema";

const PROVINCE = "zhejiang";
const HANGZHOU = "hangzhou";
const NINGBO = "ningbo";
const XIHU = "hangzhou-xihu";
const SHANGCHENG = "hangzhou-shangcheng";

function link(authorityId: string, overrides: StoredOverrides = {}): SettingsChainLink {
  return { authorityId, settings: storedSettingsSchema.parse({ version: 1, overrides }) };
}

describe("resolving settings on a day", () => {
  it("uses the defaults of STANDARDS.md when nobody overrides", () => {
    const settings = resolveSettings([link(XIHU), link(HANGZHOU), link(PROVINCE)], "2026-12-01");
    expect(settings.get("FEE-01.maxMonths")).toBe(3);
    expect(settings.parameter("FEE-01.maxMonths")).toEqual({
      key: "FEE-01.maxMonths",
      value: 3,
      source: { kind: "default" },
      effectiveFrom: null,
    });
  });

  it("inherits the province's value down to a district", () => {
    const chain = [
      link(XIHU),
      link(HANGZHOU),
      link(PROVINCE, { "FEE-03.maxAmountFen": [{ effectiveFrom: "2026-01-01", value: 400_000 }] }),
    ];
    expect(resolveParameter(chain, "FEE-03.maxAmountFen", "2026-12-01")).toEqual({
      key: "FEE-03.maxAmountFen",
      value: 400_000,
      source: { kind: "authority", authorityId: PROVINCE },
      effectiveFrom: "2026-01-01",
    });
  });

  it("lets a city's override beat the province's", () => {
    const chain = [
      link(XIHU),
      link(HANGZHOU, { "FEE-01.maxMonths": [{ effectiveFrom: "2026-06-01", value: 2 }] }),
      link(PROVINCE, { "FEE-01.maxMonths": [{ effectiveFrom: "2026-01-01", value: 1 }] }),
    ];
    const resolved = resolveSettings(chain, "2026-12-01").parameter("FEE-01.maxMonths");
    expect(resolved).toMatchObject({ value: 2, source: { kind: "authority", authorityId: HANGZHOU } });
  });

  it("applies an entry from its effective day on, not before", () => {
    const chain = [
      link(HANGZHOU, { "SCH-01.offlineEndBy": [{ effectiveFrom: "2027-01-01", value: "20:00" }] }),
      link(PROVINCE),
    ];
    expect(resolveSettings(chain, "2026-12-31").get("SCH-01.offlineEndBy")).toBe("20:30");
    expect(resolveSettings(chain, "2027-01-01").get("SCH-01.offlineEndBy")).toBe("20:00");
    expect(resolveSettings(chain, "2027-06-01").parameter("SCH-01.offlineEndBy").effectiveFrom).toBe("2027-01-01");
  });

  it("falls back to the nearest authority with an entry in effect when the city's starts later", () => {
    const chain = [
      link(HANGZHOU, { "FEE-01.maxMonths": [{ effectiveFrom: "2027-01-01", value: 2 }] }),
      link(PROVINCE, { "FEE-01.maxMonths": [{ effectiveFrom: "2026-01-01", value: 1 }] }),
    ];
    expect(resolveParameter(chain, "FEE-01.maxMonths", "2026-12-31")).toMatchObject({
      value: 1,
      source: { kind: "authority", authorityId: PROVINCE },
    });
  });

  it("hands back to the parent from the day an inherit marker takes effect", () => {
    const chain = [
      link(HANGZHOU, {
        "FEE-01.maxMonths": [
          { effectiveFrom: "2026-01-01", value: 2 },
          { effectiveFrom: "2026-07-01", inherit: true },
        ],
      }),
      link(PROVINCE, { "FEE-01.maxMonths": [{ effectiveFrom: "2026-01-01", value: 1 }] }),
    ];
    expect(resolveParameter(chain, "FEE-01.maxMonths", "2026-06-30").value).toBe(2);
    expect(resolveParameter(chain, "FEE-01.maxMonths", "2026-07-01")).toMatchObject({
      value: 1,
      source: { kind: "authority", authorityId: PROVINCE },
    });
  });

  it("does not let a district's override reach its sibling", () => {
    const xihu = link(XIHU, { "STF-01.maxClassSize": [{ effectiveFrom: "2026-01-01", value: 20 }] });
    const city = link(HANGZHOU);
    const province = link(PROVINCE);
    expect(resolveSettings([xihu, city, province], "2026-12-01").get("STF-01.maxClassSize")).toBe(20);
    expect(resolveSettings([link(SHANGCHENG), city, province], "2026-12-01").get("STF-01.maxClassSize")).toBe(35);
  });

  it("answers whether a rule applies: mandatory always, optional by its switch", () => {
    const off = resolveSettings(
      [link(NINGBO, { "FEE-07.enabled": [{ effectiveFrom: "2026-01-01", value: false }] })],
      "2026-12-01",
    );
    expect(off.isRuleOn("FEE-01")).toBe(true);
    expect(off.isRuleOn("FEE-07")).toBe(false);
    expect(off.isRuleOn("SCH-03")).toBe(true);
    expect(off.isRuleOn("VEN-05")).toBe(false);
    const on = resolveSettings(
      [link(NINGBO, { "VEN-05.enabled": [{ effectiveFrom: "2026-01-01", value: true }] })],
      "2026-12-01",
    );
    expect(on.isRuleOn("VEN-05")).toBe(true);
  });

  it("types each value by its parameter", () => {
    const settings = resolveSettings([link(PROVINCE)], "2026-12-01");
    expectTypeOf(settings.get("FEE-03.maxAmountFen")).toEqualTypeOf<number>();
    expectTypeOf(settings.get("FEE-07.enabled")).toEqualTypeOf<boolean>();
    expectTypeOf(settings.get("SCH-03.schoolHours")).toEqualTypeOf<WeekdayWindow>();
    expectTypeOf(settings.get("FEE-02.classHourCounting")).toEqualTypeOf<"PER_LESSON" | "MINUTES_45">();
    expect(settings.get("SCH-03.schoolHours").days).toEqual([1, 2, 3, 4, 5]);
  });

  it("serialises every parameter with its source for reports", () => {
    const json = JSON.parse(JSON.stringify(resolveSettings([link(PROVINCE)], "2026-12-01")));
    expect(json.date).toBe("2026-12-01");
    expect(json.parameters).toContainEqual({
      key: "ESCROW.autoConfirmWorkingDays",
      value: 7,
      source: { kind: "default" },
      effectiveFrom: null,
    });
  });
});

describe("fund-warning bands", () => {
  it("puts institutions in bands by active enrollments with tenant-set boundaries", () => {
    const defaults = resolveSettings([link(PROVINCE)], "2026-12-01");
    expect(sizeBandOf(defaults, 100)).toBe("small");
    expect(sizeBandOf(defaults, 101)).toBe("medium");
    expect(sizeBandOf(defaults, 501)).toBe("large");
    const city = resolveSettings(
      [link(HANGZHOU, { "WARN.smallMaxEnrollments": [{ effectiveFrom: "2026-01-01", value: 50 }] }), link(PROVINCE)],
      "2026-12-01",
    );
    expect(sizeBandOf(city, 60)).toBe("medium");
    expect(warningThresholds(city, "large")).toEqual({
      periodDays: 30,
      yellow: { balanceBelowPercent: 80, outflowAboveFen: 100_000_000 },
      red: { balanceBelowPercent: 50, outflowAboveFen: 200_000_000 },
    });
  });
});

describe("scheduled changes", () => {
  it("lists the days on which the resolved value changes, whoever scheduled them", () => {
    const chain = [
      link(HANGZHOU, {
        "FEE-01.maxMonths": [
          { effectiveFrom: "2026-01-01", value: 2 },
          { effectiveFrom: "2027-03-01", inherit: true },
        ],
      }),
      link(PROVINCE, {
        "FEE-01.maxMonths": [
          { effectiveFrom: "2026-01-01", value: 1 },
          { effectiveFrom: "2027-02-01", value: 2 },
        ],
      }),
    ];
    const changes = upcomingChanges(chain, "FEE-01.maxMonths", "2026-12-01");
    // The province's change of 2027-02-01 is hidden behind Hangzhou's own value: no change then.
    // On 2027-03-01 Hangzhou hands back to the province: same number, but now the province's.
    expect(changes).toEqual([
      {
        date: "2027-03-01",
        parameter: {
          key: "FEE-01.maxMonths",
          value: 2,
          source: { kind: "authority", authorityId: PROVINCE },
          effectiveFrom: "2027-02-01",
        },
      },
    ]);
  });

  it("lists nothing when no entry of the chain lies ahead", () => {
    const chain = [link(HANGZHOU, { "FEE-01.maxMonths": [{ effectiveFrom: "2026-01-01", value: 2 }] })];
    expect(upcomingChanges(chain, "FEE-01.maxMonths", "2026-12-01")).toEqual([]);
    expect(upcomingChanges(chain, "FEE-01.maxMonths", "2025-12-01")).toEqual([
      { date: "2026-01-01", parameter: expect.objectContaining({ value: 2 }) },
    ]);
  });
});

describe("order conflicts across the tree", () => {
  const node = (authorityId: string, parentId: string | null, overrides: StoredOverrides = {}): SettingsTreeNode => ({
    authorityId,
    parentId,
    settings: storedSettingsSchema.parse({ overrides }),
  });

  it("finds a child's own minimum above a maximum its parent now sets", () => {
    const nodes = [
      node(PROVINCE, null, { "HRS-04.freeChlorineMax": [{ effectiveFrom: "2027-01-01", value: 0.4 }] }),
      node(HANGZHOU, PROVINCE),
      node(XIHU, HANGZHOU, { "HRS-04.freeChlorineMin": [{ effectiveFrom: "2026-01-01", value: 0.45 }] }),
    ];
    const conflicts = orderConflicts(nodes, [PROVINCE, HANGZHOU, XIHU], "HRS-04.freeChlorineMax", "2026-12-01");
    expect(conflicts).toEqual([
      {
        authorityId: XIHU,
        date: "2027-01-01",
        rule: expect.objectContaining({ message: "validation.settings.chlorineOrder" }),
      },
    ]);
  });

  it("finds nothing when the changed parameter has no order rule or the order holds", () => {
    const nodes = [node(PROVINCE, null, { "HRS-04.freeChlorineMax": [{ effectiveFrom: "2026-01-01", value: 0.9 }] })];
    expect(orderConflicts(nodes, [PROVINCE], "HRS-04.freeChlorineMax", "2026-01-01")).toEqual([]);
    expect(orderConflicts(nodes, [PROVINCE], "FEE-01.maxMonths", "2026-01-01")).toEqual([]);
  });
});
