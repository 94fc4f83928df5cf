import { useTranslation } from "~/lib/i18n/use-translation";
import type { ReviewCompliance as ReviewComplianceData } from "~/modules/registry/review-read.server";

/**
 * The compliance findings of a filing. Until the compliance engine is connected
 * (`complianceForReview` in review-read.server.ts) this says so plainly; nothing is invented.
 */
export function ReviewCompliance({ compliance }: { compliance: ReviewComplianceData }) {
  const { t } = useTranslation();
  if (compliance.state === "notEvaluated") {
    return <p className="text-slate-700">{t("govReview.compliance.notEvaluated")}</p>;
  }
  if (compliance.findings.length === 0) return <p className="text-slate-700">{t("govReview.compliance.none")}</p>;
  return (
    <ul className="space-y-1">
      {compliance.findings.map((f) => (
        <li key={f.ruleCode} className="rounded border border-slate-200 bg-white p-2">
          <span className="font-mono font-semibold">{f.ruleCode}</span> ·{" "}
          {t(`govReview.compliance.outcome.${f.outcome}`)} · <span className="text-sm text-slate-600">{f.source}</span>
          <span className="block break-all text-sm text-slate-700">
            {Object.entries(f.evidence)
              .map(([key, value]) => `${key}: ${value === null ? "—" : String(value)}`)
              .join(" · ")}
          </span>
        </li>
      ))}
    </ul>
  );
}
