import { Form, useNavigation } from "@remix-run/react";
import { forwardRef, type TextareaHTMLAttributes, useId, useMemo } from "react";
import { SubmitButton } from "~/components/ui/submit-button";
import { useValidatedForm } from "~/lib/forms/use-validated-form";
import type { MessageKey } from "~/lib/i18n/catalog";
import { useTranslation } from "~/lib/i18n/use-translation";
import type { DraftContent } from "~/modules/registry/content";
import { contentPaths } from "~/modules/registry/content-diff";
import type { FilingStatusName } from "~/modules/registry/institution-status";
import { CHANGE_REQUEST_ROW_NUMBERS, rejectFilingSchema, requestChangesSchema } from "~/modules/registry/review-forms";
import { describeSegments } from "./content-view";

type TextAreaProps = TextareaHTMLAttributes<HTMLTextAreaElement> & { label: string; error?: MessageKey; hint?: string };

/** A labelled text area whose error is announced and tied to it. */
export const ReasonField = forwardRef<HTMLTextAreaElement, TextAreaProps>(function ReasonField(
  { label, error, hint, id, className, ...area },
  ref,
) {
  const { t } = useTranslation();
  const generated = useId();
  const areaId = id ?? generated;
  const describedBy = [hint ? `${areaId}-hint` : null, error ? `${areaId}-error` : null].filter(Boolean).join(" ");
  return (
    <div className={className}>
      <label htmlFor={areaId} className="block text-sm font-medium text-slate-800">
        {label}
      </label>
      <textarea
        ref={ref}
        id={areaId}
        rows={3}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy || undefined}
        className="mt-1 block w-full rounded border border-slate-400 bg-white px-3 py-2 text-slate-900 aria-invalid:border-red-700"
        {...area}
      />
      {hint ? (
        <p id={`${areaId}-hint`} className="mt-1 text-sm text-slate-600">
          {hint}
        </p>
      ) : null}
      {error ? (
        <p id={`${areaId}-error`} className="mt-1 text-sm text-red-800">
          {t(error)}
        </p>
      ) : null}
    </div>
  );
});

function usePendingIntent(intent: string): boolean {
  const navigation = useNavigation();
  return navigation.state === "submitting" && navigation.formData?.get("intent") === intent;
}

function StartReviewForm() {
  const { t } = useTranslation();
  const pending = usePendingIntent("startReview");
  return (
    <Form method="post" className="space-y-2">
      <p className="text-slate-700">{t("govReview.start.lead")}</p>
      <input type="hidden" name="intent" value="startReview" />
      <SubmitButton pending={pending}>{t("govReview.start.submit")}</SubmitButton>
    </Form>
  );
}

function ApproveForm() {
  const { t } = useTranslation();
  const pending = usePendingIntent("approve");
  return (
    <Form method="post" className="space-y-2 rounded border border-slate-200 bg-white p-4">
      <h3 className="text-lg font-semibold">{t("govReview.approve.heading")}</h3>
      <p className="text-slate-700">{t("govReview.approve.lead")}</p>
      <input type="hidden" name="intent" value="approve" />
      <SubmitButton pending={pending}>{t("govReview.approve.submit")}</SubmitButton>
    </Form>
  );
}

function RejectForm() {
  const { t } = useTranslation();
  const reject = useValidatedForm(rejectFilingSchema);
  const pending = usePendingIntent("reject");
  return (
    <Form
      method="post"
      noValidate
      onSubmit={reject.onSubmit}
      className="space-y-3 rounded border border-slate-200 bg-white p-4"
    >
      <h3 className="text-lg font-semibold">{t("govReview.reject.heading")}</h3>
      <input type="hidden" name="intent" value="reject" />
      <ReasonField
        label={t("govReview.reject.reason")}
        hint={t("govReview.reject.hint")}
        maxLength={2000}
        error={reject.errorFor("rejectReason")}
        {...reject.form.register("rejectReason")}
      />
      <SubmitButton tone="danger" pending={pending}>
        {t("govReview.reject.submit")}
      </SubmitButton>
    </Form>
  );
}

