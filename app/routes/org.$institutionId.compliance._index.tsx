import type { LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { FindingList } from "~/components/compliance/finding-list";
import { GradeBadge, GradeMeaning } from "~/components/compliance/grade-badge";
import { RectificationList } from "~/components/compliance/rectification-list";
import { Alert } from "~/components/ui/alert";
import { formatDateTime } from "~/lib/format";
import { useTranslation } from "~/lib/i18n/use-translation";
import { latestComplianceOf } from "~/modules/compliance/compliance-read.server";
import { rectificationOrdersOf } from "~/modules/compliance/rectification-read.server";
import { notFound, requireInstitutionRole } from "~/modules/identity/guards.server";
import { INSTITUTION_ROLES } from "~/modules/identity/roles";

// The institution's own compliance: its latest findings in plain words with what to fix (problems
// first), and the rectification orders it has received. Its members only; anyone else 404.
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { scope } = await requireInstitutionRole(request, params.institutionId, INSTITUTION_ROLES);
  const institutionId = params.institutionId ?? "";
  const compliance = await latestComplianceOf(scope, institutionId, "member");
  if (!compliance) throw notFound();
  const orders = await rectificationOrdersOf(scope, institutionId);
  return {
    institution: { id: compliance.institution.id, grade: compliance.institution.grade },
    evaluatedAt: compliance.institution.evaluatedAt,
    // What an institution needs: its findings. Parameters and report internals are the regulator's.
    findings: compliance.report?.findings ?? null,
    orders,
  };
}

export default function InstitutionOwnCompliance() {
  const { institution, evaluatedAt, findings, orders } = useLoaderData<typeof loader>();
  const { t, locale } = useTranslation();
  return (
    <div className="space-y-6">
      <header className="space-y-2">
        <h2 className="text-xl font-semibold text-slate-900">{t("compliance.org.title")}</h2>
        <p className="text-sm text-slate-700">{t("compliance.org.lead")}</p>
      </header>
      {findings === null ? (
        <Alert tone="info">{t("compliance.org.empty")}</Alert>
      ) : (
        <>
          <div className="flex flex-wrap items-center gap-x-4 gap-y-1 rounded border border-slate-200 bg-white p-4">
            <GradeBadge grade={institution.grade} />
            <span className="text-sm text-slate-700">
              <GradeMeaning grade={institution.grade} />
            </span>
            {evaluatedAt ? (
              <span className="text-sm text-slate-600">
                {t("compliance.org.evaluatedAt", { time: formatDateTime(evaluatedAt, locale) })}
              </span>
            ) : null}
          </div>
          <FindingList findings={findings} audience="institution" />
        </>
      )}
      <section aria-labelledby="rectifications-heading" className="space-y-3">
        <h3 id="rectifications-heading" className="text-lg font-semibold">
          {t("compliance.rectifications.heading")}
        </h3>
        <RectificationList
          orders={orders}
          basePath={`/org/${institution.id}/compliance/rectifications`}
          audience="institution"
        />
      </section>
    </div>
  );
}
