import { useTranslation } from "~/lib/i18n/use-translation";
import type { Grade } from "~/modules/compliance/grade";
import type { StoredFinding } from "~/modules/compliance/stored-report";
import { FindingList } from "./finding-list";
import { GradeBadge } from "./grade-badge";

export type PrecheckView = { complete: boolean; grade: Grade | null; findings: StoredFinding[] };

/**
 * The compliance pre-check on the filing wizard's last step: the draft checked against today's
 * standards before it is submitted, the grade it would get and what to fix, nothing stored.
 */
export function Precheck({
  precheck,
  audience = "applicant",
}: {
  precheck: PrecheckView;
  audience?: "applicant" | "reviewer";
}) {
  const { t } = useTranslation();
  const heading = audience === "reviewer" ? "compliance.review.heading" : "compliance.precheck.heading";
  const lead = audience === "reviewer" ? "compliance.review.lead" : "compliance.precheck.lead";
  return (
    <section aria-labelledby="precheck-heading" className="space-y-3 rounded border border-slate-300 bg-slate-50 p-4">
      <h2 id="precheck-heading" className="text-lg font-semibold">
        {t(heading)}
      </h2>
      <p className="text-sm text-slate-700">{t(lead)}</p>
      {!precheck.complete ? (
        <p className="text-slate-700">{t("compliance.precheck.incomplete")}</p>
      ) : (
        <>
          <p className="flex flex-wrap items-center gap-2">
            <span className="font-medium">{t("compliance.precheck.expectedGrade")}</span>
            <GradeBadge grade={precheck.grade} />
          </p>
          <FindingList
            findings={precheck.findings}
            audience="institution"
            noneOpenText={t("compliance.precheck.allGood")}
          />
        </>
      )}
    </section>
  );
}
