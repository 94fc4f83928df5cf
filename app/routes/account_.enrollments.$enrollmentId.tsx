import {
  type ActionFunctionArgs,
  data,
  type LoaderFunctionArgs,
  type MetaDescriptor,
  type MetaFunction,
  redirect,
} from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useLocation, useNavigation } from "@remix-run/react";
import { Alert } from "~/components/ui/alert";
import { PageTitle } from "~/components/ui/page-title";
import { SubmitButton } from "~/components/ui/submit-button";
import type { DataScope } from "~/lib/db-scope.server";
import { formatDate, formatDateTime, formatFen } from "~/lib/format";
import { type FieldErrors, validate } from "~/lib/forms/parse.server";
import type { MessageKey } from "~/lib/i18n/catalog";
import { routeMeta } from "~/lib/i18n/route-meta";
import { useTranslation } from "~/lib/i18n/use-translation";
import { EscrowRefusal } from "~/modules/escrow/escrow-errors";
import { answerSchema, refundRequestSchema } from "~/modules/escrow/escrow-forms";
import { answerAttendance } from "~/modules/escrow/lessons.server";
import {
  type AttendanceStatusName,
  type AttendanceView,
  type EnrollmentDetail,
  isParentEnrollment,
  parentEnrollmentDetail,
  type RefundView,
} from "~/modules/escrow/parent-read.server";
import { requestRefund } from "~/modules/escrow/refunds.server";
import { notFound, requireViewer } from "~/modules/identity/guards.server";
import { readIntentForm } from "~/modules/registry/review-actions.server";

export { clientLoader, handle } from "~/lib/i18n/workspace-route";

// One enrollment of the signed-in parent (404 for anyone else's): where the money stands (paid,
// consumed, kept as reserve, settled to the institution, refundable, being refunded), the payment,
// each recorded lesson to confirm or dispute before it is confirmed automatically, the refund
// request and its history, and the contract as signed. Every form works without JavaScript and
// answers with a redirect (done) or a 4xx with the localized reason (nothing written).

const AUTO_REFRESH_SECONDS = 5;

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => {
  const { inherited, t } = routeMeta(matches);
  const tags: MetaDescriptor[] = [...inherited];
  if (data)
    tags.push({
      title: t("escrowParent.detail.pageTitle", { course: data.detail.courseName, trainee: data.detail.traineeName }),
    });
  // The payment result comes from the provider through the worker: look again shortly.
  if (data?.awaitingPayment) tags.push({ httpEquiv: "refresh", content: String(AUTO_REFRESH_SECONDS) });
  return tags;
};

export async function loader({ request, params }: LoaderFunctionArgs) {
  const viewer = await requireViewer(request);
  const detail = await parentEnrollmentDetail(viewer.user.id, params.enrollmentId ?? "");
  if (!detail) throw notFound();
  const search = new URL(request.url).searchParams;
  const returned = search.get("paid");
  const paymentStatus = detail.payment?.status ?? null;
  const asked = search.get("done");
  const done: Intent | null = asked === "confirm" || asked === "dispute" || asked === "requestRefund" ? asked : null;
  return {
    detail,
    returnedFromCheckout: returned === "1" || returned === "0",
    awaitingPayment:
      paymentStatus === "PROCESSING" || (paymentStatus === "PENDING" && (returned === "1" || returned === "0")),
    done,
  };
}

type Intent = "confirm" | "dispute" | "requestRefund";
type ActionFailure = {
  ok: false;
  intent: Intent | null;
  attendanceId: string | null;
  fieldErrors: FieldErrors;
  formError?: MessageKey;
  values: Record<string, unknown>;
};

const failure = (answer: Omit<ActionFailure, "ok">, status: number) =>
  data({ ok: false as const, ...answer }, { status });

export async function action({ request, params }: ActionFunctionArgs) {
  const viewer = await requireViewer(request);
  const enrollmentId = params.enrollmentId ?? "";
  if (!(await isParentEnrollment(viewer.user.id, enrollmentId))) throw notFound();
  const scope: DataScope = { userId: viewer.user.id, authorityId: null, platform: false };
  const form = await readIntentForm(request);
  const intent = form?.intent;
  if (!form || (intent !== "confirm" && intent !== "dispute" && intent !== "requestRefund"))
    return failure(
      { intent: null, attendanceId: null, fieldErrors: {}, formError: "validation.badForm", values: {} },
      400,
    );
  const attendanceId = typeof form.values.attendanceId === "string" ? form.values.attendanceId : null;
  const refused = (fieldErrors: FieldErrors, formError?: MessageKey, status = 400) =>
    failure({ intent, attendanceId, fieldErrors, formError, values: form.values }, status);
  try {
    if (intent === "requestRefund") {
      const parsed = validate(refundRequestSchema, form.values);
      if (!parsed.ok) return refused(parsed.fieldErrors);
      await requestRefund(scope, enrollmentId, parsed.data.reason);
    } else {
      const parsed = validate(answerSchema, form.values);
      if (!parsed.ok) return refused(parsed.fieldErrors);
      await answerAttendance(scope, parsed.data);
    }
  } catch (error) {
    if (error instanceof EscrowRefusal) return refused({}, error.messageKey, error.status);
    throw error;
  }
  return redirect(`/account/enrollments/${enrollmentId}?done=${intent}`);
}

