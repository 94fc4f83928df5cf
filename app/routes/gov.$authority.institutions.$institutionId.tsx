import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { ClosureRefundsPanel } from "~/components/operations/work-progress";
import { ContentView } from "~/components/registry/content-view";
import { ReviewRegistrationActions } from "~/components/registry/review-registration-actions";
import { StatusHistory } from "~/components/registry/status-history";
import { Alert } from "~/components/ui/alert";
import { ScrollRegion } from "~/components/ui/scroll-region";
import { formatDate, formatDateTime } from "~/lib/format";
import { formFailure } from "~/lib/forms/parse.server";
import { useTranslation } from "~/lib/i18n/use-translation";
import { notFound } from "~/modules/identity/guards.server";
import { latestClosureRefunds } from "~/modules/operations/background-work.server";
import {
  findSupervisedInstitutionStatus,
  loadSupervisedInstitution,
} from "~/modules/registry/jurisdiction-institutions.server";
import {
  changeRegistrationFromForm,
  readIntentForm,
  requireReviewActor,
} from "~/modules/registry/review-actions.server";
import { mayChangeRegistration } from "~/modules/registry/review-rights";

// One institution of the jurisdiction: its approved content, history and filings, and the
// registration actions (suspend, reinstate, revoke, close) the state machine allows now.
const institutionIdSchema = z.uuid();

function institutionIdOf(params: Record<string, string | undefined>): string {
  const parsed = institutionIdSchema.safeParse(params.institutionId);
  if (!parsed.success) throw notFound();
  return parsed.data;
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const actor = await requireReviewActor(request, params.authority);
  const institutionId = institutionIdOf(params);
  const found = await loadSupervisedInstitution(actor.scope, institutionId);
  if (!found) throw notFound();
  return {
    ...found,
    closure: await latestClosureRefunds(actor.scope, institutionId),
    mayChange: mayChangeRegistration(actor.role),
    basePath: `/gov/${actor.authority.slug}`,
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const actor = await requireReviewActor(request, params.authority);
  const institutionId = institutionIdOf(params);
  if ((await findSupervisedInstitutionStatus(actor.scope, institutionId)) === null) throw notFound();
  const form = await readIntentForm(request);
  if (!form) return formFailure({ fieldErrors: {}, formError: "validation.badForm" });
  return changeRegistrationFromForm(actor, institutionId, form);
}

const cell = "border-b border-slate-200 px-2 py-2 align-top";
const head = "border-b border-slate-300 px-2 py-2 text-left font-medium text-slate-700";

export default function SupervisedInstitutionPage() {
  const { institution, approvedContent, files, filings, history, closure, mayChange, basePath } =
    useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const { t, locale } = useTranslation();
  const facts: [string, string][] = [
    [t("govInstitutions.facts.status"), t(`institution.status.${institution.status}`)],
    [t("govInstitutions.facts.registrationNo"), institution.registrationNo ?? t("govInstitutions.notRegistered")],
    [t("govInstitutions.facts.creditCode"), institution.creditCode ?? "—"],
    [t("govReview.table.district"), locale === "en" ? institution.district.nameEn : institution.district.name],
    [t("govInstitutions.facts.createdAt"), formatDateTime(institution.createdAt, locale)],
    [
      t("govInstitutions.facts.registeredAt"),
      institution.registeredAt ? formatDateTime(institution.registeredAt, locale) : "—",
    ],
    [
      t("govInstitutions.facts.approvedAt"),
      institution.approvedAt ? formatDateTime(institution.approvedAt, locale) : "—",
    ],
    [
      t("govInstitutions.facts.annualDue"),
      institution.annualFilingDueOn ? formatDate(institution.annualFilingDueOn, locale) : "—",
    ],
  ];
  return (
    <div className="space-y-8">
      <header className="space-y-2">
        <Link to={`${basePath}/institutions`} className="text-brand-700 underline">
          {t("govInstitutions.back")}
        </Link>
        <h2 className="text-xl font-semibold text-slate-900">{institution.name}</h2>
      </header>
      {result?.ok ? <Alert tone="success">{t(`govInstitutions.done.${result.done}`)}</Alert> : null}
      {result && !result.ok && result.formError ? <Alert tone="error">{t(result.formError)}</Alert> : null}

      <dl className="grid gap-x-6 gap-y-1 sm:grid-cols-[max-content_1fr]">
        {facts.map(([label, value]) => (
          <div key={label} className="contents">
            <dt className="text-slate-600">{label}</dt>
            <dd>{value}</dd>
          </div>
        ))}
      </dl>

      {/* Suspending, revoking or closing refunds every unconsumed balance: how far that has got. */}
      <ClosureRefundsPanel
        initial={closure}
        pollUrl={`${basePath}/progress.json?of=closure&institution=${institution.id}`}
      />

      <section aria-labelledby="institution-actions" className="space-y-3">
        <h3 id="institution-actions" className="text-lg font-semibold">
          {t("govInstitutions.section.actions")}
        </h3>
        <ReviewRegistrationActions status={institution.status} allowed={mayChange} />
      </section>

      <section aria-labelledby="institution-history" className="space-y-3">
        <h3 id="institution-history" className="text-lg font-semibold">
          {t("govReview.section.history")}
        </h3>
        <StatusHistory entries={history} />
      </section>

      <section aria-labelledby="institution-filings" className="space-y-3">
        <h3 id="institution-filings" className="text-lg font-semibold">
          {t("govInstitutions.section.filings")}
        </h3>
        {filings.length === 0 ? (
          <p className="text-slate-700">{t("govInstitutions.filings.none")}</p>
        ) : (
          <ScrollRegion>
            <table className="min-w-full border-collapse bg-white text-sm">
              <thead>
                <tr>
                  <th scope="col" className={head}>
                    {t("govReview.table.kind")}
                  </th>
                  <th scope="col" className={head}>
                    {t("govReview.table.status")}
                  </th>
                  <th scope="col" className={head}>
                    {t("govReview.table.submitted")}
                  </th>
                  <th scope="col" className={head}>
                    {t("govInstitutions.filings.decidedAt")}
                  </th>
                </tr>
              </thead>
              <tbody>
                {filings.map((f) => (
                  <tr key={f.id}>
                    <th scope="row" className={`${cell} text-left font-medium`}>
                      <Link to={`${basePath}/reviews/${f.id}`} className="text-brand-700 underline">
                        {t(`filing.kind.${f.kind}`)}
                      </Link>
                    </th>
                    <td className={cell}>{t(`filing.status.${f.status}`)}</td>
                    <td className={cell}>{f.submittedAt ? formatDateTime(f.submittedAt, locale) : "—"}</td>
                    <td className={cell}>{f.decidedAt ? formatDateTime(f.decidedAt, locale) : "—"}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </ScrollRegion>
        )}
      </section>

      <section aria-labelledby="institution-approved" className="space-y-3">
        <h3 id="institution-approved" className="text-lg font-semibold">
          {t("govInstitutions.section.approved")}
        </h3>
        {approvedContent ? (
          <ContentView content={approvedContent} files={files} idPrefix="approved" />
        ) : (
          <p className="text-slate-700">{t("govInstitutions.approved.none")}</p>
        )}
      </section>
    </div>
  );
}
