import { useTranslation } from "~/lib/i18n/use-translation";
import type { Sport } from "~/modules/registry/sports";

export type RegistrationFactsData = {
  registrationNo: string;
  creditCode: string | null;
  sports: Sport[];
  authority: { name: string; nameEn: string };
  /** Calendar dates in China Standard Time (YYYY-MM-DD), formatted by the loader. */
  registeredOn: string | null;
  approvedOn: string | null;
};

/** The registration as the authority recorded it: what a parent compares with the certificate on the wall. */
export function RegistrationFacts({ facts }: { facts: RegistrationFactsData }) {
  const { t, locale } = useTranslation();
  const rows: [string, string][] = [
    [t("public.facts.registrationNo"), facts.registrationNo],
    [t("public.facts.authority"), locale === "en" ? facts.authority.nameEn : facts.authority.name],
    [t("public.facts.registeredOn"), facts.registeredOn ?? t("public.none")],
    [t("public.facts.approvedOn"), facts.approvedOn ?? t("public.none")],
    [t("public.facts.creditCode"), facts.creditCode ?? t("public.none")],
    [
      t("public.facts.sports"),
      facts.sports.length > 0
        ? facts.sports.map((s) => t(`sport.${s}`)).join(t("public.listSeparator"))
        : t("public.none"),
    ],
  ];
  return (
    <dl className="grid grid-cols-1 gap-x-4 gap-y-1 sm:grid-cols-[max-content_minmax(0,1fr)]">
      {rows.map(([label, value]) => (
        <div key={label} className="contents">
          <dt className="text-sm text-slate-600 sm:text-base">{label}</dt>
          <dd className="mb-2 break-words sm:mb-0">{value}</dd>
        </div>
      ))}
    </dl>
  );
}
