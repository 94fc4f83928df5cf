import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData, useLocation } from "@remix-run/react";
import type { ReactNode } from "react";
import { CHART_COLORS } from "~/components/charts/chart-colors";
import { HorizontalBarChart } from "~/components/charts/horizontal-bar-chart";
import { ReviewPagination } from "~/components/registry/review-pagination";
import { Alert } from "~/components/ui/alert";
import { ScrollRegion } from "~/components/ui/scroll-region";
import { formatDateTime, formatFen } from "~/lib/format";
import type { Locale, MessageKey, Translate } from "~/lib/i18n/catalog";
import { useTranslation } from "~/lib/i18n/use-translation";
import { FUNDS_SORTS, type FundsSort, fundsQuerySchema, GOV_LIST_LIMIT } from "~/modules/escrow/gov-funds-query";
import {
  type FundFigures,
  type InstitutionFundsRow,
  jurisdictionFunds,
  type OpenFundWarning,
  type OpenReconciliationAlert,
  type UnitFunds,
  type WarningLevel,
} from "~/modules/escrow/gov-read.server";
import { requireAuthorityRole } from "~/modules/identity/guards.server";
import { REGULATOR_ROLES } from "~/modules/identity/roles";

// 资金监管: the tuition held for the jurisdiction, in totals, per subordinate authority (with a
// chart) and per institution, and the open fund warnings and reconciliation alerts. Read-only;
// regulator admins and inspectors alike.
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { authority, scope } = await requireAuthorityRole(request, params.authority, REGULATOR_ROLES);
  const search = new URL(request.url).searchParams;
  const query = fundsQuerySchema.parse({
    sort: search.get("sort") ?? undefined,
    page: search.get("page") ?? undefined,
  });
  const funds = await jurisdictionFunds(scope, query);
  return { funds, slug: authority.slug, level: authority.level };
}

const cell = "border-b border-slate-200 px-2 py-2 align-top";
const head = "border-b border-slate-300 px-2 py-2 text-left font-medium text-slate-700";
const money = `${cell} text-right tabular-nums whitespace-nowrap`;
const moneyHead = `${head} text-right`;

const SORT_LABELS: Record<FundsSort, MessageKey> = {
  held: "escrowGov.funds.sort.held",
  name: "escrowGov.funds.sort.name",
  district: "escrowGov.funds.sort.district",
};

const ALERT_KINDS: Record<string, MessageKey> = {
  AMOUNT_MISMATCH: "escrowGov.alerts.kind.AMOUNT_MISMATCH",
  CHARGE_DISPUTE: "escrowGov.alerts.kind.CHARGE_DISPUTE",
  PAYMENT_MISMATCH: "escrowGov.alerts.kind.PAYMENT_MISMATCH",
  TRANSFER_MISMATCH: "escrowGov.alerts.kind.TRANSFER_MISMATCH",
  REFUND_FAILED: "escrowGov.alerts.kind.REFUND_FAILED",
};

const nameIn = (locale: Locale, named: { name: string; nameEn: string }) =>
  locale === "en" ? named.nameEn : named.name;

