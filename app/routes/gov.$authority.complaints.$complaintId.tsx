import { type ActionFunctionArgs, data, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { ComplaintHistory } from "~/components/complaints/complaint-history";
import { ComplaintStatusBadge } from "~/components/complaints/complaint-status-badge";
import { Alert } from "~/components/ui/alert";
import { SelectField } from "~/components/ui/select-field";
import { SubmitButton } from "~/components/ui/submit-button";
import { formatDateTime } from "~/lib/format";
import { type FieldErrors, validate } from "~/lib/forms/parse.server";
import type { MessageKey } from "~/lib/i18n/catalog";
import { useTranslation } from "~/lib/i18n/use-translation";
import { assignSchema, closeSchema, NOTE_MAX, OUTCOME_MAX, triageSchema } from "~/modules/complaints/complaint-forms";
import {
  AssigneeRefused,
  assignComplaint,
  ComplaintNotFound,
  ComplaintTransitionRefused,
  dismissComplaint,
  resolveComplaint,
  stepApplies,
  triageComplaint,
} from "~/modules/complaints/complaints.server";
import { regulatorComplaint } from "~/modules/complaints/complaints-read.server";
import { notFound, requireAuthorityRole } from "~/modules/identity/guards.server";
import { REGULATOR_ROLES } from "~/modules/identity/roles";
import { readIntentForm } from "~/modules/registry/review-actions.server";

// One complaint of the jurisdiction: what the parent wrote, their photos (through /files/:id),
// the history; accept it, assign an inspector of the jurisdiction, resolve or dismiss it with a
// written outcome the parent reads. A complaint outside the jurisdiction answers 404.

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { scope, authority } = await requireAuthorityRole(request, params.authority, REGULATOR_ROLES);
  const complaint = await regulatorComplaint(scope, params.complaintId ?? "");
  if (!complaint) throw notFound();
  return {
    slug: authority.slug,
    complaint,
    steps: {
      triage: stepApplies("triage", complaint.status),
      assign: stepApplies("assign", complaint.status),
      resolve: stepApplies("resolve", complaint.status),
      dismiss: stepApplies("dismiss", complaint.status),
    },
  };
}

function refusal(fieldErrors: FieldErrors, formError: MessageKey, status: number) {
  return data({ ok: false as const, fieldErrors, formError }, { status });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { scope } = await requireAuthorityRole(request, params.authority, REGULATOR_ROLES);
  const complaintId = params.complaintId ?? "";
  // Outside the jurisdiction (or unknown): 404 whatever was posted.
  if (!(await regulatorComplaint(scope, complaintId))) throw notFound();
  const form = await readIntentForm(request);
  if (!form) return refusal({}, "validation.badForm", 400);
  try {
    switch (form.intent) {
      case "triage": {
        const parsed = validate(triageSchema, form.values);
        if (!parsed.ok) return refusal(parsed.fieldErrors, "validation.badForm", 400);
        await triageComplaint(scope, complaintId, parsed.data);
        break;
      }
      case "assign": {
        const parsed = validate(assignSchema, form.values);
        if (!parsed.ok) return refusal(parsed.fieldErrors, "validation.complaints.assignee", 400);
        await assignComplaint(scope, complaintId, parsed.data);
        break;
      }
      case "resolve":
      case "dismiss": {
        const parsed = validate(closeSchema, form.values);
        if (!parsed.ok) return refusal(parsed.fieldErrors, "validation.complaints.outcomeLength", 400);
        await (form.intent === "resolve" ? resolveComplaint : dismissComplaint)(scope, complaintId, parsed.data);
        break;
      }
      default:
        return refusal({}, "validation.badForm", 400);
    }
  } catch (error) {
    if (error instanceof ComplaintNotFound) throw notFound();
    if (error instanceof ComplaintTransitionRefused) return refusal({}, "complaints.gov.error.transition", 409);
    if (error instanceof AssigneeRefused)
      return refusal({ assigneeId: ["validation.complaints.assignee"] }, "validation.complaints.assignee", 400);
    throw error;
  }
  return { ok: true as const, done: form.intent };
}

