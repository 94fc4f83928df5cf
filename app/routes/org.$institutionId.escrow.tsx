import { type ActionFunctionArgs, data, type LoaderFunctionArgs, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useId } from "react";
import { ClosureRefundsPanel } from "~/components/operations/work-progress";
import { Alert } from "~/components/ui/alert";
import { ScrollRegion } from "~/components/ui/scroll-region";
import { SubmitButton } from "~/components/ui/submit-button";
import { appOrigin } from "~/lib/app-origin.server";
import { formatDate, formatDateTime, formatFen } from "~/lib/format";
import { type FieldErrors, formValues, validate } from "~/lib/forms/parse.server";
import type { MessageKey } from "~/lib/i18n/catalog";
import { useTranslation } from "~/lib/i18n/use-translation";
import { EscrowRefusal } from "~/modules/escrow/escrow-errors";
import { refundResponseSchema } from "~/modules/escrow/escrow-forms";
import {
  type EscrowFigures,
  escrowOverview,
  type FundWarningView,
  type PaymentAccountView,
  type PayoutView,
  type RefundView,
} from "~/modules/escrow/org-read.server";
import { enableFundsSupervision, PaymentProviderUnavailableError } from "~/modules/escrow/payment-account.server";
import { respondToRefund } from "~/modules/escrow/refunds.server";
import { requireInstitutionRole } from "~/modules/identity/guards.server";
import { INSTITUTION_ROLES } from "~/modules/identity/roles";
import { latestClosureRefunds } from "~/modules/operations/background-work.server";

// 资金监管: what the escrow holds for the institution and has paid it, its account at the payment
// provider (admins open it), the parents' refund requests (admins answer them), payouts and fund
// warnings. Every member reads the page; staff cannot post (403); anyone else gets 404.

const NOTICES = {
  enabled: "escrowOrg.notice.enabled",
  return: "escrowOrg.notice.onboardingReturn",
  refresh: "escrowOrg.notice.onboardingRefresh",
  accepted: "escrowOrg.notice.refundAccepted",
  contested: "escrowOrg.notice.refundContested",
} as const satisfies Record<string, MessageKey>;
type Notice = keyof typeof NOTICES;
const isNotice = (value: string | null): value is Notice => value !== null && Object.hasOwn(NOTICES, value);

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { membership, scope } = await requireInstitutionRole(request, params.institutionId, INSTITUTION_ROLES);
  const institutionId = params.institutionId ?? "";
  const [overview, closure] = await Promise.all([
    escrowOverview(scope, institutionId),
    latestClosureRefunds(scope, institutionId),
  ]);
  const asked = new URL(request.url).searchParams.get("notice");
  return {
    institutionId,
    canManage: membership.role === "INSTITUTION_ADMIN",
    notice: isNotice(asked) ? asked : null,
    closure,
    ...overview,
  };
}

type ActionFailure = { ok: false; fieldErrors: FieldErrors; formError?: MessageKey; refundId?: string };

