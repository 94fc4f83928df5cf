import { formatDateTime } from "~/lib/format";
import { useTranslation } from "~/lib/i18n/use-translation";
import type { FilingReview } from "~/modules/registry/review-read.server";

/** The facts of a filing under review: its state, who reviews it, and any decision taken. */
export function ReviewSummary({ filing, institution }: Pick<FilingReview, "filing" | "institution">) {
  const { t, locale } = useTranslation();
  const rows: [string, string][] = [
    [t("govReview.summary.status"), t(`filing.status.${filing.status}`)],
    [t("govReview.summary.institutionStatus"), t(`institution.status.${institution.status}`)],
    [t("govReview.summary.district"), locale === "en" ? institution.district.nameEn : institution.district.name],
    [t("govReview.summary.registrationNo"), institution.registrationNo ?? t("govReview.summary.notRegistered")],
    [t("govReview.summary.submittedAt"), filing.submittedAt ? formatDateTime(filing.submittedAt, locale) : "—"],
    [t("govReview.summary.reviewer"), filing.reviewer?.displayName ?? t("govReview.unassigned")],
  ];
  if (filing.decidedAt) {
    rows.push([t("govReview.summary.decidedAt"), formatDateTime(filing.decidedAt, locale)]);
    if (filing.decidedBy) rows.push([t("govReview.summary.decidedBy"), filing.decidedBy.displayName]);
  }
  return (
    <dl className="grid gap-x-6 gap-y-1 sm:grid-cols-[max-content_1fr]">
      {rows.map(([label, value]) => (
        <div key={label} className="contents">
          <dt className="text-slate-600">{label}</dt>
          <dd>{value}</dd>
        </div>
      ))}
    </dl>
  );
}
