import type { LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { ComplaintStatusBadge } from "~/components/complaints/complaint-status-badge";
import { ScrollRegion } from "~/components/ui/scroll-region";
import { SelectField } from "~/components/ui/select-field";
import { TextField } from "~/components/ui/text-field";
import { formatDateTime } from "~/lib/format";
import { useTranslation } from "~/lib/i18n/use-translation";
import {
  COMPLAINT_CATEGORIES,
  COMPLAINT_STATUSES,
  isComplaintCategory,
  isComplaintStatus,
} from "~/modules/complaints/complaint-forms";
import { complaintQueue } from "~/modules/complaints/complaints-read.server";
import { requireAuthorityRole } from "~/modules/identity/guards.server";
import { REGULATOR_ROLES } from "~/modules/identity/roles";

// 投诉: parents' complaints about institutions of the jurisdiction, with counts by status and
// filters (status, category, institution or text). Open ones first, oldest first. Regulator
// admins and inspectors of the authority or above; anyone else 404.

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { scope, authority } = await requireAuthorityRole(request, params.authority, REGULATOR_ROLES);
  const url = new URL(request.url);
  const statusParam = url.searchParams.get("status") ?? "OPEN";
  const status = statusParam === "OPEN" ? "OPEN" : isComplaintStatus(statusParam) ? statusParam : null;
  const categoryParam = url.searchParams.get("category");
  const category = isComplaintCategory(categoryParam) ? categoryParam : null;
  const q = (url.searchParams.get("q") ?? "").slice(0, 100);
  const queue = await complaintQueue(scope, { status, category, q });
  return { slug: authority.slug, filters: { status: status ?? "ALL", category: category ?? "", q }, ...queue };
}

export default function ComplaintQueuePage() {
  const { slug, filters, counts, complaints } = useLoaderData<typeof loader>();
  const { t, locale } = useTranslation();
  return (
    <div className="space-y-6">
      <header className="space-y-1">
        <h2 className="text-xl font-semibold">{t("complaints.gov.title")}</h2>
        <p className="text-slate-700">{t("complaints.gov.lead")}</p>
      </header>
      <section aria-labelledby="complaint-counts">
        <h3 id="complaint-counts" className="sr-only">
          {t("complaints.gov.counts")}
        </h3>
        <ul className="flex flex-wrap gap-2">
          {COMPLAINT_STATUSES.map((s) => (
            <li key={s}>
              <Link
                to={`?status=${s}`}
                className="inline-block rounded border border-slate-300 bg-white px-3 py-1 text-sm hover:bg-slate-50"
              >
                {t(`complaints.status.${s}`)} <strong>{counts[s]}</strong>
              </Link>
            </li>
          ))}
        </ul>
      </section>
      <Form method="get" className="grid gap-3 sm:grid-cols-[repeat(3,minmax(0,1fr))_max-content] sm:items-end">
        <SelectField
          name="status"
          label={t("complaints.gov.filter.status")}
          defaultValue={filters.status}
          options={[
            { value: "OPEN", label: t("complaints.gov.filter.open") },
            { value: "ALL", label: t("complaints.gov.filter.all") },
            ...COMPLAINT_STATUSES.map((s) => ({ value: s, label: t(`complaints.status.${s}`) })),
          ]}
        />
        <SelectField
          name="category"
          label={t("complaints.gov.filter.category")}
          defaultValue={filters.category}
          placeholder={t("complaints.gov.filter.allCategories")}
          options={COMPLAINT_CATEGORIES.map((c) => ({ value: c, label: t(`complaints.category.${c}`) }))}
        />
        <TextField name="q" label={t("complaints.gov.filter.q")} defaultValue={filters.q} maxLength={100} />
        <button
          type="submit"
          className="rounded border border-slate-400 bg-white px-4 py-2 font-medium hover:bg-slate-100"
        >
          {t("complaints.gov.filter.apply")}
        </button>
      </Form>
      {complaints.length === 0 ? (
        <p className="text-slate-700">{t("complaints.gov.empty")}</p>
      ) : (
        <ScrollRegion>
          <table className="min-w-full divide-y divide-slate-200 bg-white text-sm">
            <thead>
              <tr className="text-left">
                <th className="p-2">{t("complaints.gov.col.institution")}</th>
                <th className="p-2">{t("complaints.gov.col.category")}</th>
                <th className="p-2">{t("complaints.gov.col.status")}</th>
                <th className="p-2">{t("complaints.gov.col.filed")}</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {complaints.map((c) => (
                <tr key={c.id}>
                  <td className="p-2">
                    <Link to={`/gov/${slug}/complaints/${c.id}`} className="text-brand-700 underline">
                      {c.institutionName}
                    </Link>
                  </td>
                  <td className="p-2">{t(`complaints.category.${c.category}`)}</td>
                  <td className="p-2">
                    <ComplaintStatusBadge status={c.status} />
                  </td>
                  <td className="p-2">{formatDateTime(c.createdAt, locale)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollRegion>
      )}
    </div>
  );
}
