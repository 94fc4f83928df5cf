import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { z } from "zod";
import { Alert } from "~/components/ui/alert";
import { SelectField } from "~/components/ui/select-field";
import { SubmitButton } from "~/components/ui/submit-button";
import { TextField } from "~/components/ui/text-field";
import { appOrigin } from "~/lib/app-origin.server";
import { formatDateTime } from "~/lib/format";
import { formFailure, parseForm } from "~/lib/forms/parse.server";
import { useValidatedForm } from "~/lib/forms/use-validated-form";
import { useTranslation } from "~/lib/i18n/use-translation";
import { requireAuthorityRole } from "~/modules/identity/guards.server";
import { inviteRegulator, revokeInvitation } from "~/modules/identity/invitations.server";
import { authorityMembers } from "~/modules/identity/members.server";
import { invitationSchema } from "~/modules/identity/schemas";

const ADMIN = ["REGULATOR_ADMIN"] as const;
const revokeSchema = z.object({ invitationId: z.uuid("validation.invalid") });

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { authority, scope } = await requireAuthorityRole(request, params.authority, ADMIN);
  return authorityMembers({ ...scope, authorityId: authority.id });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { authority, scope, viewer } = await requireAuthorityRole(request, params.authority, ADMIN);
  const intent = new URL(request.url).searchParams.get("intent");
  const acting = { ...scope, authorityId: authority.id, userId: viewer.user.id };
  if (intent === "invite") {
    const parsed = await parseForm(request, invitationSchema);
    if (!parsed.ok) return formFailure(parsed);
    const result = await inviteRegulator(acting, parsed.data, {
      origin: appOrigin(request),
      inviterName: viewer.user.displayName,
      locale: viewer.user.locale,
    });
    if (!result.ok) {
      const key = result.reason === "alreadyMember" ? "gov.members.alreadyMember" : "gov.members.pendingExists";
      return formFailure({ fieldErrors: { email: [key] } }, 409);
    }
    return { ok: true as const, done: "invited" as const, email: parsed.data.email };
  }
  if (intent === "revoke") {
    const parsed = await parseForm(request, revokeSchema);
    if (!parsed.ok) return formFailure(parsed);
    if (!(await revokeInvitation(acting, parsed.data.invitationId))) {
      return formFailure({ fieldErrors: {}, formError: "gov.members.revokeFailed" }, 404);
    }
    return { ok: true as const, done: "revoked" as const, email: "" };
  }
  return formFailure({ fieldErrors: {}, formError: "validation.badForm" });
}

export default function Members() {
  const { members, invitations } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const navigation = useNavigation();
  const { t, locale } = useTranslation();
  const invite = useValidatedForm(invitationSchema, { role: "INSPECTOR" });
  const done = result && "done" in result ? result : null;
  return (
    <div className="space-y-8">
      {done?.done === "invited" ? (
        <Alert tone="success">{t("gov.members.invited", { email: done.email })}</Alert>
      ) : null}
      {done?.done === "revoked" ? <Alert tone="success">{t("gov.members.revoked")}</Alert> : null}
      {invite.formError ? <Alert tone="error">{t(invite.formError)}</Alert> : null}
      <section aria-labelledby="members-heading" className="space-y-3">
        <h2 id="members-heading" className="text-lg font-semibold">
          {t("gov.members.current")}
        </h2>
        {members.length === 0 ? (
          <p className="text-slate-700">{t("gov.members.none")}</p>
        ) : (
          <table className="w-full border-collapse bg-white text-left">
            <thead>
              <tr className="border-b border-slate-300">
                <th className="p-2">{t("field.displayName")}</th>
                <th className="p-2">{t("field.email")}</th>
                <th className="p-2">{t("field.role")}</th>
              </tr>
            </thead>
            <tbody>
              {members.map((m) => (
                <tr key={m.id} className="border-b border-slate-200">
                  <td className="p-2">{m.user.displayName}</td>
                  <td className="p-2 break-all">{m.user.email}</td>
                  <td className="p-2">{t(`role.${m.role}`)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
      <section aria-labelledby="invite-heading" className="max-w-md space-y-3">
        <h2 id="invite-heading" className="text-lg font-semibold">
          {t("gov.members.invite")}
        </h2>
        <p className="text-slate-700">{t("gov.members.inviteLead")}</p>
        <Form method="post" action="?intent=invite" noValidate onSubmit={invite.onSubmit} className="space-y-4">
          <TextField
            label={t("field.email")}
            type="email"
            error={invite.errorFor("email")}
            {...invite.form.register("email")}
          />
          <SelectField
            label={t("field.role")}
            options={(["INSPECTOR", "REGULATOR_ADMIN"] as const).map((r) => ({ value: r, label: t(`role.${r}`) }))}
            error={invite.errorFor("role")}
            {...invite.form.register("role")}
          />
          <SubmitButton pending={invite.pending}>{t("gov.members.inviteSubmit")}</SubmitButton>
        </Form>
      </section>
      <section aria-labelledby="pending-heading" className="space-y-3">
        <h2 id="pending-heading" className="text-lg font-semibold">
          {t("gov.members.pending")}
        </h2>
        {invitations.length === 0 ? (
          <p className="text-slate-700">{t("gov.members.noPending")}</p>
        ) : (
          <ul className="divide-y divide-slate-200 rounded border border-slate-200 bg-white">
            {invitations.map((inv) => (
              <li key={inv.id} className="flex flex-wrap items-center justify-between gap-2 p-3">
                <span>
                  <span className="font-medium break-all">{inv.email}</span> · {t(`role.${inv.role}`)}
                  <span className="block text-sm text-slate-600">
                    {t("gov.members.expires", { time: formatDateTime(inv.expiresAt, locale) })}
                  </span>
                </span>
                <Form method="post" action="?intent=revoke">
                  <input type="hidden" name="invitationId" value={inv.id} />
                  <SubmitButton tone="secondary" pending={navigation.state === "submitting"}>
                    {t("gov.members.revoke")}
                  </SubmitButton>
                </Form>
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}
