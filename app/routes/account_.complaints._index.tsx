import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { ComplaintStatusBadge } from "~/components/complaints/complaint-status-badge";
import { PageTitle } from "~/components/ui/page-title";
import { formatDate } from "~/lib/format";
import { routeMeta } from "~/lib/i18n/route-meta";
import { useTranslation } from "~/lib/i18n/use-translation";
import { listParentComplaints } from "~/modules/complaints/complaints-read.server";
import { requireViewer } from "~/modules/identity/guards.server";

export { clientLoader, handle } from "~/lib/i18n/workspace-route";

// 我的投诉: the signed-in person's complaints (a parent's; anyone else has none), newest first, with
// their status. Row-level security keeps it to their own.

export const meta: MetaFunction = ({ matches }) => {
  const { inherited, t } = routeMeta(matches);
  return [...inherited, { title: t("complaints.list.title") }];
};

export async function loader({ request }: LoaderFunctionArgs) {
  const viewer = await requireViewer(request);
  return { complaints: await listParentComplaints(viewer.user.id) };
}

export default function MyComplaints() {
  const { complaints } = useLoaderData<typeof loader>();
  const { t, locale } = useTranslation();
  return (
    <div className="space-y-6">
      <header className="space-y-2">
        <p className="text-sm">
          <Link to="/account" className="text-brand-700 underline">
            {t("complaints.list.back")}
          </Link>
        </p>
        <PageTitle>{t("complaints.list.title")}</PageTitle>
        <p className="text-slate-700">{t("complaints.list.lead")}</p>
      </header>
      {complaints.length === 0 ? (
        <p className="rounded border border-slate-300 bg-white p-4 text-slate-700">{t("complaints.list.empty")}</p>
      ) : (
        <ul className="space-y-3">
          {complaints.map((c) => (
            <li key={c.id} className="space-y-1 rounded border border-slate-200 bg-white p-4">
              <div className="flex flex-wrap items-start justify-between gap-2">
                <h2 className="min-w-0 break-words font-semibold">
                  <Link to={`/account/complaints/${c.id}`} className="text-brand-700 underline">
                    {c.institutionName}
                  </Link>
                </h2>
                <ComplaintStatusBadge status={c.status} />
              </div>
              <p className="text-sm text-slate-700">
                {t(`complaints.category.${c.category}`)} ·{" "}
                {t("complaints.list.filedOn", { date: formatDate(c.createdAt, locale) })}
              </p>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
