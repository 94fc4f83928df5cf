import { type ActionFunctionArgs, type LoaderFunctionArgs, redirect } from "@remix-run/node";
import { Form, useLoaderData } from "@remix-run/react";
import { Alert } from "~/components/ui/alert";
import { SubmitButton } from "~/components/ui/submit-button";
import { TextField } from "~/components/ui/text-field";
import { formFailure, parseForm } from "~/lib/forms/parse.server";
import { useValidatedForm } from "~/lib/forms/use-validated-form";
import { useTranslation } from "~/lib/i18n/use-translation";
import { entitySchema } from "~/modules/registry/content";
import { editable, requireFilingContext, saveToDraft } from "~/modules/registry/filing-access.server";
import { SPORT_CATEGORIES, SPORT_CODES, SPORTS } from "~/modules/registry/sports";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { filing, draft, institution } = await requireFilingContext(request, params.institutionId);
  if (!filing || !draft) throw redirect(`/org/${institution.id}`);
  return { entity: draft.entity ?? { name: institution.name, sports: [] }, editable: editable(filing) };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const context = await requireFilingContext(request, params.institutionId);
  const parsed = await parseForm(request, entitySchema);
  if (!parsed.ok) return formFailure(parsed);
  const saved = await saveToDraft(context, "entity", (draft) => ({ ...draft, entity: parsed.data }));
  if (!saved.ok) return saved.response;
  return redirect(`/org/${context.institution.id}/filing/venues`);
}

export default function EntityStep() {
  const { entity, editable: canEdit } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  const { form, onSubmit, errorFor, formError, pending } = useValidatedForm(entitySchema, entity);
  const chosen = new Set<string>(entity.sports);
  return (
    <Form method="post" noValidate onSubmit={onSubmit} className="max-w-2xl space-y-4">
      {formError ? <Alert tone="error">{t(formError)}</Alert> : null}
      <fieldset disabled={!canEdit} className="space-y-4">
        <TextField
          label={t("entity.name")}
          defaultValue={entity.name}
          error={errorFor("name")}
          {...form.register("name")}
        />
        <TextField
          label={t("entity.creditCode")}
          hint={t("entity.creditCode.hint")}
          defaultValue={"creditCode" in entity ? entity.creditCode : ""}
          autoCapitalize="characters"
          error={errorFor("creditCode")}
          {...form.register("creditCode")}
        />
        <div className="grid gap-4 sm:grid-cols-3">
          <TextField
            label={t("entity.legalRepresentative")}
            defaultValue={"legalRepresentative" in entity ? entity.legalRepresentative : ""}
            error={errorFor("legalRepresentative")}
            {...form.register("legalRepresentative")}
          />
          <TextField
            label={t("entity.contactName")}
            defaultValue={"contactName" in entity ? entity.contactName : ""}
            error={errorFor("contactName")}
            {...form.register("contactName")}
          />
          <TextField
            label={t("entity.contactPhone")}
            type="tel"
            defaultValue={"contactPhone" in entity ? entity.contactPhone : ""}
            error={errorFor("contactPhone")}
            {...form.register("contactPhone")}
          />
        </div>
        <TextField
          label={t("entity.registeredAddress")}
          hint={t("entity.registeredAddress.hint")}
          defaultValue={"registeredAddress" in entity ? entity.registeredAddress : ""}
          error={errorFor("registeredAddress")}
          {...form.register("registeredAddress")}
        />
        <fieldset aria-describedby={errorFor("sports") ? "sports-error" : undefined}>
          <legend className="text-sm font-medium text-slate-800">{t("entity.sports")}</legend>
          <div className="mt-2 grid gap-3 sm:grid-cols-3">
            {SPORT_CATEGORIES.map((category) => (
              <div key={category}>
                <p className="text-sm text-slate-600">{t(`sportCategory.${category}`)}</p>
                {SPORT_CODES.filter((s) => SPORTS[s].category === category).map((sport) => (
                  <label key={sport} className="flex items-center gap-2 text-sm">
                    <input
                      type="checkbox"
                      value={sport}
                      defaultChecked={chosen.has(sport)}
                      {...form.register("sports")}
                    />
                    {t(`sport.${sport}`)}
                    {SPORTS[sport].highRisk ? (
                      <span className="text-xs text-amber-800">（{t("highRisk")}）</span>
                    ) : null}
                  </label>
                ))}
              </div>
            ))}
          </div>
          {errorFor("sports") ? (
            <p id="sports-error" className="mt-1 text-sm text-red-800">
              {t(errorFor("sports") ?? "validation.invalid")}
            </p>
          ) : null}
        </fieldset>
      </fieldset>
      {canEdit ? <SubmitButton pending={pending}>{t("wizard.saveAndNext")}</SubmitButton> : null}
    </Form>
  );
}
