import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { LEVEL_BADGES, ScoreTrendChart } from "~/components/risk/risk-charts";
import { formatDateTime } from "~/lib/format";
import { useTranslation } from "~/lib/i18n/use-translation";
import { isUuid } from "~/lib/uuid";
import { requireAuthorityRole } from "~/modules/identity/guards.server";
import { REGULATOR_ROLES } from "~/modules/identity/roles";
import { institutionRisk } from "~/modules/risk/gov-read.server";
import { factorText, type RiskFactor } from "~/modules/risk/model";

// One institution's risk: the latest assessment with every factor in words, and the score over time.
// Another tenant's institution answers 404 (row-level security hides it).
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { authority, scope } = await requireAuthorityRole(request, params.authority, REGULATOR_ROLES);
  const id = params.institutionId ?? "";
  const risk = isUuid(id) ? await institutionRisk(scope, id) : null;
  if (!risk) throw new Response("Not found", { status: 404 });
  return { risk, slug: authority.slug };
}

function FactorList({ factors, unit }: { factors: RiskFactor[]; unit: "points" | "percent" }) {
  const { t } = useTranslation();
  if (factors.length === 0) return <p className="text-sm text-slate-700">{t("risk.detail.noFactors")}</p>;
  return (
    <ul className="divide-y divide-slate-200 rounded border border-slate-200">
      {factors.map((f) => (
        <li key={f.code} className="flex justify-between gap-4 px-3 py-2 text-sm">
          <span>{factorText(t, f)}</span>
          <span className="tabular-nums font-semibold">
            {t(unit === "points" ? "risk.detail.points" : "risk.detail.percent", { points: f.points })}
          </span>
        </li>
      ))}
    </ul>
  );
}

export default function InstitutionRiskPage() {
  const { risk, slug } = useLoaderData<typeof loader>();
  const { t, locale } = useTranslation();
  const { latest } = risk;
  return (
    <div className="space-y-6">
      <Link to={`/gov/${slug}/risk`} className="text-sm text-brand-700 underline">
        {t("risk.detail.back")}
      </Link>
      <h2 className="text-xl font-semibold text-slate-900">
        {t("risk.detail.title", { name: risk.institution.name })}
      </h2>
      {latest ? (
        <>
          <section className="space-y-1">
            <p className="text-lg">
              <span className={`rounded px-2 py-0.5 ${LEVEL_BADGES[latest.level]}`}>
                {t("risk.detail.summary", {
                  score: latest.score,
                  level: t(`risk.level.${latest.level}`),
                  grade: latest.grade,
                })}
              </span>
            </p>
            <p className="text-sm text-slate-700">
              {t("risk.detail.formula", {
                likelihood: latest.likelihood,
                magnitude: latest.magnitude.toFixed(2),
                score: latest.score,
              })}
            </p>
            <p className="text-sm text-slate-600">
              {t("risk.detail.assessedAt", {
                date: formatDateTime(latest.assessedAt, locale),
                version: latest.modelVersion,
              })}
            </p>
          </section>
          <section className="grid gap-6 lg:grid-cols-2">
            <div className="space-y-2">
              <h3 className="font-semibold">{t("risk.detail.likelihood")}</h3>
              <FactorList factors={latest.factors.filter((f) => f.kind === "likelihood")} unit="points" />
            </div>
            <div className="space-y-2">
              <h3 className="font-semibold">{t("risk.detail.magnitude")}</h3>
              <FactorList factors={latest.factors.filter((f) => f.kind === "magnitude")} unit="percent" />
            </div>
          </section>
          <section className="space-y-2">
            <h3 className="font-semibold">{t("risk.detail.history")}</h3>
            <ScoreTrendChart points={risk.history} thresholds={risk.thresholds} />
            <details className="text-sm">
              <summary className="cursor-pointer text-brand-700">{t("risk.detail.historyTable")}</summary>
              <table className="mt-2 border-collapse">
                <thead>
                  <tr>
                    <th scope="col" className="border-b border-slate-300 px-2 py-1 text-left font-medium">
                      {t("risk.col.assessedAt")}
                    </th>
                    <th scope="col" className="border-b border-slate-300 px-2 py-1 text-right font-medium">
                      {t("risk.col.score")}
                    </th>
                    <th scope="col" className="border-b border-slate-300 px-2 py-1 text-left font-medium">
                      {t("risk.col.level")}
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {[...risk.history].reverse().map((h) => (
                    <tr key={h.assessedAt}>
                      <td className="border-b border-slate-200 px-2 py-1">{formatDateTime(h.assessedAt, locale)}</td>
                      <td className="border-b border-slate-200 px-2 py-1 text-right tabular-nums">{h.score}</td>
                      <td className="border-b border-slate-200 px-2 py-1">{t(`risk.level.${h.level}`)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </details>
          </section>
        </>
      ) : (
        <p className="text-slate-700">{t("risk.detail.never")}</p>
      )}
    </div>
  );
}