function failure(body: Omit<ActionFailure, "ok">, status: number) {
  return data({ ok: false as const, ...body } satisfies ActionFailure, { status });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { membership, scope } = await requireInstitutionRole(request, params.institutionId, INSTITUTION_ROLES);
  const institutionId = params.institutionId ?? "";
  if (membership.role !== "INSTITUTION_ADMIN") return failure({ fieldErrors: {}, formError: "org.onlyAdmins" }, 403);
  let values: Record<string, unknown>;
  try {
    values = formValues(await request.formData());
  } catch {
    return failure({ fieldErrors: {}, formError: "validation.badForm" }, 400);
  }
  const page = `/org/${institutionId}/escrow`;
  const refundId = typeof values.refundId === "string" ? values.refundId : undefined;
  try {
    if (values.intent === "enableFundsSupervision") {
      const origin = `${appOrigin(request)}${page}`;
      const link = await enableFundsSupervision(scope, institutionId, {
        returnUrl: `${origin}?notice=return`,
        refreshUrl: `${origin}?notice=refresh`,
      });
      return redirect(link ?? `${page}?notice=enabled`);
    }
    if (values.intent !== "acceptRefund" && values.intent !== "contestRefund")
      return failure({ fieldErrors: {}, formError: "validation.badForm" }, 400);
    const parsed = validate(refundResponseSchema, values);
    if (!parsed.ok) return failure({ fieldErrors: parsed.fieldErrors, formError: parsed.formError, refundId }, 400);
    await respondToRefund(scope, institutionId, parsed.data);
    return redirect(`${page}?notice=${parsed.data.intent === "acceptRefund" ? "accepted" : "contested"}`);
  } catch (error) {
    if (error instanceof EscrowRefusal)
      return failure({ fieldErrors: {}, formError: error.messageKey, refundId }, error.status);
    if (error instanceof PaymentProviderUnavailableError)
      return failure({ fieldErrors: {}, formError: "escrowOrg.account.providerUnavailable" }, 503);
    throw error;
  }
}

// ---------------------------------------------------------------------------------------------
// The page

export default function InstitutionEscrow() {
  const {
    institutionId,
    canManage,
    notice,
    closure,
    figures,
    account,
    refundsToAnswer,
    pastRefunds,
    payouts,
    warnings,
  } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const { t } = useTranslation();
  // An error about one refund is shown at that refund; anything else at the top.
  const topError = result && !result.ok && !result.refundId ? result.formError : undefined;
  return (
    <div className="space-y-8">
      <header className="space-y-2">
        <h2 className="text-xl font-semibold text-slate-900">{t("escrowOrg.title")}</h2>
        <p className="text-sm text-slate-700">{t("escrowOrg.lead")}</p>
      </header>
      {topError ? <Alert tone="error">{t(topError)}</Alert> : null}
      {notice ? <Alert tone={notice === "refresh" ? "info" : "success"}>{t(NOTICES[notice])}</Alert> : null}
      <ClosureRefundsPanel initial={closure} pollUrl={`/org/${institutionId}/progress.json`} />
      <Figures figures={figures} />
      <FundsSupervisionCard institutionId={institutionId} account={account} canManage={canManage} />
      <RefundsToAnswer refunds={refundsToAnswer} canManage={canManage} />
      <PastRefunds refunds={pastRefunds} />
      <Payouts payouts={payouts} />
      <Warnings warnings={warnings} />
    </div>
  );
}

const FIGURES: { key: keyof EscrowFigures; label: MessageKey; hint: MessageKey }[] = [
  { key: "supervisedFen", label: "escrowOrg.figures.supervised", hint: "escrowOrg.figures.supervisedHint" },
  { key: "awaitingConfirmationFen", label: "escrowOrg.figures.awaiting", hint: "escrowOrg.figures.awaitingHint" },
  { key: "payableFen", label: "escrowOrg.figures.payable", hint: "escrowOrg.figures.payableHint" },
  { key: "paidOutFen", label: "escrowOrg.figures.paidOut", hint: "escrowOrg.figures.paidOutHint" },
  { key: "reserveFen", label: "escrowOrg.figures.reserve", hint: "escrowOrg.figures.reserveHint" },
  { key: "refundsPayableFen", label: "escrowOrg.figures.refunding", hint: "escrowOrg.figures.refundingHint" },
];

function Figures({ figures }: { figures: EscrowFigures }) {
  const { t, locale } = useTranslation();
  return (
    <section aria-labelledby="escrow-figures" className="space-y-3">
      <h3 id="escrow-figures" className="text-lg font-semibold">
        {t("escrowOrg.figures.heading")}
      </h3>
      <dl className="grid grid-cols-1 gap-3 sm:grid-cols-2 lg:grid-cols-3">
        {FIGURES.map((f) => (
          <div key={f.key} className="rounded border border-slate-300 bg-white p-4">
            <dt className="text-sm text-slate-700">{t(f.label)}</dt>
            <dd className="mt-1 text-2xl font-semibold tabular-nums text-slate-900">
              {formatFen(figures[f.key], locale)}
            </dd>
            <dd className="mt-1 text-sm text-slate-600">{t(f.hint)}</dd>
          </div>
        ))}
      </dl>
    </section>
  );
}

