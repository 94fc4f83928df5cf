import { Form } from "@remix-run/react";
import { useId } from "react";
import { ReasonField } from "~/components/registry/review-decision-forms";
import { SubmitButton } from "~/components/ui/submit-button";
import { useValidatedForm } from "~/lib/forms/use-validated-form";
import { useTranslation } from "~/lib/i18n/use-translation";
import {
  answerOrderSchema,
  EVIDENCE_INPUT,
  MAX_ANSWER_TEXT,
  MAX_EVIDENCE_FILES,
} from "~/modules/compliance/rectification-forms";
import { UPLOAD_RULES } from "~/modules/registry/files-purposes";

/**
 * The institution's answer: what it did, and up to MAX_EVIDENCE_FILES documents (photos, scans,
 * PDFs) chosen in one file input. Posted as multipart, so it works without JavaScript too.
 */
export function RectificationAnswerForm({ again }: { again: boolean }) {
  const { t } = useTranslation();
  const { form, onSubmit, errorFor, formError, pending } = useValidatedForm(answerOrderSchema);
  const fileId = useId();
  const fileError = errorFor(EVIDENCE_INPUT);
  return (
    <Form
      method="post"
      encType="multipart/form-data"
      noValidate
      onSubmit={onSubmit}
      className="space-y-4 rounded border border-slate-300 bg-white p-4"
    >
      <h3 className="text-lg font-semibold">
        {again ? t("rectification.answer.headingAgain") : t("rectification.answer.heading")}
      </h3>
      <p className="text-slate-700">{t("rectification.answer.lead")}</p>
      {formError ? <p className="text-red-800">{t(formError)}</p> : null}
      <ReasonField
        label={t("rectification.answer.text")}
        rows={6}
        maxLength={MAX_ANSWER_TEXT}
        error={errorFor("text")}
        {...form.register("text")}
      />
      <div>
        <label htmlFor={fileId} className="block text-sm font-medium text-slate-800">
          {t("rectification.answer.files")}
        </label>
        <input
          id={fileId}
          name={EVIDENCE_INPUT}
          type="file"
          multiple
          accept={UPLOAD_RULES.document.accept}
          aria-invalid={fileError ? true : undefined}
          aria-describedby={fileError ? `${fileId}-hint ${fileId}-error` : `${fileId}-hint`}
          className="mt-1 block w-full text-sm"
        />
        <p id={`${fileId}-hint`} className="text-xs text-slate-600">
          {t("rectification.answer.filesHint", { max: MAX_EVIDENCE_FILES })}
        </p>
        {fileError ? (
          <p id={`${fileId}-error`} className="mt-1 text-sm text-red-800">
            {t(fileError)}
          </p>
        ) : null}
      </div>
      <SubmitButton pending={pending}>{t("rectification.answer.submit")}</SubmitButton>
    </Form>
  );
}
