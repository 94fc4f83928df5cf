import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { FindingList } from "~/components/compliance/finding-list";
import { RectificationList } from "~/components/compliance/rectification-list";
import { ReportSummary } from "~/components/compliance/report-summary";
import { UsedParameters } from "~/components/compliance/used-parameters";
import { Alert } from "~/components/ui/alert";
import { useTranslation } from "~/lib/i18n/use-translation";
import { latestComplianceOf } from "~/modules/compliance/compliance-read.server";
import { rectificationOrdersOf } from "~/modules/compliance/rectification-read.server";
import { notFound, requireAuthorityRole } from "~/modules/identity/guards.server";
import { REGULATOR_ROLES } from "~/modules/identity/roles";

// One institution of the jurisdiction: its grade, its latest report with every finding (those met
// folded away) and the parameters it used, and the way to a rectification order. An institution
// outside the jurisdiction, unknown, or a malformed id: 404.
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { authority, scope } = await requireAuthorityRole(request, params.authority, REGULATOR_ROLES);
  const compliance = await latestComplianceOf(scope, params.institutionId ?? "", "regulator");
  if (!compliance) throw notFound();
  // Orders already issued, so a second one is not written for the same findings by mistake.
  const orders = await rectificationOrdersOf(scope, compliance.institution.id);
  return { ...compliance, orders, slug: authority.slug };
}

export default function InstitutionCompliancePage() {
  const compliance = useLoaderData<typeof loader>();
  const { institution, report, parameterSources, orders, slug } = compliance;
  const { t } = useTranslation();
  return (
    <div className="space-y-6">
      <p className="text-sm">
        <Link to={`/gov/${slug}/compliance`} className="text-brand-700 underline">
          {t("compliance.institution.back")}
        </Link>
      </p>
      <header className="flex flex-wrap items-start justify-between gap-4">
        <h2 className="text-xl font-semibold text-slate-900">
          {t("compliance.institution.heading", { name: institution.name })}
        </h2>
        {/* The order form (another screen) takes the institution and offers its open findings. */}
        <Link
          to={`/gov/${slug}/rectifications/new?institution=${institution.id}`}
          className="rounded bg-brand-700 px-4 py-2 font-medium text-white hover:bg-brand-900"
        >
          {t("compliance.institution.rectify")}
        </Link>
      </header>
      <ReportSummary
        compliance={compliance}
        registrationLink={
          <Link to={`/gov/${slug}/institutions/${institution.id}`} className="text-brand-700 underline">
            {t("compliance.institution.registration")}
          </Link>
        }
      />
      {report ? (
        <>
          <FindingList findings={report.findings} audience="regulator" />
          <UsedParameters parameters={report.parameters} sources={parameterSources} />
        </>
      ) : (
        <Alert tone="info">{t("compliance.institution.empty")}</Alert>
      )}
      <section aria-labelledby="orders-heading" className="space-y-3">
        <h3 id="orders-heading" className="text-lg font-semibold">
          {t("compliance.rectifications.heading")}
        </h3>
        <RectificationList orders={orders} basePath={`/gov/${slug}/rectifications`} audience="regulator" />
      </section>
    </div>
  );
}