export default function EnrollmentPage() {
  const { detail, returnedFromCheckout, awaitingPayment, done } = useLoaderData<typeof loader>();
  const result = useActionData<ActionFailure>();
  const { t } = useTranslation();
  return (
    <div className="space-y-8">
      <header className="space-y-2">
        <p className="text-sm">
          <Link to="/account/enrollments" className="text-brand-700 underline">
            {t("escrowParent.detail.back")}
          </Link>
        </p>
        <PageTitle>{t("escrowParent.list.item", { course: detail.courseName, trainee: detail.traineeName })}</PageTitle>
        <p className="break-words text-slate-700">
          {detail.registrationNo ? (
            <Link to={`/institutions/${detail.registrationNo}`} className="text-brand-700 underline">
              {detail.institutionName}
            </Link>
          ) : (
            detail.institutionName
          )}
        </p>
      </header>
      {done && !result ? <Alert tone="success">{t(`escrowParent.done.${done}`)}</Alert> : null}
      {result?.formError ? <Alert tone="error">{t(result.formError)}</Alert> : null}
      <PaymentSection detail={detail} returned={returnedFromCheckout} awaiting={awaitingPayment} />
      <FiguresSection detail={detail} />
      <LessonsSection detail={detail} result={result} />
      <RefundSection detail={detail} result={result} />
      <ContractSection detail={detail} />
    </div>
  );
}

function PaymentSection({
  detail,
  returned,
  awaiting,
}: {
  detail: EnrollmentDetail;
  returned: boolean;
  awaiting: boolean;
}) {
  const { t, locale } = useTranslation();
  const location = useLocation();
  const payment = detail.payment;
  return (
    <section aria-labelledby="enrollment-payment" className="space-y-2">
      <h2 id="enrollment-payment" className="text-lg font-semibold">
        {t("escrowParent.payment.heading")}
      </h2>
      {!payment ? (
        <p className="text-slate-700">{t("escrowParent.payment.none")}</p>
      ) : payment.status === "SUCCEEDED" ? (
        <Alert tone="success">
          {t("escrowParent.payment.succeeded", {
            amount: formatFen(payment.amountFen, locale),
            time: payment.succeededAt ? formatDateTime(payment.succeededAt, locale) : "—",
          })}
        </Alert>
      ) : payment.status === "FAILED" ? (
        <Alert tone="error">
          <p>{t("escrowParent.payment.failed")}</p>
          {detail.registrationNo ? (
            <Link to={`/institutions/${detail.registrationNo}`} className="underline">
              {t("escrowParent.payment.tryAgain")}
            </Link>
          ) : null}
        </Alert>
      ) : payment.status === "DISPUTED" ? (
        <Alert tone="error">{t("escrowParent.payment.disputed")}</Alert>
      ) : awaiting ? (
        <Alert tone="info">
          <p className="font-semibold">{t("escrowParent.payment.PROCESSING")}</p>
          <p>{t("escrowParent.payment.autoRefresh", { seconds: AUTO_REFRESH_SECONDS })}</p>
          <Link to={{ search: location.search }} replace className="underline">
            {t("escrowParent.payment.refreshNow")}
          </Link>
        </Alert>
      ) : (
        <Alert tone="info">
          <p>{t("escrowParent.payment.pending", { amount: formatFen(payment.amountFen, locale) })}</p>
          {payment.checkoutUrl && !returned ? (
            <a href={payment.checkoutUrl} className="font-medium underline">
              {t("escrowParent.payment.continue")}
            </a>
          ) : null}
        </Alert>
      )}
    </section>
  );
}

