import type { LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useLoaderData, useLocation } from "@remix-run/react";
import { DownloadLink } from "~/components/operations/download-link";
import { ReviewPagination } from "~/components/registry/review-pagination";
import { FundsByDistrictChart, LEVEL_BADGES, LevelDistributionChart, WeeklyChart } from "~/components/risk/risk-charts";
import { ScrollRegion } from "~/components/ui/scroll-region";
import { formatDateTime } from "~/lib/format";
import { useTranslation } from "~/lib/i18n/use-translation";
import { requireAuthorityRole } from "~/modules/identity/guards.server";
import { REGULATOR_ROLES } from "~/modules/identity/roles";
import { SPORT_CODES } from "~/modules/registry/sports";
import { parseRiskQuery, riskOverview } from "~/modules/risk/gov-read.server";
import { factorText, RISK_LEVELS, topReasons } from "~/modules/risk/model";

// 风险: the jurisdiction's institutions ranked by their latest risk score, with the reasons in
// words, filters by district, sport and level, and charts. Read-only; regulator admins and inspectors.
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { authority, scope } = await requireAuthorityRole(request, params.authority, REGULATOR_ROLES);
  const query = parseRiskQuery(new URL(request.url).searchParams);
  const overview = await riskOverview(scope, query);
  return { overview, query, slug: authority.slug };
}

const cell = "border-b border-slate-200 px-2 py-2 align-top";
const head = "border-b border-slate-300 px-2 py-2 text-left font-medium text-slate-700";

export default function RiskRankingPage() {
  const { overview, query, slug } = useLoaderData<typeof loader>();
  const { t, locale } = useTranslation();
  const location = useLocation();
  const exportSearch = new URLSearchParams(location.search);
  exportSearch.delete("page");
  const exportQuery = exportSearch.toString();
  return (
    <div className="space-y-8">
      <header className="space-y-1">
        <h2 className="text-xl font-semibold text-slate-900">{t("risk.title")}</h2>
        <p className="max-w-3xl text-sm text-slate-700">{t("risk.lead")}</p>
      </header>

      <Form method="get" className="flex flex-wrap items-end gap-4 text-sm">
        <label className="flex flex-col gap-1">
          <span>{t("risk.filter.district")}</span>
          <select
            name="district"
            defaultValue={query.district ?? ""}
            className="rounded border border-slate-300 px-2 py-1"
          >
            <option value="">{t("risk.filter.all")}</option>
            {overview.districts.map((d) => (
              <option key={d.id} value={d.id}>
                {locale === "en" ? d.nameEn : d.name}
              </option>
            ))}
          </select>
        </label>
        <label className="flex flex-col gap-1">
          <span>{t("risk.filter.sport")}</span>
          <select name="sport" defaultValue={query.sport ?? ""} className="rounded border border-slate-300 px-2 py-1">
            <option value="">{t("risk.filter.all")}</option>
            {SPORT_CODES.map((s) => (
              <option key={s} value={s}>
                {t(`sport.${s}`)}
              </option>
            ))}
          </select>
        </label>
        <label className="flex flex-col gap-1">
          <span>{t("risk.filter.level")}</span>
          <select name="level" defaultValue={query.level ?? ""} className="rounded border border-slate-300 px-2 py-1">
            <option value="">{t("risk.filter.all")}</option>
            {RISK_LEVELS.map((l) => (
              <option key={l} value={l}>
                {t(`risk.level.${l}`)}
              </option>
            ))}
          </select>
        </label>
        <button type="submit" className="rounded bg-brand-700 px-3 py-1.5 text-white">
          {t("risk.filter.apply")}
        </button>
        <DownloadLink href={`/gov/${slug}/risk.csv${exportQuery ? `?${exportQuery}` : ""}`}>
          {t("risk.exportCsv")}
        </DownloadLink>
      </Form>

      <section className="grid gap-8 lg:grid-cols-2">
        <div className="space-y-2">
          <h3 className="text-lg font-semibold">{t("risk.chart.levels")}</h3>
          <LevelDistributionChart levels={overview.levels} />
        </div>
        <div className="space-y-2">
          <h3 className="text-lg font-semibold">{t("risk.chart.funds")}</h3>
          <FundsByDistrictChart funds={overview.funds} />
        </div>
        <div className="space-y-2 lg:col-span-2">
          <h3 className="text-lg font-semibold">{t("risk.chart.weekly")}</h3>
          <WeeklyChart weeks={overview.weekly} />
        </div>
      </section>

      <section className="space-y-3">
        <p className="text-sm text-slate-700">
          {t("risk.page", { page: overview.page, pages: overview.pageCount, total: overview.total })}
        </p>
        {overview.rows.length === 0 ? (
          <p className="text-slate-700">{t("risk.empty")}</p>
        ) : (
          <ScrollRegion>
            <table className="w-full border-collapse text-sm">
              <thead>
                <tr>
                  <th className={head}>{t("risk.col.rank")}</th>
                  <th className={head}>{t("risk.col.institution")}</th>
                  <th className={head}>{t("risk.col.district")}</th>
                  <th className={head}>{t("risk.col.score")}</th>
                  <th className={head}>{t("risk.col.level")}</th>
                  <th className={head}>{t("risk.col.grade")}</th>
                  <th className={head}>{t("risk.col.reasons")}</th>
                  <th className={head}>{t("risk.col.assessedAt")}</th>
                </tr>
              </thead>
              <tbody>
                {overview.rows.map((row, i) => (
                  <tr key={row.institutionId}>
                    <td className={`${cell} tabular-nums`}>{(overview.page - 1) * 50 + i + 1}</td>
                    <td className={cell}>
                      <Link to={row.institutionId} className="text-brand-700 underline">
                        {row.name}
                      </Link>
                    </td>
                    <td className={cell}>{locale === "en" ? row.districtNameEn : row.districtName}</td>
                    <td className={`${cell} tabular-nums font-semibold`}>{row.score}</td>
                    <td className={cell}>
                      <span className={`rounded px-2 py-0.5 ${LEVEL_BADGES[row.level]}`}>
                        {t(`risk.level.${row.level}`)}
                      </span>
                    </td>
                    <td className={cell}>{row.grade}</td>
                    <td className={cell}>
                      <ul className="space-y-0.5">
                        {topReasons(row.factors).map((f) => (
                          <li key={f.code}>{factorText(t, f)}</li>
                        ))}
                      </ul>
                    </td>
                    <td className={`${cell} whitespace-nowrap`}>{formatDateTime(row.assessedAt, locale)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </ScrollRegion>
        )}
        <ReviewPagination page={overview.page} pageCount={overview.pageCount} search={location.search} />
      </section>
    </div>
  );
}
