import { type ActionFunctionArgs, type LoaderFunctionArgs, redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { z } from "zod";
import { FileField } from "~/components/registry/file-field";
import { Alert } from "~/components/ui/alert";
import { SelectField } from "~/components/ui/select-field";
import { SubmitButton } from "~/components/ui/submit-button";
import { TextField } from "~/components/ui/text-field";
import { parseMultipartForm } from "~/lib/forms/multipart.server";
import { type FieldErrors, formFailure, validate } from "~/lib/forms/parse.server";
import type { MessageKey } from "~/lib/i18n/catalog";
import { useTranslation } from "~/lib/i18n/use-translation";
import { dropBlankRows } from "~/modules/registry/blank-rows";
import { type DocumentsStep, documentsSchema } from "~/modules/registry/content";
import { type FilePurpose, UPLOAD_FORM_LIMITS, UPLOAD_RULES } from "~/modules/registry/files-purposes";
import { editable, requireFilingContext, saveToDraft } from "~/modules/registry/filing-access.server";
import { isHighRisk, SPORT_CODES } from "~/modules/registry/sports";
import { fileNamesOf, storeChosenFiles } from "~/modules/registry/wizard-uploads.server";

const DOCUMENTS = [
  {
    input: "businessLicense",
    field: "businessLicenseFileId",
    purpose: "businessLicense",
    label: "documents.businessLicense",
  },
  { input: "venueLease", field: "venueLeaseFileId", purpose: "venueLease", label: "documents.venueLease" },
  {
    input: "fireSafetyAcceptance",
    field: "fireSafetyAcceptanceFileId",
    purpose: "fireSafetyAcceptance",
    label: "documents.fireSafetyAcceptance",
  },
  {
    input: "insurancePolicy",
    field: "insurancePolicyFileId",
    purpose: "insurancePolicy",
    label: "documents.insurancePolicy",
  },
] as const satisfies readonly { input: string; field: keyof DocumentsStep; purpose: FilePurpose; label: MessageKey }[];

const HIGH_RISK_SPORTS = SPORT_CODES.filter(isHighRisk);
const BLANK_PERMITS = 1;

// The text of the step; file ids are filled in by the action from this institution's uploads only.
const documentsText = z.preprocess(
  (raw) => dropBlankRows(raw, "permits", ["sport", "number", "expiresOn"]),
  z.object({
    insuranceExpiresOn: documentsSchema.shape.insuranceExpiresOn,
    permits: z
      .array(
        z.object({
          sport: z.enum(HIGH_RISK_SPORTS as [string, ...string[]], "validation.chooseSport"),
          number: z.string(),
          expiresOn: z.string(),
        }),
      )
      .max(10, "validation.tooMany"),
  }),
);

export async function loader({ request, params }: LoaderFunctionArgs) {
  const context = await requireFilingContext(request, params.institutionId);
  const { filing, draft, institution } = context;
  if (!filing || !draft) throw redirect(`/org/${institution.id}`);
  return {
    documents: draft.documents ?? null,
    fileNames: await fileNamesOf(context, draft),
    editable: editable(filing),
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const context = await requireFilingContext(request, params.institutionId);
  const multipart = await parseMultipartForm(request, UPLOAD_FORM_LIMITS);
  if (!multipart.ok) return multipart.response;
  const text = validate(documentsText, multipart.form.values);
  if (!text.ok) return formFailure(text);
  const permitInputs = text.data.permits.map((_, i) => `permitFile.${i}`);
  const stored = await storeChosenFiles(context, multipart.form.files, [
    ...DOCUMENTS.map((d) => ({ input: d.input, purpose: d.purpose })),
    ...permitInputs.map((input) => ({ input, purpose: "highRiskPermit" as const })),
  ]);
  if (!stored.ok) return formFailure({ fieldErrors: stored.fieldErrors });

  const previous = context.draft?.documents;
  const previousPermit = new Map((previous?.highRiskPermits ?? []).map((p) => [p.sport, p.fileId]));
  const documents = {
    ...Object.fromEntries(DOCUMENTS.map((d) => [d.field, stored.ids.get(d.input) ?? previous?.[d.field]])),
    insuranceExpiresOn: text.data.insuranceExpiresOn,
    highRiskPermits: text.data.permits.map((p, i) => ({
      ...p,
      fileId: stored.ids.get(`permitFile.${i}`) ?? previousPermit.get(p.sport as (typeof HIGH_RISK_SPORTS)[number]),
    })),
  };
  const checked = validate(documentsSchema, documents);
  if (!checked.ok) {
    // A permit without a file on record: say so on that row's upload field.
    const fieldErrors: FieldErrors = {};
    for (const [path, keys] of Object.entries(checked.fieldErrors)) {
      const permit = /^highRiskPermits\.(\d+)\.(\w+)$/.exec(path);
      fieldErrors[
        permit ? (permit[2] === "fileId" ? `permitFile.${permit[1]}` : `permits.${permit[1]}.${permit[2]}`) : path
      ] = keys;
    }
    return formFailure({ fieldErrors });
  }
  const saved = await saveToDraft(context, "documents", (d) => ({ ...d, documents: checked.data }));
  return saved.ok ? redirect(`/org/${context.institution.id}/filing/review`) : saved.response;
}

type ActionResult = { fieldErrors?: FieldErrors; formError?: MessageKey } | undefined;

export default function DocumentsStepPage() {
  const { documents, fileNames, editable: canEdit } = useLoaderData<typeof loader>();
  const result = useActionData<ActionResult>();
  const navigation = useNavigation();
  const { t } = useTranslation();
  const errorFor = (name: string) => result?.fieldErrors?.[name]?.[0];
  const permits = [...(documents?.highRiskPermits ?? []), ...Array.from({ length: BLANK_PERMITS }, () => null)];
  return (
    <Form method="post" encType="multipart/form-data" className="max-w-3xl space-y-6">
      {result?.formError ? <Alert tone="error">{t(result.formError)}</Alert> : null}
      <fieldset disabled={!canEdit} className="space-y-4">
        {DOCUMENTS.map((d) => {
          const current = documents?.[d.field];
          return (
            <FileField
              key={d.input}
              name={d.input}
              label={t(d.label)}
              accept={UPLOAD_RULES.document.accept}
              currentId={current}
              currentName={current ? fileNames[current] : undefined}
              error={errorFor(d.input)}
            />
          );
        })}
        <TextField
          name="insuranceExpiresOn"
          type="date"
          label={t("documents.insuranceExpiresOn")}
          defaultValue={documents?.insuranceExpiresOn}
          error={errorFor("insuranceExpiresOn")}
        />
        <fieldset className="space-y-3">
          <legend className="text-sm font-medium">{t("documents.permits")}</legend>
          {permits.map((permit, i) => (
            <div
              key={permit?.sport ?? `blank-${i}`}
              className="grid gap-2 rounded border border-slate-200 p-2 sm:grid-cols-2"
            >
              <SelectField
                name={`permits.${i}.sport`}
                label={t("documents.permit.sport")}
                placeholder=""
                defaultValue={permit?.sport ?? ""}
                options={HIGH_RISK_SPORTS.map((s) => ({ value: s, label: t(`sport.${s}`) }))}
                error={errorFor(`permits.${i}.sport`)}
              />
              <TextField
                name={`permits.${i}.number`}
                label={t("documents.permit.number")}
                defaultValue={permit?.number}
                error={errorFor(`permits.${i}.number`)}
              />
              <TextField
                name={`permits.${i}.expiresOn`}
                type="date"
                label={t("documents.permit.expiresOn")}
                defaultValue={permit?.expiresOn}
                error={errorFor(`permits.${i}.expiresOn`)}
              />
              <FileField
                name={`permitFile.${i}`}
                label={t("documents.permit.file")}
                accept={UPLOAD_RULES.document.accept}
                currentId={permit?.fileId}
                currentName={permit?.fileId ? fileNames[permit.fileId] : undefined}
                error={errorFor(`permitFile.${i}`)}
              />
            </div>
          ))}
        </fieldset>
      </fieldset>
      {canEdit ? (
        <SubmitButton pending={navigation.state === "submitting"}>{t("wizard.saveAndNext")}</SubmitButton>
      ) : null}
    </Form>
  );
}
