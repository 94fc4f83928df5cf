import type { MessageKey, Translate } from "~/lib/i18n/catalog";
import { defaultValue, type ParameterKey, type ParameterValue } from "~/modules/tenancy/parameters";

/**
 * The risk model (STANDARDS.md, "Fund warnings and risk"): risk = likelihood × magnitude.
 * Pure and shared with the browser, so a page can explain a score with the same code that made it.
 *
 *   likelihood = min(100, Σ factor points), each factor's points = raw value × its weight, capped at
 *                RISK.factorCapPoints (one factor alone never makes an institution critical);
 *   magnitude  = 1 + min(RISK.magnitudeMaxPercent, Σ magnitude percents) / 100, so ≥ 1;
 *   score      = round(likelihood × magnitude), clamped to 0–100;
 *   level      = CRITICAL from RISK.criticalThreshold, HIGH from RISK.highThreshold, MEDIUM from
 *                RISK.mediumThreshold, else LOW;
 *   grade      = A below 20, B below 40, C below 60, D below 80, E from 80 (fixed bands: the random
 *                draw's sampling ratios by grade are what a tenant tunes).
 *
 * Every weight is a tenant parameter (the RISK family of tenancy/parameters.ts). A factor whose
 * points are 0 is not stored: an assessment lists what made its score, nothing else.
 */
export const MODEL_VERSION = "risk-1.0";

export const RISK_LEVELS = ["LOW", "MEDIUM", "HIGH", "CRITICAL"] as const;
export type RiskLevel = (typeof RISK_LEVELS)[number];
export const CREDIT_GRADES = ["A", "B", "C", "D", "E"] as const;
export type CreditGrade = (typeof CREDIT_GRADES)[number];

export const LIKELIHOOD_FACTORS = [
  "FINDING_CRITICAL",
  "FINDING_MAJOR",
  "FINDING_MINOR",
  "CERT_EXPIRED",
  "CERT_EXPIRING",
  "COMPLAINTS",
  "COMPLAINT_RATE",
  "REFUND_RATE",
  "DISPUTE_RATE",
  "INCIDENT_SURGE",
  "FUND_WARNING",
  "UNDELIVERED",
  "SALES_BURST",
  "RECTIFICATION_OVERDUE",
  "INSPECTION_GAP",
] as const;
export const MAGNITUDE_FACTORS = ["HIGH_RISK_SPORT", "MINORS", "FUNDS_AT_STAKE"] as const;
export type LikelihoodFactor = (typeof LIKELIHOOD_FACTORS)[number];
export type MagnitudeFactor = (typeof MAGNITUDE_FACTORS)[number];
export type FactorCode = LikelihoodFactor | MagnitudeFactor;

/** The raw facts of one institution, as the scoring query measures them. */
export type RiskInputs = {
  failedCritical: number;
  failedMajor: number;
  failedMinor: number;
  /** Expired certificates of active coaches plus expired high-risk sports permits. */
  certificatesExpired: number;
  certificatesExpiring: number;
  /** Complaints in the period, dismissed ones excluded. */
  complaints: number;
  /** Paid enrollments active now or started in the period: the denominator of the rates. */
  enrollments: number;
  refunds: number;
  /** Lessons answered by parents in the period, and those of them disputed. */
  lessonsAnswered: number;
  disputes: number;
  /** Refunds plus disputes in the last 30 days, and their monthly average before that. */
  incidentsLast30: number;
  incidentsMonthlyBefore: number;
  openWarning: "YELLOW" | "RED" | null;
  /** Fees collected in the last 60 days (fen) and lessons recorded in the last 30. */
  collectedLast60Fen: number;
  lessonsLast30: number;
  /** Fees collected in the last 30 days, their number, and the monthly average of the 3 months before. */
  salesLast30Fen: number;
  salesLast30Count: number;
  salesMonthlyBeforeFen: number;
  rectificationsOverdue: number;
  /** Days since the last finished inspection, or since registration when never inspected. */
  daysSinceInspection: number;
  highRiskSport: boolean;
  minorsEnrolled: number;
  unconsumedFen: number;
};

