import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { messagesFor, translator } from "~/lib/i18n/catalog";
import { complianceEvidenceZh } from "~/lib/i18n/messages/compliance-evidence";
import { evaluateSnapshot, ruleOutcome } from "~/modules/compliance/evaluate";
import { translateCodedValues } from "~/modules/compliance/evaluators/evidence-text";
import { addressInJurisdiction, placeOfAuthority } from "~/modules/compliance/evaluators/jurisdiction";
import { gradeOf } from "~/modules/compliance/grade";
import { STANDARD_CODES } from "~/modules/compliance/standard-codes";
import { compliantContent, expectReadableEvidence, settingsOn, snapshotOf } from "./support";

describe("evaluating a snapshot", () => {
  it("answers every rule, in the order of the standards, and the compliant fixture fails nothing", () => {
    const findings = evaluateSnapshot(snapshotOf(compliantContent()), settingsOn("2026-11-23"));
    const rules = [...new Set(findings.map((f) => f.rule))];
    expect(rules).toEqual(STANDARD_CODES);
    expect(findings.filter((f) => f.outcome === "FAIL" || f.outcome === "WARNING")).toEqual([]);
    expect(gradeOf(findings)).toBe("A");
    for (const f of findings) expectReadableEvidence(f);
  });

  it("reads the day from the snapshot only, never from the clock", () => {
    vi.useFakeTimers();
    try {
      const snapshot = snapshotOf(compliantContent());
      const settings = settingsOn(snapshot.asOf);
      vi.setSystemTime(new Date("2020-01-01T00:00:00Z"));
      const early = evaluateSnapshot(snapshot, settings);
      vi.setSystemTime(new Date("2035-01-01T00:00:00Z"));
      expect(evaluateSnapshot(snapshot, settings)).toEqual(early);
    } finally {
      vi.useRealTimers();
    }
  });

  it("does not change the content it reads", () => {
    const content = compliantContent();
    const copy = structuredClone(content);
    evaluateSnapshot(snapshotOf(content), settingsOn("2026-11-23"));
    expect(content).toEqual(copy);
  });

  it("sums a rule's findings up to its worst outcome", () => {
    const f = (outcome: "PASS" | "FAIL" | "WARNING" | "NOT_APPLICABLE") => ({
      rule: "VEN-01" as const,
      outcome,
      entity: { type: "venue" as const, id: null, label: null },
      evidence: { key: "compliance.evidence.VEN-01.pass", values: {} },
    });
    expect(ruleOutcome([f("PASS"), f("NOT_APPLICABLE")], "VEN-01")).toBe("PASS");
    expect(ruleOutcome([f("PASS"), f("WARNING")], "VEN-01")).toBe("WARNING");
    expect(ruleOutcome([f("WARNING"), f("FAIL"), f("PASS")], "VEN-01")).toBe("FAIL");
    expect(ruleOutcome([f("FAIL")], "VEN-02")).toBe("NOT_APPLICABLE");
  });
});

describe("the evidence catalog", () => {
  const sources = readdirSync(path.resolve("app/modules/compliance/evaluators"))
    .map((file) => readFileSync(path.resolve("app/modules/compliance/evaluators", file), "utf8"))
    .join("\n");

  it("has no sentence that no evaluator uses", () => {
    const unused = Object.keys(complianceEvidenceZh).filter((key) => !sources.includes(`"${key}"`));
    expect(unused).toEqual([]);
  });

  it("translates coded values before they fill a sentence", () => {
    const t = translator(messagesFor("en"));
    expect(
      translateCodedValues(t, { sport: "SWIMMING", weekday: 3, certificate: "LIFEGUARD", venue: "X", n: null }),
    ).toEqual({ sport: "Swimming", weekday: "Wednesday", certificate: "Lifeguard", venue: "X", n: null });
    const zh = translator(messagesFor("zh-CN"));
    expect(
      zh("compliance.evidence.HRS-01.missing", translateCodedValues(zh, { sport: "DIVING" }) as Record<string, string>),
    ).toBe("跳水：没有高危险性体育项目经营许可证。");
  });
});

describe("reading a jurisdiction from an address (REG-02)", () => {
  it("takes the place from the authority's name", () => {
    expect(placeOfAuthority("杭州市西湖区文化和广电旅游体育局")).toEqual({
      province: null,
      city: "杭州市",
      district: "西湖区",
    });
    expect(placeOfAuthority("杭州市体育局")).toEqual({ province: null, city: "杭州市", district: null });
    expect(placeOfAuthority("浙江省体育局")).toEqual({ province: "浙江省", city: null, district: null });
  });

  it.each([
    ["杭州市西湖区文化和广电旅游体育局", "杭州市西湖区文三路 100 号", "inside"],
    ["杭州市西湖区文化和广电旅游体育局", "浙江省杭州市西湖区文三路 100 号", "inside"],
    ["杭州市西湖区文化和广电旅游体育局", "西湖区文三路 100 号", "inside"],
    ["杭州市西湖区文化和广电旅游体育局", "杭州市滨江区江南大道 1 号", "outside"],
    ["杭州市西湖区文化和广电旅游体育局", "南昌市西湖区象山南路 1 号", "outside"],
    ["杭州市西湖区文化和广电旅游体育局", "江苏省南京市玄武区中山路 1 号", "outside"],
    ["杭州市西湖区文化和广电旅游体育局", "文三路 100 号", "unclear"],
    ["杭州市西湖区文化和广电旅游体育局", "滨江区江南大道 1 号", "unclear"],
    ["杭州市西湖区文化和广电旅游体育局", "杭州市高新区江南大道 1 号", "unclear"],
    ["杭州市西湖区文化和广电旅游体育局", "延安路东区 3 号", "unclear"],
    ["杭州市体育局", "杭州市西湖区文三路 100 号", "inside"],
    ["杭州市体育局", "宁波市鄞州区天童路 1 号", "outside"],
    ["杭州市体育局", "西湖区文三路 100 号", "unclear"],
    ["浙江省体育局", "浙江省宁波市鄞州区天童路 1 号", "inside"],
    ["浙江省体育局", "宁波市鄞州区天童路 1 号", "unclear"],
  ])("%s, %s: %s", (authority, address, verdict) => {
    expect(addressInJurisdiction(authority, address).verdict).toBe(verdict);
  });
});
