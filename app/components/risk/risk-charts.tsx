import { formatFen } from "~/lib/format";
import { useTranslation } from "~/lib/i18n/use-translation";
import type { RiskLevel } from "~/modules/risk/model";

/**
 * Risk charts in plain SVG with attributes and classes only: the CSP (style-src 'self') refuses
 * inline styles in server-rendered markup, which is what chart libraries such as recharts emit, and
 * SVG attributes need no hydration to draw. Each chart carries its numbers in its accessible name.
 */

export const LEVEL_FILLS: Record<RiskLevel, string> = {
  LOW: "fill-emerald-600",
  MEDIUM: "fill-amber-500",
  HIGH: "fill-orange-600",
  CRITICAL: "fill-red-700",
};
export const LEVEL_BADGES: Record<RiskLevel, string> = {
  LOW: "bg-emerald-100 text-emerald-900",
  MEDIUM: "bg-amber-100 text-amber-900",
  HIGH: "bg-orange-100 text-orange-900",
  CRITICAL: "bg-red-100 text-red-900",
};

const LABEL_WIDTH = 110;
const BAR_WIDTH = 300;
const VALUE_WIDTH = 120;
const ROW = 28;

const barWidth = (value: number, max: number, width: number) =>
  max === 0 || value === 0 ? 0 : Math.max(2, Math.round((value / max) * width));

export function LevelDistributionChart({ levels }: { levels: Record<RiskLevel, number> }) {
  const { t } = useTranslation();
  const entries = (["CRITICAL", "HIGH", "MEDIUM", "LOW"] as const).map((level) => ({ level, count: levels[level] }));
  const max = Math.max(0, ...entries.map((e) => e.count));
  const summary = entries.map((e) => `${t(`risk.level.${e.level}`)} ${e.count}`).join("; ");
  return (
    <svg
      role="img"
      aria-label={`${t("risk.chart.levels")}: ${summary}`}
      viewBox={`0 0 ${LABEL_WIDTH + BAR_WIDTH + VALUE_WIDTH} ${entries.length * ROW}`}
      className="h-auto w-full max-w-xl"
    >
      {entries.map((e, i) => {
        const width = barWidth(e.count, max, BAR_WIDTH);
        return (
          <g key={e.level}>
            <text x={0} y={i * ROW + 18} fontSize={13} className="fill-slate-800">
              {t(`risk.level.${e.level}`)}
            </text>
            <rect x={LABEL_WIDTH} y={i * ROW + 6} width={width} height={16} rx={2} className={LEVEL_FILLS[e.level]} />
            <text x={LABEL_WIDTH + width + 6} y={i * ROW + 18} fontSize={13} className="fill-slate-900">
              {e.count}
            </text>
          </g>
        );
      })}
    </svg>
  );
}

/** Two bars per week: fund warnings raised and complaints filed. */
export function WeeklyChart({ weeks }: { weeks: readonly { week: string; warnings: number; complaints: number }[] }) {
  const { t } = useTranslation();
  const height = 140;
  const slot = 44;
  const max = Math.max(1, ...weeks.flatMap((w) => [w.warnings, w.complaints]));
  const summary = weeks
    .map((w) => `${w.week} ${t("risk.chart.warnings")} ${w.warnings} ${t("risk.chart.complaints")} ${w.complaints}`)
    .join("; ");
  return (
    <figure className="space-y-2">
      <svg
        role="img"
        aria-label={`${t("risk.chart.weekly")}: ${summary}`}
        viewBox={`0 0 ${weeks.length * slot} ${height + 24}`}
        className="h-auto w-full max-w-2xl"
      >
        {weeks.map((w, i) => {
          const x = i * slot + 6;
          const hw = Math.round((w.warnings / max) * height);
          const hc = Math.round((w.complaints / max) * height);
          return (
            <g key={w.week}>
              <rect x={x} y={height - hw} width={14} height={hw} className="fill-orange-600" />
              <rect x={x + 16} y={height - hc} width={14} height={hc} className="fill-brand-600" />
              <text x={x} y={height + 16} fontSize={10} className="fill-slate-700">
                {w.week.slice(5)}
              </text>
            </g>
          );
        })}
      </svg>
      <figcaption className="flex gap-4 text-sm text-slate-700">
        <span>
          <span aria-hidden="true" className="mr-1 inline-block h-3 w-3 bg-orange-600" />
          {t("risk.chart.warnings")}
        </span>
        <span>
          <span aria-hidden="true" className="mr-1 inline-block h-3 w-3 bg-brand-600" />
          {t("risk.chart.complaints")}
        </span>
      </figcaption>
    </figure>
  );
}

