import type { Translate } from "~/lib/i18n/catalog";
import { isMessageKey } from "~/lib/i18n/catalog";
import { useTranslation } from "~/lib/i18n/use-translation";
import { evidencePairs, type StoredEvidence } from "~/modules/compliance/rectification-evidence";
import { RuleLabel } from "./rule-label";

/**
 * Findings as a regulator chose them: the rule, what it concerns, the evidence and how severe.
 * Findings outlive catalogs (an order keeps the evidence of the day it was issued), so a key the
 * catalog does not know shows as the raw values rather than failing.
 */
export type FindingView = {
  id: string;
  ruleCode: string;
  severity: "CRITICAL" | "MAJOR" | "MINOR";
  entityType: string;
  entityLabel: string | null;
  evidence: StoredEvidence;
};

const EVIDENCE_PREFIX = "compliance.evidence.";

export function evidenceSentence(t: Translate, evidence: StoredEvidence): string {
  const key = evidence.key.startsWith(EVIDENCE_PREFIX) ? evidence.key : `${EVIDENCE_PREFIX}${evidence.key}`;
  if (evidence.key !== "" && isMessageKey(key)) {
    const values = Object.fromEntries(
      Object.entries(evidence.values).map(([name, value]) => [name, value === null ? "—" : String(value)]),
    );
    return t(key, values);
  }
  return evidencePairs(evidence);
}

export function FindingSummary({ finding }: { finding: FindingView }) {
  const { t } = useTranslation();
  const evidence = evidenceSentence(t, finding.evidence);
  return (
    <div className="space-y-0.5">
      <p className="font-medium">
        <RuleLabel code={finding.ruleCode} />
      </p>
      <p className="text-sm text-slate-700">
        {t(`rectification.severity.${finding.severity}`)}
        {finding.entityLabel ? ` · ${finding.entityLabel}` : ""}
      </p>
      {evidence ? <p className="text-sm break-words text-slate-800">{evidence}</p> : null}
    </div>
  );
}

/** The findings an order covers, in the order they were chosen. */
export function RectificationItems({ items }: { items: readonly FindingView[] }) {
  return (
    <ol className="space-y-3">
      {items.map((item) => (
        <li key={item.id} className="rounded border border-slate-200 bg-white p-3">
          <FindingSummary finding={item} />
        </li>
      ))}
    </ol>
  );
}