function FiguresSection({ detail }: { detail: EnrollmentDetail }) {
  const { t, locale } = useTranslation();
  const f = detail.figures;
  const rows: [MessageKey, number, MessageKey | null][] = [
    ["escrowParent.figures.paid", f.paidFen, null],
    ["escrowParent.figures.consumed", f.consumedFen, "escrowParent.figures.consumedHelp"],
    ["escrowParent.figures.reserve", f.reserveFen, "escrowParent.figures.reserveHelp"],
    ["escrowParent.figures.settled", f.settledFen, null],
    ["escrowParent.figures.held", f.heldFen, "escrowParent.figures.heldHelp"],
    ["escrowParent.figures.refundable", f.refundableFen, null],
    ["escrowParent.figures.refundInProgress", f.refundInProgressFen, null],
    ["escrowParent.figures.refunded", Math.max(0, f.refundedFen - f.refundInProgressFen), null],
  ];
  return (
    <section aria-labelledby="enrollment-figures" className="space-y-2">
      <h2 id="enrollment-figures" className="text-lg font-semibold">
        {t("escrowParent.figures.heading")}
      </h2>
      <dl className="divide-y divide-slate-200 rounded border border-slate-200 bg-white">
        {rows.map(([label, fen, help]) => (
          <div key={label} className="flex flex-wrap items-baseline justify-between gap-x-3 p-3">
            <dt className="min-w-0">
              <span className="font-medium">{t(label)}</span>
              {help ? <span className="block text-sm text-slate-600">{t(help)}</span> : null}
            </dt>
            <dd className="font-semibold tabular-nums">{formatFen(fen, locale)}</dd>
          </div>
        ))}
      </dl>
      <p className="text-sm text-slate-600">
        {t("escrowParent.figures.terms", {
          lessons: detail.progress.lessonCount,
          price: formatFen(detail.pricePerLessonFen, locale),
          amount: formatFen(detail.amountFen, locale),
          from: formatDate(detail.periodStart, locale),
          to: formatDate(detail.periodEnd, locale),
        })}
      </p>
    </section>
  );
}

const ATTENDANCE_TONE: Record<AttendanceStatusName, string> = {
  PENDING: "font-semibold text-amber-800",
  CONFIRMED: "text-green-800",
  AUTO_CONFIRMED: "text-green-800",
  DISPUTED: "font-semibold text-red-800",
  RELEASED_BY_DECISION: "text-slate-700",
  REFUNDED_BY_DECISION: "text-slate-700",
};

function LessonsSection({ detail, result }: { detail: EnrollmentDetail; result: ActionFailure | undefined }) {
  const { t } = useTranslation();
  const p = detail.progress;
  return (
    <section aria-labelledby="enrollment-lessons" className="space-y-3">
      <h2 id="enrollment-lessons" className="text-lg font-semibold">
        {t("escrowParent.lessons.heading")}
      </h2>
      <p className="text-slate-700">
        {t("escrowParent.lessons.progress", {
          bought: p.lessonCount,
          recorded: p.recorded,
          pending: p.awaitingAnswer,
          disputed: p.disputed,
          left: p.unrecorded,
        })}
      </p>
      {detail.attendances.length === 0 ? (
        <p className="text-slate-700">{t("escrowParent.lessons.none")}</p>
      ) : (
        <ul className="divide-y divide-slate-200 rounded border border-slate-200 bg-white">
          {detail.attendances.map((a) => (
            <AttendanceItem key={a.id} attendance={a} result={result?.attendanceId === a.id ? result : undefined} />
          ))}
        </ul>
      )}
    </section>
  );
}

