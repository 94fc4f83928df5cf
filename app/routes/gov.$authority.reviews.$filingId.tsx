import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { ContentView } from "~/components/registry/content-view";
import { ReviewAssignForm } from "~/components/registry/review-assign-form";
import { ReviewChangeRequests } from "~/components/registry/review-change-requests";
import { ReviewCompliance } from "~/components/registry/review-compliance";
import { ReviewDecisionForms } from "~/components/registry/review-decision-forms";
import { ReviewDiff } from "~/components/registry/review-diff";
import { ReviewSummary } from "~/components/registry/review-summary";
import { StatusHistory } from "~/components/registry/status-history";
import { Alert } from "~/components/ui/alert";
import { formFailure } from "~/lib/forms/parse.server";
import { useTranslation } from "~/lib/i18n/use-translation";
import { notFound } from "~/modules/identity/guards.server";
import { decideFromForm, readIntentForm, requireReviewActor } from "~/modules/registry/review-actions.server";
import { findFilingForAction, reviewerCandidates } from "~/modules/registry/review-queue.server";
import { loadFilingReview } from "~/modules/registry/review-read.server";
import { mayDecide, mayStartReview } from "~/modules/registry/review-rights";

// One filing under review: the frozen snapshot, the difference from the approved content, the
// documents, the compliance findings and the history; the decisions go through `intent`.
const filingIdSchema = z.uuid();

function filingIdOf(params: Record<string, string | undefined>): string {
  const parsed = filingIdSchema.safeParse(params.filingId);
  if (!parsed.success) throw notFound();
  return parsed.data;
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const actor = await requireReviewActor(request, params.authority);
  const review = await loadFilingReview(actor.scope, filingIdOf(params));
  if (!review) throw notFound();
  const authorityId = review.institution.authorityId;
  const candidates = (await reviewerCandidates([authorityId])).get(authorityId) ?? [];
  const viewer = { id: actor.viewer.user.id, role: actor.role };
  const assigned = review.filing.assignedReviewerId;
  return {
    ...review,
    candidates,
    viewer,
    rights: {
      start: mayStartReview(actor.role, viewer.id, assigned),
      decide: mayDecide(actor.role, viewer.id, assigned),
    },
    queuePath: `/gov/${actor.authority.slug}/reviews`,
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const actor = await requireReviewActor(request, params.authority);
  const filing = await findFilingForAction(actor.scope, filingIdOf(params));
  if (!filing?.hasSnapshot) throw notFound();
  const form = await readIntentForm(request);
  if (!form) return formFailure({ fieldErrors: {}, formError: "validation.badForm" });
  return decideFromForm(actor, filing, form);
}

export default function FilingReviewPage() {
  const { filing, institution, snapshot, diff, files, compliance, history, candidates, viewer, rights, queuePath } =
    useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const { t } = useTranslation();
  const done = result?.ok ? result : null;
  const failure = result && !result.ok ? result : null;
  const sentBack = filing.status === "CHANGES_REQUESTED" && (filing.changeRequests.length > 0 || filing.decisionReason);
  return (
    <div className="space-y-8">
      <header className="space-y-2">
        <Link to={queuePath} className="text-brand-700 underline">
          {t("govReview.back")}
        </Link>
        <h2 className="text-xl font-semibold text-slate-900">
          {t("govReview.title", { institution: institution.name, kind: t(`filing.kind.${filing.kind}`) })}
        </h2>
        <a href="#review-decision" className="text-brand-700 underline">
          {t("govReview.jumpToDecision")}
        </a>
      </header>

      {done?.done === "assign" ? (
        <Alert tone="success">{t("govReview.done.assign", { name: done.reviewerName ?? "" })}</Alert>
      ) : null}
      {done?.done === "startReview" ? <Alert tone="success">{t("govReview.done.startReview")}</Alert> : null}
      {done?.done === "approve" ? (
        <Alert tone="success">{t("govReview.done.approve", { registrationNo: done.registrationNo ?? "" })}</Alert>
      ) : null}
      {done?.done === "reject" ? <Alert tone="success">{t("govReview.done.reject")}</Alert> : null}
      {done?.done === "requestChanges" ? <Alert tone="success">{t("govReview.done.requestChanges")}</Alert> : null}
      {failure?.formError ? <Alert tone="error">{t(failure.formError)}</Alert> : null}
      {failure && !failure.formError ? <Alert tone="error">{t("govReview.error.fixFields")}</Alert> : null}

      <ReviewSummary filing={filing} institution={institution} />

      {sentBack ? (
        <section aria-labelledby="review-change-requests" className="space-y-2">
          <h3 id="review-change-requests" className="text-lg font-semibold">
            {t("govReview.section.changeRequests")}
          </h3>
          <ReviewChangeRequests reason={filing.decisionReason} comments={filing.changeRequests} />
        </section>
      ) : null}
      {filing.status === "REJECTED" && filing.decisionReason ? (
        <Alert tone="info">{t("govReview.rejectedBecause", { reason: filing.decisionReason })}</Alert>
      ) : null}

      {filing.kind === "INITIAL" ? null : (
        <section aria-labelledby="review-diff" className="space-y-2">
          <h3 id="review-diff" className="text-lg font-semibold">
            {t("govReview.section.diff")}
          </h3>
          <ReviewDiff diff={diff} files={files} />
        </section>
      )}

      <section aria-labelledby="review-compliance" className="space-y-2">
        <h3 id="review-compliance" className="text-lg font-semibold">
          {t("govReview.section.compliance")}
        </h3>
        <ReviewCompliance compliance={compliance} />
      </section>

      <section aria-labelledby="review-snapshot" className="space-y-3">
        <h3 id="review-snapshot" className="text-lg font-semibold">
          {t("govReview.section.snapshot")}
        </h3>
        <p className="text-sm text-slate-700">{t("govReview.snapshotNote")}</p>
        <ContentView content={snapshot} files={files} idPrefix="snapshot" />
      </section>

      <section aria-labelledby="review-history" className="space-y-3">
        <h3 id="review-history" className="text-lg font-semibold">
          {t("govReview.section.history")}
        </h3>
        <StatusHistory entries={history} />
      </section>

      <section id="review-decision" aria-labelledby="review-decision-heading" className="space-y-4">
        <h3 id="review-decision-heading" className="text-lg font-semibold">
          {t("govReview.section.decision")}
        </h3>
        {filing.status === "SUBMITTED" || filing.status === "UNDER_REVIEW" ? (
          <ReviewAssignForm
            action="."
            filingId={filing.id}
            assignedReviewerId={filing.assignedReviewerId}
            candidates={candidates}
            viewer={viewer}
          />
        ) : null}
        <ReviewDecisionForms
          status={filing.status}
          mayStart={rights.start}
          mayDecide={rights.decide}
          reviewerName={filing.reviewer?.displayName ?? null}
          snapshot={snapshot}
        />
      </section>
    </div>
  );
}
