import { type ActionFunctionArgs, type LoaderFunctionArgs, redirect } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { NewPasswordFields } from "~/components/identity/new-password-fields";
import { Alert } from "~/components/ui/alert";
import { PageTitle } from "~/components/ui/page-title";
import { SubmitButton } from "~/components/ui/submit-button";
import { formFailure, parseForm, tooManyAttempts } from "~/lib/forms/parse.server";
import { useValidatedForm } from "~/lib/forms/use-validated-form";
import { useTranslation } from "~/lib/i18n/use-translation";
import { requestMeta } from "~/lib/request-meta.server";
import { completePasswordReset, findUsableReset } from "~/modules/identity/password-reset.server";
import { consume } from "~/modules/identity/rate-limits.server";
import { resetPasswordSchema } from "~/modules/identity/schemas";
import { TOKEN_FORMAT } from "~/modules/identity/tokens.server";

async function usable(token: string | undefined): Promise<boolean> {
  return token !== undefined && TOKEN_FORMAT.test(token) && (await findUsableReset(token)) !== null;
}

export async function loader({ params }: LoaderFunctionArgs) {
  return { usable: await usable(params.token) };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const { ip } = requestMeta(request, context);
  const wait = await consume("resetIp", ip ?? "unknown");
  if (wait !== null) return tooManyAttempts(wait);
  const parsed = await parseForm(request, resetPasswordSchema);
  if (!parsed.ok) return formFailure(parsed);
  const token = params.token ?? "";
  if (!TOKEN_FORMAT.test(token) || !(await completePasswordReset(token, parsed.data.password))) {
    return formFailure({ fieldErrors: {}, formError: "auth.reset.invalid" }, 410);
  }
  return redirect("/login?notice=passwordReset");
}

export default function ResetPassword() {
  const { usable } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  const { form, onSubmit, errorFor, formError, pending } = useValidatedForm(resetPasswordSchema);
  return (
    <div className="mx-auto max-w-md space-y-6">
      <PageTitle>{t("auth.reset.title")}</PageTitle>
      {!usable || formError === "auth.reset.invalid" ? (
        <>
          <Alert tone="error">{t("auth.reset.invalid")}</Alert>
          <Link to="/forgot-password" className="text-brand-700 underline">
            {t("auth.forgot.title")}
          </Link>
        </>
      ) : (
        <>
          {formError ? <Alert tone="error">{t(formError)}</Alert> : null}
          <Form method="post" noValidate onSubmit={onSubmit} className="space-y-4">
            <NewPasswordFields register={form.register} errorFor={errorFor} label="field.newPassword" />
            <SubmitButton pending={pending} className="w-full">
              {t("auth.reset.submit")}
            </SubmitButton>
          </Form>
        </>
      )}
    </div>
  );
}
