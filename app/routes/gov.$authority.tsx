import type { LoaderFunctionArgs } from "@remix-run/node";
import { Outlet, useLoaderData } from "@remix-run/react";
import { type Tab, TabNav } from "~/components/layout/tab-nav";
import { useTranslation } from "~/lib/i18n/use-translation";
import { layoutRevalidation } from "~/lib/i18n/workspace-route";
import { requireAuthorityRole } from "~/modules/identity/guards.server";
import { REGULATOR_ROLES } from "~/modules/identity/roles";

export { clientLoader, handle } from "~/lib/i18n/workspace-route";

export const shouldRevalidate = layoutRevalidation("authority");

// The regulator workspace of one authority: its members (and platform admins) reach it and its
// descendants; anyone else gets 404.
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { authority, role } = await requireAuthorityRole(request, params.authority, REGULATOR_ROLES);
  return { authority, role };
}

const TABS: (Tab & { adminOnly: boolean })[] = [
  { to: "", label: "gov.nav.overview", adminOnly: false },
  { to: "reviews", label: "gov.nav.reviews", adminOnly: false },
  { to: "institutions", label: "gov.nav.institutions", adminOnly: false },
  { to: "compliance", label: "gov.nav.compliance", adminOnly: false },
  { to: "rectifications", label: "gov.nav.rectifications", adminOnly: false },
  { to: "inspections", label: "gov.nav.inspections", adminOnly: false },
  { to: "draws", label: "gov.nav.draws", adminOnly: false },
  { to: "funds", label: "gov.nav.funds", adminOnly: false },
  { to: "risk", label: "gov.nav.risk", adminOnly: false },
  { to: "disputes", label: "gov.nav.disputes", adminOnly: false },
  { to: "complaints", label: "complaints.gov.nav", adminOnly: false },
  { to: "standards", label: "gov.nav.standards", adminOnly: false },
  { to: "members", label: "gov.nav.members", adminOnly: true },
  { to: "settings", label: "gov.nav.settings", adminOnly: false },
  { to: "calendar", label: "gov.nav.calendar", adminOnly: false },
  { to: "audit", label: "gov.nav.audit", adminOnly: true },
];

export default function AuthorityWorkspace() {
  const { authority, role } = useLoaderData<typeof loader>();
  const { t, locale } = useTranslation();
  const tabs = TABS.filter((tab) => !tab.adminOnly || role === "REGULATOR_ADMIN");
  return (
    <div className="space-y-6">
      <header className="space-y-1">
        <p className="text-sm text-slate-600">
          {t(`gov.level.${authority.level}`)} · {authority.code}
        </p>
        <h1 className="text-2xl font-semibold">{locale === "en" ? authority.nameEn : authority.name}</h1>
      </header>
      <TabNav base={`/gov/${authority.slug}`} tabs={tabs} label="gov.nav.label" />
      <Outlet />
    </div>
  );
}
