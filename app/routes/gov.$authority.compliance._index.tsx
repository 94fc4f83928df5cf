import { data, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useLoaderData, useLocation, useNavigation } from "@remix-run/react";
import { GradeBadge } from "~/components/compliance/grade-badge";
import { GradeBarChart, GradeCountsTable } from "~/components/compliance/grade-distribution";
import { ruleTitle } from "~/components/compliance/rule-label";
import { DistrictFilter, FilterActions } from "~/components/gov/list-filters";
import { DownloadLink } from "~/components/operations/download-link";
import { ReevaluationPanel } from "~/components/operations/work-progress";
import { ReviewPagination } from "~/components/registry/review-pagination";
import { Alert } from "~/components/ui/alert";
import { ScrollRegion } from "~/components/ui/scroll-region";
import { SelectField } from "~/components/ui/select-field";
import { formatDateTime } from "~/lib/format";
import { type FieldErrors, validate } from "~/lib/forms/parse.server";
import { useTranslation } from "~/lib/i18n/use-translation";
import {
  type ComplianceListPage,
  complianceListQuerySchema,
  listJurisdictionCompliance,
} from "~/modules/compliance/compliance-read.server";
import { GRADE_FILTERS } from "~/modules/compliance/grade";
import { requireAuthorityRole } from "~/modules/identity/guards.server";
import { REGULATOR_ROLES } from "~/modules/identity/roles";
import { latestReevaluation } from "~/modules/operations/background-work.server";
import { queryValues } from "~/modules/registry/review-forms";

const FILTER_NAMES = ["grade", "rule", "district"] as const;

// The compliance of the jurisdiction for its regulators: how many institutions hold each grade,
// and the institutions worst first, by grade, failing rule and district, with a CSV of the filter.
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { authority, scope } = await requireAuthorityRole(request, params.authority, REGULATOR_ROLES);
  const values = queryValues(new URL(request.url).searchParams);
  const filters = Object.fromEntries(FILTER_NAMES.map((name) => [name, values[name] ?? ""])) as Record<
    (typeof FILTER_NAMES)[number],
    string
  >;
  const filtered = Object.values(filters).some((v) => v !== "");
  const exportQuery = new URLSearchParams(Object.entries(filters).filter(([, v]) => v !== "")).toString();
  const csvHref = `/gov/${authority.slug}/compliance.csv${exportQuery ? `?${exportQuery}` : ""}`;
  const query = validate(complianceListQuerySchema, values);
  if (!query.ok) {
    const empty: ComplianceListPage = {
      rows: [],
      total: 0,
      page: 1,
      pageCount: 1,
      gradeCounts: [],
      ruleCounts: [],
      districts: [],
    };
    const fieldErrors: FieldErrors = query.fieldErrors;
    return data(
      { ...empty, filters, filtered, fieldErrors, slug: authority.slug, csvHref, reevaluation: null },
      { status: 400 },
    );
  }
  const list = await listJurisdictionCompliance(scope, query.data);
  return data({
    ...list,
    filters,
    filtered,
    fieldErrors: {} as FieldErrors,
    slug: authority.slug,
    csvHref,
    reevaluation: await latestReevaluation(scope, authority.id),
  });
}

const cell = "border-b border-slate-200 px-2 py-2 align-top";
const head = "border-b border-slate-300 px-2 py-2 text-left font-medium text-slate-700";

