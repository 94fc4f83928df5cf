import { Form, useNavigation } from "@remix-run/react";
import { ReasonField } from "~/components/registry/review-decision-forms";
import { SubmitButton } from "~/components/ui/submit-button";
import { useValidatedForm } from "~/lib/forms/use-validated-form";
import { useTranslation } from "~/lib/i18n/use-translation";
import {
  acceptOrderSchema,
  type DecisionIntent,
  rejectOrderSchema,
  withdrawOrderSchema,
} from "~/modules/compliance/rectification-forms";
import { canRectification, type RectificationStatusName } from "~/modules/compliance/rectification-state-machine";

function usePendingIntent(intent: DecisionIntent): boolean {
  const navigation = useNavigation();
  return navigation.state === "submitting" && navigation.formData?.get("intent") === intent;
}

const box = "space-y-3 rounded border border-slate-200 bg-white p-4";

function AcceptForm() {
  const { t } = useTranslation();
  const form = useValidatedForm(acceptOrderSchema);
  return (
    <Form method="post" noValidate onSubmit={form.onSubmit} className={box}>
      <h4 className="text-lg font-semibold">{t("rectification.decide.accept.heading")}</h4>
      <p className="text-slate-700">{t("rectification.decide.accept.lead")}</p>
      <input type="hidden" name="intent" value="accept" />
      <ReasonField
        label={t("rectification.decide.accept.note")}
        maxLength={2000}
        rows={2}
        error={form.errorFor("acceptNote")}
        {...form.form.register("acceptNote")}
      />
      <SubmitButton pending={usePendingIntent("accept")}>{t("rectification.decide.accept.submit")}</SubmitButton>
    </Form>
  );
}

function RejectForm() {
  const { t } = useTranslation();
  const form = useValidatedForm(rejectOrderSchema);
  return (
    <Form method="post" noValidate onSubmit={form.onSubmit} className={box}>
      <h4 className="text-lg font-semibold">{t("rectification.decide.reject.heading")}</h4>
      <input type="hidden" name="intent" value="reject" />
      <ReasonField
        label={t("rectification.decide.reject.reason")}
        hint={t("rectification.decide.reject.hint")}
        maxLength={2000}
        error={form.errorFor("rejectReason")}
        {...form.form.register("rejectReason")}
      />
      <SubmitButton tone="secondary" pending={usePendingIntent("reject")}>
        {t("rectification.decide.reject.submit")}
      </SubmitButton>
    </Form>
  );
}

function WithdrawForm() {
  const { t } = useTranslation();
  const form = useValidatedForm(withdrawOrderSchema);
  return (
    <Form method="post" noValidate onSubmit={form.onSubmit} className={box}>
      <h4 className="text-lg font-semibold">{t("rectification.decide.withdraw.heading")}</h4>
      <input type="hidden" name="intent" value="withdraw" />
      <ReasonField
        label={t("rectification.decide.withdraw.reason")}
        hint={t("rectification.decide.withdraw.hint")}
        maxLength={2000}
        rows={2}
        error={form.errorFor("withdrawReason")}
        {...form.form.register("withdrawReason")}
      />
      <SubmitButton tone="danger" pending={usePendingIntent("withdraw")}>
        {t("rectification.decide.withdraw.submit")}
      </SubmitButton>
    </Form>
  );
}

/**
 * The decisions open on an order in its state: accept or reject an answer; withdraw an order
 * still open. Anything else says whose move it is.
 */
export function RectificationDecisionForms({ status }: { status: RectificationStatusName }) {
  const { t } = useTranslation();
  const decide = canRectification(status, "accept");
  const withdraw = canRectification(status, "withdraw");
  return (
    <div className="space-y-4">
      {decide ? (
        <>
          <AcceptForm />
          <RejectForm />
        </>
      ) : (
        <p className="text-slate-700">
          {withdraw ? t("rectification.decide.waitingForInstitution") : t("rectification.decide.closed")}
        </p>
      )}
      {withdraw ? <WithdrawForm /> : null}
    </div>
  );
}