function AttendanceItem({ attendance: a, result }: { attendance: AttendanceView; result: ActionFailure | undefined }) {
  const { t, locale } = useTranslation();
  const navigation = useNavigation();
  const busy = navigation.state === "submitting" && navigation.formData?.get("attendanceId") === a.id;
  const busyWith = busy ? navigation.formData?.get("intent") : null;
  const reasonError = result?.intent === "dispute" ? result.fieldErrors.reason?.[0] : undefined;
  const postedReason = typeof result?.values.reason === "string" ? result.values.reason : "";
  const reasonId = `dispute-reason-${a.id}`;
  const when = t("escrowParent.lessons.when", {
    date: formatDate(a.lessonDate, locale),
    start: a.startTime,
    end: a.endTime,
  });
  return (
    <li className="space-y-2 p-3">
      <div className="flex flex-wrap items-baseline justify-between gap-x-3">
        <span className="font-medium">{when}</span>
        <span className={ATTENDANCE_TONE[a.status]}>{t(`escrowParent.attendance.${a.status}`)}</span>
      </div>
      <p className="text-sm text-slate-600">
        {t("escrowParent.lessons.price", { price: formatFen(a.priceFen, locale) })}
        {a.answeredAt
          ? ` · ${t("escrowParent.lessons.answeredAt", { time: formatDateTime(a.answeredAt, locale) })}`
          : ""}
      </p>
      {a.disputeReason ? (
        <p className="break-words text-sm">{t("escrowParent.lessons.disputeReason", { reason: a.disputeReason })}</p>
      ) : null}
      {a.status === "DISPUTED" ? (
        <p className="text-sm text-slate-700">{t("escrowParent.lessons.disputedHint")}</p>
      ) : null}
      {a.decisionNote ? (
        <p className="break-words text-sm">{t("escrowParent.lessons.decision", { note: a.decisionNote })}</p>
      ) : null}
      {a.status === "PENDING" ? (
        <div className="space-y-2">
          <p className="text-sm font-medium text-amber-800">
            {t("escrowParent.lessons.dueOn", { date: formatDate(a.confirmDueOn, locale) })}
          </p>
          <Form method="post">
            <input type="hidden" name="attendanceId" value={a.id} />
            <SubmitButton name="intent" value="confirm" pending={busyWith === "confirm"} className="w-full sm:w-auto">
              {t("escrowParent.lessons.confirm")}
              <span className="sr-only"> {when}</span>
            </SubmitButton>
          </Form>
          <details open={Boolean(reasonError)} className="rounded border border-slate-300 p-2">
            <summary className="cursor-pointer font-medium text-red-800">
              {t("escrowParent.lessons.dispute")}
              <span className="sr-only"> {when}</span>
            </summary>
            <Form method="post" className="mt-2 space-y-2">
              <input type="hidden" name="attendanceId" value={a.id} />
              <label htmlFor={reasonId} className="block text-sm font-medium text-slate-800">
                {t("escrowParent.lessons.disputeLabel")}
              </label>
              <textarea
                id={reasonId}
                name="reason"
                rows={3}
                maxLength={1000}
                defaultValue={postedReason}
                aria-invalid={reasonError ? true : undefined}
                aria-describedby={reasonError ? `${reasonId}-error` : undefined}
                className="block w-full rounded border border-slate-400 bg-white px-3 py-2 text-slate-900"
              />
              {reasonError ? (
                <p id={`${reasonId}-error`} className="text-sm text-red-800">
                  {t(reasonError)}
                </p>
              ) : null}
              <p className="text-sm text-slate-600">{t("escrowParent.lessons.disputeHint")}</p>
              <SubmitButton
                name="intent"
                value="dispute"
                tone="danger"
                pending={busyWith === "dispute"}
                className="w-full sm:w-auto"
              >
                {t("escrowParent.lessons.disputeSubmit")}
              </SubmitButton>
            </Form>
          </details>
        </div>
      ) : null}
    </li>
  );
}

const REFUND_TONE: Record<RefundView["status"], string> = {
  REQUESTED: "font-semibold text-amber-800",
  CONTESTED: "font-semibold text-amber-800",
  APPROVED: "text-green-800",
  SUCCEEDED: "text-green-800",
  FAILED: "font-semibold text-red-800",
  REJECTED: "font-semibold text-red-800",
};