export default function JurisdictionCompliance() {
  const loaded = useLoaderData<typeof loader>();
  const {
    filters,
    filtered,
    fieldErrors,
    rows,
    total,
    page,
    pageCount,
    gradeCounts,
    ruleCounts,
    districts,
    slug,
    reevaluation,
  } = loaded;
  const { t, locale } = useTranslation();
  const location = useLocation();
  const navigation = useNavigation();
  const pending = navigation.state === "loading" && navigation.location.pathname === location.pathname;
  const errorFor = (field: string) => fieldErrors[field]?.[0];
  const invalid = Object.keys(fieldErrors).length > 0;
  return (
    <div className="space-y-6">
      <header className="space-y-1">
        <h2 className="text-xl font-semibold text-slate-900">{t("compliance.list.title")}</h2>
        <p className="text-sm text-slate-700">{t("compliance.list.lead")}</p>
        <p className="text-sm">
          <Link to={`/gov/${slug}/standards`} className="text-brand-700 underline">
            {t("compliance.list.standardsLink")}
          </Link>
        </p>
      </header>

      <ReevaluationPanel initial={reevaluation} pollUrl={`/gov/${slug}/progress.json?of=reevaluation`} />

      {gradeCounts.length > 0 ? (
        <section aria-labelledby="grades-heading" className="space-y-3">
          <h3 id="grades-heading" className="text-lg font-semibold">
            {t("compliance.list.gradesHeading")}
          </h3>
          <p className="text-sm text-slate-700">{t("compliance.list.gradesNote")}</p>
          <div className="grid items-start gap-6 lg:grid-cols-2">
            <ScrollRegion>
              <GradeCountsTable counts={gradeCounts} />
            </ScrollRegion>
            <GradeBarChart counts={gradeCounts} />
          </div>
        </section>
      ) : null}

      <section aria-labelledby="compliance-filter-heading" className="space-y-3">
        <h3 id="compliance-filter-heading" className="sr-only">
          {t("compliance.list.filter.heading")}
        </h3>
        {invalid ? <Alert tone="error">{t("compliance.list.filter.invalid")}</Alert> : null}
        <Form method="get" key={location.search} className="grid gap-4 sm:grid-cols-2 lg:grid-cols-4">
          <SelectField
            label={t("compliance.list.filter.grade")}
            name="grade"
            defaultValue={filters.grade}
            placeholder={t("compliance.list.filter.anyGrade")}
            error={errorFor("grade")}
            options={GRADE_FILTERS.map((g) => ({
              value: g,
              label:
                g === "NONE"
                  ? t("compliance.grade.none")
                  : t("compliance.grade.badge", { grade: g, word: t(`compliance.grade.word.${g}`) }),
            }))}
          />
          <SelectField
            label={t("compliance.list.filter.rule")}
            name="rule"
            defaultValue={filters.rule}
            placeholder={t("compliance.list.filter.anyRule")}
            error={errorFor("rule")}
            options={ruleCounts.map((r) => ({
              value: r.rule,
              label: t("compliance.list.filter.ruleOption", {
                code: r.rule,
                title: ruleTitle(t, r.rule),
                count: r.institutions,
              }),
            }))}
          />
          <DistrictFilter
            districts={districts}
            value={filters.district}
            error={errorFor("district")}
            label="compliance.list.filter.district"
            anyLabel="compliance.list.filter.anyDistrict"
          />
          <FilterActions
            pending={pending}
            filtered={filtered}
            submitLabel="compliance.list.filter.submit"
            clearLabel="compliance.list.filter.clear"
          />
        </Form>
      </section>

      <section aria-labelledby="compliance-list-heading" className="space-y-3">
        <div className="flex flex-wrap items-baseline justify-between gap-4">
          <h3 id="compliance-list-heading" className="text-lg font-semibold">
            {t("compliance.list.count", { count: total })}
          </h3>
          {invalid ? null : (
            // The file is built whole before the answer starts: the link says so until it arrives.
            <DownloadLink href={loaded.csvHref}>{t("compliance.list.csv")}</DownloadLink>
          )}
        </div>
        {rows.length === 0 ? (
          invalid ? null : (
            <Alert tone="info">{filtered ? t("compliance.list.emptyFiltered") : t("compliance.list.empty")}</Alert>
          )
        ) : (
          <ScrollRegion>
            <table className="min-w-full border-collapse bg-white text-sm">
              <caption className="sr-only">{t("compliance.list.title")}</caption>
              <thead>
                <tr>
                  <th scope="col" className={head}>
                    {t("compliance.list.table.institution")}
                  </th>
                  <th scope="col" className={head}>
                    {t("compliance.list.table.grade")}
                  </th>
                  <th scope="col" className={head}>
                    {t("compliance.list.table.failingRules")}
                  </th>
                  <th scope="col" className={head}>
                    {t("compliance.list.table.district")}
                  </th>
                  <th scope="col" className={head}>
                    {t("compliance.list.table.registrationNo")}
                  </th>
                  <th scope="col" className={head}>
                    {t("compliance.list.table.evaluatedAt")}
                  </th>
                </tr>
              </thead>
              <tbody>
                {rows.map((row) => (
                  <tr key={row.id}>
                    <th scope="row" className={`${cell} text-left font-medium`}>
                      <Link to={`/gov/${slug}/compliance/${row.id}`} className="text-brand-700 underline">
                        {row.name}
                      </Link>
                    </th>
                    <td className={cell}>
                      <GradeBadge grade={row.grade} />
                    </td>
                    <td className={cell}>
                      {row.grade === null ? (
                        <span className="text-slate-600">{t("compliance.list.notEvaluated")}</span>
                      ) : row.failingRules.length === 0 ? (
                        <span className="text-slate-600">{t("compliance.list.noFailingRules")}</span>
                      ) : (
                        <ul className="space-y-0.5">
                          {row.failingRules.map((rule) => (
                            <li key={rule}>
                              <span className="font-mono">{rule}</span> {ruleTitle(t, rule)}
                            </li>
                          ))}
                        </ul>
                      )}
                      {row.warningRules > 0 ? (
                        <p className="text-slate-600">{t("compliance.list.warnings", { count: row.warningRules })}</p>
                      ) : null}
                    </td>
                    <td className={cell}>{locale === "en" ? row.district.nameEn : row.district.name}</td>
                    <td className={`${cell} font-mono`}>{row.registrationNo ?? ""}</td>
                    <td className={cell}>{row.evaluatedAt ? formatDateTime(row.evaluatedAt, locale) : ""}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </ScrollRegion>
        )}
        <ReviewPagination page={page} pageCount={pageCount} search={location.search} />
      </section>
    </div>
  );
}
