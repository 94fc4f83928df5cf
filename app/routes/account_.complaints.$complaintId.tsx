import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData, useSearchParams } from "@remix-run/react";
import { ComplaintHistory } from "~/components/complaints/complaint-history";
import { ComplaintStatusBadge } from "~/components/complaints/complaint-status-badge";
import { Alert } from "~/components/ui/alert";
import { PageTitle } from "~/components/ui/page-title";
import { formatDateTime } from "~/lib/format";
import { routeMeta } from "~/lib/i18n/route-meta";
import { useTranslation } from "~/lib/i18n/use-translation";
import { parentComplaint } from "~/modules/complaints/complaints-read.server";
import { notFound, requireViewer } from "~/modules/identity/guards.server";

export { clientLoader, handle } from "~/lib/i18n/workspace-route";

// One of the parent's complaints: what they wrote, their photos (through /files/:id), the status,
// the history and the regulator's outcome. Anyone else's complaint, or none: 404.

export const meta: MetaFunction = ({ matches }) => {
  const { inherited, t } = routeMeta(matches);
  return [...inherited, { title: t("complaints.detail.title") }];
};

export async function loader({ request, params }: LoaderFunctionArgs) {
  const viewer = await requireViewer(request);
  const complaint = await parentComplaint(viewer.user.id, params.complaintId ?? "");
  if (!complaint) throw notFound();
  return { complaint };
}

export default function MyComplaint() {
  const { complaint } = useLoaderData<typeof loader>();
  const [search] = useSearchParams();
  const { t, locale } = useTranslation();
  return (
    <div className="space-y-6">
      <header className="space-y-2">
        <p className="text-sm">
          <Link to="/account/complaints" className="text-brand-700 underline">
            {t("complaints.detail.back")}
          </Link>
        </p>
        <PageTitle>{t("complaints.detail.title")}</PageTitle>
      </header>
      {search.get("filed") === "1" ? <Alert tone="success">{t("complaints.detail.filed")}</Alert> : null}
      <dl className="grid grid-cols-[max-content_minmax(0,1fr)] gap-x-4 gap-y-2 rounded border border-slate-200 bg-white p-4">
        <dt className="text-slate-600">{t("complaints.detail.institution")}</dt>
        <dd className="break-words">
          {complaint.registrationNo ? (
            <Link to={`/institutions/${complaint.registrationNo}`} className="text-brand-700 underline">
              {complaint.institutionName}
            </Link>
          ) : (
            complaint.institutionName
          )}
        </dd>
        <dt className="text-slate-600">{t("complaints.detail.category")}</dt>
        <dd>{t(`complaints.category.${complaint.category}`)}</dd>
        <dt className="text-slate-600">{t("complaints.detail.status")}</dt>
        <dd>
          <ComplaintStatusBadge status={complaint.status} />
        </dd>
        <dt className="text-slate-600">{t("complaints.detail.filedAt")}</dt>
        <dd>{formatDateTime(complaint.createdAt, locale)}</dd>
      </dl>
      <section aria-labelledby="complaint-outcome" className="space-y-2 rounded border border-slate-300 bg-white p-4">
        <h2 id="complaint-outcome" className="text-lg font-semibold">
          {t("complaints.detail.outcome")}
        </h2>
        {complaint.outcome ? (
          <p className="whitespace-pre-wrap break-words">{complaint.outcome}</p>
        ) : (
          <p className="text-slate-700">{t("complaints.detail.noOutcome")}</p>
        )}
      </section>
      <section aria-labelledby="complaint-description" className="space-y-2">
        <h2 id="complaint-description" className="text-lg font-semibold">
          {t("complaints.detail.description")}
        </h2>
        <p className="whitespace-pre-wrap break-words">{complaint.description}</p>
      </section>
      {complaint.photoFileIds.length > 0 ? (
        <section aria-labelledby="complaint-photos" className="space-y-2">
          <h2 id="complaint-photos" className="text-lg font-semibold">
            {t("complaints.detail.photos")}
          </h2>
          <ul className="grid grid-cols-2 gap-2 sm:grid-cols-3">
            {complaint.photoFileIds.map((id, i) => (
              <li key={id}>
                <a href={`/files/${id}`} className="block">
                  <img
                    src={`/files/${id}`}
                    alt={t("complaints.detail.photo", { n: i + 1 })}
                    className="h-32 w-full rounded border border-slate-200 object-cover"
                  />
                </a>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      <ComplaintHistory events={complaint.events} parentView />
    </div>
  );
}
