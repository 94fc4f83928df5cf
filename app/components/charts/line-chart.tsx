import { CartesianGrid, Line, LineChart, ReferenceLine, XAxis, YAxis } from "recharts";
import { AXIS_TICK, CHART_COLORS } from "./chart-colors";
import { ChartFrame } from "./chart-frame";

/** A value over time on a fixed scale, with reference lines (thresholds) labelled in words. */
export function TrendLineChart({
  label,
  points,
  domain,
  references = [],
  height = 200,
}: {
  label: string;
  points: readonly { at: string; value: number }[];
  domain: [number, number];
  references?: readonly { value: number; label: string }[];
  height?: number;
}) {
  const summary = `${label}: ${points.map((p) => `${p.at} ${p.value}`).join("; ")}`;
  return (
    <ChartFrame label={summary} height={height}>
      {() => (
        <LineChart
          responsive
          data={points.map((p) => ({ ...p }))}
          height={height}
          margin={{ top: 8, right: 48, bottom: 0, left: 0 }}
          accessibilityLayer={false}
        >
          <CartesianGrid vertical={false} stroke="#e2e8f0" />
          <XAxis dataKey="at" tick={AXIS_TICK} tickLine={false} />
          <YAxis domain={domain} width={32} tick={AXIS_TICK} tickLine={false} axisLine={false} />
          {references.map((r) => (
            <ReferenceLine
              key={r.value}
              y={r.value}
              stroke={CHART_COLORS.slate}
              strokeDasharray="4 4"
              label={{ value: r.label, position: "right", fill: "#334155", fontSize: 11 }}
            />
          ))}
          <Line
            type="monotone"
            dataKey="value"
            stroke={CHART_COLORS.brand}
            strokeWidth={2}
            dot={{ r: 3 }}
            isAnimationActive={false}
          />
        </LineChart>
      )}
    </ChartFrame>
  );
}
