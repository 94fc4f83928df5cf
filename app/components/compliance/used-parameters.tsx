import { ScrollRegion } from "~/components/ui/scroll-region";
import { useTranslation } from "~/lib/i18n/use-translation";
import type { UsedParameter } from "~/modules/compliance/stored-report";
import { definitionOf } from "~/modules/tenancy/parameters";
import { formatParameterValue, parameterLabel } from "./parameter-value";
import { isStandardCode, RuleLabel } from "./rule-label";

type SourceAuthority = { id: string; name: string; nameEn: string };

/**
 * The parameters a report was computed with, by rule, each with where it came from (the default,
 * or the authority that set it and since when). Escrow and warning parameters are not rules of
 * the standards and are left out. Folded: it is for checking a finding, not for reading first.
 */
export function UsedParameters({
  parameters,
  sources,
}: {
  parameters: readonly UsedParameter[];
  sources: readonly SourceAuthority[];
}) {
  const { t, locale } = useTranslation();
  const ofStandards = parameters.filter((p) => isStandardCode(definitionOf(p.key).rule));
  if (ofStandards.length === 0) return null;
  const origin = (p: UsedParameter) => {
    if (p.source.kind === "default") return t("compliance.institution.parameterDefault");
    const { authorityId } = p.source;
    const authority = sources.find((s) => s.id === authorityId);
    const date = p.effectiveFrom ?? "";
    return authority
      ? t("compliance.institution.parameterFrom", {
          authority: locale === "en" ? authority.nameEn : authority.name,
          date,
        })
      : t("compliance.institution.parameterFromUnknown", { date });
  };
  const cell = "border-b border-slate-200 px-2 py-1.5 align-top";
  const head = "border-b border-slate-300 px-2 py-1.5 text-left font-medium text-slate-700";
  return (
    <details className="rounded border border-slate-200 bg-white p-3">
      <summary className="cursor-pointer font-medium text-slate-900">
        {t("compliance.institution.parameters", { count: ofStandards.length })}
      </summary>
      <p className="mt-2 text-sm text-slate-700">{t("compliance.institution.parametersLead")}</p>
      <ScrollRegion className="mt-2">
        <table className="min-w-full border-collapse text-sm">
          <caption className="sr-only">{t("compliance.institution.parameters", { count: ofStandards.length })}</caption>
          <thead>
            <tr>
              <th scope="col" className={head}>
                {t("compliance.institution.table.parameter")}
              </th>
              <th scope="col" className={head}>
                {t("compliance.institution.table.value")}
              </th>
              <th scope="col" className={head}>
                {t("compliance.institution.table.source")}
              </th>
            </tr>
          </thead>
          <tbody>
            {ofStandards.map((p) => (
              <tr key={p.key}>
                <th scope="row" className={`${cell} text-left font-normal`}>
                  <span className="block text-xs text-slate-600">
                    <RuleLabel code={definitionOf(p.key).rule} />
                  </span>
                  {parameterLabel(t, p.key)}
                </th>
                <td className={`${cell} font-medium`}>{formatParameterValue(t, locale, p.key, p.value)}</td>
                <td className={cell}>{origin(p)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </ScrollRegion>
    </details>
  );
}
