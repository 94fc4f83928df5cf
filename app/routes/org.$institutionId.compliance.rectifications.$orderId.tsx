import { type ActionFunctionArgs, type LoaderFunctionArgs, redirect } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { RectificationAnswerForm } from "~/components/compliance/rectification-answer-form";
import { RectificationHistory } from "~/components/compliance/rectification-history";
import { RectificationItems } from "~/components/compliance/rectification-items";
import { RectificationResponses } from "~/components/compliance/rectification-responses";
import { RectificationSummary } from "~/components/compliance/rectification-summary";
import { Alert } from "~/components/ui/alert";
import { parseMultipartForm } from "~/lib/forms/multipart.server";
import { formFailure, validate } from "~/lib/forms/parse.server";
import { useTranslation } from "~/lib/i18n/use-translation";
import {
  answering,
  idFrom,
  refused,
  requireRectificationMember,
  storeEvidence,
} from "~/modules/compliance/rectification-actions.server";
import { answerOrder } from "~/modules/compliance/rectification-answer.server";
import { answerOrderSchema, EVIDENCE_INPUT } from "~/modules/compliance/rectification-forms";
import { orderDetail, orderStatusFor } from "~/modules/compliance/rectification-read.server";
import { canRectification } from "~/modules/compliance/rectification-state-machine";
import { notFound } from "~/modules/identity/guards.server";
import { UPLOAD_FORM_LIMITS } from "~/modules/registry/files-purposes";

// One rectification order for the institution: what to fix and by when, its answers so far, the
// history, and the answer form (text and documents) while the order takes answers. Admins and
// staff answer.

export async function loader({ request, params }: LoaderFunctionArgs) {
  const member = await requireRectificationMember(request, params.institutionId);
  const detail = await orderDetail(member.scope, idFrom(params.orderId), { institutionId: member.institutionId });
  if (!detail) throw notFound();
  return {
    detail,
    answerable: canRectification(detail.order.status, "answer"),
    justAnswered: new URL(request.url).searchParams.has("answered"),
    compliancePath: `/org/${member.institutionId}/compliance`,
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const member = await requireRectificationMember(request, params.institutionId);
  const orderId = idFrom(params.orderId);
  const status = await orderStatusFor(member.scope, orderId, { institutionId: member.institutionId });
  if (status === null) throw notFound();
  // Refused before any upload is read or stored: an accepted or withdrawn order takes no answer.
  if (!canRectification(status, "answer")) return refused();
  const multipart = await parseMultipartForm(request, UPLOAD_FORM_LIMITS);
  if (!multipart.ok) return multipart.response;
  const parsed = validate(answerOrderSchema, multipart.form.values);
  if (!parsed.ok) return formFailure(parsed);
  // Only files chosen in this request's evidence input; any posted id is ignored.
  const stored = await storeEvidence(member, multipart.form.files.get(EVIDENCE_INPUT) ?? []);
  if (!stored.ok) return formFailure({ fieldErrors: stored.fieldErrors });
  const done = await answering(() =>
    answerOrder(member.scope, member.institutionId, orderId, { text: parsed.data.text, fileIds: stored.ids }),
  );
  if (!done.ok) return done.answer;
  return redirect(`/org/${member.institutionId}/compliance/rectifications/${orderId}?answered=1`);
}

export default function InstitutionRectificationOrder() {
  const { detail, answerable, justAnswered, compliancePath } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const { t } = useTranslation();
  const { order } = detail;
  const lastReason = detail.history.find((h) => h.event === "reject")?.reason ?? null;
  return (
    <div className="space-y-8">
      <header className="space-y-2">
        <Link to={compliancePath} className="text-brand-700 underline">
          {t("rectification.backToCompliance")}
        </Link>
        <h2 className="text-xl font-semibold text-slate-900">{t("rectification.org.title")}</h2>
        <p className="text-sm text-slate-700">{t(`rectification.org.lead.${order.status}`)}</p>
      </header>
      {justAnswered && !result ? <Alert tone="success">{t("rectification.done.answered")}</Alert> : null}
      {result?.formError ? <Alert tone="error">{t(result.formError)}</Alert> : null}
      {order.status === "REJECTED" && lastReason ? (
        <Alert tone="error">{t("rectification.org.rejectedBecause", { reason: lastReason })}</Alert>
      ) : null}

      <RectificationSummary detail={detail} />

      <section aria-labelledby="rectification-items" className="space-y-3">
        <h3 id="rectification-items" className="text-lg font-semibold">
          {t("rectification.detail.items", { count: detail.items.length })}
        </h3>
        <RectificationItems items={detail.items} />
      </section>

      {answerable ? <RectificationAnswerForm again={detail.responses.length > 0} /> : null}

      <section aria-labelledby="rectification-responses" className="space-y-3">
        <h3 id="rectification-responses" className="text-lg font-semibold">
          {t("rectification.detail.responsesOwn")}
        </h3>
        <RectificationResponses responses={detail.responses} emptyText={t("rectification.responses.noneOwn")} />
      </section>

      <section aria-labelledby="rectification-history" className="space-y-3">
        <h3 id="rectification-history" className="text-lg font-semibold">
          {t("rectification.detail.history")}
        </h3>
        <RectificationHistory entries={detail.history} />
      </section>
    </div>
  );
}
