import { type ActionFunctionArgs, type LoaderFunctionArgs, redirect } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { FileField } from "~/components/registry/file-field";
import { AddItemLink, ItemList } from "~/components/registry/item-list";
import { Alert } from "~/components/ui/alert";
import { CheckboxField } from "~/components/ui/checkbox-field";
import { SubmitButton } from "~/components/ui/submit-button";
import { TextField } from "~/components/ui/text-field";
import { parseMultipartForm } from "~/lib/forms/multipart.server";
import { formFailure, parseForm, validate } from "~/lib/forms/parse.server";
import { useValidatedForm } from "~/lib/forms/use-validated-form";
import { useTranslation } from "~/lib/i18n/use-translation";
import { type VenueContent, venueSchema } from "~/modules/registry/content";
import { UPLOAD_FORM_LIMITS, UPLOAD_RULES } from "~/modules/registry/files-purposes";
import { editable, requireFilingContext, saveToDraft } from "~/modules/registry/filing-access.server";
import { itemBeingEdited, removeItemSchema, upsertById } from "~/modules/registry/list-step.server";
import { fileNamesOf, storeChosenFiles } from "~/modules/registry/wizard-uploads.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const context = await requireFilingContext(request, params.institutionId);
  const { filing, draft, institution } = context;
  if (!filing || !draft) throw redirect(`/org/${institution.id}`);
  return {
    venues: draft.venues,
    editing: itemBeingEdited(request, draft.venues),
    editable: editable(filing),
    fileNames: await fileNamesOf(context, draft),
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const context = await requireFilingContext(request, params.institutionId);
  const here = `/org/${context.institution.id}/filing/venues`;
  if (new URL(request.url).searchParams.get("intent") === "remove") {
    const parsed = await parseForm(request, removeItemSchema);
    if (!parsed.ok) return formFailure(parsed);
    const saved = await saveToDraft(context, "venues", (d) => ({
      ...d,
      venues: d.venues.filter((v) => v.id !== parsed.data.id),
    }));
    return saved.ok ? redirect(here) : saved.response;
  }
  const multipart = await parseMultipartForm(request, UPLOAD_FORM_LIMITS);
  if (!multipart.ok) return multipart.response;
  const parsed = validate(venueSchema, multipart.form.values);
  if (!parsed.ok) return formFailure(parsed);
  const stored = await storeChosenFiles(context, multipart.form.files, [
    { input: "fireSafetyFile", purpose: "venueFireSafety" },
  ]);
  if (!stored.ok) return formFailure({ fieldErrors: stored.fieldErrors });
  const previous = context.draft?.venues.find((v) => v.id === parsed.data.id);
  const venue = { ...parsed.data, fireSafetyFileId: stored.ids.get("fireSafetyFile") ?? previous?.fireSafetyFileId };
  const saved = await saveToDraft(context, "venues", (d) => ({ ...d, venues: upsertById(d.venues, venue) }));
  return saved.ok ? redirect(here) : saved.response;
}

export default function VenuesStep() {
  const { venues, editing, editable: canEdit, fileNames } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  const formOpen = canEdit && (editing.item !== null || editing.newId !== null);
  return (
    <div className="space-y-6">
      {editing.missing ? <Alert tone="error">{t("wizard.notFound")}</Alert> : null}
      <ItemList
        items={venues}
        canEdit={canEdit}
        empty={t("wizard.empty.venues")}
        title={(v) => v.name}
        summary={(v) => (
          <>
            {v.address} · {t("venue.summary", { area: v.trainingAreaM2, floor: v.floor })}
            {v.isPool ? ` · ${t("venue.isPool")}` : ""}
          </>
        )}
      />
      {formOpen ? (
        <VenueForm
          key={editing.item?.id ?? editing.newId}
          venue={editing.item}
          newId={editing.newId}
          fileNames={fileNames}
        />
      ) : (
        <AddItemLink canEdit={canEdit} />
      )}
    </div>
  );
}

