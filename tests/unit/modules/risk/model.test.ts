import { messagesFor, translator } from "~/lib/i18n/catalog";
import {
  assessRisk,
  DEFAULT_RISK_WEIGHTS,
  factorText,
  gradeOf,
  levelOf,
  NO_RISK_INPUTS,
  type RiskInputs,
  topReasons,
} from "~/modules/risk/model";

const w = DEFAULT_RISK_WEIGHTS;
const base: RiskInputs = { ...NO_RISK_INPUTS, enrollments: 50, lessonsAnswered: 200, daysSinceInspection: 30 };
const score = (change: Partial<RiskInputs>) => assessRisk({ ...base, ...change });

describe("the risk model", () => {
  it("scores an institution with no signal 0, grade A, low", () => {
    const result = assessRisk(base);
    expect(result).toMatchObject({ score: 0, level: "LOW", grade: "A", likelihood: 0, magnitude: 1 });
    expect(result.factors).toEqual([]);
  });

  it.each<[string, Partial<RiskInputs>, number]>([
    ["each critical failed finding", { failedCritical: 2 }, 2 * w.findingCriticalPoints],
    ["each major failed finding", { failedMajor: 2 }, 2 * w.findingMajorPoints],
    ["each minor failed finding", { failedMinor: 3 }, 3 * w.findingMinorPoints],
    ["each expired certificate or permit", { certificatesExpired: 1 }, w.certificateExpiredPoints],
    ["each certificate about to expire", { certificatesExpiring: 2 }, 2 * w.certificateExpiringPoints],
    // 2 complaints of 50 enrollments: 2 × 5 points, and a 4 % rate is under one 10 % step.
    ["each complaint", { complaints: 2 }, 2 * w.complaintPoints],
    ["the refund rate, per 10 %", { refunds: 10 }, 2 * w.refundRatePoints],
    ["the dispute rate, per 10 %", { disputes: 60 }, 3 * w.disputeRatePoints],
    ["a sudden rise of refunds and disputes", { incidentsLast30: 4, incidentsMonthlyBefore: 1 }, w.surgePoints],
    ["an open yellow fund warning", { openWarning: "YELLOW" }, w.fundWarningYellowPoints],
    ["an open red fund warning (instead of yellow)", { openWarning: "RED" }, w.fundWarningRedPoints],
    ["money collected with no lessons", { collectedLast60Fen: 100_000, lessonsLast30: 0 }, w.undeliveredPoints],
    [
      "a burst of sales",
      { salesLast30Fen: 900_000, salesLast30Count: 6, salesMonthlyBeforeFen: 100_000, lessonsLast30: 5 },
      w.salesBurstPoints,
    ],
    ["each overdue rectification order", { rectificationsOverdue: 1 }, w.rectificationOverduePoints],
    ["a long time since the last inspection", { daysSinceInspection: 400 }, w.inspectionGapPoints],
  ])("adds the documented points for %s", (_name, change, points) => {
    const result = score(change);
    expect(result.likelihood).toBe(points);
    expect(result.score).toBe(points);
    expect(result.factors.reduce((sum, f) => sum + f.points, 0)).toBe(points);
  });

  it("counts the complaint rate per 10 % of enrollments on top of the complaints", () => {
    const result = score({ complaints: 3, enrollments: 10 });
    expect(result.likelihood).toBe(3 * w.complaintPoints + 3 * w.complaintRatePoints);
  });

  it("needs at least three incidents and the ratio for a surge", () => {
    expect(score({ incidentsLast30: 2, incidentsMonthlyBefore: 0 }).score).toBe(0);
    expect(score({ incidentsLast30: 3, incidentsMonthlyBefore: 2 }).score).toBe(0);
    expect(score({ incidentsLast30: 4, incidentsMonthlyBefore: 2 }).score).toBe(w.surgePoints);
  });

  it("does not flag a collection when lessons were recorded", () => {
    expect(score({ collectedLast60Fen: 100_000, lessonsLast30: 3 }).score).toBe(0);
  });

  it("caps each factor and the likelihood", () => {
    expect(score({ failedCritical: 10 }).likelihood).toBe(w.factorCapPoints);
    const many = score({ failedCritical: 10, rectificationsOverdue: 10, openWarning: "RED", failedMajor: 10 });
    expect(many.likelihood).toBe(100);
    expect(many.score).toBe(100);
  });

  it("multiplies by magnitude: high-risk sport, minors and funds at stake, capped", () => {
    const likely = { failedCritical: 2 }; // 30 points
    expect(score({ ...likely, highRiskSport: true })).toMatchObject({ magnitude: 1.3, score: 39 });
    expect(score({ ...likely, minorsEnrolled: 200 })).toMatchObject({ magnitude: 1.2, score: 36 });
    expect(score({ ...likely, unconsumedFen: 30_000_000 })).toMatchObject({ magnitude: 1.3, score: 39 });
    expect(score({ ...likely, highRiskSport: true, minorsEnrolled: 1_000, unconsumedFen: 100_000_000 })).toMatchObject({
      magnitude: 2,
      score: 60,
    });
    // Magnitude alone never makes a risk: 0 × anything is 0.
    expect(score({ highRiskSport: true, minorsEnrolled: 500 }).score).toBe(0);
  });

  it("uses the tenant's weights", () => {
    const heavier = { ...w, findingMinorPoints: 20 };
    expect(assessRisk({ ...base, failedMinor: 1 }, heavier).score).toBe(20);
  });

  it("turns the score into a level by the tenant's thresholds", () => {
    expect(levelOf(39, w)).toBe("LOW");
    expect(levelOf(40, w)).toBe("MEDIUM");
    expect(levelOf(60, w)).toBe("HIGH");
    expect(levelOf(80, w)).toBe("CRITICAL");
    expect(levelOf(50, { mediumThreshold: 20, highThreshold: 50, criticalThreshold: 70 })).toBe("HIGH");
  });

  it("grades A to E by score band", () => {
    expect([0, 19, 20, 39, 40, 59, 60, 79, 80, 100].map(gradeOf)).toEqual([
      "A",
      "A",
      "B",
      "B",
      "C",
      "C",
      "D",
      "D",
      "E",
      "E",
    ]);
  });

  it("says each factor in words in both languages, strongest first", () => {
    const result = score({ failedCritical: 3, openWarning: "RED", complaints: 1 });
    const [first] = topReasons(result.factors);
    expect(first?.code).toBe("FINDING_CRITICAL");
    const zh = translator(messagesFor("zh-CN"));
    const en = translator(messagesFor("en"));
    if (!first) throw new Error("no reason");
    expect(factorText(zh, first)).toBe("3 项严重不合格");
    const warning = result.factors.find((f) => f.code === "FUND_WARNING");
    if (!warning) throw new Error("no warning factor");
    expect(factorText(zh, warning)).toContain("红色");
    expect(factorText(en, warning)).toContain("red");
  });
});
