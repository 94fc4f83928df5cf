import type { LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { PageTitle } from "~/components/ui/page-title";
import { inScope } from "~/lib/db-scope.server";
import { formatDateTime } from "~/lib/format";
import { useTranslation } from "~/lib/i18n/use-translation";
import { notFound, requireInstitutionRole } from "~/modules/identity/guards.server";
import { INSTITUTION_ROLES } from "~/modules/identity/roles";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { scope } = await requireInstitutionRole(request, params.institutionId, INSTITUTION_ROLES);
  const institution = await inScope(scope, (db) =>
    db.institution.findUnique({
      where: { id: params.institutionId },
      select: {
        name: true,
        status: true,
        createdAt: true,
        authority: { select: { name: true, nameEn: true } },
        memberships: { select: { id: true, role: true, user: { select: { displayName: true, email: true } } } },
      },
    }),
  );
  if (!institution) throw notFound();
  return { institution };
}

export default function InstitutionWorkspace() {
  const { institution } = useLoaderData<typeof loader>();
  const { t, locale } = useTranslation();
  return (
    <div className="space-y-6">
      <PageTitle>{institution.name}</PageTitle>
      <dl className="grid grid-cols-[max-content_1fr] gap-x-6 gap-y-1">
        <dt className="text-slate-600">{t("org.status")}</dt>
        <dd>{t(`institution.status.${institution.status}`)}</dd>
        <dt className="text-slate-600">{t("org.authority")}</dt>
        <dd>{locale === "en" ? institution.authority.nameEn : institution.authority.name}</dd>
        <dt className="text-slate-600">{t("org.opened")}</dt>
        <dd>{formatDateTime(institution.createdAt, locale)}</dd>
      </dl>
      <section aria-labelledby="org-members" className="space-y-2">
        <h2 id="org-members" className="text-lg font-semibold">
          {t("org.members")}
        </h2>
        <ul className="space-y-1">
          {institution.memberships.map((m) => (
            <li key={m.id}>
              {m.user.displayName} · <span className="break-all">{m.user.email}</span> · {t(`role.${m.role}`)}
            </li>
          ))}
        </ul>
      </section>
    </div>
  );
}
