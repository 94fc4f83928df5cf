import { Form, useNavigation } from "@remix-run/react";
import { SubmitButton } from "~/components/ui/submit-button";
import { useValidatedForm } from "~/lib/forms/use-validated-form";
import { useTranslation } from "~/lib/i18n/use-translation";
import type { InstitutionStatusName } from "~/modules/registry/institution-status";
import { registrationChangeSchema } from "~/modules/registry/review-forms";
import { REGISTRATION_ACTIONS } from "~/modules/registry/review-rights";
import { canInstitution } from "~/modules/registry/state-machine";
import { ReasonField } from "./review-decision-forms";

const TONES = { suspend: "secondary", reinstate: "primary", revoke: "danger", close: "secondary" } as const;

/**
 * Suspend, reinstate, revoke or close a registration: one reason, one button per action the
 * state machine allows from the current status (the button posts the intent).
 */
export function ReviewRegistrationActions({ status, allowed }: { status: InstitutionStatusName; allowed: boolean }) {
  const { t } = useTranslation();
  const navigation = useNavigation();
  const change = useValidatedForm(registrationChangeSchema);
  const actions = REGISTRATION_ACTIONS.filter((a) => canInstitution(status, a));
  if (actions.length === 0) return <p className="text-slate-700">{t("govInstitutions.actions.none")}</p>;
  if (!allowed) return <p className="text-slate-700">{t("govInstitutions.actions.adminOnly")}</p>;
  const pendingIntent = navigation.state === "submitting" ? navigation.formData?.get("intent") : null;
  return (
    <Form method="post" noValidate onSubmit={change.onSubmit} className="max-w-2xl space-y-3">
      <p className="text-slate-700">{t("govInstitutions.actions.lead")}</p>
      <ReasonField
        label={t("govInstitutions.actions.reason")}
        maxLength={1000}
        error={change.errorFor("reason")}
        {...change.form.register("reason")}
      />
      <div className="flex flex-wrap gap-3">
        {actions.map((action) => (
          <SubmitButton
            key={action}
            name="intent"
            value={action}
            tone={TONES[action]}
            pending={pendingIntent === action}
            disabled={pendingIntent !== null && pendingIntent !== undefined}
          >
            {t(`govInstitutions.action.${action}`)}
          </SubmitButton>
        ))}
      </div>
    </Form>
  );
}
