import { type ActionFunctionArgs, type LoaderFunctionArgs, redirect } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { Alert } from "~/components/ui/alert";
import { PageTitle } from "~/components/ui/page-title";
import { SubmitButton } from "~/components/ui/submit-button";
import { TextField } from "~/components/ui/text-field";
import { formFailure, parseForm, tooManyAttempts } from "~/lib/forms/parse.server";
import { useValidatedForm } from "~/lib/forms/use-validated-form";
import { isLocale } from "~/lib/i18n/catalog";
import { localeCookie } from "~/lib/i18n/locale.server";
import { useTranslation } from "~/lib/i18n/use-translation";
import { requestMeta } from "~/lib/request-meta.server";
import { safeRedirectPath } from "~/lib/safe-redirect";
import { homePathFor } from "~/modules/identity/guards.server";
import { clear, consume, exhausted, longest } from "~/modules/identity/rate-limits.server";
import { loginSchema } from "~/modules/identity/schemas";
import { createSession, endSession, getViewer, membershipsOf } from "~/modules/identity/session.server";
import { checkCredentials } from "~/modules/identity/sign-in.server";

export async function loader({ request }: LoaderFunctionArgs) {
  const url = new URL(request.url);
  const redirectTo = url.searchParams.get("redirectTo") ?? "";
  const viewer = await getViewer(request);
  if (viewer) throw redirect(redirectTo ? safeRedirectPath(redirectTo) : homePathFor(viewer.memberships));
  return { redirectTo, notice: url.searchParams.get("notice") };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const parsed = await parseForm(request, loginSchema);
  if (!parsed.ok) return formFailure(parsed);
  const { email, password, redirectTo } = parsed.data;
  const meta = requestMeta(request, context);
  const wait = longest(await consume("loginIp", meta.ip ?? "unknown"), await exhausted("loginAccount", email));
  if (wait !== null) return tooManyAttempts(wait);

  const result = await checkCredentials(email, password, meta.ip);
  if (!result.ok) {
    await consume("loginAccount", email);
    return formFailure({ fieldErrors: {}, formError: "auth.invalidCredentials" }, 400);
  }
  await clear("loginAccount", email);
  const headers = new Headers();
  // Whatever session this browser carried before is ended: every sign-in gets a fresh token.
  headers.append("Set-Cookie", await endSession(request));
  headers.append("Set-Cookie", await createSession(result.userId, meta));
  if (isLocale(result.locale)) headers.append("Set-Cookie", await localeCookie.serialize(result.locale));
  const home = homePathFor(await membershipsOf(result.userId));
  return redirect(redirectTo ? safeRedirectPath(redirectTo, home) : home, { headers });
}

export default function Login() {
  const { redirectTo, notice } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  const { form, onSubmit, errorFor, formError, pending } = useValidatedForm(loginSchema);
  return (
    <div className="mx-auto max-w-md space-y-6">
      <PageTitle>{t("auth.login.title")}</PageTitle>
      {notice === "passwordReset" ? <Alert tone="success">{t("auth.reset.done")}</Alert> : null}
      {notice === "signedUp" ? <Alert tone="success">{t("auth.signup.done")}</Alert> : null}
      {formError ? <Alert tone="error">{t(formError)}</Alert> : null}
      <Form method="post" noValidate onSubmit={onSubmit} className="space-y-4">
        {/* Plain, not registered: react-hook-form leaves registered hidden inputs empty in the server's HTML. */}
        <input type="hidden" name="redirectTo" value={redirectTo} />
        <TextField
          label={t("field.email")}
          type="email"
          autoComplete="username"
          error={errorFor("email")}
          {...form.register("email")}
        />
        <TextField
          label={t("field.password")}
          type="password"
          autoComplete="current-password"
          error={errorFor("password")}
          {...form.register("password")}
        />
        <SubmitButton pending={pending} className="w-full">
          {t("auth.login.submit")}
        </SubmitButton>
      </Form>
      <p className="flex justify-between text-sm">
        <Link to="/forgot-password" className="text-brand-700 underline">
          {t("auth.login.forgot")}
        </Link>
        <Link to="/signup" className="text-brand-700 underline">
          {t("auth.login.signup")}
        </Link>
      </p>
    </div>
  );
}
