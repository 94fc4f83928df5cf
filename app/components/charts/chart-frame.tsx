import type { ReactNode } from "react";
import { useTranslation } from "~/lib/i18n/use-translation";
import { useHydrated } from "./use-hydrated";

export type ChartTable = { columns: readonly string[]; rows: readonly { key: string; cells: readonly string[] }[] };

/**
 * Recharts draws only in the browser, after hydration: its server markup carries inline style
 * attributes, which our Content-Security-Policy (style-src 'self') refuses, whereas styles React
 * sets from script are allowed. Until then the frame keeps the chart's height, so nothing jumps.
 * The chart's figures are in its accessible name and, when given, in a table under it (server
 * rendered, so they read without script); the drawing itself is hidden from assistive technology.
 */
export function ChartFrame({
  label,
  height,
  table,
  children,
}: {
  label: string;
  height: number;
  table?: ChartTable;
  children: () => ReactNode;
}) {
  const hydrated = useHydrated();
  const { t } = useTranslation();
  return (
    <div className="w-full max-w-2xl space-y-1">
      <div role="img" aria-label={label}>
        <div aria-hidden="true" className="w-full" data-chart-ready={hydrated ? "true" : "false"}>
          {hydrated ? children() : <svg width="100%" height={height} aria-hidden="true" />}
        </div>
      </div>
      {table ? (
        <details className="text-sm">
          <summary className="cursor-pointer text-brand-700">{t("chart.showTable")}</summary>
          <table className="mt-2 border-collapse">
            <thead>
              <tr>
                {table.columns.map((c, i) => (
                  <th
                    key={c}
                    scope="col"
                    className={`border-b border-slate-300 px-2 py-1 font-medium ${i === 0 ? "text-left" : "text-right"}`}
                  >
                    {c}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {table.rows.map((r) => (
                <tr key={r.key}>
                  {r.cells.map((cell, i) =>
                    i === 0 ? (
                      <th
                        key={table.columns[i]}
                        scope="row"
                        className="border-b border-slate-200 px-2 py-1 text-left font-normal"
                      >
                        {cell}
                      </th>
                    ) : (
                      <td
                        key={table.columns[i]}
                        className="border-b border-slate-200 px-2 py-1 text-right tabular-nums"
                      >
                        {cell}
                      </td>
                    ),
                  )}
                </tr>
              ))}
            </tbody>
          </table>
        </details>
      ) : null}
    </div>
  );
}
