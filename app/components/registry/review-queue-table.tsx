import { Link } from "@remix-run/react";
import { ScrollRegion } from "~/components/ui/scroll-region";
import { formatDateTime } from "~/lib/format";
import { useTranslation } from "~/lib/i18n/use-translation";
import type { ReviewerCandidate, ReviewQueueRow } from "~/modules/registry/review-queue.server";
import type { ReviewerRole } from "~/modules/registry/review-rights";
import { ReviewAssignForm } from "./review-assign-form";

const cell = "border-b border-slate-200 px-2 py-2 align-top";
const head = "border-b border-slate-300 px-2 py-2 text-left font-medium text-slate-700";

/** The queue's rows: who is waiting, since when, and who reviews; each row links to its review. */
export function ReviewQueueTable({
  rows,
  candidates,
  viewer,
  assignAction,
  basePath,
}: {
  rows: ReviewQueueRow[];
  candidates: Record<string, ReviewerCandidate[]>;
  viewer: { id: string; role: ReviewerRole };
  assignAction: string;
  /** The queue's own path: a row links to `<basePath>/<filing id>`. */
  basePath: string;
}) {
  const { t, locale } = useTranslation();
  return (
    <ScrollRegion>
      <table className="min-w-full border-collapse bg-white text-sm">
        <caption className="sr-only">{t("govReview.table.caption")}</caption>
        <thead>
          <tr>
            <th scope="col" className={head}>
              {t("govReview.table.institution")}
            </th>
            <th scope="col" className={head}>
              {t("govReview.table.district")}
            </th>
            <th scope="col" className={head}>
              {t("govReview.table.kind")}
            </th>
            <th scope="col" className={head}>
              {t("govReview.table.status")}
            </th>
            <th scope="col" className={head}>
              {t("govReview.table.submitted")}
            </th>
            <th scope="col" className={head}>
              {t("govReview.table.waiting")}
            </th>
            <th scope="col" className={head}>
              {t("govReview.table.reviewer")}
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.id}>
              <th scope="row" className={`${cell} text-left font-medium`}>
                <Link to={`${basePath}/${row.id}`} className="text-brand-700 underline">
                  {row.institution.name}
                </Link>
              </th>
              <td className={cell}>{locale === "en" ? row.district.nameEn : row.district.name}</td>
              <td className={cell}>{t(`filing.kind.${row.kind}`)}</td>
              <td className={cell}>{t(`filing.status.${row.status}`)}</td>
              <td className={`${cell} whitespace-nowrap`}>
                {row.submittedAt ? (
                  <time dateTime={row.submittedAt}>{formatDateTime(row.submittedAt, locale)}</time>
                ) : (
                  "—"
                )}
              </td>
              <td className={`${cell} whitespace-nowrap`}>{t("govReview.waitingDays", { days: row.waitingDays })}</td>
              <td className={`${cell} space-y-2`}>
                <p>{row.reviewer ? row.reviewer.displayName : t("govReview.unassigned")}</p>
                {row.status === "CHANGES_REQUESTED" ? null : (
                  <ReviewAssignForm
                    action={assignAction}
                    filingId={row.id}
                    assignedReviewerId={row.reviewer?.id ?? null}
                    candidates={candidates[row.district.id] ?? []}
                    viewer={viewer}
                  />
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </ScrollRegion>
  );
}