export default function JurisdictionFundsPage() {
  const { funds, slug, level } = useLoaderData<typeof loader>();
  const { t, locale } = useTranslation();
  const location = useLocation();
  const { totals } = funds;
  return (
    <div className="space-y-8">
      <header className="space-y-1">
        <h2 className="text-xl font-semibold text-slate-900">{t("escrowGov.funds.title")}</h2>
        <p className="max-w-3xl text-sm text-slate-700">{t("escrowGov.funds.lead")}</p>
      </header>

      <section aria-labelledby="funds-totals" className="space-y-3">
        <h3 id="funds-totals" className="text-lg font-semibold">
          {t("escrowGov.funds.totals")}
        </h3>
        <dl className="grid gap-3 sm:grid-cols-2 lg:grid-cols-3">
          <Figure label={t("escrowGov.figure.held")} value={formatFen(totals.heldFen, locale)}>
            {t("escrowGov.figure.heldParts", {
              escrow: formatFen(totals.escrowFen, locale),
              reserve: formatFen(totals.reserveFen, locale),
            })}
          </Figure>
          <Figure label={t("escrowGov.figure.payable")} value={formatFen(totals.payableFen, locale)} />
          <Figure label={t("escrowGov.figure.paidOut")} value={formatFen(totals.paidOutFen, locale)} />
          <Figure label={t("escrowGov.figure.refunds")} value={formatFen(totals.refundsInProgressFen, locale)} />
          <Figure label={t("escrowGov.figure.collected")} value={formatFen(totals.collectedFen, locale)} />
          <Figure
            label={t("escrowGov.figure.institutions")}
            value={t("escrowGov.figure.institutionsValue", { count: totals.institutions })}
          />
        </dl>
      </section>

      <section aria-labelledby="funds-units" className="space-y-3">
        <h3 id="funds-units" className="text-lg font-semibold">
          {t(`escrowGov.funds.units.${level}`)}
        </h3>
        {funds.units.length === 0 ? (
          <p className="text-slate-700">{t("escrowGov.funds.units.none")}</p>
        ) : (
          <div className="space-y-6">
            <ScrollRegion>
              <UnitsTable units={funds.units} totals={totals} />
            </ScrollRegion>
            <div className="space-y-2">
              <h4 className="font-medium text-slate-800">{t("escrowGov.funds.chart.heading")}</h4>
              <HeldFundsChart units={funds.units} />
            </div>
          </div>
        )}
      </section>

      <section aria-labelledby="funds-institutions" className="space-y-3">
        <h3 id="funds-institutions" className="text-lg font-semibold">
          {t("escrowGov.funds.institutions.heading", { count: funds.institutionCount })}
        </h3>
        {funds.rows.length === 0 ? (
          <Alert tone="info">{t("escrowGov.funds.institutions.empty")}</Alert>
        ) : (
          <>
            <SortLinks current={funds.sort} />
            <ScrollRegion>
              <InstitutionsTable rows={funds.rows} slug={slug} />
            </ScrollRegion>
            <ReviewPagination page={funds.page} pageCount={funds.pageCount} search={location.search} />
          </>
        )}
      </section>

      <section aria-labelledby="funds-warnings" className="space-y-3">
        <h3 id="funds-warnings" className="text-lg font-semibold">
          {t("escrowGov.warnings.heading", { count: funds.warnings.length })}
        </h3>
        <p className="max-w-3xl text-sm text-slate-700">{t("escrowGov.warnings.lead")}</p>
        {funds.warnings.length === 0 ? (
          <p className="text-slate-700">{t("escrowGov.warnings.none")}</p>
        ) : (
          <ScrollRegion>
            <WarningsTable warnings={funds.warnings} slug={slug} />
            {funds.warnings.length >= GOV_LIST_LIMIT ? (
              <p className="text-sm text-slate-700">{t("escrowGov.warnings.more", { shown: GOV_LIST_LIMIT })}</p>
            ) : null}
          </ScrollRegion>
        )}
      </section>

      <section aria-labelledby="funds-alerts" className="space-y-3">
        <h3 id="funds-alerts" className="text-lg font-semibold">
          {t("escrowGov.alerts.heading", { count: funds.alerts.length })}
        </h3>
        <p className="max-w-3xl text-sm text-slate-700">{t("escrowGov.alerts.lead")}</p>
        {funds.alerts.length === 0 ? (
          <p className="text-slate-700">{t("escrowGov.alerts.none")}</p>
        ) : (
          <ScrollRegion>
            <AlertsTable alerts={funds.alerts} slug={slug} />
            {funds.alerts.length >= GOV_LIST_LIMIT ? (
              <p className="text-sm text-slate-700">{t("escrowGov.alerts.more", { shown: GOV_LIST_LIMIT })}</p>
            ) : null}
          </ScrollRegion>
        )}
      </section>
    </div>
  );
}

function Figure({ label, value, children }: { label: string; value: string; children?: ReactNode }) {
  return (
    <div className="rounded border border-slate-200 bg-white p-3">
      <dt className="text-sm text-slate-700">{label}</dt>
      <dd className="text-xl font-semibold tabular-nums text-slate-900">{value}</dd>
      {children ? <dd className="text-sm text-slate-600">{children}</dd> : null}
    </div>
  );
}

function FigureHeads() {
  const { t } = useTranslation();
  return (
    <>
      <th scope="col" className={moneyHead}>
        {t("escrowGov.figure.held")}
      </th>
      <th scope="col" className={moneyHead}>
        {t("escrowGov.figure.payable")}
      </th>
      <th scope="col" className={moneyHead}>
        {t("escrowGov.figure.paidOut")}
      </th>
      <th scope="col" className={moneyHead}>
        {t("escrowGov.figure.refunds")}
      </th>
    </>
  );
}

function FigureCells({ figures, strong = false }: { figures: FundFigures; strong?: boolean }) {
  const { locale } = useTranslation();
  const className = strong ? `${money} font-semibold` : money;
  return (
    <>
      <td className={className}>{formatFen(figures.heldFen, locale)}</td>
      <td className={className}>{formatFen(figures.payableFen, locale)}</td>
      <td className={className}>{formatFen(figures.paidOutFen, locale)}</td>
      <td className={className}>{formatFen(figures.refundsInProgressFen, locale)}</td>
    </>
  );
}

