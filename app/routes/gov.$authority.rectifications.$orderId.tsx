import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { RectificationDecisionForms } from "~/components/compliance/rectification-decision-forms";
import { RectificationHistory } from "~/components/compliance/rectification-history";
import { RectificationItems } from "~/components/compliance/rectification-items";
import { RectificationResponses } from "~/components/compliance/rectification-responses";
import { RectificationSummary } from "~/components/compliance/rectification-summary";
import { Alert } from "~/components/ui/alert";
import { formFailure, validate } from "~/lib/forms/parse.server";
import { useTranslation } from "~/lib/i18n/use-translation";
import { answering, idFrom, requireRectificationRegulator } from "~/modules/compliance/rectification-actions.server";
import { decideOrder } from "~/modules/compliance/rectification-decide.server";
import {
  acceptOrderSchema,
  isDecisionIntent,
  rejectOrderSchema,
  withdrawOrderSchema,
} from "~/modules/compliance/rectification-forms";
import { orderDetail, orderStatusFor } from "~/modules/compliance/rectification-read.server";
import { notFound } from "~/modules/identity/guards.server";
import { readIntentForm } from "~/modules/registry/review-actions.server";

// One rectification order for its regulators: the findings it covers, the institution's answers
// with their documents, the history, and the decisions (accept, reject with a reason, withdraw).

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { scope, authority } = await requireRectificationRegulator(request, params.authority);
  const detail = await orderDetail(scope, idFrom(params.orderId), { jurisdiction: true });
  if (!detail) throw notFound();
  return {
    detail,
    justIssued: new URL(request.url).searchParams.has("issued"),
    listPath: `/gov/${authority.slug}/rectifications`,
    institutionPath: `/gov/${authority.slug}/institutions/${detail.institution.id}`,
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { scope } = await requireRectificationRegulator(request, params.authority);
  const orderId = idFrom(params.orderId);
  if ((await orderStatusFor(scope, orderId, { jurisdiction: true })) === null) throw notFound();
  const form = await readIntentForm(request);
  if (!form || !isDecisionIntent(form.intent)) return formFailure({ fieldErrors: {}, formError: "validation.badForm" });
  const { intent } = form;
  let reason: string;
  if (intent === "accept") {
    const parsed = validate(acceptOrderSchema, form.values);
    if (!parsed.ok) return formFailure(parsed);
    reason = parsed.data.acceptNote;
  } else if (intent === "reject") {
    const parsed = validate(rejectOrderSchema, form.values);
    if (!parsed.ok) return formFailure(parsed);
    reason = parsed.data.rejectReason;
  } else {
    const parsed = validate(withdrawOrderSchema, form.values);
    if (!parsed.ok) return formFailure(parsed);
    reason = parsed.data.withdrawReason;
  }
  const done = await answering(() => decideOrder(scope, orderId, intent, reason));
  return done.ok ? { ok: true as const, done: intent } : done.answer;
}

export default function RectificationOrderPage() {
  const { detail, justIssued, listPath, institutionPath } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const { t } = useTranslation();
  const failure = result && !result.ok ? result : null;
  return (
    <div className="space-y-8">
      <header className="space-y-2">
        <Link to={listPath} className="text-brand-700 underline">
          {t("rectification.back")}
        </Link>
        <h2 className="text-xl font-semibold text-slate-900">
          {t("rectification.detail.title", { institution: detail.institution.name })}
        </h2>
        <p className="text-sm">
          <Link to={institutionPath} className="text-brand-700 underline">
            {t("rectification.detail.toInstitution")}
          </Link>
        </p>
      </header>
      {justIssued && !result ? <Alert tone="success">{t("rectification.done.issued")}</Alert> : null}
      {result?.ok ? <Alert tone="success">{t(`rectification.done.${result.done}`)}</Alert> : null}
      {failure?.formError ? <Alert tone="error">{t(failure.formError)}</Alert> : null}
      {failure && !failure.formError ? <Alert tone="error">{t("rectification.error.fixFields")}</Alert> : null}

      <RectificationSummary detail={detail} />

      <section aria-labelledby="rectification-items" className="space-y-3">
        <h3 id="rectification-items" className="text-lg font-semibold">
          {t("rectification.detail.items", { count: detail.items.length })}
        </h3>
        <RectificationItems items={detail.items} />
      </section>

      <section aria-labelledby="rectification-responses" className="space-y-3">
        <h3 id="rectification-responses" className="text-lg font-semibold">
          {t("rectification.detail.responses")}
        </h3>
        <RectificationResponses responses={detail.responses} emptyText={t("rectification.responses.noneYet")} />
      </section>

      <section aria-labelledby="rectification-decision" className="space-y-3">
        <h3 id="rectification-decision" className="text-lg font-semibold">
          {t("rectification.detail.decision")}
        </h3>
        <RectificationDecisionForms status={detail.order.status} />
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