export function FundsByDistrictChart({
  funds,
}: {
  funds: readonly { id: string; name: string; nameEn: string; fen: number }[];
}) {
  const { t, locale } = useTranslation();
  const max = Math.max(0, ...funds.map((f) => f.fen));
  const name = (f: { name: string; nameEn: string }) => (locale === "en" ? f.nameEn : f.name);
  const summary = funds
    .map((f) => t("risk.chart.fundsValue", { district: name(f), amount: formatFen(f.fen, locale) }))
    .join("; ");
  return (
    <svg
      role="img"
      aria-label={`${t("risk.chart.funds")}: ${summary}`}
      viewBox={`0 0 ${LABEL_WIDTH + BAR_WIDTH + VALUE_WIDTH} ${Math.max(1, funds.length) * ROW}`}
      className="h-auto w-full max-w-xl"
    >
      {funds.map((f, i) => {
        const width = barWidth(f.fen, max, BAR_WIDTH);
        return (
          <g key={f.id}>
            <text x={0} y={i * ROW + 18} fontSize={13} className="fill-slate-800">
              {name(f)}
            </text>
            <rect x={LABEL_WIDTH} y={i * ROW + 6} width={width} height={16} rx={2} className="fill-brand-600" />
            <text x={LABEL_WIDTH + width + 6} y={i * ROW + 18} fontSize={13} className="fill-slate-900">
              {formatFen(f.fen, locale)}
            </text>
          </g>
        );
      })}
    </svg>
  );
}

/** The score over time: a line over 0–100 with the threshold bands' colours at each point. */
export function ScoreTrendChart({ points }: { points: readonly { assessedAt: string; score: number }[] }) {
  const { t } = useTranslation();
  const width = 480;
  const height = 160;
  const step = points.length > 1 ? width / (points.length - 1) : 0;
  const xy = points.map((p, i) => [Math.round(i * step), Math.round(height - (p.score / 100) * height)] as const);
  const summary = points.map((p) => `${p.assessedAt.slice(0, 10)} ${p.score}`).join("; ");
  return (
    <svg
      role="img"
      aria-label={`${t("risk.detail.history")}: ${summary}`}
      viewBox={`-8 -8 ${width + 40} ${height + 28}`}
      className="h-auto w-full max-w-2xl"
    >
      {[0, 40, 60, 80, 100].map((v) => (
        <g key={v}>
          <line
            x1={0}
            x2={width}
            y1={height - (v / 100) * height}
            y2={height - (v / 100) * height}
            className="stroke-slate-200"
          />
          <text x={width + 6} y={height - (v / 100) * height + 4} fontSize={10} className="fill-slate-600">
            {v}
          </text>
        </g>
      ))}
      {xy.length > 1 ? (
        <polyline
          points={xy.map(([x, y]) => `${x},${y}`).join(" ")}
          fill="none"
          strokeWidth={2}
          className="stroke-brand-600"
        />
      ) : null}
      {xy.map(([x, y], i) => (
        <circle key={points[i]?.assessedAt ?? i} cx={x} cy={y} r={3} className="fill-brand-700" />
      ))}
    </svg>
  );
}
