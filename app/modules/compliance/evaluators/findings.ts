import type { complianceEvidenceZh } from "~/lib/i18n/messages/compliance-evidence";
import type { CoachContent, CourseContent, VenueContent } from "~/modules/registry/content";
import { RULES } from "~/modules/tenancy/parameters";
import type { ResolvedSettings } from "~/modules/tenancy/resolve-settings";
import type { Evaluator } from "../evaluator";
import type { Evidence, Finding, Outcome } from "../finding";
import type { InstitutionSnapshot } from "../snapshot";
import type { StandardCode } from "../standard-codes";
import type { Slot } from "./trainees";

/** Every evidence message key (the catalog holds each in Chinese and English). */
export type EvidenceKey = keyof typeof complianceEvidenceZh;
export type EvidenceValues = Evidence["values"];

/**
 * A finding with its evidence. The rule's sources (STANDARDS.md short names) are recorded with
 * the values, so a stored finding says where its rule comes from even after the catalog changes.
 */
export function finding(
  rule: StandardCode,
  outcome: Outcome,
  entity: Finding["entity"],
  key: EvidenceKey,
  values: EvidenceValues = {},
): Finding {
  return { rule, outcome, entity, evidence: { key, values: { ...values, source: RULES[rule].sources.join(", ") } } };
}

export const institutionEntity = (s: InstitutionSnapshot): Finding["entity"] => ({
  type: "institution",
  id: s.institutionId,
  label: s.content.entity.name,
});
export const venueEntity = (v: VenueContent): Finding["entity"] => ({ type: "venue", id: v.id, label: v.name });
export const coachEntity = (c: CoachContent): Finding["entity"] => ({ type: "coach", id: c.id, label: c.name });
export const courseEntity = (c: CourseContent): Finding["entity"] => ({ type: "course", id: c.id, label: c.name });
export const slotEntity = (c: CourseContent, s: Slot): Finding["entity"] => ({
  type: "slot",
  id: s.id,
  label: `${c.name} ${s.startTime}–${s.endTime}`,
});

/** The one finding of a rule that does not concern this institution (no venue, no pool, …). */
export function notApplicable(
  rule: StandardCode,
  s: InstitutionSnapshot,
  key: EvidenceKey,
  values: EvidenceValues = {},
): Finding[] {
  return [finding(rule, "NOT_APPLICABLE", institutionEntity(s), key, values)];
}

/** An optional rule: switched off by the tenant on the snapshot's day, it answers NOT_APPLICABLE. */
export function switchable(rule: StandardCode, evaluator: Evaluator): Evaluator {
  return (s: InstitutionSnapshot, settings: ResolvedSettings) =>
    settings.isRuleOn(rule) ? evaluator(s, settings) : notApplicable(rule, s, "compliance.evidence.ruleOff");
}
