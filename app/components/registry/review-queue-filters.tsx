import { Form, Link, useLocation, useNavigation } from "@remix-run/react";
import { SelectField } from "~/components/ui/select-field";
import { SubmitButton } from "~/components/ui/submit-button";
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
  const { t, locale } = useTranslation();
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
      {districts.length > 1 ? (
        <SelectField
          label={t("govReview.filter.district")}
          name="district"
          defaultValue={values.district}
          placeholder={t("govReview.filter.anyDistrict")}
          error={errorFor("district")}
          options={districts.map((d) => ({ value: d.id, label: locale === "en" ? d.nameEn : d.name }))}
        />
      ) : null}
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
      <div className="flex items-end gap-4 sm:col-span-2 lg:col-span-5">
        <SubmitButton pending={pending}>{t("govReview.filter.submit")}</SubmitButton>
        {filtered ? (
          <Link to="." className="text-brand-700 underline">
            {t("govReview.filter.clear")}
          </Link>
        ) : null}
      </div>
    </Form>
  );
}
