import { Link } from "@remix-run/react";
import { useTranslation } from "~/lib/i18n/use-translation";
import type { OrderStatusFilter } from "~/modules/compliance/rectification-forms";
import {
  OPEN_RECTIFICATION_STATUSES,
  RECTIFICATION_STATUSES,
  type RectificationStatusName,
} from "~/modules/compliance/rectification-state-machine";

const FILTERS: readonly OrderStatusFilter[] = ["open", ...RECTIFICATION_STATUSES, "all"];

/** The status filter of the list as links with counts (a GET form without JavaScript needs none). */
export function RectificationFilters({
  basePath,
  current,
  counts,
}: {
  basePath: string;
  current: OrderStatusFilter;
  counts: Record<RectificationStatusName, number>;
}) {
  const { t } = useTranslation();
  const countOf = (filter: OrderStatusFilter): number => {
    const statuses: readonly RectificationStatusName[] =
      filter === "open" ? OPEN_RECTIFICATION_STATUSES : filter === "all" ? RECTIFICATION_STATUSES : [filter];
    return statuses.reduce((sum, s) => sum + counts[s], 0);
  };
  return (
    <nav aria-label={t("rectification.filter.label")}>
      <ul className="flex flex-wrap gap-2">
        {FILTERS.map((filter) => {
          const active = filter === current;
          return (
            <li key={filter}>
              <Link
                to={filter === "open" ? basePath : `${basePath}?status=${filter}`}
                aria-current={active ? "page" : undefined}
                className={`inline-block rounded border px-3 py-1 text-sm ${active ? "border-brand-700 bg-brand-50 font-semibold text-brand-900" : "border-slate-300 bg-white text-slate-800 hover:bg-slate-100"}`}
              >
                {t(`rectification.filter.${filter}`)} ({countOf(filter)})
              </Link>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
