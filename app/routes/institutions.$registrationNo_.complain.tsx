import { type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction, redirect } from "@remix-run/node";
import { Form, isRouteErrorResponse, Link, useLoaderData, useRouteError } from "@remix-run/react";
import { ErrorPage } from "~/components/layout/error-page";
import { Alert } from "~/components/ui/alert";
import { PageTitle } from "~/components/ui/page-title";
import { SelectField } from "~/components/ui/select-field";
import { SubmitButton } from "~/components/ui/submit-button";
import { formatDate } from "~/lib/format";
import { parseMultipartForm } from "~/lib/forms/multipart.server";
import { formFailure, formValues, validate } from "~/lib/forms/parse.server";
import { useValidatedForm } from "~/lib/forms/use-validated-form";
import { routeMeta } from "~/lib/i18n/route-meta";
import { useTranslation } from "~/lib/i18n/use-translation";
import {
  COMPLAINT_CATEGORIES,
  DESCRIPTION_MAX,
  fileComplaintSchema,
  MAX_COMPLAINT_PHOTOS,
} from "~/modules/complaints/complaint-forms";
import { complainableInstitution, fileComplaint } from "~/modules/complaints/complaints.server";
import { parentEnrollmentsAt } from "~/modules/complaints/complaints-read.server";
import { forbidden, hasRole, notFound, requireViewer } from "~/modules/identity/guards.server";
import type { Viewer } from "~/modules/identity/session.server";
import { MAX_PHOTO_BYTES, UPLOAD_RULES } from "~/modules/registry/files-purposes";

export { clientLoader, handle } from "~/lib/i18n/workspace-route";

// 投诉 (parent side, phone first, works without JavaScript): a parent complains about a registered
// institution — category, what happened, optionally one of their enrollments there and up to six
// photos. The regulators of the institution's jurisdiction handle it; the institution sees nothing.
// Unknown or unregistered institution: 404 for everyone. Signed-out people go to sign in; only
// parent accounts may complain (403 for the others).

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => {
  const { inherited } = routeMeta(matches);
  return data ? [...inherited, { title: data.institution.name }] : inherited;
};

async function institutionFor(params: LoaderFunctionArgs["params"]) {
  const institution = await complainableInstitution(params.registrationNo ?? "");
  if (!institution) throw notFound();
  return institution;
}

async function requireParent(request: Request): Promise<Viewer> {
  const viewer = await requireViewer(request);
  if (!hasRole(viewer, "PARENT")) throw forbidden();
  return viewer;
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const institution = await institutionFor(params);
  const viewer = await requireParent(request);
  const enrollments = await parentEnrollmentsAt(viewer.user.id, institution.id);
  return { institution: { name: institution.name, registrationNo: institution.registrationNo }, enrollments };
}

const FORM_LIMITS = {
  maxPartBytes: MAX_PHOTO_BYTES,
  maxTotalBytes: MAX_COMPLAINT_PHOTOS * MAX_PHOTO_BYTES + 256 * 1024,
};

export async function action({ request, params }: ActionFunctionArgs) {
  const institution = await institutionFor(params);
  const viewer = await requireParent(request);
  let values: Record<string, unknown>;
  let photos: File[] = [];
  if (/^multipart\/form-data/i.test(request.headers.get("Content-Type") ?? "")) {
    const parsed = await parseMultipartForm(request, FORM_LIMITS);
    if (!parsed.ok) return parsed.response;
    values = parsed.form.values;
    photos = parsed.form.files.get("photos") ?? [];
  } else {
    try {
      values = formValues(await request.formData());
    } catch {
      return formFailure({ fieldErrors: {}, formError: "validation.badForm" });
    }
  }
  const form = validate(fileComplaintSchema, values);
  if (!form.ok) return formFailure({ fieldErrors: form.fieldErrors, formError: "complaints.file.error" });
  const filed = await fileComplaint(viewer.user.id, institution, form.data, photos);
  if (!filed.ok)
    return formFailure({ fieldErrors: filed.fieldErrors, formError: filed.formError ?? "complaints.file.error" });
  return redirect(`/account/complaints/${filed.complaintId}?filed=1`, 303);
}

