import { Form, useLocation, useNavigation } from "@remix-run/react";
import { DistrictFilter, FilterActions } from "~/components/gov/list-filters";
import { SelectField } from "~/components/ui/select-field";
import type { FieldErrors } from "~/lib/forms/parse.server";
import { useTranslation } from "~/lib/i18n/use-translation";
import { FILING_KINDS } from "~/modules/registry/institution-status";
import { QUEUE_REVIEWER_FILTERS, QUEUE_SORTS, QUEUE_STATUS_FILTERS } from "~/modules/registry/review-forms";

export type QueueFilterValues = { status: string; kind: string; district: string; reviewer: string; sort: string };
type District = { id: string; name: string; nameEn: string };

/** The queue's filters: a GET form, so a filtered queue is a link that can be shared or bookmarked. */
export function ReviewQueueFilters({
  values,
  districts,
  fieldErrors,
  filtered,
}: {
  values: QueueFilterValues;
  districts: District[];
  fieldErrors: FieldErrors;
  filtered: boolean;
}) {
  const { t } = useTranslation();
  const location = useLocation();
  const navigation = useNavigation();
  const pending = navigation.state === "loading" && navigation.location.pathname === location.pathname;
  const errorFor = (field: string) => fieldErrors[field]?.[0];
  return (
    <Form method="get" key={location.search} className="grid gap-4 sm:grid-cols-2 lg:grid-cols-5">
      <SelectField
        label={t("govReview.filter.status")}
        name="status"
        defaultValue={values.status || "open"}
        error={errorFor("status")}
        options={QUEUE_STATUS_FILTERS.map((s) => ({ value: s, label: t(`govReview.filter.status.${s}`) }))}
      />
      <SelectField
        label={t("govReview.filter.kind")}
        name="kind"
        defaultValue={values.kind}
        placeholder={t("govReview.filter.anyKind")}
        error={errorFor("kind")}
        options={FILING_KINDS.map((k) => ({ value: k, label: t(`filing.kind.${k}`) }))}
      />
      <DistrictFilter
        districts={districts}
        value={values.district}
        error={errorFor("district")}
        label="govReview.filter.district"
        anyLabel="govReview.filter.anyDistrict"
      />
      <SelectField
        label={t("govReview.filter.reviewer")}
        name="reviewer"
        defaultValue={values.reviewer || "anyone"}
        error={errorFor("reviewer")}
        options={QUEUE_REVIEWER_FILTERS.map((r) => ({ value: r, label: t(`govReview.filter.reviewer.${r}`) }))}
      />
      <SelectField
        label={t("govReview.filter.sort")}
        name="sort"
        defaultValue={values.sort || "oldest"}
        error={errorFor("sort")}
        options={QUEUE_SORTS.map((s) => ({ value: s, label: t(`govReview.filter.sort.${s}`) }))}
      />
      <FilterActions
        pending={pending}
        filtered={filtered}
        submitLabel="govReview.filter.submit"
        clearLabel="govReview.filter.clear"
        className="sm:col-span-2 lg:col-span-5"
      />
    </Form>
  );
}
