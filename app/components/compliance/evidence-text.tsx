import { isMessageKey, type Translate } from "~/lib/i18n/catalog";
import { useTranslation } from "~/lib/i18n/use-translation";
import { translateCodedValues } from "~/modules/compliance/evaluators/evidence-text";
import type { Evidence } from "~/modules/compliance/finding";
import { ruleTitle } from "./rule-label";

const EVIDENCE_PREFIX = "compliance.evidence.";

/** Values as the catalog's placeholders take them: yes/no for booleans, a dash for nothing. */
function placeholderValues(t: Translate, values: Evidence["values"]): Record<string, string | number> {
  const filled: Record<string, string | number> = {};
  for (const [name, value] of Object.entries(values)) {
    if (value === null) filled[name] = t("compliance.value.none");
    else if (typeof value === "boolean") filled[name] = t(value ? "compliance.value.yes" : "compliance.value.no");
    else filled[name] = value;
  }
  return filled;
}

/**
 * A finding's evidence as a sentence in the reader's language. Stored reports outlive catalogs:
 * a key the catalog does not have (a newer or older evaluator, or one still being written) shows
 * the rule's title and the raw values instead of crashing or printing the key.
 */
export function evidenceText(t: Translate, evidence: Evidence, rule: string): string {
  // Codes (sport, certificate type, weekday) become words first, as the evaluators' catalog expects.
  const values = placeholderValues(t, translateCodedValues(t, evidence.values));
  if (evidence.key.startsWith(EVIDENCE_PREFIX) && isMessageKey(evidence.key)) return t(evidence.key, values);
  // JSONB keeps keys in its own order: sort them so the same evidence always reads the same.
  const listed = Object.entries(values)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([name, value]) => t("compliance.evidenceValue", { name, value }))
    .join(t("compliance.listSeparator"));
  return listed === ""
    ? ruleTitle(t, rule)
    : t("compliance.evidenceFallback", { rule: ruleTitle(t, rule), values: listed });
}

export function EvidenceText({ evidence, rule }: { evidence: Evidence; rule: string }) {
  const { t } = useTranslation();
  return <>{evidenceText(t, evidence, rule)}</>;
}
