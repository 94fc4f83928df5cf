import type { ActionFunctionArgs } from "@remix-run/node";
import { Form, useActionData } from "@remix-run/react";
import { Alert } from "~/components/ui/alert";
import { PageTitle } from "~/components/ui/page-title";
import { SubmitButton } from "~/components/ui/submit-button";
import { TextField } from "~/components/ui/text-field";
import { appOrigin } from "~/lib/app-origin.server";
import { formFailure, parseForm, tooManyAttempts } from "~/lib/forms/parse.server";
import { useValidatedForm } from "~/lib/forms/use-validated-form";
import { useTranslation } from "~/lib/i18n/use-translation";
import { requestMeta } from "~/lib/request-meta.server";
import { requestPasswordReset } from "~/modules/identity/password-reset.server";
import { consume, longest } from "~/modules/identity/rate-limits.server";
import { forgotPasswordSchema } from "~/modules/identity/schemas";

export async function action({ request, context }: ActionFunctionArgs) {
  const parsed = await parseForm(request, forgotPasswordSchema);
  if (!parsed.ok) return formFailure(parsed);
  const { email } = parsed.data;
  const { ip } = requestMeta(request, context);
  const wait = longest(await consume("resetIp", ip ?? "unknown"), await consume("resetAccount", email));
  if (wait !== null) return tooManyAttempts(wait);
  await requestPasswordReset(email, appOrigin(request));
  return { ok: true as const };
}

export default function ForgotPassword() {
  const { t } = useTranslation();
  const result = useActionData<typeof action>();
  const { form, onSubmit, errorFor, formError, pending } = useValidatedForm(forgotPasswordSchema);
  return (
    <div className="mx-auto max-w-md space-y-6">
      <PageTitle>{t("auth.forgot.title")}</PageTitle>
      {result?.ok ? <Alert tone="success">{t("auth.forgot.sent")}</Alert> : null}
      {formError ? <Alert tone="error">{t(formError)}</Alert> : null}
      <p className="text-slate-700">{t("auth.forgot.lead")}</p>
      <Form method="post" noValidate onSubmit={onSubmit} className="space-y-4">
        <TextField
          label={t("field.email")}
          type="email"
          autoComplete="email"
          error={errorFor("email")}
          {...form.register("email")}
        />
        <SubmitButton pending={pending} className="w-full">
          {t("auth.forgot.submit")}
        </SubmitButton>
      </Form>
    </div>
  );
}
