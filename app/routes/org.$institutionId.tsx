import type { LoaderFunctionArgs } from "@remix-run/node";
import { NavLink, Outlet, useLoaderData } from "@remix-run/react";
import { inScope } from "~/lib/db-scope.server";
import type { MessageKey } from "~/lib/i18n/catalog";
import { useTranslation } from "~/lib/i18n/use-translation";
import { notFound, requireInstitutionRole } from "~/modules/identity/guards.server";
import { INSTITUTION_ROLES } from "~/modules/identity/roles";

// The institution's workspace: its members reach it; anyone else gets 404.
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { scope } = await requireInstitutionRole(request, params.institutionId, INSTITUTION_ROLES);
  const institution = await inScope(scope, (db) =>
    db.institution.findUnique({
      where: { id: params.institutionId },
      select: { id: true, name: true, status: true, registrationNo: true },
    }),
  );
  if (!institution) throw notFound();
  return { institution };
}

const TABS: { to: string; label: MessageKey }[] = [
  { to: "", label: "org.nav.overview" },
  { to: "filing", label: "org.nav.filing" },
];

export default function InstitutionWorkspace() {
  const { institution } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  return (
    <div className="space-y-6">
      <header className="space-y-1">
        <p className="text-sm text-slate-600">
          {t(`institution.status.${institution.status}`)}
          {institution.registrationNo ? ` · ${t("org.registrationNo")} ${institution.registrationNo}` : ""}
        </p>
        <h1 className="text-2xl font-semibold">{institution.name}</h1>
      </header>
      <nav aria-label={t("org.nav.label")} className="border-b border-slate-200">
        <ul className="-mb-px flex flex-wrap gap-1">
          {TABS.map((tab) => (
            <li key={tab.to}>
              <NavLink
                to={tab.to === "" ? `/org/${institution.id}` : `/org/${institution.id}/${tab.to}`}
                end={tab.to === ""}
                className={({ isActive }) =>
                  `inline-block border-b-2 px-3 py-2 text-sm ${isActive ? "border-brand-700 font-semibold text-brand-900" : "border-transparent text-slate-700 hover:text-slate-900"}`
                }
              >
                {t(tab.label)}
              </NavLink>
            </li>
          ))}
        </ul>
      </nav>
      <Outlet />
    </div>
  );
}
