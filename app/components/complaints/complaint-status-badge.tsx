import { useTranslation } from "~/lib/i18n/use-translation";
import type { ComplaintStatusName } from "~/modules/complaints/complaint-forms";

const STATUS_TONE: Record<ComplaintStatusName, string> = {
  SUBMITTED: "border-amber-700 bg-amber-50 text-amber-900",
  TRIAGED: "border-brand-600 bg-brand-50 text-brand-900",
  ASSIGNED: "border-brand-600 bg-brand-50 text-brand-900",
  RESOLVED: "border-green-700 bg-green-50 text-green-900",
  DISMISSED: "border-slate-500 bg-slate-50 text-slate-800",
};

/** A complaint's status as the parent and the regulators see it. */
export function ComplaintStatusBadge({ status }: { status: ComplaintStatusName }) {
  const { t } = useTranslation();
  return (
    <span className={`shrink-0 rounded border px-2 py-0.5 text-sm font-medium ${STATUS_TONE[status]}`}>
      {t(`complaints.status.${status}`)}
    </span>
  );
}