function accountState(account: PaymentAccountView): MessageKey {
  if (account.account?.status === "ACTIVE" && account.fundsSupervisionEnabled) return "escrowOrg.account.state.active";
  if (account.account?.status === "RESTRICTED") return "escrowOrg.account.state.restricted";
  if (account.account) return "escrowOrg.account.state.pending";
  return "escrowOrg.account.state.none";
}

function FundsSupervisionCard(props: { institutionId: string; account: PaymentAccountView; canManage: boolean }) {
  const { institutionId, account, canManage } = props;
  const { t, locale } = useTranslation();
  const navigation = useNavigation();
  const approved = account.institutionStatus === "APPROVED";
  const active = account.account?.status === "ACTIVE" && account.fundsSupervisionEnabled;
  const pending = navigation.state !== "idle" && navigation.formData?.get("intent") === "enableFundsSupervision";
  const details = account.account;
  return (
    <section aria-labelledby="escrow-account" className="space-y-3 rounded border border-slate-300 bg-white p-4">
      <h3 id="escrow-account" className="text-lg font-semibold">
        {t("escrowOrg.account.heading")}
      </h3>
      <p className={active ? "font-semibold text-green-800" : "font-semibold text-amber-800"}>
        {t(accountState(account))}
      </p>
      {details ? (
        <dl className="grid grid-cols-[max-content_1fr] gap-x-4 gap-y-1 text-sm">
          <dt className="text-slate-600">{t("escrowOrg.account.provider")}</dt>
          <dd>
            {t(
              details.provider === "stripe"
                ? "escrowOrg.account.provider.stripe"
                : "escrowOrg.account.provider.simulated",
            )}
          </dd>
          <dt className="text-slate-600">{t("escrowOrg.account.charges")}</dt>
          <dd>{t(details.chargesEnabled ? "escrowOrg.account.on" : "escrowOrg.account.off")}</dd>
          <dt className="text-slate-600">{t("escrowOrg.account.payouts")}</dt>
          <dd>{t(details.payoutsEnabled ? "escrowOrg.account.on" : "escrowOrg.account.off")}</dd>
          <dt className="text-slate-600">{t("escrowOrg.account.updatedAt")}</dt>
          <dd>{formatDateTime(details.updatedAt, locale)}</dd>
        </dl>
      ) : null}
      {active ? (
        <p className="text-sm text-slate-700">{t("escrowOrg.account.activeBody")}</p>
      ) : !approved ? (
        <p className="text-sm text-slate-700">
          {t("escrowOrg.account.notApprovedBody")}{" "}
          <Link to={`/org/${institutionId}/filing`} className="text-brand-700 underline">
            {t("escrowOrg.account.toFiling")}
          </Link>
        </p>
      ) : canManage ? (
        <Form method="post" className="space-y-2">
          <p className="text-sm text-slate-700">{t("escrowOrg.account.enableBody")}</p>
          <input type="hidden" name="intent" value="enableFundsSupervision" />
          <SubmitButton pending={pending} className="w-full sm:w-auto">
            {t(details ? "escrowOrg.account.continue" : "escrowOrg.account.enable")}
          </SubmitButton>
        </Form>
      ) : (
        <p className="text-sm text-slate-700">{t("escrowOrg.account.staffBody")}</p>
      )}
    </section>
  );
}

