import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, Outlet, useLoaderData } from "@remix-run/react";
import { FilingStepsNav } from "~/components/registry/filing-steps-nav";
import { Alert } from "~/components/ui/alert";
import { useTranslation } from "~/lib/i18n/use-translation";
import { editable, requireFilingContext } from "~/modules/registry/filing-access.server";
import { progressPercent, stepsDone } from "~/modules/registry/filing-progress";

type ChangeRequest = { path: string; comment: string };

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { filing, draft, institution } = await requireFilingContext(request, params.institutionId);
  if (!filing || !draft) return { filing: null, base: `/org/${institution.id}/filing` };
  return {
    base: `/org/${institution.id}/filing`,
    filing: {
      kind: filing.kind,
      status: filing.status,
      editable: editable(filing),
      decisionReason: filing.status === "CHANGES_REQUESTED" ? filing.decisionReason : null,
      changeRequests: filing.status === "CHANGES_REQUESTED" ? (filing.changeRequests as ChangeRequest[]) : [],
      done: stepsDone(draft),
      percent: progressPercent(draft),
    },
  };
}

export default function FilingWizard() {
  const { filing, base } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  if (!filing) {
    return (
      <div className="space-y-3">
        <p className="text-slate-700">{t("wizard.noFiling")}</p>
        <Link to=".." relative="path" className="text-brand-700 underline">
          {t("wizard.backToOverview")}
        </Link>
      </div>
    );
  }
  return (
    <div className="space-y-6">
      <p className="text-sm text-slate-700">
        {t(`filing.kind.${filing.kind}`)} · {t(`filing.status.${filing.status}`)}
      </p>
      {filing.status === "CHANGES_REQUESTED" ? (
        <Alert tone="info">
          <p>{t("wizard.changesRequested")}</p>
          {filing.decisionReason ? <p className="mt-1 font-medium">{filing.decisionReason}</p> : null}
          <ul className="mt-1 list-disc pl-5">
            {filing.changeRequests.map((c) => (
              <li key={`${c.path}:${c.comment}`}>
                <code className="text-sm">{c.path}</code>：{c.comment}
              </li>
            ))}
          </ul>
        </Alert>
      ) : null}
      {!filing.editable ? <Alert tone="info">{t("wizard.readOnly")}</Alert> : null}
      <FilingStepsNav base={base} done={filing.done} percent={filing.percent} />
      <Outlet />
    </div>
  );
}
