import { type ActionFunctionArgs, type LoaderFunctionArgs, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { z } from "zod";
import { StatusHistory } from "~/components/registry/status-history";
import { Alert } from "~/components/ui/alert";
import { SubmitButton } from "~/components/ui/submit-button";
import { inScope } from "~/lib/db-scope.server";
import { formatDate, formatDateTime } from "~/lib/format";
import { formFailure, parseForm } from "~/lib/forms/parse.server";
import { useTranslation } from "~/lib/i18n/use-translation";
import { notFound } from "~/modules/identity/guards.server";
import { FilingAlreadyOpen, FilingNotEditable, startFiling } from "~/modules/registry/filing.server";
import { requireFilingContext } from "~/modules/registry/filing-access.server";
import { progressPercent } from "~/modules/registry/filing-progress";
import { institutionHistory } from "~/modules/registry/institution-history.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const context = await requireFilingContext(request, params.institutionId);
  const details = await inScope(context.scope, (db) =>
    db.institution.findUnique({
      where: { id: context.institution.id },
      select: {
        id: true,
        status: true,
        registrationNo: true,
        registeredAt: true,
        approvedAt: true,
        annualFilingDueOn: true,
        approvedContent: true,
        createdAt: true,
        authority: { select: { name: true, nameEn: true } },
        memberships: { select: { id: true, role: true, user: { select: { displayName: true, email: true } } } },
      },
    }),
  );
  if (!details) throw notFound();
  const { approvedContent, ...shown } = details;
  const history = await institutionHistory(context.scope, context.institution.id, "institution");
  return {
    history,
    institution: { ...shown, registered: approvedContent !== null },
    isAdmin: context.isAdmin,
    filing: context.filing
      ? {
          kind: context.filing.kind,
          status: context.filing.status,
          progress: context.draft ? progressPercent(context.draft) : 0,
        }
      : null,
  };
}

const startSchema = z.object({ kind: z.enum(["INITIAL", "CHANGE", "ANNUAL"], "validation.invalid") });

export async function action({ request, params }: ActionFunctionArgs) {
  const context = await requireFilingContext(request, params.institutionId);
  if (!context.isAdmin) return formFailure({ fieldErrors: {}, formError: "org.onlyAdmins" }, 403);
  const parsed = await parseForm(request, startSchema);
  if (!parsed.ok) return formFailure(parsed);
  try {
    await startFiling(context.scope, context.institution.id, parsed.data.kind);
  } catch (error) {
    if (error instanceof FilingAlreadyOpen || error instanceof FilingNotEditable) {
      return formFailure({ fieldErrors: {}, formError: "org.cannotStartFiling" }, 409);
    }
    throw error;
  }
  return redirect(`/org/${context.institution.id}/filing`);
}

export default function InstitutionOverview() {
  const { institution, isAdmin, filing, history } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const navigation = useNavigation();
  const { t, locale } = useTranslation();
  const canStartInitial =
    !institution.registered && (institution.status === "DRAFT" || institution.status === "REJECTED");
  return (
    <div className="space-y-8">
      {result?.formError ? <Alert tone="error">{t(result.formError)}</Alert> : null}
      <dl className="grid grid-cols-[max-content_1fr] gap-x-6 gap-y-1">
        <dt className="text-slate-600">{t("org.status")}</dt>
        <dd>{t(`institution.status.${institution.status}`)}</dd>
        <dt className="text-slate-600">{t("org.authority")}</dt>
        <dd>{locale === "en" ? institution.authority.nameEn : institution.authority.name}</dd>
        {institution.registrationNo ? (
          <>
            <dt className="text-slate-600">{t("org.registrationNo")}</dt>
            <dd>{institution.registrationNo}</dd>
          </>
        ) : null}
        {institution.registeredAt ? (
          <>
            <dt className="text-slate-600">{t("org.registeredAt")}</dt>
            <dd>{formatDateTime(institution.registeredAt, locale)}</dd>
          </>
        ) : null}
        {institution.annualFilingDueOn ? (
          <>
            <dt className="text-slate-600">{t("org.annualDue")}</dt>
            <dd>{formatDate(institution.annualFilingDueOn, locale)}</dd>
          </>
        ) : null}
      </dl>

      {institution.registrationNo ? (
        <section aria-labelledby="qr-heading" className="space-y-2">
          <h2 id="qr-heading" className="text-lg font-semibold">
            {t("org.qr.heading")}
          </h2>
          <p className="text-slate-700">{t("org.qr.body")}</p>
          <ul className="flex flex-wrap gap-4">
            <li>
              <a href={`/institutions/${institution.registrationNo}`} className="text-brand-700 underline">
                {t("org.qr.profile")}
              </a>
            </li>
            <li>
              <a
                href={`/institutions/${institution.registrationNo}/qr.svg`}
                download
                className="text-brand-700 underline"
              >
                {t("org.qr.download")}
              </a>
            </li>
            {institution.status === "APPROVED" ? (
              <li>
                <a href={`/org/${institution.id}/certificate.pdf`} className="text-brand-700 underline">
                  {t("org.qr.certificate")}
                </a>
              </li>
            ) : null}
          </ul>
        </section>
      ) : null}

      <section aria-labelledby="filing-heading" className="space-y-3">
        <h2 id="filing-heading" className="text-lg font-semibold">
          {t("org.filing.heading")}
        </h2>
        {filing ? (
          <p>
            {t(`filing.kind.${filing.kind}`)} · {t(`filing.status.${filing.status}`)} ·{" "}
            {t("org.filing.progress", { percent: filing.progress })}{" "}
            <Link to="filing" className="text-brand-700 underline">
              {t("org.filing.continue")}
            </Link>
          </p>
        ) : isAdmin ? (
          <Form method="post" className="flex flex-wrap gap-2">
            {canStartInitial ? (
              <SubmitButton name="kind" value="INITIAL" pending={navigation.state === "submitting"}>
                {t("org.filing.startInitial")}
              </SubmitButton>
            ) : null}
            {institution.registered ? (
              <>
                <SubmitButton name="kind" value="CHANGE" tone="secondary" pending={navigation.state === "submitting"}>
                  {t("org.filing.startChange")}
                </SubmitButton>
                <SubmitButton name="kind" value="ANNUAL" tone="secondary" pending={navigation.state === "submitting"}>
                  {t("org.filing.startAnnual")}
                </SubmitButton>
              </>
            ) : null}
          </Form>
        ) : (
          <p className="text-slate-700">{t("org.filing.none")}</p>
        )}
      </section>

      <section aria-labelledby="org-history" className="space-y-2">
        <h2 id="org-history" className="text-lg font-semibold">
          {t("org.history")}
        </h2>
        <StatusHistory entries={history} />
      </section>

      <section aria-labelledby="org-members" className="space-y-2">
        <h2 id="org-members" className="text-lg font-semibold">
          {t("org.members")}
        </h2>
        <ul className="space-y-1">
          {institution.memberships.map((m) => (
            <li key={m.id}>
              {m.user.displayName} · <span className="break-all">{m.user.email}</span> · {t(`role.${m.role}`)}
            </li>
          ))}
        </ul>
      </section>
    </div>
  );
}
