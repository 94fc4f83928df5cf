import type { ActionFunctionArgs } from "@remix-run/node";
import { Form, useLoaderData } from "@remix-run/react";
import { NewPasswordFields } from "~/components/identity/new-password-fields";
import { Alert } from "~/components/ui/alert";
import { PageTitle } from "~/components/ui/page-title";
import { SelectField } from "~/components/ui/select-field";
import { SubmitButton } from "~/components/ui/submit-button";
import { TextField } from "~/components/ui/text-field";
import { formFailure, parseForm, tooManyAttempts } from "~/lib/forms/parse.server";
import { useValidatedForm } from "~/lib/forms/use-validated-form";
import { localeFromRequest } from "~/lib/i18n/locale.server";
import { useTranslation } from "~/lib/i18n/use-translation";
import { requestMeta } from "~/lib/request-meta.server";
import { passwordContainsEmailName } from "~/modules/identity/password-policy";
import { consume } from "~/modules/identity/rate-limits.server";
import { institutionSignupSchema } from "~/modules/identity/schemas";
import { signUpInstitution } from "~/modules/identity/sign-up.server";
import { signInAndRedirect } from "~/modules/identity/sign-up-response.server";
import { allAuthorities } from "~/modules/tenancy/authorities.server";

export async function loader() {
  const authorities = await allAuthorities();
  const byId = new Map(authorities.map((a) => [a.id, a]));
  // "杭州市 · 西湖区" reads better than the bureau's full name in a picker.
  const districts = authorities
    .filter((a) => a.level === "DISTRICT")
    .map((d) => ({ id: d.id, name: d.name, nameEn: d.nameEn, city: byId.get(d.parentId ?? "")?.name ?? "" }));
  return { districts };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const meta = requestMeta(request, context);
  const wait = await consume("signupIp", meta.ip ?? "unknown");
  if (wait !== null) return tooManyAttempts(wait);
  const parsed = await parseForm(request, institutionSignupSchema);
  if (!parsed.ok) return formFailure(parsed);
  const input = parsed.data;
  if (passwordContainsEmailName(input.password, input.email)) {
    return formFailure({ fieldErrors: { password: ["validation.password.containsEmail"] } });
  }
  const locale = await localeFromRequest(request);
  const result = await signUpInstitution(input, locale);
  if (!result.ok) {
    return result.reason === "emailTaken"
      ? formFailure({ fieldErrors: { email: ["auth.signup.emailTaken"] } }, 409)
      : formFailure({ fieldErrors: { authorityId: ["validation.chooseDistrict"] } });
  }
  return signInAndRedirect(request, result.userId, locale, meta);
}

export default function InstitutionSignup() {
  const { districts } = useLoaderData<typeof loader>();
  const { t, locale } = useTranslation();
  const { form, onSubmit, errorFor, formError, pending } = useValidatedForm(institutionSignupSchema);
  return (
    <div className="mx-auto max-w-md space-y-6">
      <PageTitle>{t("auth.signup.institution.title")}</PageTitle>
      <p className="text-slate-700">{t("auth.signup.institution.body")}</p>
      {formError ? <Alert tone="error">{t(formError)}</Alert> : null}
      <Form method="post" noValidate onSubmit={onSubmit} className="space-y-4">
        <TextField
          label={t("field.institutionName")}
          error={errorFor("institutionName")}
          {...form.register("institutionName")}
        />
        <SelectField
          label={t("field.district")}
          placeholder={t("auth.signup.chooseDistrict")}
          options={districts.map((d) => ({ value: d.id, label: locale === "en" ? d.nameEn : `${d.city} · ${d.name}` }))}
          error={errorFor("authorityId")}
          {...form.register("authorityId")}
        />
        <TextField
          label={t("field.displayName")}
          autoComplete="name"
          error={errorFor("displayName")}
          {...form.register("displayName")}
        />
        <TextField
          label={t("field.email")}
          type="email"
          autoComplete="email"
          error={errorFor("email")}
          {...form.register("email")}
        />
        <NewPasswordFields register={form.register} errorFor={errorFor} />
        <SubmitButton pending={pending} className="w-full">
          {t("auth.signup.submit")}
        </SubmitButton>
      </Form>
    </div>
  );
}