export const NO_RISK_INPUTS: RiskInputs = {
  failedCritical: 0,
  failedMajor: 0,
  failedMinor: 0,
  certificatesExpired: 0,
  certificatesExpiring: 0,
  complaints: 0,
  enrollments: 0,
  refunds: 0,
  lessonsAnswered: 0,
  disputes: 0,
  incidentsLast30: 0,
  incidentsMonthlyBefore: 0,
  openWarning: null,
  collectedLast60Fen: 0,
  lessonsLast30: 0,
  salesLast30Fen: 0,
  salesLast30Count: 0,
  salesMonthlyBeforeFen: 0,
  rectificationsOverdue: 0,
  daysSinceInspection: 0,
  highRiskSport: false,
  minorsEnrolled: 0,
  unconsumedFen: 0,
};

type RiskKey = Extract<ParameterKey, `RISK.${string}`>;
type RiskName = RiskKey extends `RISK.${infer N}` ? N : never;
/** The tenant's weights: `weights.findingCriticalPoints` is RISK.findingCriticalPoints. */
export type RiskWeights = { [N in RiskName]: number };

const RISK_NAMES: readonly RiskName[] = [
  "findingCriticalPoints",
  "findingMajorPoints",
  "findingMinorPoints",
  "certificateExpiredPoints",
  "certificateExpiringPoints",
  "certificateExpiringDays",
  "complaintPoints",
  "complaintRatePoints",
  "refundRatePoints",
  "disputeRatePoints",
  "surgePoints",
  "surgeRatioPercent",
  "fundWarningYellowPoints",
  "fundWarningRedPoints",
  "undeliveredPoints",
  "salesBurstPoints",
  "rectificationOverduePoints",
  "inspectionGapDays",
  "inspectionGapPoints",
  "factorCapPoints",
  "lookbackDays",
  "magnitudeHighRiskPercent",
  "magnitudeMinorsPercent",
  "magnitudeFundsPercent",
  "magnitudeMaxPercent",
  "mediumThreshold",
  "highThreshold",
  "criticalThreshold",
];

/** Reads the weights from resolved settings (`settings.get`) or any other source of values. */
export function riskWeightsFrom(get: <K extends ParameterKey>(key: K) => ParameterValue<K>): RiskWeights {
  return Object.fromEntries(RISK_NAMES.map((name) => [name, Number(get(`RISK.${name}` as RiskKey))])) as RiskWeights;
}

export const DEFAULT_RISK_WEIGHTS: RiskWeights = riskWeightsFrom(defaultValue);

/** One factor as stored: its raw value, its points (percent for magnitude), and how to say it. */
export type RiskFactor = {
  code: FactorCode;
  kind: "likelihood" | "magnitude";
  value: number;
  points: number;
  message: MessageKey;
  values: Record<string, number>;
};

export type RiskResult = {
  score: number;
  level: RiskLevel;
  grade: CreditGrade;
  likelihood: number;
  magnitude: number;
  factors: RiskFactor[];
};

/** Sales or incidents "surge" when the last 30 days reach ratio × the earlier monthly average. */
function surged(recent: number, monthlyBefore: number, ratioPercent: number, minimum: number): boolean {
  return recent >= minimum && recent * 100 >= ratioPercent * monthlyBefore;
}

const per10Percent = (count: number, of: number) => (of > 0 ? Math.floor((count * 10) / of) : 0);
const FEN_PER_100K_YUAN = 10_000_000;