function RefundSection({ detail, result }: { detail: EnrollmentDetail; result: ActionFailure | undefined }) {
  const { t, locale } = useTranslation();
  const navigation = useNavigation();
  const pending = navigation.state === "submitting" && navigation.formData?.get("intent") === "requestRefund";
  const reasonError = result?.intent === "requestRefund" ? result.fieldErrors.reason?.[0] : undefined;
  const postedReason =
    result?.intent === "requestRefund" && typeof result.values.reason === "string" ? result.values.reason : "";
  return (
    <section aria-labelledby="enrollment-refunds" className="space-y-3">
      <h2 id="enrollment-refunds" className="text-lg font-semibold">
        {t("escrowParent.refund.heading")}
      </h2>
      {detail.refundable ? (
        <Form method="post" className="space-y-3 rounded border border-slate-300 bg-white p-4">
          <p>
            {t("escrowParent.refund.covers", {
              lessons: detail.progress.unrecorded,
              amount: formatFen(detail.figures.refundableFen, locale),
            })}
          </p>
          <p className="text-sm text-slate-600">
            {t("escrowParent.refund.deadline", { days: detail.refundAnswerWorkingDays })}
          </p>
          <div>
            <label htmlFor="refund-reason" className="block text-sm font-medium text-slate-800">
              {t("escrowParent.refund.reason")}
            </label>
            <textarea
              id="refund-reason"
              name="reason"
              rows={3}
              maxLength={1000}
              defaultValue={postedReason}
              aria-invalid={reasonError ? true : undefined}
              aria-describedby={reasonError ? "refund-reason-error" : undefined}
              className="mt-1 block w-full rounded border border-slate-400 bg-white px-3 py-2 text-slate-900"
            />
            {reasonError ? (
              <p id="refund-reason-error" className="mt-1 text-sm text-red-800">
                {t(reasonError)}
              </p>
            ) : null}
          </div>
          <SubmitButton
            name="intent"
            value="requestRefund"
            tone="secondary"
            pending={pending}
            className="w-full sm:w-auto"
          >
            {t("escrowParent.refund.submit")}
          </SubmitButton>
        </Form>
      ) : (
        <p className="text-slate-700">
          {detail.progress.openRefund
            ? t("escrowParent.refund.openAlready")
            : detail.status === "ACTIVE"
              ? t("escrowParent.refund.nothingLeft")
              : t("escrowParent.refund.notActive")}
        </p>
      )}
      {detail.refunds.length > 0 ? (
        <ul className="divide-y divide-slate-200 rounded border border-slate-200 bg-white">
          {detail.refunds.map((r) => (
            <li key={r.id} className="space-y-1 p-3 text-sm">
              <div className="flex flex-wrap items-baseline justify-between gap-x-3">
                <span className="font-medium">
                  {t("escrowParent.refund.item", {
                    lessons: r.lessons,
                    amount: formatFen(r.amountFen, locale),
                  })}
                </span>
                <span className={REFUND_TONE[r.status]}>{t(`escrowParent.refundStatus.${r.status}`)}</span>
              </div>
              <p className="text-slate-600">
                {t(`escrowParent.refundOrigin.${r.origin}`)} ·{" "}
                {t("escrowParent.refund.requestedAt", { time: formatDateTime(r.requestedAt, locale) })}
              </p>
              <p className="break-words">{t("escrowParent.refund.reasonValue", { reason: r.reason })}</p>
              {r.respondBy && (r.status === "REQUESTED" || r.status === "CONTESTED") ? (
                <p className="font-medium text-amber-800">
                  {t("escrowParent.refund.respondBy", { date: formatDate(r.respondBy, locale) })}
                </p>
              ) : null}
              {r.institutionResponse ? (
                <p className="break-words">
                  {t("escrowParent.refund.institutionResponse", { response: r.institutionResponse })}
                </p>
              ) : null}
              {r.decidedAt ? (
                <p className="break-words">
                  {t("escrowParent.refund.decided", {
                    by: t(decidedByKey(r.decidedBy)),
                    time: formatDateTime(r.decidedAt, locale),
                  })}
                  {r.decisionNote ? ` ${t("escrowParent.refund.decisionNote", { note: r.decisionNote })}` : ""}
                </p>
              ) : null}
              {r.completedAt ? (
                <p>{t("escrowParent.refund.completedAt", { time: formatDateTime(r.completedAt, locale) })}</p>
              ) : null}
            </li>
          ))}
        </ul>
      ) : null}
    </section>
  );
}

function decidedByKey(decidedBy: string | null): MessageKey {
  switch (decidedBy) {
    case "INSTITUTION":
      return "escrowParent.decidedBy.INSTITUTION";
    case "DEEMED":
      return "escrowParent.decidedBy.DEEMED";
    case "REGULATOR":
      return "escrowParent.decidedBy.REGULATOR";
    default:
      return "escrowParent.decidedBy.SYSTEM";
  }
}

function ContractSection({ detail }: { detail: EnrollmentDetail }) {
  const { t, locale } = useTranslation();
  return (
    <section aria-labelledby="enrollment-contract" className="space-y-2">
      <h2 id="enrollment-contract" className="text-lg font-semibold">
        {t("escrowParent.contract.heading")}
      </h2>
      <p className="text-sm text-slate-700">
        {t("escrowParent.contract.signed", {
          version: detail.contract.version,
          time: formatDateTime(detail.contract.signedAt, locale),
        })}
      </p>
      <p className="break-all text-xs text-slate-600">
        {t("escrowParent.preview.digest", { digest: detail.contract.sha256 })}
      </p>
      <details className="rounded border border-slate-300 bg-white p-2">
        <summary className="cursor-pointer font-medium">{t("escrowParent.contract.show")}</summary>
        <pre
          // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must be reachable by keyboard
          tabIndex={0}
          lang="zh-CN"
          className="mt-2 max-h-96 overflow-y-auto whitespace-pre-wrap break-words bg-slate-50 p-3 font-sans text-sm leading-relaxed"
        >
          {detail.contract.text}
        </pre>
      </details>
    </section>
  );
}
