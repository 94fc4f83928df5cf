import { data, type LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData, useLocation } from "@remix-run/react";
import { RectificationFilters } from "~/components/compliance/rectification-filters";
import { RectificationList } from "~/components/compliance/rectification-list";
import { ReviewPagination } from "~/components/registry/review-pagination";
import { Alert } from "~/components/ui/alert";
import { validate } from "~/lib/forms/parse.server";
import { useTranslation } from "~/lib/i18n/use-translation";
import { requireRectificationRegulator } from "~/modules/compliance/rectification-actions.server";
import { type OrderStatusFilter, orderListQuerySchema } from "~/modules/compliance/rectification-forms";
import { listOrders } from "~/modules/compliance/rectification-read.server";
import { RECTIFICATION_STATUSES, type RectificationStatusName } from "~/modules/compliance/rectification-state-machine";
import { queryValues } from "~/modules/registry/review-forms";

// The rectification orders of an authority's jurisdiction: open ones by default, late ones first,
// then by deadline. New orders are issued from an institution's compliance page.

const NO_COUNTS = Object.fromEntries(RECTIFICATION_STATUSES.map((s) => [s, 0])) as Record<
  RectificationStatusName,
  number
>;

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { scope, authority } = await requireRectificationRegulator(request, params.authority);
  const basePath = `/gov/${authority.slug}/rectifications`;
  const query = validate(orderListQuerySchema, queryValues(new URL(request.url).searchParams));
  if (!query.ok) {
    const empty = { rows: [], total: 0, page: 1, pageCount: 1, counts: NO_COUNTS };
    return data(
      { ...empty, status: "open" as OrderStatusFilter, invalid: true, basePath, authoritySlug: authority.slug },
      { status: 400 },
    );
  }
  const page = await listOrders(scope, query.data);
  return data({ ...page, status: query.data.status, invalid: false, basePath, authoritySlug: authority.slug });
}

export default function RectificationOrders() {
  const { rows, total, page, pageCount, counts, status, invalid, basePath, authoritySlug } =
    useLoaderData<typeof loader>();
  const { t } = useTranslation();
  const location = useLocation();
  return (
    <div className="space-y-6">
      <header className="space-y-1">
        <h2 className="text-xl font-semibold text-slate-900">{t("rectification.list.title")}</h2>
        <p className="text-sm text-slate-700">{t("rectification.list.lead")}</p>
      </header>
      {invalid ? <Alert tone="error">{t("rectification.filter.invalid")}</Alert> : null}
      <RectificationFilters basePath={basePath} current={status} counts={counts} />
      <section aria-labelledby="rectification-orders" className="space-y-3">
        <h3 id="rectification-orders" className="text-lg font-semibold">
          {t("rectification.list.count", { count: total })}
        </h3>
        {invalid ? null : rows.length === 0 ? (
          <Alert tone="info">
            {t(status === "open" ? "rectification.list.emptyOpen" : "rectification.list.emptyFiltered")}{" "}
            <Link to={`/gov/${authoritySlug}/compliance`} className="text-brand-700 underline">
              {t("rectification.list.toCompliance")}
            </Link>
          </Alert>
        ) : (
          <RectificationList orders={rows} basePath={basePath} audience="regulator" />
        )}
        <ReviewPagination page={page} pageCount={pageCount} search={location.search} />
      </section>
    </div>
  );
}