function UnitsTable({
  units,
  totals,
}: {
  units: readonly UnitFunds[];
  totals: FundFigures & { institutions: number };
}) {
  const { t, locale } = useTranslation();
  return (
    <table className="min-w-full border-collapse bg-white text-sm">
      <caption className="sr-only">{t("escrowGov.funds.title")}</caption>
      <thead>
        <tr>
          <th scope="col" className={head}>
            {t("escrowGov.funds.column.unit")}
          </th>
          <th scope="col" className={moneyHead}>
            {t("escrowGov.figure.institutions")}
          </th>
          <FigureHeads />
          <th scope="col" className={head}>
            {t("escrowGov.funds.column.warnings")}
          </th>
        </tr>
      </thead>
      <tbody>
        {units.map((unit) => (
          <tr key={unit.id}>
            <th scope="row" className={`${cell} text-left font-medium`}>
              {nameIn(locale, unit)}
            </th>
            <td className={money}>{unit.institutions}</td>
            <FigureCells figures={unit} />
            <td className={cell}>
              {unit.redWarnings + unit.yellowWarnings === 0
                ? t("escrowGov.funds.noWarnings")
                : t("escrowGov.funds.warningCounts", { red: unit.redWarnings, yellow: unit.yellowWarnings })}
            </td>
          </tr>
        ))}
      </tbody>
      <tfoot>
        <tr>
          <th scope="row" className={`${cell} text-left font-semibold`}>
            {t("escrowGov.funds.total")}
          </th>
          <td className={`${money} font-semibold`}>{totals.institutions}</td>
          <FigureCells figures={totals} strong />
          <td className={cell} />
        </tr>
      </tfoot>
    </table>
  );
}

/** Held funds per subordinate authority, each with its amount at its bar's end (the table above has them too). */
function HeldFundsChart({ units }: { units: readonly UnitFunds[] }) {
  const { t, locale } = useTranslation();
  return (
    <HorizontalBarChart
      label={t("escrowGov.funds.chart.heading")}
      labelWidth={150}
      rows={units.map((u) => ({
        key: u.id,
        label: nameIn(locale, u),
        value: u.heldFen,
        display: formatFen(u.heldFen, locale),
        color: CHART_COLORS.brand,
      }))}
    />
  );
}

function SortLinks({ current }: { current: FundsSort }) {
  const { t } = useTranslation();
  return (
    <nav aria-label={t("escrowGov.funds.sort.label")} className="flex flex-wrap items-baseline gap-x-4 gap-y-1 text-sm">
      <span className="text-slate-700">{t("escrowGov.funds.sort.label")}</span>
      {FUNDS_SORTS.map((sort) =>
        sort === current ? (
          <span key={sort} aria-current="true" className="font-semibold text-slate-900">
            {t("escrowGov.funds.sort.current", { label: t(SORT_LABELS[sort]) })}
          </span>
        ) : (
          <Link key={sort} to={sort === "held" ? "." : `?sort=${sort}`} className="text-brand-700 underline">
            {t(SORT_LABELS[sort])}
          </Link>
        ),
      )}
    </nav>
  );
}

const WARNING_STYLES: Record<WarningLevel, string> = {
  RED: "border-red-700 bg-red-50 text-red-900",
  YELLOW: "border-amber-600 bg-amber-50 text-amber-900",
};

/** The warning's level in words, with a colour that only repeats them. */
function WarningBadge({ level }: { level: WarningLevel }) {
  const { t } = useTranslation();
  return (
    <span className={`inline-block rounded border px-1.5 py-0.5 text-xs font-medium ${WARNING_STYLES[level]}`}>
      {t(`escrowGov.warning.level.${level}`)}
    </span>
  );
}

