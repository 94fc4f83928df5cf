import { formatDate } from "~/lib/format";
import { useTranslation } from "~/lib/i18n/use-translation";
import type { RectificationStatusName } from "~/modules/compliance/rectification-state-machine";

const TONES: Record<RectificationStatusName, string> = {
  ISSUED: "border-amber-700 bg-amber-50 text-amber-900",
  ANSWERED: "border-brand-600 bg-brand-50 text-brand-900",
  ACCEPTED: "border-green-700 bg-green-50 text-green-900",
  REJECTED: "border-red-700 bg-red-50 text-red-900",
  OVERDUE: "border-red-800 bg-red-100 text-red-900",
  WITHDRAWN: "border-slate-400 bg-slate-50 text-slate-700",
};

/** An order's state in words (never colour alone). */
export function RectificationStatusBadge({ status }: { status: RectificationStatusName }) {
  const { t } = useTranslation();
  return (
    <span className={`inline-block rounded border px-2 py-0.5 text-sm ${TONES[status]}`}>
      {t(`rectification.status.${status}`)}
    </span>
  );
}

/**
 * The deadline and how it stands: days left while the institution still has to answer, how late
 * once the day has passed, the bare date once the order no longer waits for the institution.
 */
export function RectificationDeadline({
  deadline,
  daysLeft,
  late,
  waiting,
}: {
  deadline: string;
  daysLeft: number;
  late: boolean;
  /** The institution still has to answer (issued, rejected, overdue). */
  waiting: boolean;
}) {
  const { t, locale } = useTranslation();
  const date = formatDate(`${deadline}T12:00:00+08:00`, locale);
  let note = "";
  if (late) note = t("rectification.deadline.late", { days: Math.max(1, -daysLeft) });
  else if (waiting && daysLeft === 0) note = t("rectification.deadline.today");
  else if (waiting) note = t("rectification.deadline.left", { days: daysLeft });
  return (
    <span className="whitespace-nowrap">
      <time dateTime={deadline}>{date}</time>
      {note ? <span className={late ? " font-semibold text-red-800" : " text-slate-600"}> · {note}</span> : null}
    </span>
  );
}