/** The likelihood factors with their uncapped points, before the cap per factor. */
function likelihoodFactors(x: RiskInputs, w: RiskWeights): Omit<RiskFactor, "kind" | "message">[] {
  const complaintRate = x.enrollments > 0 ? Math.round((x.complaints * 100) / x.enrollments) : 0;
  const refundRate = x.enrollments > 0 ? Math.round((x.refunds * 100) / x.enrollments) : 0;
  const disputeRate = x.lessonsAnswered > 0 ? Math.round((x.disputes * 100) / x.lessonsAnswered) : 0;
  const undelivered = x.collectedLast60Fen > 0 && x.lessonsLast30 === 0;
  const gap = x.daysSinceInspection > w.inspectionGapDays;
  return [
    {
      code: "FINDING_CRITICAL",
      value: x.failedCritical,
      points: x.failedCritical * w.findingCriticalPoints,
      values: {},
    },
    { code: "FINDING_MAJOR", value: x.failedMajor, points: x.failedMajor * w.findingMajorPoints, values: {} },
    { code: "FINDING_MINOR", value: x.failedMinor, points: x.failedMinor * w.findingMinorPoints, values: {} },
    {
      code: "CERT_EXPIRED",
      value: x.certificatesExpired,
      points: x.certificatesExpired * w.certificateExpiredPoints,
      values: {},
    },
    {
      code: "CERT_EXPIRING",
      value: x.certificatesExpiring,
      points: x.certificatesExpiring * w.certificateExpiringPoints,
      values: { days: w.certificateExpiringDays },
    },
    {
      code: "COMPLAINTS",
      value: x.complaints,
      points: x.complaints * w.complaintPoints,
      values: { days: w.lookbackDays },
    },
    {
      code: "COMPLAINT_RATE",
      value: complaintRate,
      points: per10Percent(x.complaints, x.enrollments) * w.complaintRatePoints,
      values: { count: x.complaints, enrollments: x.enrollments },
    },
    {
      code: "REFUND_RATE",
      value: refundRate,
      points: per10Percent(x.refunds, x.enrollments) * w.refundRatePoints,
      values: { count: x.refunds, enrollments: x.enrollments },
    },
    {
      code: "DISPUTE_RATE",
      value: disputeRate,
      points: per10Percent(x.disputes, x.lessonsAnswered) * w.disputeRatePoints,
      values: { count: x.disputes, lessons: x.lessonsAnswered },
    },
    {
      code: "INCIDENT_SURGE",
      value: x.incidentsLast30,
      points: surged(x.incidentsLast30, x.incidentsMonthlyBefore, w.surgeRatioPercent, 3) ? w.surgePoints : 0,
      values: { before: Math.round(x.incidentsMonthlyBefore * 10) / 10 },
    },
    {
      code: "FUND_WARNING",
      value: x.openWarning === "RED" ? 2 : x.openWarning === "YELLOW" ? 1 : 0,
      points:
        x.openWarning === "RED" ? w.fundWarningRedPoints : x.openWarning === "YELLOW" ? w.fundWarningYellowPoints : 0,
      values: {},
    },
    {
      code: "UNDELIVERED",
      value: undelivered ? 1 : 0,
      points: undelivered ? w.undeliveredPoints : 0,
      values: { yuan: Math.round(x.collectedLast60Fen / 100) },
    },
    {
      code: "SALES_BURST",
      value: Math.round(x.salesLast30Fen / 100),
      points:
        x.salesLast30Count >= 5 && surged(x.salesLast30Fen, x.salesMonthlyBeforeFen, w.surgeRatioPercent, 1)
          ? w.salesBurstPoints
          : 0,
      values: { count: x.salesLast30Count, before: Math.round(x.salesMonthlyBeforeFen / 100) },
    },
    {
      code: "RECTIFICATION_OVERDUE",
      value: x.rectificationsOverdue,
      points: x.rectificationsOverdue * w.rectificationOverduePoints,
      values: {},
    },
    {
      code: "INSPECTION_GAP",
      value: x.daysSinceInspection,
      points: gap ? w.inspectionGapPoints : 0,
      values: { limit: w.inspectionGapDays },
    },
  ];
}

