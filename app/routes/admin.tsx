import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { PageTitle } from "~/components/ui/page-title";
import { inScope } from "~/lib/db-scope.server";
import { useTranslation } from "~/lib/i18n/use-translation";
import { requirePlatformAdmin } from "~/modules/identity/guards.server";
import { allAuthorities } from "~/modules/tenancy/authorities.server";

export { clientLoader, handle } from "~/lib/i18n/workspace-route";

export async function loader({ request }: LoaderFunctionArgs) {
  const viewer = await requirePlatformAdmin(request);
  const [authorities, counts] = await Promise.all([
    allAuthorities(),
    inScope({ userId: viewer.user.id, authorityId: null, platform: true }, (db) =>
      db.institution.groupBy({ by: ["authorityId"], _count: { _all: true } }),
    ),
  ]);
  const institutions = Object.fromEntries(counts.map((c) => [c.authorityId, c._count._all]));
  return { authorities, institutions };
}

export default function PlatformAdmin() {
  const { authorities, institutions } = useLoaderData<typeof loader>();
  const { t, locale } = useTranslation();
  const depth = { PROVINCE: "pl-0", CITY: "pl-6", DISTRICT: "pl-12" } as const;
  return (
    <div className="space-y-6">
      <PageTitle>{t("admin.title")}</PageTitle>
      <p className="text-slate-700">{t("admin.lead")}</p>
      <p>
        <Link to="/admin/queues" className="font-medium text-brand-700 underline">
          {t("queues.link")}
        </Link>
      </p>
      <ul className="divide-y divide-slate-200 rounded border border-slate-200 bg-white">
        {authorities.map((a) => (
          <li key={a.id} className={`flex flex-wrap justify-between gap-2 p-3 ${depth[a.level]}`}>
            <Link to={`/gov/${a.slug}`} className="font-medium text-brand-700 underline">
              {locale === "en" ? a.nameEn : a.name}
            </Link>
            <span className="text-sm text-slate-600">
              {t(`gov.level.${a.level}`)} · {a.code} · {t("admin.institutions", { count: institutions[a.id] ?? 0 })}
            </span>
          </li>
        ))}
      </ul>
    </div>
  );
}
