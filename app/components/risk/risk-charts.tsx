import { CHART_COLORS } from "~/components/charts/chart-colors";
import { ColumnChart } from "~/components/charts/column-chart";
import { HorizontalBarChart } from "~/components/charts/horizontal-bar-chart";
import { TrendLineChart } from "~/components/charts/line-chart";
import { formatDate, formatFen } from "~/lib/format";
import { useTranslation } from "~/lib/i18n/use-translation";
import type { RiskLevel } from "~/modules/risk/model";

/** Risk charts (recharts, drawn after hydration: see ChartFrame). Levels carry their names too. */

export const LEVEL_BADGES: Record<RiskLevel, string> = {
  LOW: "bg-emerald-100 text-emerald-900",
  MEDIUM: "bg-amber-100 text-amber-900",
  HIGH: "bg-orange-100 text-orange-900",
  CRITICAL: "bg-red-100 text-red-900",
};
const LEVEL_COLORS: Record<RiskLevel, string> = {
  LOW: CHART_COLORS.emerald,
  MEDIUM: CHART_COLORS.amber,
  HIGH: CHART_COLORS.orange,
  CRITICAL: CHART_COLORS.red,
};

export function LevelDistributionChart({ levels }: { levels: Record<RiskLevel, number> }) {
  const { t } = useTranslation();
  const rows = (["CRITICAL", "HIGH", "MEDIUM", "LOW"] as const).map((level) => ({
    key: level,
    label: t(`risk.level.${level}`),
    value: levels[level],
    display: String(levels[level]),
    color: LEVEL_COLORS[level],
  }));
  return (
    <HorizontalBarChart
      label={t("risk.chart.levels")}
      rows={rows}
      labelWidth={80}
      tableColumns={[t("risk.col.level"), t("risk.chart.count")]}
    />
  );
}

/** Two columns per week: fund warnings raised and complaints filed. */
export function WeeklyChart({ weeks }: { weeks: readonly { week: string; warnings: number; complaints: number }[] }) {
  const { t } = useTranslation();
  return (
    <ColumnChart
      label={t("risk.chart.weekly")}
      categoryHeading={t("risk.chart.week")}
      categories={weeks.map((w) => ({ category: w.week.slice(5), warnings: w.warnings, complaints: w.complaints }))}
      series={[
        { key: "warnings", label: t("risk.chart.warnings"), color: CHART_COLORS.orange },
        { key: "complaints", label: t("risk.chart.complaints"), color: CHART_COLORS.brand },
      ]}
    />
  );
}

export function FundsByDistrictChart({
  funds,
}: {
  funds: readonly { id: string; name: string; nameEn: string; fen: number }[];
}) {
  const { t, locale } = useTranslation();
  const rows = funds.map((f) => ({
    key: f.id,
    label: locale === "en" ? f.nameEn : f.name,
    value: f.fen,
    display: formatFen(f.fen, locale),
    color: CHART_COLORS.brand,
  }));
  return (
    <HorizontalBarChart
      label={t("risk.chart.funds")}
      rows={rows}
      labelWidth={130}
      tableColumns={[t("risk.chart.district"), t("risk.chart.amount")]}
    />
  );
}

/** The score over time on 0–100, with the level thresholds drawn as labelled lines. */
export function ScoreTrendChart({
  points,
  thresholds,
}: {
  points: readonly { assessedAt: string; score: number }[];
  thresholds: readonly { value: number; level: RiskLevel }[];
}) {
  const { t, locale } = useTranslation();
  return (
    <TrendLineChart
      label={t("risk.detail.history")}
      points={points.map((p) => ({ at: formatDate(p.assessedAt, locale), value: p.score }))}
      domain={[0, 100]}
      references={thresholds.map((th) => ({ value: th.value, label: t(`risk.level.${th.level}`) }))}
    />
  );
}
