import { Form } from "@remix-run/react";
import { SelectField } from "~/components/ui/select-field";
import { SubmitButton } from "~/components/ui/submit-button";
import { TextField } from "~/components/ui/text-field";
import type { MessageKey } from "~/lib/i18n/catalog";
import { useTranslation } from "~/lib/i18n/use-translation";
import { SPORT_CODES } from "~/modules/registry/sports";
import { type DistrictOption, DistrictSelect } from "./district-select";

export type SearchValues = { q: string; sport: string; district: string };

/** A GET form: the results have their own URL, to share or bookmark, and it works without JavaScript. */
export function SearchForm({
  values,
  districts,
  extraArea,
  fieldErrors,
  pending,
}: {
  values: SearchValues;
  districts: DistrictOption[];
  extraArea: { code: string; name: string; nameEn: string } | null;
  fieldErrors: Record<string, MessageKey[]>;
  pending: boolean;
}) {
  const { t } = useTranslation();
  return (
    <Form method="get" role="search" noValidate className="grid gap-4 sm:grid-cols-2 lg:grid-cols-4">
      <TextField
        label={t("public.search.query")}
        name="q"
        type="search"
        defaultValue={values.q}
        maxLength={100}
        enterKeyHint="search"
        hint={t("public.search.queryHint")}
        error={fieldErrors.q?.[0] ?? fieldErrors.page?.[0]}
        className="min-w-0 sm:col-span-2"
      />
      <SelectField
        label={t("public.search.sport")}
        name="sport"
        defaultValue={values.sport}
        placeholder={t("public.search.anySport")}
        options={SPORT_CODES.map((s) => ({ value: s, label: t(`sport.${s}`) }))}
        error={fieldErrors.sport?.[0]}
        className="min-w-0"
      />
      <DistrictSelect
        districts={districts}
        extraArea={extraArea}
        value={values.district}
        error={fieldErrors.district?.[0]}
      />
      <div className="sm:col-span-2 lg:col-span-4">
        <SubmitButton pending={pending} className="w-full sm:w-auto">
          {t("public.search.submit")}
        </SubmitButton>
      </div>
    </Form>
  );
}
