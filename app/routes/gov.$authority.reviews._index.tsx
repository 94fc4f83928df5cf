import { type ActionFunctionArgs, data, type LoaderFunctionArgs } from "@remix-run/node";
import { useActionData, useLoaderData, useLocation } from "@remix-run/react";
import { ReviewPagination } from "~/components/registry/review-pagination";
import { type QueueFilterValues, ReviewQueueFilters } from "~/components/registry/review-queue-filters";
import { ReviewQueueTable } from "~/components/registry/review-queue-table";
import { Alert } from "~/components/ui/alert";
import type { FieldErrors } from "~/lib/forms/parse.server";
import { formFailure, validate } from "~/lib/forms/parse.server";
import { useTranslation } from "~/lib/i18n/use-translation";
import { assignFromForm, readIntentForm, requireReviewActor } from "~/modules/registry/review-actions.server";
import { queryValues, reviewQueueQuerySchema } from "~/modules/registry/review-forms";
import { listReviewQueue, type ReviewerCandidate, reviewerCandidates } from "~/modules/registry/review-queue.server";

// The review queue of an authority: filings of its jurisdiction waiting for a regulator, oldest
// submission first; admins assign them, inspectors take unassigned ones.

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { scope, role, viewer } = await requireReviewActor(request, params.authority);
  const search = new URL(request.url).searchParams;
  const values = queryValues(search);
  const query = validate(reviewQueueQuerySchema, values);
  const filterValues: QueueFilterValues = {
    status: values.status ?? "",
    kind: values.kind ?? "",
    district: values.district ?? "",
    reviewer: values.reviewer ?? "",
    sort: values.sort ?? "",
  };
  const filtered = Object.values(filterValues).some((v) => v !== "");
  const viewerFacts = { id: viewer.user.id, role };
  if (!query.ok) {
    const fieldErrors: FieldErrors = query.fieldErrors;
    return data(
      {
        values: filterValues,
        filtered,
        fieldErrors,
        rows: [],
        total: 0,
        page: 1,
        pageCount: 1,
        districts: [],
        candidates: {} as Record<string, ReviewerCandidate[]>,
        viewer: viewerFacts,
      },
      { status: 400 },
    );
  }
  const queue = await listReviewQueue(scope, query.data);
  const candidates = await reviewerCandidates([...new Set(queue.rows.map((r) => r.district.id))]);
  return data({
    values: filterValues,
    filtered,
    fieldErrors: {} as FieldErrors,
    ...queue,
    candidates: Object.fromEntries(candidates),
    viewer: viewerFacts,
  });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const actor = await requireReviewActor(request, params.authority);
  const form = await readIntentForm(request);
  if (form?.intent !== "assign") return formFailure({ fieldErrors: {}, formError: "validation.badForm" });
  return assignFromForm(actor, form.values, null);
}

/** Posts to this index route (`?index`), keeping the filters so the answer shows the same queue. */
function assignActionFor(search: string): string {
  const params = new URLSearchParams(search);
  params.delete("index");
  const rest = params.toString();
  return rest ? `?index&${rest}` : "?index";
}

export default function ReviewQueue() {
  const { values, filtered, fieldErrors, rows, total, page, pageCount, districts, candidates, viewer } =
    useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const { t } = useTranslation();
  const location = useLocation();
  const invalid = Object.keys(fieldErrors).length > 0;
  return (
    <div className="space-y-6">
      <header className="space-y-1">
        <h2 className="text-xl font-semibold text-slate-900">{t("govReview.queue.title")}</h2>
        <p className="text-sm text-slate-700">{t("govReview.queue.lead")}</p>
      </header>
      {result && "done" in result ? (
        <Alert tone="success">{t("govReview.done.assign", { name: result.reviewerName })}</Alert>
      ) : null}
      {result && !result.ok && result.formError ? <Alert tone="error">{t(result.formError)}</Alert> : null}
      {result && !result.ok && !result.formError ? <Alert tone="error">{t("govReview.assign.failed")}</Alert> : null}
      <section aria-labelledby="queue-filter-heading" className="space-y-3">
        <h3 id="queue-filter-heading" className="sr-only">
          {t("govReview.filter.heading")}
        </h3>
        {invalid ? <Alert tone="error">{t("govReview.filter.invalid")}</Alert> : null}
        <ReviewQueueFilters values={values} districts={districts} fieldErrors={fieldErrors} filtered={filtered} />
      </section>
      <section aria-labelledby="queue-heading" className="space-y-3">
        <h3 id="queue-heading" className="text-lg font-semibold">
          {t("govReview.queue.count", { count: total })}
        </h3>
        {rows.length === 0 ? (
          invalid ? null : (
            <Alert tone="info">{filtered ? t("govReview.queue.emptyFiltered") : t("govReview.queue.empty")}</Alert>
          )
        ) : (
          <ReviewQueueTable
            rows={rows}
            candidates={candidates}
            viewer={viewer}
            assignAction={assignActionFor(location.search)}
            basePath={location.pathname.replace(/\/$/, "")}
          />
        )}
        <ReviewPagination page={page} pageCount={pageCount} search={location.search} />
      </section>
    </div>
  );
}