function RefundFacts({ refund }: { refund: RefundView }) {
  const { t, locale } = useTranslation();
  return (
    <dl className="grid grid-cols-[max-content_1fr] gap-x-4 gap-y-1 text-sm">
      <dt className="text-slate-600">{t("escrowOrg.refund.trainee")}</dt>
      <dd className="break-words">{refund.traineeName}</dd>
      <dt className="text-slate-600">{t("escrowOrg.refund.course")}</dt>
      <dd className="break-words">{refund.courseName}</dd>
      <dt className="text-slate-600">{t("escrowOrg.refund.amount")}</dt>
      <dd>
        {t("escrowOrg.refund.amountValue", { lessons: refund.lessons, amount: formatFen(refund.amountFen, locale) })}
      </dd>
      <dt className="text-slate-600">{t("escrowOrg.refund.requestedAt")}</dt>
      <dd>{formatDateTime(refund.requestedAt, locale)}</dd>
      <dt className="text-slate-600">{t("escrowOrg.refund.reason")}</dt>
      <dd className="whitespace-pre-line break-words">{refund.reason}</dd>
    </dl>
  );
}

function RefundsToAnswer({ refunds, canManage }: { refunds: RefundView[]; canManage: boolean }) {
  const { t } = useTranslation();
  return (
    <section aria-labelledby="escrow-refunds" className="space-y-3">
      <h3 id="escrow-refunds" className="text-lg font-semibold">
        {t("escrowOrg.refunds.heading")}
      </h3>
      {refunds.length === 0 ? (
        <p className="text-slate-700">{t("escrowOrg.refunds.empty")}</p>
      ) : (
        <>
          <p className="text-sm text-slate-700">
            {t(canManage ? "escrowOrg.refunds.lead" : "escrowOrg.refunds.staffLead")}
          </p>
          <ul className="space-y-3">
            {refunds.map((r) => (
              <RefundToAnswer key={r.id} refund={r} canManage={canManage} />
            ))}
          </ul>
        </>
      )}
    </section>
  );
}

function RefundToAnswer({ refund, canManage }: { refund: RefundView; canManage: boolean }) {
  const { t, locale } = useTranslation();
  const navigation = useNavigation();
  const result = useActionData<typeof action>();
  const responseId = useId();
  const mine = result && !result.ok && result.refundId === refund.id ? result : null;
  const responseError = mine?.fieldErrors.response?.[0];
  const formError = mine && !responseError ? (mine.formError ?? mine.fieldErrors.refundId?.[0]) : undefined;
  const busy = (intent: string) =>
    navigation.state !== "idle" &&
    navigation.formData?.get("refundId") === refund.id &&
    navigation.formData?.get("intent") === intent;
  return (
    <li className="space-y-3 rounded border border-slate-300 bg-white p-4">
      <p className="font-semibold text-amber-800">
        {refund.respondBy
          ? t("escrowOrg.refund.respondBy", { date: formatDate(refund.respondBy, locale) })
          : t("escrowOrg.refund.awaiting")}
      </p>
      <RefundFacts refund={refund} />
      {formError ? <Alert tone="error">{t(formError)}</Alert> : null}
      {canManage ? (
        <div className="grid gap-4 sm:grid-cols-2">
          <Form method="post" className="space-y-2">
            <input type="hidden" name="intent" value="acceptRefund" />
            <input type="hidden" name="refundId" value={refund.id} />
            <p className="text-sm text-slate-700">
              {t("escrowOrg.refund.acceptHint", { amount: formatFen(refund.amountFen, locale) })}
            </p>
            <SubmitButton pending={busy("acceptRefund")} className="w-full sm:w-auto">
              {t("escrowOrg.refund.accept")}
            </SubmitButton>
          </Form>
          <Form method="post" className="space-y-2">
            <input type="hidden" name="intent" value="contestRefund" />
            <input type="hidden" name="refundId" value={refund.id} />
            <div>
              <label htmlFor={responseId} className="block text-sm font-medium text-slate-800">
                {t("escrowOrg.refund.contestReason")}
              </label>
              <textarea
                id={responseId}
                name="response"
                rows={3}
                required
                minLength={2}
                maxLength={1000}
                aria-invalid={responseError ? true : undefined}
                aria-describedby={`${responseId}-hint${responseError ? ` ${responseId}-error` : ""}`}
                className="mt-1 block w-full rounded border border-slate-400 bg-white px-3 py-2 text-slate-900"
              />
              <p id={`${responseId}-hint`} className="mt-1 text-sm text-slate-600">
                {t("escrowOrg.refund.contestHint")}
              </p>
              {responseError ? (
                <p id={`${responseId}-error`} className="mt-1 text-sm text-red-800">
                  {t(responseError)}
                </p>
              ) : null}
            </div>
            <SubmitButton tone="secondary" pending={busy("contestRefund")} className="w-full sm:w-auto">
              {t("escrowOrg.refund.contest")}
            </SubmitButton>
          </Form>
        </div>
      ) : null}
    </li>
  );
}

