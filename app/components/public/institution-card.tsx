import { Link } from "@remix-run/react";
import { useTranslation } from "~/lib/i18n/use-translation";
import type { Sport } from "~/modules/registry/sports";
import type { RegistrationStatus } from "./registration-status";
import { StatusBadge } from "./status-badge";

export type InstitutionCardData = {
  registrationNo: string;
  name: string;
  status: RegistrationStatus;
  sports: Sport[];
  authority: { name: string; nameEn: string };
};

/** One search result: enough to tell institutions apart, the profile one tap away. */
export function InstitutionCard({ institution }: { institution: InstitutionCardData }) {
  const { t, locale } = useTranslation();
  return (
    <article className="space-y-2 rounded border border-slate-200 bg-white p-4">
      <div className="flex flex-wrap items-start justify-between gap-2">
        <h3 className="min-w-0 break-words text-lg font-semibold">
          <Link to={`/institutions/${institution.registrationNo}`} className="text-brand-700 underline">
            {institution.name}
          </Link>
        </h3>
        <StatusBadge status={institution.status} />
      </div>
      <dl className="grid grid-cols-[max-content_minmax(0,1fr)] gap-x-3 gap-y-1 text-sm">
        <dt className="text-slate-600">{t("public.facts.registrationNo")}</dt>
        <dd className="break-all font-mono">{institution.registrationNo}</dd>
        <dt className="text-slate-600">{t("public.facts.authority")}</dt>
        <dd className="break-words">{locale === "en" ? institution.authority.nameEn : institution.authority.name}</dd>
        <dt className="text-slate-600">{t("public.facts.sports")}</dt>
        <dd className="break-words">
          {institution.sports.length > 0
            ? institution.sports.map((s) => t(`sport.${s}`)).join(t("public.listSeparator"))
            : t("public.none")}
        </dd>
      </dl>
    </article>
  );
}
