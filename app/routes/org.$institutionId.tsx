import type { LoaderFunctionArgs } from "@remix-run/node";
import { Outlet, useLoaderData } from "@remix-run/react";
import { type Tab, TabNav } from "~/components/layout/tab-nav";
import { inScope } from "~/lib/db-scope.server";
import { useTranslation } from "~/lib/i18n/use-translation";
import { layoutRevalidation } from "~/lib/i18n/workspace-route";
import { notFound, requireInstitutionRole } from "~/modules/identity/guards.server";
import { INSTITUTION_ROLES } from "~/modules/identity/roles";

export { clientLoader, handle } from "~/lib/i18n/workspace-route";

export const shouldRevalidate = layoutRevalidation("institutionId");

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

const TABS: Tab[] = [
  { to: "", label: "org.nav.overview" },
  { to: "filing", label: "org.nav.filing" },
  { to: "compliance", label: "org.nav.compliance" },
  { to: "safety-logs", label: "org.nav.safetyLogs" },
  { to: "lessons", label: "org.nav.lessons" },
  { to: "escrow", label: "org.nav.escrow" },
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
      <TabNav base={`/org/${institution.id}`} tabs={TABS} label="org.nav.label" />
      <Outlet />
    </div>
  );
}