function magnitudeFactors(x: RiskInputs, w: RiskWeights): Omit<RiskFactor, "kind" | "message">[] {
  return [
    {
      code: "HIGH_RISK_SPORT",
      value: x.highRiskSport ? 1 : 0,
      points: x.highRiskSport ? w.magnitudeHighRiskPercent : 0,
      values: {},
    },
    {
      code: "MINORS",
      value: x.minorsEnrolled,
      points: Math.round((x.minorsEnrolled * w.magnitudeMinorsPercent) / 100),
      values: {},
    },
    {
      code: "FUNDS_AT_STAKE",
      value: Math.round(x.unconsumedFen / 100),
      points: Math.round((x.unconsumedFen * w.magnitudeFundsPercent) / FEN_PER_100K_YUAN),
      values: {},
    },
  ];
}

export function levelOf(
  score: number,
  w: Pick<RiskWeights, "mediumThreshold" | "highThreshold" | "criticalThreshold">,
) {
  if (score >= w.criticalThreshold) return "CRITICAL" satisfies RiskLevel;
  if (score >= w.highThreshold) return "HIGH" satisfies RiskLevel;
  if (score >= w.mediumThreshold) return "MEDIUM" satisfies RiskLevel;
  return "LOW" satisfies RiskLevel;
}

export function gradeOf(score: number): CreditGrade {
  if (score >= 80) return "E";
  if (score >= 60) return "D";
  if (score >= 40) return "C";
  if (score >= 20) return "B";
  return "A";
}

const FACTOR_MESSAGES = new Map<FactorCode, MessageKey>(
  [...LIKELIHOOD_FACTORS, ...MAGNITUDE_FACTORS].map((code) => [code, `risk.factor.${code}` as MessageKey]),
);

export function factorMessage(code: FactorCode): MessageKey {
  return FACTOR_MESSAGES.get(code) ?? (`risk.factor.${code}` as MessageKey);
}

/** Scores one institution: pure, deterministic, explained factor by factor. */
export function assessRisk(inputs: RiskInputs, weights: RiskWeights = DEFAULT_RISK_WEIGHTS): RiskResult {
  const cap = weights.factorCapPoints;
  // Properties listed one by one, not `{ ...f, kind, … }`: V8 builds a spread followed by more properties
  // in a large, slow shape. A run scores 18 factors of every institution of a tenant: measured, 17 KB
  // allocated per institution with the spread, 6 KB without, and a sixth of the time. The order (code,
  // value, points, values, kind, message) is the spread's.
  const likely = likelihoodFactors(inputs, weights).map(
    (f): RiskFactor => ({
      code: f.code,
      value: f.value,
      points: Math.min(cap, Math.max(0, f.points)),
      values: f.values,
      kind: "likelihood",
      message: factorMessage(f.code),
    }),
  );
  const magnitudes = magnitudeFactors(inputs, weights).map(
    (f): RiskFactor => ({
      code: f.code,
      value: f.value,
      points: Math.max(0, f.points),
      values: f.values,
      kind: "magnitude",
      message: factorMessage(f.code),
    }),
  );
  const likelihood = Math.min(
    100,
    likely.reduce((sum, f) => sum + f.points, 0),
  );
  const magnitude =
    1 +
    Math.min(
      weights.magnitudeMaxPercent,
      magnitudes.reduce((sum, f) => sum + f.points, 0),
    ) /
      100;
  const score = Math.max(0, Math.min(100, Math.round(likelihood * magnitude)));
  return {
    score,
    level: levelOf(score, weights),
    grade: gradeOf(score),
    likelihood,
    magnitude,
    factors: [...likely, ...magnitudes].filter((f) => f.points > 0),
  };
}

/** The factors that added most, for a one-line reason on a list. */
export function topReasons(factors: readonly RiskFactor[], count = 3): RiskFactor[] {
  return factors
    .filter((f) => f.kind === "likelihood")
    .slice()
    .sort((a, b) => b.points - a.points)
    .slice(0, count);
}

/** A factor in words, in the reader's language: "3 项严重不合格". */
export function factorText(t: Translate, factor: Pick<RiskFactor, "code" | "value" | "values">): string {
  const values: Record<string, string | number> = { value: factor.value, ...factor.values };
  if (factor.code === "FUND_WARNING") values.color = t(factor.value >= 2 ? "risk.warning.2" : "risk.warning.1");
  return t(factorMessage(factor.code), values);
}
