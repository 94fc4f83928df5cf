import { type ActionFunctionArgs, type LoaderFunctionArgs, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { Precheck, type PrecheckView } from "~/components/compliance/precheck";
import { ContentView } from "~/components/registry/content-view";
import { Alert } from "~/components/ui/alert";
import { SubmitButton } from "~/components/ui/submit-button";
import { formFailure } from "~/lib/forms/parse.server";
import type { MessageKey } from "~/lib/i18n/catalog";
import { useTranslation } from "~/lib/i18n/use-translation";
import { logger } from "~/lib/logger.server";
import { evaluateDraftForPrecheck } from "~/modules/compliance/evaluation.server";
import { unsavedFindings } from "~/modules/compliance/stored-report";
import { submissionProblems } from "~/modules/registry/content";
import { FilingIncomplete, FilingNotEditable, submitFiling, withdrawFiling } from "~/modules/registry/filing.server";
import { editable, type FilingContext, requireFilingContext } from "~/modules/registry/filing-access.server";
import { TransitionRefused } from "~/modules/registry/state-machine";
import { fileNamesOf } from "~/modules/registry/wizard-uploads.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const context = await requireFilingContext(request, params.institutionId);
  const { filing, draft, institution, isAdmin } = context;
  if (!filing || !draft) throw redirect(`/org/${institution.id}`);
  const names = await fileNamesOf(context, draft);
  return {
    precheck: editable(filing) ? await precheckOf(context.scope, filing.id) : null,
    draft,
    files: Object.fromEntries(Object.entries(names).map(([id, name]) => [id, { name }])),
    problems: submissionProblems(draft),
    status: filing.status,
    kind: filing.kind,
    isAdmin,
    overview: `/org/${institution.id}`,
  };
}

/**
 * The compliance pre-check of the draft, shown before submission. It advises and never blocks:
 * if the evaluation fails, the step still works without it (and the operators are told).
 */
async function precheckOf(scope: FilingContext["scope"], filingId: string): Promise<PrecheckView | null> {
  try {
    const precheck = await evaluateDraftForPrecheck(scope, filingId);
    return { complete: precheck.complete, grade: precheck.grade, findings: unsavedFindings(precheck.findings) };
  } catch (error) {
    logger.error({ err: error, filingId }, "compliance pre-check failed");
    return null;
  }
}

export async function action({ request, params }: ActionFunctionArgs) {
  const context = await requireFilingContext(request, params.institutionId);
  if (!context.isAdmin) return formFailure({ fieldErrors: {}, formError: "review.onlyAdminSubmits" }, 403);
  if (!context.filing) return redirect(`/org/${context.institution.id}`);
  const intent = new URL(request.url).searchParams.get("intent");
  try {
    if (intent === "withdraw") {
      await withdrawFiling(context.scope, context.filing.id);
      return redirect(`/org/${context.institution.id}`);
    }
    await submitFiling(context.scope, context.filing.id);
  } catch (error) {
    if (error instanceof FilingIncomplete) return formFailure({ fieldErrors: {}, formError: "review.problems" }, 409);
    if (error instanceof TransitionRefused) return formFailure({ fieldErrors: {}, formError: "wizard.readOnly" }, 409);
    // Only a crafted post asks this: the page offers no withdrawal of a first draft.
    if (error instanceof FilingNotEditable)
      return formFailure({ fieldErrors: {}, formError: "review.initialDraftKept" }, 409);
    throw error;
  }
  return { submitted: true as const };
}

export default function ReviewStep() {
  const { problems, status, kind, isAdmin, draft, files, precheck } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const navigation = useNavigation();
  const { t } = useTranslation();
  const pending = navigation.state === "submitting";
  const canSubmit = (status === "DRAFT" || status === "CHANGES_REQUESTED") && problems.length === 0 && isAdmin;
  const canWithdraw =
    isAdmin && (status === "SUBMITTED" || status === "CHANGES_REQUESTED" || (status === "DRAFT" && kind !== "INITIAL"));
  return (
    <div className="space-y-6">
      {result && "submitted" in result ? <Alert tone="success">{t("review.submitted")}</Alert> : null}
      {result && "formError" in result && result.formError ? <Alert tone="error">{t(result.formError)}</Alert> : null}
      {problems.length > 0 ? (
        <div className="space-y-2">
          <p className="font-medium">{t("review.problems")}</p>
          <ul className="list-disc space-y-1 pl-6">
            {problems.map((p) => (
              <li key={`${p.step}:${p.message}:${JSON.stringify(p.params ?? {})}`}>
                <Link to={`../${p.step}`} relative="path" className="text-brand-700 underline">
                  {t(`wizard.step.${p.step}`)}
                </Link>
                ：{t(p.message as MessageKey, p.params)}
              </li>
            ))}
          </ul>
        </div>
      ) : status === "DRAFT" || status === "CHANGES_REQUESTED" ? (
        <p className="text-slate-700">{t("review.ready")}</p>
      ) : null}
      {!isAdmin ? <p className="text-slate-700">{t("review.onlyAdminSubmits")}</p> : null}
      {precheck ? <Precheck precheck={precheck} /> : null}
      {/* What will be submitted, as the reviewer will see it. */}
      <ContentView content={draft} files={files} idPrefix="draft" />
      <div className="flex flex-wrap gap-2">
        {canSubmit ? (
          <Form method="post">
            <SubmitButton pending={pending}>{t("review.submit")}</SubmitButton>
          </Form>
        ) : null}
        {canWithdraw ? (
          <Form method="post" action="?intent=withdraw">
            <SubmitButton tone="secondary" pending={pending}>
              {t("review.withdraw")}
            </SubmitButton>
          </Form>
        ) : null}
      </div>
    </div>
  );
}
