import type { ActionFunctionArgs } from "@remix-run/node";
import { Form } from "@remix-run/react";
import { NewPasswordFields } from "~/components/identity/new-password-fields";
import { Alert } from "~/components/ui/alert";
import { PageTitle } from "~/components/ui/page-title";
import { SubmitButton } from "~/components/ui/submit-button";
import { TextField } from "~/components/ui/text-field";
import { formFailure, parseForm, tooManyAttempts } from "~/lib/forms/parse.server";
import { useValidatedForm } from "~/lib/forms/use-validated-form";
import { localeFromRequest } from "~/lib/i18n/locale.server";
import { useTranslation } from "~/lib/i18n/use-translation";
import { requestMeta } from "~/lib/request-meta.server";
import { passwordContainsEmailName } from "~/modules/identity/password-policy";
import { consume } from "~/modules/identity/rate-limits.server";
import { parentSignupSchema } from "~/modules/identity/schemas";
import { signUpParent } from "~/modules/identity/sign-up.server";
import { signInAndRedirect } from "~/modules/identity/sign-up-response.server";

export async function action({ request, context }: ActionFunctionArgs) {
  const meta = requestMeta(request, context);
  const wait = await consume("signupIp", meta.ip ?? "unknown");
  if (wait !== null) return tooManyAttempts(wait);
  const parsed = await parseForm(request, parentSignupSchema);
  if (!parsed.ok) return formFailure(parsed);
  const { email, displayName, password } = parsed.data;
  if (passwordContainsEmailName(password, email)) {
    return formFailure({ fieldErrors: { password: ["validation.password.containsEmail"] } });
  }
  const locale = await localeFromRequest(request);
  const result = await signUpParent({ email, displayName, password }, locale);
  if (!result.ok) return formFailure({ fieldErrors: { email: ["auth.signup.emailTaken"] } }, 409);
  return signInAndRedirect(request, result.userId, locale, meta);
}

export default function ParentSignup() {
  const { t } = useTranslation();
  const { form, onSubmit, errorFor, formError, pending } = useValidatedForm(parentSignupSchema);
  return (
    <div className="mx-auto max-w-md space-y-6">
      <PageTitle>{t("auth.signup.parent.title")}</PageTitle>
      <p className="text-slate-700">{t("auth.signup.parent.body")}</p>
      {formError ? <Alert tone="error">{t(formError)}</Alert> : null}
      <Form method="post" noValidate onSubmit={onSubmit} className="space-y-4">
        <TextField
          label={t("field.email")}
          type="email"
          autoComplete="email"
          error={errorFor("email")}
          {...form.register("email")}
        />
        <TextField
          label={t("field.displayName")}
          autoComplete="name"
          error={errorFor("displayName")}
          {...form.register("displayName")}
        />
        <NewPasswordFields register={form.register} errorFor={errorFor} />
        <SubmitButton pending={pending} className="w-full">
          {t("auth.signup.submit")}
        </SubmitButton>
      </Form>
    </div>
  );
}