function VenueForm({
  venue,
  newId,
  fileNames,
}: {
  venue: VenueContent | null;
  newId: string | null;
  fileNames: Record<string, string>;
}) {
  const { t } = useTranslation();
  const id = venue?.id ?? newId ?? "";
  const { form, onSubmit, errorFor, formError, pending } = useValidatedForm(venueSchema, venue ?? { id });
  const num = (value: number | undefined) => (value === undefined ? "" : String(value));
  return (
    <Form
      method="post"
      encType="multipart/form-data"
      noValidate
      onSubmit={onSubmit}
      className="max-w-2xl space-y-4 rounded border border-slate-300 bg-white p-4"
    >
      {formError ? <Alert tone="error">{t(formError)}</Alert> : null}
      <input type="hidden" value={id} {...form.register("id")} />
      <TextField
        label={t("venue.name")}
        defaultValue={venue?.name}
        error={errorFor("name")}
        {...form.register("name")}
      />
      <TextField
        label={t("venue.address")}
        defaultValue={venue?.address}
        error={errorFor("address")}
        {...form.register("address")}
      />
      <div className="grid gap-4 sm:grid-cols-2">
        <TextField
          label={t("venue.trainingAreaM2")}
          inputMode="decimal"
          defaultValue={num(venue?.trainingAreaM2)}
          error={errorFor("trainingAreaM2")}
          {...form.register("trainingAreaM2")}
        />
        <TextField
          label={t("venue.floor")}
          inputMode="numeric"
          defaultValue={num(venue?.floor)}
          error={errorFor("floor")}
          {...form.register("floor")}
        />
      </div>
      <div className="grid gap-2 sm:grid-cols-2">
        <CheckboxField
          label={t("venue.underground")}
          defaultChecked={venue?.underground}
          error={errorFor("underground")}
          {...form.register("underground")}
        />
        <CheckboxField
          label={t("venue.residential")}
          defaultChecked={venue?.residential}
          {...form.register("residential")}
        />
        <CheckboxField label={t("venue.aed")} defaultChecked={venue?.aed} {...form.register("aed")} />
        <CheckboxField label={t("venue.isPool")} defaultChecked={venue?.isPool} {...form.register("isPool")} />
      </div>
      <fieldset className="grid gap-4 sm:grid-cols-3">
        <legend className="sr-only">{t("venue.isPool")}</legend>
        <TextField
          label={t("venue.poolWaterAreaM2")}
          inputMode="decimal"
          defaultValue={num(venue?.poolWaterAreaM2)}
          error={errorFor("poolWaterAreaM2")}
          {...form.register("poolWaterAreaM2")}
        />
        <TextField
          label={t("venue.poolDepthMinM")}
          inputMode="decimal"
          defaultValue={num(venue?.poolDepthMinM)}
          error={errorFor("poolDepthMinM")}
          {...form.register("poolDepthMinM")}
        />
        <TextField
          label={t("venue.poolDepthMaxM")}
          inputMode="decimal"
          defaultValue={num(venue?.poolDepthMaxM)}
          error={errorFor("poolDepthMaxM")}
          {...form.register("poolDepthMaxM")}
        />
      </fieldset>
      <FileField
        name="fireSafetyFile"
        label={t("venue.fireSafetyFile")}
        accept={UPLOAD_RULES.document.accept}
        currentId={venue?.fireSafetyFileId}
        currentName={venue?.fireSafetyFileId ? fileNames[venue.fireSafetyFileId] : undefined}
        error={errorFor("fireSafetyFile")}
      />
      <div className="flex gap-2">
        <SubmitButton pending={pending}>{t("wizard.save")}</SubmitButton>
        <Link to="." className="rounded border border-slate-400 px-4 py-2">
          {t("wizard.cancel")}
        </Link>
      </div>
    </Form>
  );
}
