import { useId } from "react";
import type { MessageKey } from "~/lib/i18n/catalog";
import { useTranslation } from "~/lib/i18n/use-translation";

type Area = { code: string; name: string; nameEn: string };
export type DistrictOption = Area & { city: Area | null };

/**
 * The area filter: districts grouped under their city, each city also selectable as a whole
 * (“all of Hangzhou”). A native select, so it works without JavaScript and on every phone.
 */
export function DistrictSelect({
  districts,
  extraArea,
  value,
  error,
}: {
  districts: DistrictOption[];
  /** A chosen area the list does not hold (a province, or a district without institutions). */
  extraArea: Area | null;
  value: string;
  error?: MessageKey;
}) {
  const { t, locale } = useTranslation();
  const id = useId();
  const label = (a: Area) => (locale === "en" ? a.nameEn : a.name);
  const cities = new Map<string, { city: Area | null; districts: DistrictOption[] }>();
  for (const d of districts) {
    const key = d.city?.code ?? "";
    const group = cities.get(key) ?? { city: d.city, districts: [] };
    group.districts.push(d);
    cities.set(key, group);
  }
  return (
    // min-w-0: a long authority name must not widen the grid past a 375 px screen.
    <div className="min-w-0">
      <label htmlFor={id} className="block text-sm font-medium text-slate-800">
        {t("public.search.district")}
      </label>
      <select
        id={id}
        name="district"
        defaultValue={value}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${id}-error` : undefined}
        className="mt-1 block w-full min-w-0 rounded border border-slate-400 bg-white px-3 py-2 text-slate-900"
      >
        <option value="">{t("public.search.anyDistrict")}</option>
        {extraArea ? <option value={extraArea.code}>{label(extraArea)}</option> : null}
        {[...cities.values()].map((group) =>
          group.city ? (
            <optgroup key={group.city.code} label={label(group.city)}>
              <option value={group.city.code}>{t("public.search.wholeCity", { city: label(group.city) })}</option>
              {group.districts.map((d) => (
                <option key={d.code} value={d.code}>
                  {label(d)}
                </option>
              ))}
            </optgroup>
          ) : (
            group.districts.map((d) => (
              <option key={d.code} value={d.code}>
                {label(d)}
              </option>
            ))
          ),
        )}
      </select>
      {error ? (
        <p id={`${id}-error`} className="mt-1 text-sm text-red-800">
          {t(error)}
        </p>
      ) : null}
    </div>
  );
}
