import { type ActionFunctionArgs, type LoaderFunctionArgs, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { z } from "zod";
import { FileField } from "~/components/registry/file-field";
import { AddItemLink, ItemList } from "~/components/registry/item-list";
import { Alert } from "~/components/ui/alert";
import { CheckboxField } from "~/components/ui/checkbox-field";
import { SelectField } from "~/components/ui/select-field";
import { SubmitButton } from "~/components/ui/submit-button";
import { TextField } from "~/components/ui/text-field";
import { parseMultipartForm } from "~/lib/forms/multipart.server";
import type { FieldErrors } from "~/lib/forms/parse.server";
import { formFailure, parseForm, validate } from "~/lib/forms/parse.server";
import type { MessageKey } from "~/lib/i18n/catalog";
import { useTranslation } from "~/lib/i18n/use-translation";
import { dropBlankRows } from "~/modules/registry/blank-rows";
import { type CoachContent, coachSchema, type SafetyStaff, safetyStaffSchema } from "~/modules/registry/content";
import { UPLOAD_FORM_LIMITS, UPLOAD_RULES } from "~/modules/registry/files-purposes";
import { editable, requireFilingContext, saveToDraft } from "~/modules/registry/filing-access.server";
import { blankRowIds, itemBeingEdited, removeItemSchema, upsertById } from "~/modules/registry/list-step.server";
import { CERTIFICATE_TYPES, SPORT_CODES } from "~/modules/registry/sports";
import { fileNamesOf, storeChosenFiles } from "~/modules/registry/wizard-uploads.server";

const BLANK_CERTIFICATES = 2;
const BLANK_FIRST_AID = 2;

// Rows the person left empty are not errors: they were offered in case they were needed.
const coachForm = z.preprocess(
  (v) => dropBlankRows(v, "certificates", ["type", "number", "sport", "expiresOn"]),
  coachSchema,
);
const safetyForm = z.preprocess(
  (v) => dropBlankRows(v, "firstAid", ["name", "certificateNumber", "expiresOn"]),
  safetyStaffSchema,
);

export async function loader({ request, params }: LoaderFunctionArgs) {
  const context = await requireFilingContext(request, params.institutionId);
  const { filing, draft, institution } = context;
  if (!filing || !draft) throw redirect(`/org/${institution.id}`);
  return {
    fileNames: await fileNamesOf(context, draft),
    coaches: draft.coaches,
    safetyStaff: draft.safetyStaff ?? null,
    editing: itemBeingEdited(request, draft.coaches),
    blankCertificateIds: blankRowIds(BLANK_CERTIFICATES),
    editable: editable(filing),
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const context = await requireFilingContext(request, params.institutionId);
  const here = `/org/${context.institution.id}/filing/staff`;
  const intent = new URL(request.url).searchParams.get("intent");
  if (intent === "remove") {
    const parsed = await parseForm(request, removeItemSchema);
    if (!parsed.ok) return formFailure(parsed);
    const saved = await saveToDraft(context, "staff", (d) => ({
      ...d,
      coaches: d.coaches.filter((c) => c.id !== parsed.data.id),
    }));
    return saved.ok ? redirect(here) : saved.response;
  }
  if (intent === "safety") {
    const parsed = await parseForm(request, safetyForm);
    if (!parsed.ok) return formFailure(parsed);
    const saved = await saveToDraft(context, "staff", (d) => ({ ...d, safetyStaff: parsed.data }));
    return saved.ok ? redirect(here) : saved.response;
  }
  const multipart = await parseMultipartForm(request, UPLOAD_FORM_LIMITS);
  if (!multipart.ok) return multipart.response;
  const parsed = validate(coachForm, multipart.form.values);
  if (!parsed.ok) return formFailure(parsed);
  const coach = parsed.data;
  const stored = await storeChosenFiles(context, multipart.form.files, [
    { input: "photo", purpose: "coachPhoto" },
    ...coach.certificates.map((c) => ({ input: `scan.${c.id}`, purpose: "certificateScan" as const })),
  ]);
  if (!stored.ok) return formFailure({ fieldErrors: stored.fieldErrors });
  const previous = context.draft?.coaches.find((c) => c.id === coach.id);
  const withFiles = {
    ...coach,
    photoFileId: stored.ids.get("photo") ?? previous?.photoFileId,
    certificates: coach.certificates.map((cert) => ({
      ...cert,
      scanFileId: stored.ids.get(`scan.${cert.id}`) ?? previous?.certificates.find((p) => p.id === cert.id)?.scanFileId,
    })),
  };
  const saved = await saveToDraft(context, "staff", (d) => ({ ...d, coaches: upsertById(d.coaches, withFiles) }));
  return saved.ok ? redirect(here) : saved.response;
}

type ActionResult = { fieldErrors?: FieldErrors; formError?: "wizard.readOnly" } | undefined;

export default function StaffStep() {
  const {
    coaches,
    safetyStaff,
    editing,
    blankCertificateIds,
    editable: canEdit,
    fileNames,
  } = useLoaderData<typeof loader>();
  const result = useActionData<ActionResult>();
  const navigation = useNavigation();
  const { t } = useTranslation();
  const errorFor = (name: string) => result?.fieldErrors?.[name]?.[0];
  const formOpen = canEdit && (editing.item !== null || editing.newId !== null);
  const pending = navigation.state === "submitting";
  return (
    <div className="space-y-8">
      {result?.formError ? <Alert tone="error">{t(result.formError)}</Alert> : null}
      {editing.missing ? <Alert tone="error">{t("wizard.notFound")}</Alert> : null}
      <section aria-labelledby="coaches-heading" className="space-y-3">
        <h2 id="coaches-heading" className="text-lg font-semibold">
          {t("wizard.step.staff")}
        </h2>
        <ItemList
          items={coaches}
          canEdit={canEdit}
          empty={t("wizard.empty.coaches")}
          title={(c) => c.name}
          summary={(c) =>
            `${c.fullTime ? t("coach.fullTime") : ""} ${t("coach.summary", { count: c.certificates.length })}`
          }
        />
        {formOpen ? (
          <CoachForm
            key={editing.item?.id ?? editing.newId}
            coach={editing.item}
            id={editing.item?.id ?? editing.newId ?? ""}
            blankIds={blankCertificateIds}
            errorFor={errorFor}
            pending={pending}
            fileNames={fileNames}
          />
        ) : (
          <AddItemLink canEdit={canEdit} />
        )}
      </section>
      <SafetyForm
        safetyStaff={safetyStaff}
        canEdit={canEdit}
        errorFor={formOpen ? () => undefined : errorFor}
        pending={pending}
      />
    </div>
  );
}

type ErrorFor = (name: string) => MessageKey | undefined;

function CoachForm(props: {
  coach: CoachContent | null;
  id: string;
  blankIds: string[];
  errorFor: ErrorFor;
  pending: boolean;
  fileNames: Record<string, string>;
}) {
  const { coach, id, blankIds, errorFor, pending, fileNames } = props;
  const { t } = useTranslation();
  const rows = [...(coach?.certificates.map((c) => c.id) ?? []), ...blankIds];
  return (
    <Form
      method="post"
      encType="multipart/form-data"
      className="max-w-3xl space-y-4 rounded border border-slate-300 bg-white p-4"
    >
      <input type="hidden" name="id" value={id} />
      <TextField name="name" label={t("coach.name")} defaultValue={coach?.name} error={errorFor("name")} />
      <FileField
        name="photo"
        label={t("coach.photo")}
        accept={UPLOAD_RULES.photo.accept}
        currentId={coach?.photoFileId}
        currentName={coach?.photoFileId ? fileNames[coach.photoFileId] : undefined}
        error={errorFor("photo")}
      />
      <div className="flex flex-wrap gap-6">
        <CheckboxField name="fullTime" label={t("coach.fullTime")} defaultChecked={coach?.fullTime} />
        <CheckboxField
          name="servingSchoolTeacher"
          label={t("coach.servingSchoolTeacher")}
          defaultChecked={coach?.servingSchoolTeacher}
        />
      </div>
      <fieldset className="space-y-3">
        <legend className="text-sm font-medium">{t("coach.certificates")}</legend>
        <p className="text-sm text-slate-600">{t("coach.certificate.hint")}</p>
        {rows.map((rowId, i) => {
          const cert = coach?.certificates.find((c) => c.id === rowId) ?? null;
          return (
            <div key={rowId} className="grid gap-2 rounded border border-slate-200 p-2 sm:grid-cols-4">
              <input type="hidden" name={`certificates.${i}.id`} value={rowId} />
              <SelectField
                name={`certificates.${i}.type`}
                label={t("coach.certificate.type")}
                placeholder=""
                defaultValue={cert?.type ?? ""}
                options={CERTIFICATE_TYPES.map((c) => ({ value: c, label: t(`certificate.${c}`) }))}
                error={errorFor(`certificates.${i}.type`)}
              />
              <TextField
                name={`certificates.${i}.number`}
                label={t("coach.certificate.number")}
                defaultValue={cert?.number}
                error={errorFor(`certificates.${i}.number`)}
              />
              <SelectField
                name={`certificates.${i}.sport`}
                label={t("coach.certificate.sport")}
                placeholder=""
                defaultValue={cert?.sport ?? ""}
                options={SPORT_CODES.map((s) => ({ value: s, label: t(`sport.${s}`) }))}
              />
              <TextField
                name={`certificates.${i}.expiresOn`}
                type="date"
                label={t("coach.certificate.expiresOn")}
                defaultValue={cert?.expiresOn}
                error={errorFor(`certificates.${i}.expiresOn`)}
              />
              <div className="sm:col-span-4">
                <FileField
                  name={`scan.${rowId}`}
                  label={t("coach.certificate.scan")}
                  accept={UPLOAD_RULES.document.accept}
                  currentId={cert?.scanFileId}
                  currentName={cert?.scanFileId ? fileNames[cert.scanFileId] : undefined}
                  error={errorFor(`scan.${rowId}`)}
                />
              </div>
            </div>
          );
        })}
      </fieldset>
      <div className="flex gap-2">
        <SubmitButton pending={pending}>{t("wizard.save")}</SubmitButton>
        <Link to="." className="rounded border border-slate-400 px-4 py-2">
          {t("wizard.cancel")}
        </Link>
      </div>
    </Form>
  );
}

function SafetyForm(props: {
  safetyStaff: SafetyStaff | null;
  canEdit: boolean;
  errorFor: ErrorFor;
  pending: boolean;
}) {
  const { safetyStaff, canEdit, errorFor, pending } = props;
  const { t } = useTranslation();
  const rows = [...(safetyStaff?.firstAid ?? []), ...Array.from({ length: BLANK_FIRST_AID }, () => null)];
  return (
    <section aria-labelledby="safety-heading" className="space-y-3">
      <h2 id="safety-heading" className="text-lg font-semibold">
        {t("staff.safety")}
      </h2>
      <Form method="post" action="?intent=safety" className="max-w-3xl space-y-4">
        <fieldset disabled={!canEdit} className="space-y-4">
          <div className="grid gap-4 sm:grid-cols-2">
            <TextField
              name="safetyOfficerName"
              label={t("staff.safetyOfficerName")}
              defaultValue={safetyStaff?.safetyOfficerName}
              error={errorFor("safetyOfficerName")}
            />
            <TextField
              name="safetyOfficerPhone"
              type="tel"
              label={t("staff.safetyOfficerPhone")}
              defaultValue={safetyStaff?.safetyOfficerPhone}
              error={errorFor("safetyOfficerPhone")}
            />
          </div>
          <fieldset className="space-y-2">
            <legend className="text-sm font-medium">{t("staff.firstAid")}</legend>
            {errorFor("firstAid") ? (
              <p className="text-sm text-red-800">{t(errorFor("firstAid") ?? "validation.invalid")}</p>
            ) : null}
            {rows.map((row, i) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: positional form rows; their field names carry the index too.
              <div key={i} className="grid gap-2 sm:grid-cols-3">
                <TextField
                  name={`firstAid.${i}.name`}
                  label={t("staff.firstAid.name")}
                  defaultValue={row?.name}
                  error={errorFor(`firstAid.${i}.name`)}
                />
                <TextField
                  name={`firstAid.${i}.certificateNumber`}
                  label={t("staff.firstAid.certificateNumber")}
                  defaultValue={row?.certificateNumber}
                  error={errorFor(`firstAid.${i}.certificateNumber`)}
                />
                <TextField
                  name={`firstAid.${i}.expiresOn`}
                  type="date"
                  label={t("staff.firstAid.expiresOn")}
                  defaultValue={row?.expiresOn}
                />
              </div>
            ))}
          </fieldset>
        </fieldset>
        {canEdit ? <SubmitButton pending={pending}>{t("wizard.save")}</SubmitButton> : null}
      </Form>
    </section>
  );
}
