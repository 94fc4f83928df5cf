import { Bar, BarChart, CartesianGrid, Legend, XAxis, YAxis } from "recharts";
import { AXIS_TICK } from "./chart-colors";
import { ChartFrame } from "./chart-frame";

export type ColumnSeries = { key: string; label: string; color: string };

/** Side-by-side columns per category (one per series), with a legend naming each series in words. */
export function ColumnChart({
  label,
  categories,
  series,
  height = 220,
  categoryHeading,
}: {
  label: string;
  categories: readonly ({ category: string } & Record<string, number | string>)[];
  series: readonly ColumnSeries[];
  height?: number;
  /** Heading of the first column of a table of the same figures under the chart. */
  categoryHeading?: string;
}) {
  const summary = `${label}: ${categories
    .map((c) => `${c.category} ${series.map((s) => `${s.label} ${c[s.key]}`).join(" ")}`)
    .join("; ")}`;
  return (
    <ChartFrame
      label={summary}
      height={height}
      table={
        categoryHeading
          ? {
              columns: [categoryHeading, ...series.map((s) => s.label)],
              rows: categories.map((c) => ({
                key: c.category,
                cells: [c.category, ...series.map((s) => String(c[s.key]))],
              })),
            }
          : undefined
      }
    >
      {() => (
        <BarChart
          responsive
          data={categories.map((c) => ({ ...c }))}
          height={height}
          margin={{ top: 8, right: 8, bottom: 0, left: 0 }}
          accessibilityLayer={false}
        >
          <CartesianGrid vertical={false} stroke="#e2e8f0" />
          <XAxis dataKey="category" tick={AXIS_TICK} tickLine={false} />
          <YAxis allowDecimals={false} width={32} tick={AXIS_TICK} tickLine={false} axisLine={false} />
          <Legend wrapperStyle={{ fontSize: 13 }} />
          {series.map((s) => (
            <Bar key={s.key} dataKey={s.key} name={s.label} fill={s.color} isAnimationActive={false} />
          ))}
        </BarChart>
      )}
    </ChartFrame>
  );
}
