import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { formatParameterValue, parameterLabel } from "~/components/compliance/parameter-value";
import { RuleLabel, ruleSources } from "~/components/compliance/rule-label";
import { ScrollRegion } from "~/components/ui/scroll-region";
import { isoDateInChina } from "~/lib/china-date";
import type { Locale, Translate } from "~/lib/i18n/catalog";
import { useTranslation } from "~/lib/i18n/use-translation";
import { failingCountsByRule } from "~/modules/compliance/compliance-read.server";
import { SEVERITY } from "~/modules/compliance/severity";
import { STANDARD_CODES, type StandardCode } from "~/modules/compliance/standard-codes";
import { requireAuthorityRole } from "~/modules/identity/guards.server";
import { REGULATOR_ROLES } from "~/modules/identity/roles";
import { PARAMETERS, parametersOfRule, RULES, type RuleFamily, switchOf } from "~/modules/tenancy/parameters";
import type { ResolvedParameter } from "~/modules/tenancy/resolve-settings";
import { type SettingsOverview, settingsOverview } from "~/modules/tenancy/settings.server";

// The standards browser: every rule with its code, family, severity, sources and scope, and the
// parameters in force for this authority today with where each comes from. Changing them is the
// settings page's work; this page links there.
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { authority, scope } = await requireAuthorityRole(request, params.authority, REGULATOR_ROLES);
  const today = isoDateInChina();
  const overview = await settingsOverview(authority.id, today);
  const failing = await failingCountsByRule(scope);
  const standards = new Set<string>(STANDARD_CODES);
  return {
    today,
    slug: authority.slug,
    authorityId: authority.id,
    chain: overview.chain,
    // The standards' parameters only (escrow and warning thresholds are settings, not rules).
    parameters: overview.parameters
      .filter((p) => standards.has(PARAMETERS[p.key].rule))
      .map((p) => ({ key: p.key, current: p.current, upcoming: p.upcoming.length })),
    failing: Object.fromEntries(failing.map((f) => [f.rule, f.institutions])) as Record<StandardCode, number>,
  };
}

const FAMILIES: readonly RuleFamily[] = ["FEE", "SCH", "VEN", "STF", "HRS", "REG"];

type Chain = SettingsOverview["chain"];

function originOf(t: Translate, locale: Locale, chain: Chain, selfId: string, current: ResolvedParameter): string {
  if (current.source.kind === "default") return t("compliance.standards.origin.default");
  const date = current.effectiveFrom ?? "";
  if (current.source.authorityId === selfId) return t("compliance.standards.origin.here", { date });
  const { authorityId } = current.source;
  const authority = chain.find((a) => a.id === authorityId);
  const name = authority ? (locale === "en" ? authority.nameEn : authority.name) : "";
  return t("compliance.standards.origin.inherited", { authority: name, date });
}

export default function StandardsBrowser() {
  const { today, slug, authorityId, chain, parameters, failing } = useLoaderData<typeof loader>();
  const { t, locale } = useTranslation();
  const byKey = new Map(parameters.map((p) => [p.key, p]));
  const cell = "border-b border-slate-200 px-2 py-1.5 align-top";
  const head = "border-b border-slate-300 px-2 py-1.5 text-left font-medium text-slate-700";
  return (
    <div className="space-y-8">
      <header className="space-y-2">
        <h2 className="text-xl font-semibold text-slate-900">{t("compliance.standards.title")}</h2>
        <p className="text-sm text-slate-700">{t("compliance.standards.lead")}</p>
        <p className="text-sm text-slate-700">{t("compliance.standards.asOf", { date: today })}</p>
        <p className="text-sm">
          <Link to={`/gov/${slug}/settings`} className="text-brand-700 underline">
            {t("compliance.standards.settingsLink")}
          </Link>
        </p>
      </header>
      <nav aria-label={t("compliance.standards.nav")}>
        <ul className="flex flex-wrap gap-x-4 gap-y-1 text-sm">
          {FAMILIES.map((family) => (
            <li key={family}>
              <a href={`#standards-${family}`} className="text-brand-700 underline">
                {t(`settings.family.${family}`)}
              </a>
            </li>
          ))}
        </ul>
      </nav>
      {FAMILIES.map((family) => (
        <section key={family} aria-labelledby={`standards-${family}`} className="space-y-4">
          <h3 id={`standards-${family}`} className="border-b border-slate-200 pb-1 text-lg font-semibold">
            {t(`settings.family.${family}`)}
          </h3>
          {STANDARD_CODES.filter((code) => RULES[code].family === family).map((code) => {
            const rule = RULES[code];
            const switchKey = switchOf(code);
            const switched = switchKey ? byKey.get(switchKey)?.current.value : true;
            const ruleParameters = parametersOfRule(code).flatMap((key) =>
              key === switchKey ? [] : (byKey.get(key) ?? []),
            );
            const failingCount = failing[code] ?? 0;
            const headingId = `standard-${code}`;
            return (
              <article
                key={code}
                aria-labelledby={headingId}
                className="space-y-3 rounded border border-slate-200 bg-white p-4"
              >
                <header className="space-y-1">
                  <h4 id={headingId} className="font-semibold text-slate-900">
                    <RuleLabel code={code} />
                  </h4>
                  <p className="text-sm text-slate-700">
                    {t("compliance.standards.severity", { severity: t(`compliance.severity.${SEVERITY[code]}`) })} ·{" "}
                    {t(`settings.applicability.${rule.applicability}`)}
                    {switchKey ? (
                      <>
                        {" "}
                        ·{" "}
                        <span className="font-medium">
                          {switched === true ? t("compliance.standards.on") : t("compliance.standards.off")}
                        </span>
                      </>
                    ) : null}
                  </p>
                  <p className="text-sm text-slate-700">
                    {t("compliance.rule.sources", { sources: ruleSources(t, code) })}
                  </p>
                </header>
                {ruleParameters.length === 0 ? (
                  <p className="text-sm text-slate-700">{t("compliance.standards.noParameters")}</p>
                ) : (
                  <ScrollRegion>
                    <table className="min-w-full border-collapse text-sm">
                      <caption className="sr-only">{t("compliance.standards.parameters")}</caption>
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
                        {ruleParameters.map((p) => (
                          <tr key={p.key}>
                            <th scope="row" className={`${cell} text-left font-normal`}>
                              {parameterLabel(t, p.key)}
                            </th>
                            <td className={`${cell} font-medium`}>
                              {formatParameterValue(t, locale, p.key, p.current.value)}
                            </td>
                            <td className={cell}>
                              {originOf(t, locale, chain, authorityId, p.current)}
                              {p.upcoming > 0 ? (
                                <span className="block text-slate-600">
                                  {t("compliance.standards.upcoming", { count: p.upcoming })}
                                </span>
                              ) : null}
                            </td>
                          </tr>
                        ))}
                      </tbody>
                    </table>
                  </ScrollRegion>
                )}
                <p className="flex flex-wrap gap-x-4 text-sm">
                  {failingCount > 0 ? (
                    <Link to={`/gov/${slug}/compliance?rule=${code}`} className="text-brand-700 underline">
                      {t("compliance.standards.failing", { count: failingCount })}
                    </Link>
                  ) : (
                    <span className="text-slate-700">{t("compliance.standards.failingNone")}</span>
                  )}
                  <Link to={`/gov/${slug}/settings#settings-rule-${code}`} className="text-brand-700 underline">
                    {t("compliance.standards.editHere")}
                  </Link>
                </p>
              </article>
            );
          })}
        </section>
      ))}
    </div>
  );
}
