import type { StandardCode } from "./standard-codes";

/**
 * What the compliance engine says about one rule for one thing (the institution, a venue, a
 * coach, a course, a lesson time). Evidence is a catalog key with the values compared, so the
 * same finding reads in Chinese and English: "venue 3: 120 m² / 30 trainees = 4.0 m² < 5 m²".
 */
export const OUTCOMES = ["PASS", "FAIL", "WARNING", "NOT_APPLICABLE"] as const;
export type Outcome = (typeof OUTCOMES)[number];

export const SEVERITIES = ["CRITICAL", "MAJOR", "MINOR"] as const;
export type Severity = (typeof SEVERITIES)[number];

export type EntityType = "institution" | "venue" | "coach" | "course" | "slot";

export type Evidence = {
  /** A message key under `compliance.evidence.` */
  key: string;
  values: Record<string, string | number | boolean | null>;
};

export type Finding = {
  rule: StandardCode;
  outcome: Outcome;
  entity: { type: EntityType; id: string | null; label: string | null };
  evidence: Evidence;
};
