import { Bar, BarChart, Cell, LabelList, XAxis, YAxis } from "recharts";
import { AXIS_TICK } from "./chart-colors";
import { ChartFrame } from "./chart-frame";

export type BarRow = {
  key: string;
  label: string;
  value: number;
  /** The value as people read it (an amount in yuan, a count), written at the bar's end. */
  display: string;
  color: string;
};

const ROW_HEIGHT = 34;

/** One labelled bar per row with its value written at its end; the accessible name lists them all. */
export function HorizontalBarChart({
  label,
  rows,
  labelWidth = 120,
  tableColumns,
}: {
  label: string;
  rows: readonly BarRow[];
  labelWidth?: number;
  /** Headings of a table of the same figures under the chart; none when the page has one already. */
  tableColumns?: readonly [string, string];
}) {
  const height = Math.max(1, rows.length) * ROW_HEIGHT + 16;
  const summary = `${label}: ${rows.map((r) => `${r.label} ${r.display}`).join("; ")}`;
  return (
    <ChartFrame
      label={summary}
      height={height}
      table={
        tableColumns
          ? { columns: tableColumns, rows: rows.map((r) => ({ key: r.key, cells: [r.label, r.display] })) }
          : undefined
      }
    >
      {() => (
        <BarChart
          responsive
          data={rows.map((r) => ({ ...r }))}
          layout="vertical"
          height={height}
          margin={{ top: 8, right: 96, bottom: 8, left: 0 }}
          accessibilityLayer={false}
        >
          <XAxis type="number" hide domain={[0, "dataMax"]} />
          <YAxis
            type="category"
            dataKey="label"
            width={labelWidth}
            tick={AXIS_TICK}
            tickLine={false}
            axisLine={false}
          />
          <Bar
            dataKey="value"
            barSize={18}
            radius={2}
            isAnimationActive={false}
            minPointSize={(value) => (value ? 2 : 0)}
          >
            {rows.map((r) => (
              <Cell key={r.key} fill={r.color} />
            ))}
            <LabelList dataKey="display" position="right" fill="#0f172a" fontSize={12} />
          </Bar>
        </BarChart>
      )}
    </ChartFrame>
  );
}