export default function ComplainPage() {
  const { institution, enrollments } = useLoaderData<typeof loader>();
  const { t, locale } = useTranslation();
  const { form, onSubmit, errorFor, formError, pending } = useValidatedForm(fileComplaintSchema);
  return (
    <div className="mx-auto max-w-xl space-y-6">
      <header className="space-y-2">
        <p className="text-sm">
          <Link to={`/institutions/${institution.registrationNo}`} className="text-brand-700 underline">
            {t("complaints.file.back", { institution: institution.name })}
          </Link>
        </p>
        <PageTitle>{t("complaints.file.title", { institution: institution.name })}</PageTitle>
        <p className="text-slate-700">{t("complaints.file.lead")}</p>
      </header>
      {formError ? <Alert tone="error">{t(formError)}</Alert> : null}
      <Form method="post" encType="multipart/form-data" noValidate onSubmit={onSubmit} className="space-y-4">
        <SelectField
          label={t("complaints.file.category")}
          placeholder={t("complaints.file.categoryChoose")}
          options={COMPLAINT_CATEGORIES.map((c) => ({ value: c, label: t(`complaints.category.${c}`) }))}
          error={errorFor("category")}
          {...form.register("category")}
        />
        <div>
          <label htmlFor="complaint-description" className="block text-sm font-medium text-slate-800">
            {t("complaints.file.description")}
          </label>
          <textarea
            id="complaint-description"
            rows={6}
            maxLength={DESCRIPTION_MAX}
            aria-invalid={errorFor("description") ? true : undefined}
            aria-describedby="complaint-description-hint"
            className="mt-1 block w-full rounded border border-slate-400 bg-white px-3 py-2 text-slate-900"
            {...form.register("description")}
          />
          <p id="complaint-description-hint" className="mt-1 text-sm text-slate-600">
            {t("complaints.file.descriptionHint")}
          </p>
          <FieldError message={errorFor("description")} />
        </div>
        {enrollments.length > 0 ? (
          <SelectField
            label={t("complaints.file.enrollment")}
            placeholder={t("complaints.file.enrollmentNone")}
            options={enrollments.map((e) => ({
              value: e.id,
              label: t("complaints.file.enrollmentItem", {
                trainee: e.traineeName,
                date: formatDate(e.createdAt, locale),
              }),
            }))}
            error={errorFor("enrollmentId")}
            {...form.register("enrollmentId")}
          />
        ) : null}
        <div>
          <label htmlFor="complaint-photos" className="block text-sm font-medium text-slate-800">
            {t("complaints.file.photos")}
          </label>
          <input
            id="complaint-photos"
            name="photos"
            type="file"
            multiple
            accept={UPLOAD_RULES.photo.accept}
            aria-describedby="complaint-photos-hint"
            className="mt-1 block w-full text-sm"
          />
          <p id="complaint-photos-hint" className="mt-1 text-sm text-slate-600">
            {t("complaints.file.photosHint")}
          </p>
          <FieldError message={errorFor("photos")} />
        </div>
        <SubmitButton pending={pending}>{t("complaints.file.submit")}</SubmitButton>
      </Form>
    </div>
  );
}

function FieldError({ message }: { message: ReturnType<ReturnType<typeof useValidatedForm>["errorFor"]> }) {
  const { t } = useTranslation();
  return message ? <p className="mt-1 text-sm text-red-800">{t(message)}</p> : null;
}

export function ErrorBoundary() {
  const error = useRouteError();
  const { t } = useTranslation();
  if (isRouteErrorResponse(error) && error.status === 403)
    return (
      <section aria-labelledby="complain-forbidden" className="mx-auto max-w-xl space-y-4 py-12 text-center">
        <h1 id="complain-forbidden" className="text-2xl font-semibold">
          {t("complaints.file.parentsOnly.title")}
        </h1>
        <p className="text-slate-700">{t("complaints.file.parentsOnly.body")}</p>
        <p>
          <Link to="/institutions" className="text-brand-700 underline">
            {t("escrowParent.enroll.parentsOnly.back")}
          </Link>
        </p>
      </section>
    );
  if (isRouteErrorResponse(error) && error.status === 404) return <ErrorPage kind="notFound" />;
  return <ErrorPage kind="server" />;
}