function InstitutionsTable({ rows, slug }: { rows: readonly InstitutionFundsRow[]; slug: string }) {
  const { t, locale } = useTranslation();
  return (
    <table className="min-w-full border-collapse bg-white text-sm">
      <caption className="sr-only">{t("escrowGov.funds.institutions.heading", { count: rows.length })}</caption>
      <thead>
        <tr>
          <th scope="col" className={head}>
            {t("escrowGov.funds.column.institution")}
          </th>
          <th scope="col" className={head}>
            {t("escrowGov.funds.column.district")}
          </th>
          <FigureHeads />
          <th scope="col" className={moneyHead}>
            {t("escrowGov.figure.collected")}
          </th>
          <th scope="col" className={head}>
            {t("escrowGov.funds.column.warnings")}
          </th>
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <tr key={row.id}>
            <th scope="row" className={`${cell} text-left font-medium`}>
              <Link to={`/gov/${slug}/institutions/${row.id}`} className="text-brand-700 underline">
                {row.name}
              </Link>
              {row.registrationNo ? (
                <span className="block font-mono text-xs font-normal text-slate-600">{row.registrationNo}</span>
              ) : null}
            </th>
            <td className={cell}>{nameIn(locale, row.district)}</td>
            <FigureCells figures={row} />
            <td className={money}>{formatFen(row.collectedFen, locale)}</td>
            <td className={cell}>
              {row.warning ? <WarningBadge level={row.warning} /> : t("escrowGov.funds.noWarnings")}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function measuredText(t: Translate, locale: Locale, warning: OpenFundWarning): string {
  const m = warning.measured;
  if (warning.reason === "BALANCE") {
    if (m.heldFen === null || m.owedFen === null) return t("escrowGov.warnings.measured.unknown");
    return t("escrowGov.warnings.measured.BALANCE", {
      held: formatFen(m.heldFen, locale),
      owed: formatFen(m.owedFen, locale),
      percent: m.heldPercent === null ? "—" : Math.round(m.heldPercent),
    });
  }
  if (m.outflowFen === null) return t("escrowGov.warnings.measured.unknown");
  return t("escrowGov.warnings.measured.OUTFLOW", { outflow: formatFen(m.outflowFen, locale) });
}

function WarningsTable({ warnings, slug }: { warnings: readonly OpenFundWarning[]; slug: string }) {
  const { t, locale } = useTranslation();
  return (
    <table className="min-w-full border-collapse bg-white text-sm">
      <caption className="sr-only">{t("escrowGov.warnings.heading", { count: warnings.length })}</caption>
      <thead>
        <tr>
          <th scope="col" className={head}>
            {t("escrowGov.funds.column.institution")}
          </th>
          <th scope="col" className={head}>
            {t("escrowGov.funds.column.district")}
          </th>
          <th scope="col" className={head}>
            {t("escrowGov.warnings.column.level")}
          </th>
          <th scope="col" className={head}>
            {t("escrowGov.warnings.column.reason")}
          </th>
          <th scope="col" className={head}>
            {t("escrowGov.warnings.column.measured")}
          </th>
          <th scope="col" className={head}>
            {t("escrowGov.warnings.column.raisedAt")}
          </th>
        </tr>
      </thead>
      <tbody>
        {warnings.map((w) => (
          <tr key={w.id}>
            <th scope="row" className={`${cell} text-left font-medium`}>
              <Link to={`/gov/${slug}/institutions/${w.institution.id}`} className="text-brand-700 underline">
                {w.institution.name}
              </Link>
            </th>
            <td className={cell}>{nameIn(locale, w.district)}</td>
            <td className={cell}>
              <WarningBadge level={w.level} />
            </td>
            <td className={cell}>{t(`escrowGov.warning.reason.${w.reason}`)}</td>
            <td className={`${cell} tabular-nums`}>{measuredText(t, locale, w)}</td>
            <td className={`${cell} whitespace-nowrap`}>{formatDateTime(w.raisedAt, locale)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function AlertsTable({ alerts, slug }: { alerts: readonly OpenReconciliationAlert[]; slug: string }) {
  const { t, locale } = useTranslation();
  return (
    <table className="min-w-full border-collapse bg-white text-sm">
      <caption className="sr-only">{t("escrowGov.alerts.heading", { count: alerts.length })}</caption>
      <thead>
        <tr>
          <th scope="col" className={head}>
            {t("escrowGov.alerts.column.kind")}
          </th>
          <th scope="col" className={head}>
            {t("escrowGov.funds.column.institution")}
          </th>
          <th scope="col" className={moneyHead}>
            {t("escrowGov.alerts.column.ledger")}
          </th>
          <th scope="col" className={moneyHead}>
            {t("escrowGov.alerts.column.provider")}
          </th>
          <th scope="col" className={moneyHead}>
            {t("escrowGov.alerts.column.difference")}
          </th>
          <th scope="col" className={head}>
            {t("escrowGov.alerts.column.openedAt")}
          </th>
        </tr>
      </thead>
      <tbody>
        {alerts.map((a) => {
          const kind = ALERT_KINDS[a.kind];
          return (
            <tr key={a.id}>
              <th scope="row" className={`${cell} text-left font-medium`}>
                {kind ? t(kind) : t("escrowGov.alerts.kind.other", { kind: a.kind })}
              </th>
              <td className={cell}>
                {a.institution ? (
                  <Link to={`/gov/${slug}/institutions/${a.institution.id}`} className="text-brand-700 underline">
                    {a.institution.name}
                  </Link>
                ) : (
                  t("escrowGov.alerts.noInstitution")
                )}
                {a.district ? <span className="block text-slate-600">{nameIn(locale, a.district)}</span> : null}
              </td>
              <td className={money}>{formatFen(a.ledgerFen, locale)}</td>
              <td className={money}>{formatFen(a.providerFen, locale)}</td>
              <td className={money}>{formatFen(a.ledgerFen - a.providerFen, locale)}</td>
              <td className={`${cell} whitespace-nowrap`}>{formatDateTime(a.openedAt, locale)}</td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