const REFUND_STATUS: Record<RefundView["status"], MessageKey> = {
  REQUESTED: "escrowOrg.refundStatus.REQUESTED",
  CONTESTED: "escrowOrg.refundStatus.CONTESTED",
  APPROVED: "escrowOrg.refundStatus.APPROVED",
  SUCCEEDED: "escrowOrg.refundStatus.SUCCEEDED",
  FAILED: "escrowOrg.refundStatus.FAILED",
  REJECTED: "escrowOrg.refundStatus.REJECTED",
};

const DECIDED_BY: Record<string, MessageKey> = {
  INSTITUTION: "escrowOrg.decidedBy.INSTITUTION",
  DEEMED: "escrowOrg.decidedBy.DEEMED",
  REGULATOR: "escrowOrg.decidedBy.REGULATOR",
  SYSTEM: "escrowOrg.decidedBy.SYSTEM",
};

const ORIGIN: Record<RefundView["origin"], MessageKey> = {
  PARENT: "escrowOrg.origin.PARENT",
  CLOSURE: "escrowOrg.origin.CLOSURE",
  DISPUTE: "escrowOrg.origin.DISPUTE",
};

function PastRefunds({ refunds }: { refunds: RefundView[] }) {
  const { t, locale } = useTranslation();
  return (
    <section aria-labelledby="escrow-past-refunds" className="space-y-3">
      <h3 id="escrow-past-refunds" className="text-lg font-semibold">
        {t("escrowOrg.pastRefunds.heading")}
      </h3>
      {refunds.length === 0 ? (
        <p className="text-slate-700">{t("escrowOrg.pastRefunds.empty")}</p>
      ) : (
        <ul className="divide-y divide-slate-200 rounded border border-slate-300 bg-white">
          {refunds.map((r) => {
            const decided = r.decidedBy ? DECIDED_BY[r.decidedBy] : undefined;
            return (
              <li key={r.id} className="space-y-1 p-3 text-sm">
                <div className="flex flex-wrap items-baseline justify-between gap-x-3">
                  <span className="break-words font-medium">
                    {r.traineeName} · {r.courseName}
                  </span>
                  <span className="font-semibold">{t(REFUND_STATUS[r.status])}</span>
                </div>
                <p>
                  {t("escrowOrg.refund.amountValue", { lessons: r.lessons, amount: formatFen(r.amountFen, locale) })} ·{" "}
                  {t(ORIGIN[r.origin])} · {formatDate(r.requestedAt, locale)}
                </p>
                {decided ? (
                  <p className="text-slate-700">
                    {t(decided)}
                    {r.decidedAt ? ` · ${formatDate(r.decidedAt, locale)}` : ""}
                  </p>
                ) : null}
                {r.institutionResponse ? (
                  <p className="break-words text-slate-700">
                    {t("escrowOrg.pastRefunds.response", { text: r.institutionResponse })}
                  </p>
                ) : null}
                {r.decisionNote ? (
                  <p className="break-words text-slate-700">
                    {t("escrowOrg.pastRefunds.note", { text: r.decisionNote })}
                  </p>
                ) : null}
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}

const PAYOUT_STATUS: Record<PayoutView["status"], MessageKey> = {
  PENDING: "escrowOrg.payoutStatus.PENDING",
  PAID: "escrowOrg.payoutStatus.PAID",
  FAILED: "escrowOrg.payoutStatus.FAILED",
  REVERSED: "escrowOrg.payoutStatus.REVERSED",
};

function Payouts({ payouts }: { payouts: PayoutView[] }) {
  const { t, locale } = useTranslation();
  return (
    <section aria-labelledby="escrow-payouts" className="space-y-3">
      <h3 id="escrow-payouts" className="text-lg font-semibold">
        {t("escrowOrg.payouts.heading")}
      </h3>
      {payouts.length === 0 ? (
        <p className="text-slate-700">{t("escrowOrg.payouts.empty")}</p>
      ) : (
        <ScrollRegion>
          <table className="w-full min-w-[20rem] border-collapse text-sm">
            <caption className="sr-only">{t("escrowOrg.payouts.heading")}</caption>
            <thead>
              <tr className="border-b border-slate-300 text-left">
                <th scope="col" className="py-2 pr-3">
                  {t("escrowOrg.payouts.date")}
                </th>
                <th scope="col" className="py-2 pr-3 text-right">
                  {t("escrowOrg.payouts.amount")}
                </th>
                <th scope="col" className="py-2">
                  {t("escrowOrg.payouts.status")}
                </th>
              </tr>
            </thead>
            <tbody>
              {payouts.map((p) => (
                <tr key={p.id} className="border-b border-slate-200">
                  <td className="py-2 pr-3">{formatDate(p.businessDate, locale)}</td>
                  <td className="py-2 pr-3 text-right tabular-nums">{formatFen(p.amountFen, locale)}</td>
                  <td className="py-2">
                    {t(PAYOUT_STATUS[p.status])}
                    {p.paidAt ? ` · ${formatDateTime(p.paidAt, locale)}` : ""}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollRegion>
      )}
    </section>
  );
}

function Warnings({ warnings }: { warnings: FundWarningView[] }) {
  const { t, locale } = useTranslation();
  return (
    <section aria-labelledby="escrow-warnings" className="space-y-3">
      <h3 id="escrow-warnings" className="text-lg font-semibold">
        {t("escrowOrg.warnings.heading")}
      </h3>
      {warnings.length === 0 ? (
        <p className="text-slate-700">{t("escrowOrg.warnings.empty")}</p>
      ) : (
        <ul className="space-y-2">
          {warnings.map((w) => (
            <li
              key={w.id}
              className={`space-y-1 rounded border-l-4 p-3 text-sm ${w.level === "RED" ? "border-red-700 bg-red-50" : "border-amber-500 bg-amber-50"}`}
            >
              <p className="font-semibold">
                {t(w.level === "RED" ? "escrowOrg.warnings.RED" : "escrowOrg.warnings.YELLOW")} ·{" "}
                {t(w.reason === "OUTFLOW" ? "escrowOrg.warnings.OUTFLOW" : "escrowOrg.warnings.BALANCE")}
              </p>
              {w.reason === "BALANCE" && w.heldFen !== null && w.owedFen !== null ? (
                <p>
                  {t("escrowOrg.warnings.balanceMeasured", {
                    held: formatFen(w.heldFen, locale),
                    owed: formatFen(w.owedFen, locale),
                    percent: w.heldPercent ?? 0,
                  })}
                </p>
              ) : null}
              {w.reason === "OUTFLOW" && w.outflowFen !== null ? (
                <p>{t("escrowOrg.warnings.outflowMeasured", { amount: formatFen(w.outflowFen, locale) })}</p>
              ) : null}
              <p className="text-slate-700">
                {t("escrowOrg.warnings.raisedAt", { time: formatDateTime(w.raisedAt, locale) })}
              </p>
              <p className="text-slate-700">
                {t(w.reason === "OUTFLOW" ? "escrowOrg.warnings.outflowAdvice" : "escrowOrg.warnings.balanceAdvice")}
              </p>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
