import { evidenceText } from "~/components/compliance/evidence-text";
import { entityText, groupByRule } from "~/components/compliance/finding-list";
import { messagesFor, translator } from "~/lib/i18n/catalog";
import { parseEvidence, parseUsedParameters, type StoredFinding } from "~/modules/compliance/stored-report";

const zh = translator(messagesFor("zh-CN"));
const en = translator(messagesFor("en"));

describe("evidence on screen", () => {
  it("reads a key the catalog has, with its values", () => {
    const evidence = { key: "compliance.evidence.venueUnused", values: { venue: "一号馆" } };
    expect(evidenceText(zh, evidence, "VEN-01")).toBe("一号馆：课表中没有在此上课的线下课程。");
    expect(evidenceText(en, evidence, "VEN-01")).toBe("一号馆: no offline lesson is scheduled here.");
  });

  it("shows the rule's title and the raw values for a key the catalog lacks, never the key", () => {
    const evidence = { key: "compliance.evidence.VEN-01.fromTheFuture", values: { trainees: 30, area: 120 } };
    expect(evidenceText(zh, evidence, "VEN-01")).toBe("生均培训场地面积（area = 120；trainees = 30）");
    expect(evidenceText(en, evidence, "VEN-01")).toBe("Training area per trainee (area = 120; trainees = 30)");
  });

  it("never takes a key outside the evidence catalog, nor crashes on an unknown rule or empty values", () => {
    expect(evidenceText(zh, { key: "app.name", values: {} }, "VEN-01")).toBe("生均培训场地面积");
    expect(evidenceText(zh, { key: "", values: { x: true, y: null } }, "ZZZ-99")).toBe("规则 ZZZ-99（x = 是；y = —）");
  });

  it("reads stored evidence of any shape without throwing", () => {
    expect(parseEvidence(null)).toEqual({ key: "", values: {} });
    expect(parseEvidence({ key: "k", values: { a: 1, b: { nested: true }, c: [1] } })).toEqual({
      key: "k",
      values: { a: 1, b: '{"nested":true}', c: "[1]" },
    });
    expect(parseEvidence({ key: "k", values: "oops" })).toEqual({ key: "k", values: {} });
  });

  it("keeps only the parameters this version knows from a stored report", () => {
    expect(
      parseUsedParameters({
        parameters: [
          { key: "FEE-01.maxMonths", value: 3, source: { kind: "default" }, effectiveFrom: null },
          { key: "NOPE.gone", value: 3, source: { kind: "default" }, effectiveFrom: null },
        ],
      }).map((p) => p.key),
    ).toEqual(["FEE-01.maxMonths"]);
    expect(parseUsedParameters("garbage")).toEqual([]);
  });
});

describe("findings grouped by rule", () => {
  const finding = (id: string, rule: string, outcome: StoredFinding["outcome"], severity: StoredFinding["severity"]) =>
    ({
      id,
      rule,
      outcome,
      severity,
      entity: { type: "venue", id, label: id },
      evidence: { key: "", values: {} },
    }) satisfies StoredFinding;

  it("puts failures first, critical before major before minor, then warnings, passes and the rest", () => {
    const groups = groupByRule([
      finding("a", "FEE-01", "PASS", "MAJOR"),
      finding("b", "VEN-01", "PASS", "MAJOR"),
      finding("c", "VEN-01", "FAIL", "MAJOR"),
      finding("d", "STF-04", "FAIL", "MINOR"),
      finding("e", "VEN-02", "FAIL", "CRITICAL"),
      finding("f", "SCH-01", "WARNING", "MAJOR"),
      finding("g", "HRS-06", "NOT_APPLICABLE", "CRITICAL"),
    ]);
    expect(groups.map((g) => [g.rule, g.outcome])).toEqual([
      ["VEN-02", "FAIL"],
      ["VEN-01", "FAIL"],
      ["STF-04", "FAIL"],
      ["SCH-01", "WARNING"],
      ["FEE-01", "PASS"],
      ["HRS-06", "NOT_APPLICABLE"],
    ]);
    // Within a rule, the failing entity comes before the passing one.
    expect(groups[1]?.findings.map((f) => f.id)).toEqual(["c", "b"]);
  });

  it("names the entity by type and label", () => {
    expect(entityText(zh, { type: "venue", id: "v", label: "一号馆" })).toBe("场地：一号馆");
    expect(entityText(zh, { type: "institution", id: null, label: null })).toBe("机构");
    expect(entityText(en, { type: "spaceship", id: null, label: "X" })).toBe("Item: X");
  });
});