function RequestChangesForm({ snapshot }: { snapshot: DraftContent }) {
  const { t } = useTranslation();
  const request = useValidatedForm(requestChangesSchema);
  const pending = usePendingIntent("requestChanges");
  const options = useMemo(
    () => contentPaths(snapshot).map((p) => ({ value: p.path, label: describeSegments(t, p.segments) })),
    [snapshot, t],
  );
  const selectClass = "mt-1 block w-full rounded border border-slate-400 bg-white px-3 py-2 text-slate-900";
  return (
    <Form
      method="post"
      noValidate
      onSubmit={request.onSubmit}
      className="space-y-3 rounded border border-slate-200 bg-white p-4"
    >
      <h3 className="text-lg font-semibold">{t("govReview.requestChanges.heading")}</h3>
      <input type="hidden" name="intent" value="requestChanges" />
      <ReasonField
        label={t("govReview.requestChanges.reason")}
        maxLength={2000}
        error={request.errorFor("reason")}
        {...request.form.register("reason")}
      />
      <p className="text-slate-700">{t("govReview.requestChanges.lead")}</p>
      {CHANGE_REQUEST_ROW_NUMBERS.map((n) => {
        const fieldError = request.errorFor(`field${n}`);
        return (
          <fieldset key={n} className="space-y-2 rounded border border-slate-200 p-3">
            <legend className="px-1 text-sm font-medium">{t("govReview.requestChanges.row", { n })}</legend>
            <div className="grid gap-3 sm:grid-cols-2">
              <div>
                <label htmlFor={`change-field-${n}`} className="block text-sm font-medium text-slate-800">
                  {t("govReview.requestChanges.field")}
                </label>
                <select
                  id={`change-field-${n}`}
                  aria-invalid={fieldError ? true : undefined}
                  aria-describedby={fieldError ? `change-field-${n}-error` : undefined}
                  className={selectClass}
                  {...request.form.register(`field${n}`)}
                >
                  <option value="">{t("govReview.requestChanges.chooseField")}</option>
                  {options.map((o) => (
                    <option key={o.value} value={o.value}>
                      {o.label}
                    </option>
                  ))}
                </select>
                {fieldError ? (
                  <p id={`change-field-${n}-error`} className="mt-1 text-sm text-red-800">
                    {t(fieldError)}
                  </p>
                ) : null}
              </div>
              <div>
                <label htmlFor={`change-other-${n}`} className="block text-sm font-medium text-slate-800">
                  {t("govReview.requestChanges.other")}
                </label>
                <input
                  id={`change-other-${n}`}
                  type="text"
                  maxLength={300}
                  className={selectClass}
                  {...request.form.register(`other${n}`)}
                />
              </div>
            </div>
            <ReasonField
              label={t("govReview.requestChanges.comment")}
              rows={2}
              maxLength={1000}
              error={request.errorFor(`comment${n}`)}
              {...request.form.register(`comment${n}`)}
            />
          </fieldset>
        );
      })}
      <SubmitButton tone="secondary" pending={pending}>
        {t("govReview.requestChanges.submit")}
      </SubmitButton>
    </Form>
  );
}

/**
 * The decisions open to this person on this filing, by its state: open the review when it is
 * submitted; approve, reject or request changes while it is under review. Everything else says why
 * there is nothing to do.
 */
export function ReviewDecisionForms({
  status,
  mayStart,
  mayDecide,
  reviewerName,
  snapshot,
}: {
  status: FilingStatusName;
  mayStart: boolean;
  mayDecide: boolean;
  reviewerName: string | null;
  snapshot: DraftContent;
}) {
  const { t } = useTranslation();
  const notYours = <p className="text-slate-700">{t("govReview.notYours", { name: reviewerName ?? "—" })}</p>;
  if (status === "SUBMITTED") return mayStart ? <StartReviewForm /> : notYours;
  if (status === "UNDER_REVIEW") {
    if (!mayDecide) return notYours;
    return (
      <div className="space-y-4">
        <ApproveForm />
        <RequestChangesForm snapshot={snapshot} />
        <RejectForm />
      </div>
    );
  }
  if (status === "CHANGES_REQUESTED") return <p className="text-slate-700">{t("govReview.waitingForInstitution")}</p>;
  return <p className="text-slate-700">{t("govReview.closed")}</p>;
}
