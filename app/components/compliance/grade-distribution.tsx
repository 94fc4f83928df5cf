import type { Translate } from "~/lib/i18n/catalog";
import { useTranslation } from "~/lib/i18n/use-translation";
import type { GradeCount } from "~/modules/compliance/compliance-read.server";
import type { Grade } from "~/modules/compliance/grade";
import { GradeBadge, GradeMeaning } from "./grade-badge";

/**
 * How many institutions hold each grade: a table (the numbers) beside a bar chart (the shape).
 * The chart is SVG with sizes as attributes: the CSP forbids inline style attributes, and bar
 * widths cannot be Tailwind classes computed at run time.
 */
const BAR_FILLS: Record<Grade | "none", string> = {
  A: "fill-green-600",
  B: "fill-teal-600",
  C: "fill-amber-500",
  D: "fill-orange-600",
  E: "fill-red-700",
  none: "fill-slate-400",
};

function gradeLabel(t: Translate, grade: Grade | null): string {
  return grade
    ? t("compliance.grade.badge", { grade, word: t(`compliance.grade.word.${grade}`) })
    : t("compliance.grade.none");
}

/** A whole percentage of the total (0 when there is nothing to share). */
export function shareOf(count: number, total: number): number {
  return total === 0 ? 0 : Math.round((count / total) * 100);
}

export function GradeCountsTable({ counts }: { counts: readonly GradeCount[] }) {
  const { t } = useTranslation();
  const total = counts.reduce((sum, c) => sum + c.count, 0);
  const cell = "border-b border-slate-200 px-2 py-1.5 align-top";
  const head = "border-b border-slate-300 px-2 py-1.5 text-left font-medium text-slate-700";
  return (
    <table className="min-w-full border-collapse bg-white text-sm">
      <caption className="sr-only">{t("compliance.list.gradesHeading")}</caption>
      <thead>
        <tr>
          <th scope="col" className={head}>
            {t("compliance.list.table.grade")}
          </th>
          <th scope="col" className={head}>
            {t("compliance.list.table.meaning")}
          </th>
          <th scope="col" className={`${head} text-right`}>
            {t("compliance.list.table.count")}
          </th>
          <th scope="col" className={`${head} text-right`}>
            {t("compliance.list.table.share")}
          </th>
        </tr>
      </thead>
      <tbody>
        {counts.map((c) => (
          <tr key={c.grade ?? "none"}>
            <th scope="row" className={`${cell} text-left font-normal`}>
              <GradeBadge grade={c.grade} />
            </th>
            <td className={`${cell} text-slate-700`}>
              <GradeMeaning grade={c.grade} />
            </td>
            <td className={`${cell} text-right tabular-nums`}>{c.count}</td>
            <td className={`${cell} text-right tabular-nums`}>
              {t("compliance.list.share", { value: shareOf(c.count, total) })}
            </td>
          </tr>
        ))}
      </tbody>
      <tfoot>
        <tr>
          <th scope="row" colSpan={2} className={`${cell} text-left font-semibold`}>
            {t("compliance.list.total")}
          </th>
          <td className={`${cell} text-right font-semibold tabular-nums`}>{total}</td>
          <td className={cell} />
        </tr>
      </tfoot>
    </table>
  );
}

const ROW_HEIGHT = 28;
const LABEL_WIDTH = 210;
const BAR_WIDTH = 250;
const VALUE_WIDTH = 50;

/** Horizontal bars, one per grade, each labelled and with its number written at its end. */
export function GradeBarChart({ counts }: { counts: readonly GradeCount[] }) {
  const { t } = useTranslation();
  const max = Math.max(0, ...counts.map((c) => c.count));
  const summary = counts
    .map((c) => t("compliance.list.chartItem", { label: gradeLabel(t, c.grade), count: c.count }))
    .join(t("compliance.listSeparator"));
  const height = counts.length * ROW_HEIGHT;
  return (
    <svg
      role="img"
      aria-label={t("compliance.list.chartLabel", { summary })}
      viewBox={`0 0 ${LABEL_WIDTH + BAR_WIDTH + VALUE_WIDTH} ${height}`}
      className="h-auto w-full max-w-xl"
    >
      {counts.map((c, i) => {
        const y = i * ROW_HEIGHT;
        // A bar of 0 is not drawn; a small count still shows as a sliver.
        const width = max === 0 || c.count === 0 ? 0 : Math.max(2, Math.round((c.count / max) * BAR_WIDTH));
        return (
          <g key={c.grade ?? "none"}>
            <text x={0} y={y + 18} fontSize={13} className="fill-slate-800">
              {gradeLabel(t, c.grade)}
            </text>
            <rect x={LABEL_WIDTH} y={y + 6} width={width} height={16} rx={2} className={BAR_FILLS[c.grade ?? "none"]} />
            <text x={LABEL_WIDTH + width + 6} y={y + 18} fontSize={13} className="fill-slate-900">
              {c.count}
            </text>
          </g>
        );
      })}
    </svg>
  );
}
