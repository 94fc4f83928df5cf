import { Link } from "@remix-run/react";
import { SelectField } from "~/components/ui/select-field";
import { SubmitButton } from "~/components/ui/submit-button";
import type { MessageKey } from "~/lib/i18n/catalog";
import { useTranslation } from "~/lib/i18n/use-translation";

type District = { id: string; name: string; nameEn: string };

/** The district filter of a regulator's list; hidden when the jurisdiction has only one district. */
export function DistrictFilter(props: {
  districts: readonly District[];
  value: string | undefined;
  error?: MessageKey;
  label: MessageKey;
  anyLabel: MessageKey;
}) {
  const { districts, value, error, label, anyLabel } = props;
  const { t, locale } = useTranslation();
  if (districts.length <= 1) return null;
  return (
    <SelectField
      label={t(label)}
      name="district"
      defaultValue={value}
      placeholder={t(anyLabel)}
      error={error}
      options={districts.map((d) => ({ value: d.id, label: locale === "en" ? d.nameEn : d.name }))}
    />
  );
}

/** Apply the filters, and clear them when any is set. */
export function FilterActions(props: {
  pending: boolean;
  filtered: boolean;
  submitLabel: MessageKey;
  clearLabel: MessageKey;
  className?: string;
}) {
  const { pending, filtered, submitLabel, clearLabel, className = "" } = props;
  const { t } = useTranslation();
  return (
    <div className={`flex items-end gap-4 ${className}`}>
      <SubmitButton pending={pending}>{t(submitLabel)}</SubmitButton>
      {filtered ? (
        <Link to="." className="text-brand-700 underline">
          {t(clearLabel)}
        </Link>
      ) : null}
    </div>
  );
}