export default function GovComplaintPage() {
  const { slug, complaint, steps } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const navigation = useNavigation();
  const pending = navigation.state === "submitting";
  const { t, locale } = useTranslation();
  const assignee = complaint.inspectors.find((i) => i.id === complaint.assignedToId);
  const fieldError = (name: string): MessageKey | undefined =>
    result && !result.ok ? result.fieldErrors[name]?.[0] : undefined;
  return (
    <div className="space-y-6">
      <p className="text-sm">
        <Link to={`/gov/${slug}/complaints`} className="text-brand-700 underline">
          {t("complaints.gov.back")}
        </Link>
      </p>
      <div className="flex flex-wrap items-start gap-3">
        <h2 className="min-w-0 break-words text-xl font-semibold">
          {t("complaints.gov.detail.title", { institution: complaint.institutionName })}
        </h2>
        <ComplaintStatusBadge status={complaint.status} />
      </div>
      {result?.ok ? <Alert tone="success">{t("complaints.gov.done")}</Alert> : null}
      {result && !result.ok ? <Alert tone="error">{t(result.formError)}</Alert> : null}
      <dl className="grid grid-cols-[max-content_minmax(0,1fr)] gap-x-4 gap-y-2 rounded border border-slate-200 bg-white p-4">
        <dt className="text-slate-600">{t("complaints.detail.category")}</dt>
        <dd>{t(`complaints.category.${complaint.category}`)}</dd>
        <dt className="text-slate-600">{t("complaints.detail.filedAt")}</dt>
        <dd>{formatDateTime(complaint.createdAt, locale)}</dd>
        <dt className="text-slate-600">{t("complaints.gov.assignee")}</dt>
        <dd>{assignee ? assignee.displayName : t("complaints.gov.unassigned")}</dd>
      </dl>
      <section aria-labelledby="gov-complaint-description" className="space-y-2">
        <h3 id="gov-complaint-description" className="text-lg font-semibold">
          {t("complaints.detail.description")}
        </h3>
        <p className="whitespace-pre-wrap break-words">{complaint.description}</p>
      </section>
      {complaint.photoFileIds.length > 0 ? (
        <section aria-labelledby="gov-complaint-photos" className="space-y-2">
          <h3 id="gov-complaint-photos" className="text-lg font-semibold">
            {t("complaints.detail.photos")}
          </h3>
          <ul className="grid grid-cols-2 gap-2 sm:grid-cols-4">
            {complaint.photoFileIds.map((id, i) => (
              <li key={id}>
                <a href={`/files/${id}`}>
                  <img
                    src={`/files/${id}`}
                    alt={t("complaints.detail.photo", { n: i + 1 })}
                    className="h-32 w-full rounded border border-slate-200 object-cover"
                  />
                </a>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      {complaint.outcome ? (
        <section
          aria-labelledby="gov-complaint-outcome"
          className="space-y-2 rounded border border-slate-300 bg-white p-4"
        >
          <h3 id="gov-complaint-outcome" className="text-lg font-semibold">
            {t("complaints.detail.outcome")}
          </h3>
          <p className="whitespace-pre-wrap break-words">{complaint.outcome}</p>
        </section>
      ) : null}
      {!steps.triage && !steps.assign && !steps.resolve && !steps.dismiss ? (
        <p className="text-slate-700">{t("complaints.gov.closed")}</p>
      ) : null}
      {steps.triage ? (
        <Form method="post" className="space-y-2 rounded border border-slate-200 bg-white p-4">
          <NoteField id="triage-note" />
          <SubmitButton name="intent" value="triage" pending={pending}>
            {t("complaints.gov.triage")}
          </SubmitButton>
        </Form>
      ) : null}
      {steps.assign ? (
        <Form method="post" className="space-y-2 rounded border border-slate-200 bg-white p-4">
          {complaint.inspectors.length === 0 ? (
            <p className="text-slate-700">{t("complaints.gov.noInspectors")}</p>
          ) : (
            <>
              <SelectField
                name="assigneeId"
                label={t("complaints.gov.assignee")}
                defaultValue={complaint.assignedToId ?? ""}
                placeholder=""
                error={fieldError("assigneeId")}
                options={complaint.inspectors.map((i) => ({
                  value: i.id,
                  label: `${i.displayName} · ${locale === "en" ? i.authorityNameEn : i.authorityName}`,
                }))}
              />
              <NoteField id="assign-note" />
              <SubmitButton name="intent" value="assign" pending={pending}>
                {t("complaints.gov.assign")}
              </SubmitButton>
            </>
          )}
        </Form>
      ) : null}
      {steps.resolve || steps.dismiss ? (
        <Form method="post" className="space-y-2 rounded border border-slate-200 bg-white p-4">
          <label htmlFor="complaint-outcome" className="block text-sm font-medium text-slate-800">
            {t("complaints.gov.outcome")}
          </label>
          <textarea
            id="complaint-outcome"
            name="outcome"
            rows={4}
            maxLength={OUTCOME_MAX}
            required
            aria-invalid={fieldError("outcome") ? true : undefined}
            className="block w-full rounded border border-slate-400 bg-white px-3 py-2"
          />
          {fieldError("outcome") ? (
            <p className="text-sm text-red-800">{t(fieldError("outcome") ?? "validation.invalid")}</p>
          ) : null}
          <div className="flex flex-wrap gap-2">
            {steps.resolve ? (
              <SubmitButton name="intent" value="resolve" pending={pending}>
                {t("complaints.gov.resolve")}
              </SubmitButton>
            ) : null}
            {steps.dismiss ? (
              <SubmitButton name="intent" value="dismiss" tone="secondary" pending={pending}>
                {t("complaints.gov.dismiss")}
              </SubmitButton>
            ) : null}
          </div>
        </Form>
      ) : null}
      <ComplaintHistory events={complaint.events} parentView={false} />
    </div>
  );
}

function NoteField({ id }: { id: string }) {
  const { t } = useTranslation();
  return (
    <div>
      <label htmlFor={id} className="block text-sm font-medium text-slate-800">
        {t("complaints.gov.note")}
      </label>
      <textarea
        id={id}
        name="note"
        rows={2}
        maxLength={NOTE_MAX}
        className="mt-1 block w-full rounded border border-slate-400 bg-white px-3 py-2"
      />
    </div>
  );
}
