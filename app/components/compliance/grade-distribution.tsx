import { CHART_COLORS } from "~/components/charts/chart-colors";
import { HorizontalBarChart } from "~/components/charts/horizontal-bar-chart";
import type { Translate } from "~/lib/i18n/catalog";
import { useTranslation } from "~/lib/i18n/use-translation";
import type { GradeCount } from "~/modules/compliance/compliance-read.server";
import type { Grade } from "~/modules/compliance/grade";
import { GradeBadge, GradeMeaning } from "./grade-badge";

/** How many institutions hold each grade: a table (the numbers) beside a bar chart (the shape). */
const BAR_COLORS: Record<Grade | "none", string> = {
  A: "#16a34a",
  B: CHART_COLORS.teal,
  C: CHART_COLORS.amber,
  D: CHART_COLORS.orange,
  E: CHART_COLORS.red,
  none: CHART_COLORS.slate,
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

/** Horizontal bars, one per grade, each labelled and with its number written at its end. */
export function GradeBarChart({ counts }: { counts: readonly GradeCount[] }) {
  const { t } = useTranslation();
  return (
    <HorizontalBarChart
      label={t("compliance.list.gradesHeading")}
      labelWidth={200}
      rows={counts.map((c) => ({
        key: c.grade ?? "none",
        label: gradeLabel(t, c.grade),
        value: c.count,
        display: String(c.count),
        color: BAR_COLORS[c.grade ?? "none"],
      }))}
    />
  );
}
