import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "~/lib/i18n/use-translation";
import { requireAuthorityRole } from "~/modules/identity/guards.server";
import { REGULATOR_ROLES } from "~/modules/identity/roles";
import { INSTITUTION_STATUSES } from "~/modules/registry/institution-status";
import { authorityOverview } from "~/modules/tenancy/overview.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { authority, scope } = await requireAuthorityRole(request, params.authority, REGULATOR_ROLES);
  return authorityOverview({ ...scope, authorityId: authority.id });
}

export default function AuthorityOverview() {
  const { children, institutions, members } = useLoaderData<typeof loader>();
  const { t, locale } = useTranslation();
  const total = Object.values(institutions).reduce((a, b) => a + b, 0);
  return (
    <div className="space-y-8">
      <section aria-labelledby="institutions-heading" className="space-y-3">
        <h2 id="institutions-heading" className="text-lg font-semibold">
          {t("gov.overview.institutions", { count: total })}
        </h2>
        <dl className="grid grid-cols-2 gap-3 sm:grid-cols-5">
          {INSTITUTION_STATUSES.map((status) => (
            <div key={status} className="rounded border border-slate-200 bg-white p-3">
              <dt className="text-sm text-slate-600">{t(`institution.status.${status}`)}</dt>
              <dd className="text-2xl font-semibold">{institutions[status]}</dd>
            </div>
          ))}
        </dl>
        {total === 0 ? <p className="text-slate-700">{t("gov.overview.noInstitutions")}</p> : null}
      </section>
      <section aria-labelledby="members-heading" className="space-y-1">
        <h2 id="members-heading" className="text-lg font-semibold">
          {t("gov.nav.members")}
        </h2>
        <p className="text-slate-700">{t("gov.overview.members", { count: members })}</p>
      </section>
      <section aria-labelledby="children-heading" className="space-y-3">
        <h2 id="children-heading" className="text-lg font-semibold">
          {t("gov.overview.children")}
        </h2>
        {children.length === 0 ? (
          <p className="text-slate-700">{t("gov.overview.noChildren")}</p>
        ) : (
          <ul className="grid gap-2 sm:grid-cols-2">
            {children.map((child) => (
              <li key={child.id}>
                <Link
                  to={`/gov/${child.slug}`}
                  className="block rounded border border-slate-200 bg-white p-3 hover:border-brand-600"
                >
                  <span className="font-medium text-brand-900">{locale === "en" ? child.nameEn : child.name}</span>
                  <span className="block text-sm text-slate-600">
                    {t(`gov.level.${child.level}`)} · {child.code}
                  </span>
                </Link>
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}
