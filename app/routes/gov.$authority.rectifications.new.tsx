import { type ActionFunctionArgs, data, type LoaderFunctionArgs, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useMemo } from "react";
import { FindingSummary } from "~/components/compliance/rectification-items";
import { ReasonField } from "~/components/registry/review-decision-forms";
import { Alert } from "~/components/ui/alert";
import { SubmitButton } from "~/components/ui/submit-button";
import { TextField } from "~/components/ui/text-field";
import { formFailure, formValues, validate } from "~/lib/forms/parse.server";
import { useValidatedForm } from "~/lib/forms/use-validated-form";
import { useTranslation } from "~/lib/i18n/use-translation";
import { answering, idFrom, requireRectificationRegulator } from "~/modules/compliance/rectification-actions.server";
import { deadlineBounds } from "~/modules/compliance/rectification-deadline";
import { issueOrderSchema, MAX_INSTRUCTIONS } from "~/modules/compliance/rectification-forms";
import { issueOrder, prepareIssue } from "~/modules/compliance/rectification-issue.server";
import { notFound } from "~/modules/identity/guards.server";

// Issuing a rectification order: the failed findings of an institution's latest evaluation to
// choose from, a deadline (tomorrow at the earliest) and what the institution must do. Reached
// from the institution's compliance page as ?institution=<id>.

function institutionParam(request: Request): string | null {
  return new URL(request.url).searchParams.get("institution");
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { scope, authority } = await requireRectificationRegulator(request, params.authority);
  const base = `/gov/${authority.slug}`;
  const asked = institutionParam(request);
  if (asked === null || asked === "") return { state: "choose" as const, base, preparation: null, bounds: null };
  const preparation = await prepareIssue(scope, idFrom(asked));
  if (!preparation) throw notFound();
  return { state: "issue" as const, base, preparation, bounds: deadlineBounds(new Date()) };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { scope, authority } = await requireRectificationRegulator(request, params.authority);
  const institutionId = idFrom(institutionParam(request));
  let values: Record<string, unknown>;
  try {
    values = formValues(await request.formData());
  } catch {
    return formFailure({ fieldErrors: {}, formError: "validation.badForm" });
  }
  const parsed = validate(issueOrderSchema(), values);
  // Echoed so that a page posted without JavaScript comes back as it was filled in.
  const echo = {
    findingIds: [values.findingIds ?? []].flat().map(String),
    deadline: String(values.deadline ?? ""),
    instructions: String(values.instructions ?? ""),
  };
  if (!parsed.ok) return data({ ok: false as const, fieldErrors: parsed.fieldErrors, values: echo }, 400);
  const done = await answering(() => issueOrder(scope, { institutionId, ...parsed.data }));
  if (!done.ok) return done.answer;
  return redirect(`/gov/${authority.slug}/rectifications/${done.value}?issued=1`);
}

export default function NewRectificationOrder() {
  const loaded = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  if (loaded.state === "choose") {
    return (
      <div className="space-y-4">
        <h2 className="text-xl font-semibold text-slate-900">{t("rectification.new.title")}</h2>
        <Alert tone="info">
          {t("rectification.new.chooseInstitution")}{" "}
          <Link to={`${loaded.base}/institutions`} className="text-brand-700 underline">
            {t("rectification.new.toInstitutions")}
          </Link>
        </Alert>
      </div>
    );
  }
  return <IssueForm base={loaded.base} preparation={loaded.preparation} bounds={loaded.bounds} />;
}

type Loaded = Extract<ReturnType<typeof useLoaderData<typeof loader>>, { state: "issue" }>;

function IssueForm({ base, preparation, bounds }: Pick<Loaded, "base" | "preparation" | "bounds">) {
  const { t } = useTranslation();
  const schema = useMemo(() => issueOrderSchema(), []);
  const { form, onSubmit, errorFor, formError, pending } = useValidatedForm(schema);
  const result = useActionData<typeof action>();
  const echoed = result && "values" in result ? result.values : null;
  const { institution, report, findings } = preparation;
  const findingsError = errorFor("findingIds");
  return (
    <div className="space-y-6">
      <header className="space-y-1">
        <Link to={`${base}/rectifications`} className="text-brand-700 underline">
          {t("rectification.back")}
        </Link>
        <h2 className="text-xl font-semibold text-slate-900">
          {t("rectification.new.titleFor", { institution: institution.name })}
        </h2>
        <p className="text-sm text-slate-700">{t("rectification.new.lead")}</p>
      </header>
      {formError ? <Alert tone="error">{t(formError)}</Alert> : null}
      {report === null ? (
        <Alert tone="info">
          {t("rectification.new.noReport")}{" "}
          <Link to={`${base}/compliance/${institution.id}`} className="text-brand-700 underline">
            {t("rectification.new.toInstitution")}
          </Link>
        </Alert>
      ) : findings.length === 0 ? (
        <Alert tone="info">{t("rectification.new.noFailures")}</Alert>
      ) : (
        <Form
          method="post"
          action={`?institution=${institution.id}`}
          noValidate
          onSubmit={onSubmit}
          className="space-y-6"
        >
          <fieldset className="space-y-3" aria-describedby={findingsError ? "findings-error" : undefined}>
            <legend className="text-lg font-semibold">
              {t("rectification.new.findings", { count: findings.length })}
            </legend>
            {findingsError ? (
              <p id="findings-error" className="text-sm text-red-800">
                {t(findingsError)}
              </p>
            ) : null}
            <ul className="space-y-2">
              {findings.map((f) => (
                <li key={f.id} className="flex gap-3 rounded border border-slate-200 bg-white p-3">
                  <input
                    id={`finding-${f.id}`}
                    type="checkbox"
                    value={f.id}
                    defaultChecked={echoed?.findingIds.includes(f.id)}
                    className="mt-1 h-4 w-4 shrink-0"
                    {...form.register("findingIds")}
                  />
                  <label htmlFor={`finding-${f.id}`} className="flex-1 space-y-1">
                    <FindingSummary finding={f} />
                    {f.openOrder ? (
                      <span className="block text-sm text-amber-900">
                        {t("rectification.new.alreadyOpen", {
                          status: t(`rectification.status.${f.openOrder.status}`),
                        })}
                      </span>
                    ) : null}
                  </label>
                </li>
              ))}
            </ul>
          </fieldset>
          <TextField
            type="date"
            label={t("rectification.new.deadline")}
            hint={t("rectification.new.deadlineHint")}
            min={bounds.earliest}
            max={bounds.latest}
            defaultValue={echoed?.deadline}
            error={errorFor("deadline")}
            className="max-w-xs"
            {...form.register("deadline")}
          />
          <ReasonField
            label={t("rectification.new.instructions")}
            hint={t("rectification.new.instructionsHint")}
            rows={5}
            maxLength={MAX_INSTRUCTIONS}
            defaultValue={echoed?.instructions}
            error={errorFor("instructions")}
            {...form.register("instructions")}
          />
          <SubmitButton pending={pending}>{t("rectification.new.submit")}</SubmitButton>
          <p className="text-sm text-slate-600">{t("rectification.new.reportOf", { grade: report.grade })}</p>
        </Form>
      )}
    </div>
  );
}
