import { data, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useLoaderData, useLocation, useNavigation } from "@remix-run/react";
import { DistrictFilter, FilterActions } from "~/components/gov/list-filters";
import { ReviewPagination } from "~/components/registry/review-pagination";
import { Alert } from "~/components/ui/alert";
import { ScrollRegion } from "~/components/ui/scroll-region";
import { SelectField } from "~/components/ui/select-field";
import { TextField } from "~/components/ui/text-field";
import { type FieldErrors, validate } from "~/lib/forms/parse.server";
import { useTranslation } from "~/lib/i18n/use-translation";
import { INSTITUTION_STATUSES } from "~/modules/registry/institution-status";
import { listJurisdictionInstitutions } from "~/modules/registry/jurisdiction-institutions.server";
import { requireReviewActor } from "~/modules/registry/review-actions.server";
import { institutionListQuerySchema, queryValues } from "~/modules/registry/review-forms";

// The institutions of the jurisdiction, for its regulators: by status and district, or by name.
export async function loader({ request, params }: LoaderFunctionArgs) {
  const actor = await requireReviewActor(request, params.authority);
  const values = queryValues(new URL(request.url).searchParams);
  const filters = { status: values.status ?? "", district: values.district ?? "", q: values.q ?? "" };
  const filtered = Object.values(filters).some((v) => v !== "");
  const query = validate(institutionListQuerySchema, values);
  if (!query.ok) {
    const fieldErrors: FieldErrors = query.fieldErrors;
    return data(
      {
        filters,
        filtered,
        fieldErrors,
        rows: [],
        total: 0,
        page: 1,
        pageCount: 1,
        districts: [],
        slug: actor.authority.slug,
      },
      { status: 400 },
    );
  }
  const list = await listJurisdictionInstitutions(actor.scope, query.data);
  return data({ filters, filtered, fieldErrors: {} as FieldErrors, ...list, slug: actor.authority.slug });
}

const cell = "border-b border-slate-200 px-2 py-2 align-top";
const head = "border-b border-slate-300 px-2 py-2 text-left font-medium text-slate-700";

export default function JurisdictionInstitutions() {
  const { filters, filtered, fieldErrors, rows, total, page, pageCount, districts, slug } =
    useLoaderData<typeof loader>();
  const { t, locale } = useTranslation();
  const location = useLocation();
  const navigation = useNavigation();
  const pending = navigation.state === "loading" && navigation.location.pathname === location.pathname;
  const errorFor = (field: string) => fieldErrors[field]?.[0];
  const invalid = Object.keys(fieldErrors).length > 0;
  return (
    <div className="space-y-6">
      <header className="space-y-1">
        <h2 className="text-xl font-semibold text-slate-900">{t("govInstitutions.title")}</h2>
        <p className="text-sm text-slate-700">{t("govInstitutions.lead")}</p>
      </header>
      <section aria-labelledby="institutions-filter-heading" className="space-y-3">
        <h3 id="institutions-filter-heading" className="sr-only">
          {t("govReview.filter.heading")}
        </h3>
        {invalid ? <Alert tone="error">{t("govReview.filter.invalid")}</Alert> : null}
        <Form method="get" key={location.search} className="grid gap-4 sm:grid-cols-2 lg:grid-cols-4">
          <TextField
            label={t("govInstitutions.filter.q")}
            name="q"
            type="search"
            defaultValue={filters.q}
            maxLength={100}
            error={errorFor("q")}
          />
          <SelectField
            label={t("govInstitutions.filter.status")}
            name="status"
            defaultValue={filters.status}
            placeholder={t("govInstitutions.filter.anyStatus")}
            error={errorFor("status")}
            options={INSTITUTION_STATUSES.map((s) => ({ value: s, label: t(`institution.status.${s}`) }))}
          />
          <DistrictFilter
            districts={districts}
            value={filters.district}
            error={errorFor("district")}
            label="govReview.filter.district"
            anyLabel="govReview.filter.anyDistrict"
          />
          <FilterActions
            pending={pending}
            filtered={filtered}
            submitLabel="govInstitutions.filter.submit"
            clearLabel="govReview.filter.clear"
          />
        </Form>
      </section>
      <section aria-labelledby="institutions-heading" className="space-y-3">
        <h3 id="institutions-heading" className="text-lg font-semibold">
          {t("govInstitutions.count", { count: total })}
        </h3>
        {rows.length === 0 ? (
          invalid ? null : (
            <Alert tone="info">{filtered ? t("govInstitutions.emptyFiltered") : t("govInstitutions.empty")}</Alert>
          )
        ) : (
          <ScrollRegion>
            <table className="min-w-full border-collapse bg-white text-sm">
              <caption className="sr-only">{t("govInstitutions.title")}</caption>
              <thead>
                <tr>
                  <th scope="col" className={head}>
                    {t("govInstitutions.table.name")}
                  </th>
                  <th scope="col" className={head}>
                    {t("govReview.table.district")}
                  </th>
                  <th scope="col" className={head}>
                    {t("govInstitutions.table.status")}
                  </th>
                  <th scope="col" className={head}>
                    {t("govInstitutions.table.registrationNo")}
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
                    </th>
                    <td className={cell}>{locale === "en" ? row.district.nameEn : row.district.name}</td>
                    <td className={cell}>{t(`institution.status.${row.status}`)}</td>
                    <td className={`${cell} font-mono`}>{row.registrationNo ?? t("govInstitutions.notRegistered")}</td>
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
