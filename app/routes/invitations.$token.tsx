import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { Form, useLoaderData } from "@remix-run/react";
import { Alert } from "~/components/ui/alert";
import { PageTitle } from "~/components/ui/page-title";
import { SubmitButton } from "~/components/ui/submit-button";
import { TextField } from "~/components/ui/text-field";
import { formFailure, parseForm, tooManyAttempts, validate } from "~/lib/forms/parse.server";
import { useValidatedForm } from "~/lib/forms/use-validated-form";
import { localeFromRequest } from "~/lib/i18n/locale.server";
import { useTranslation } from "~/lib/i18n/use-translation";
import { requestMeta } from "~/lib/request-meta.server";
import { acceptInvitation, findOpenInvitation } from "~/modules/identity/invitations.server";
import { consume } from "~/modules/identity/rate-limits.server";
import { acceptInvitationSchema, newAccountFromInvitationSchema } from "~/modules/identity/schemas";
import { signInAndRedirect } from "~/modules/identity/sign-up-response.server";
import { TOKEN_FORMAT } from "~/modules/identity/tokens.server";

async function openInvitation(token: string | undefined) {
  return token && TOKEN_FORMAT.test(token) ? findOpenInvitation(token) : null;
}

export async function loader({ params }: LoaderFunctionArgs) {
  const invitation = await openInvitation(params.token);
  if (!invitation) return { invitation: null };
  const { id: _id, ...shown } = invitation;
  return { invitation: shown };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const meta = requestMeta(request, context);
  const wait = await consume("loginIp", meta.ip ?? "unknown");
  if (wait !== null) return tooManyAttempts(wait);
  const invitation = await openInvitation(params.token);
  if (!invitation) return formFailure({ fieldErrors: {}, formError: "auth.invite.invalid" }, 410);
  const parsed = await parseForm(request, acceptInvitationSchema);
  if (!parsed.ok) return formFailure(parsed);
  const { displayName, password } = parsed.data;
  if (!invitation.accountExists) {
    const newAccount = validate(newAccountFromInvitationSchema, parsed.data);
    if (!newAccount.ok) return formFailure(newAccount);
  }
  const locale = await localeFromRequest(request);
  const result = await acceptInvitation(params.token ?? "", { displayName, password }, locale);
  if (!result.ok) {
    return result.reason === "wrongPassword"
      ? formFailure({ fieldErrors: { password: ["auth.invite.wrongPassword"] } })
      : formFailure({ fieldErrors: {}, formError: "auth.invite.invalid" }, 410);
  }
  return signInAndRedirect(request, result.userId, locale, meta, `/gov/${result.authoritySlug}`);
}

export default function AcceptInvitation() {
  const { invitation } = useLoaderData<typeof loader>();
  const { t, locale } = useTranslation();
  const { form, onSubmit, errorFor, formError, pending } = useValidatedForm(acceptInvitationSchema);
  if (!invitation || formError === "auth.invite.invalid") {
    return (
      <div className="mx-auto max-w-md space-y-6">
        <PageTitle>{t("auth.invite.title")}</PageTitle>
        <Alert tone="error">{t("auth.invite.invalid")}</Alert>
      </div>
    );
  }
  return (
    <div className="mx-auto max-w-md space-y-6">
      <PageTitle>{t("auth.invite.title")}</PageTitle>
      <p className="text-slate-700">
        {t("auth.invite.lead", {
          inviter: invitation.inviterName,
          role: t(`role.${invitation.role}`),
          authority: locale === "en" ? invitation.authority.nameEn : invitation.authority.name,
        })}
      </p>
      <p className="text-slate-700">
        {t(invitation.accountExists ? "auth.invite.existingAccount" : "auth.invite.newAccount")}
      </p>
      {formError ? <Alert tone="error">{t(formError)}</Alert> : null}
      <Form method="post" noValidate onSubmit={onSubmit} className="space-y-4">
        <TextField label={t("field.email")} type="email" value={invitation.email} readOnly autoComplete="username" />
        {invitation.accountExists ? null : (
          <TextField
            label={t("field.displayName")}
            autoComplete="name"
            error={errorFor("displayName")}
            {...form.register("displayName")}
          />
        )}
        <TextField
          label={t("field.password")}
          type="password"
          autoComplete={invitation.accountExists ? "current-password" : "new-password"}
          hint={invitation.accountExists ? undefined : t("auth.password.hint")}
          error={errorFor("password")}
          {...form.register("password")}
        />
        {invitation.accountExists ? null : (
          <TextField
            label={t("field.confirmPassword")}
            type="password"
            autoComplete="new-password"
            error={errorFor("confirmPassword")}
            {...form.register("confirmPassword")}
          />
        )}
        <SubmitButton pending={pending} className="w-full">
          {t("auth.invite.submit")}
        </SubmitButton>
      </Form>
    </div>
  );
}
