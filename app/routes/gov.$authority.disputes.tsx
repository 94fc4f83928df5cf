import { type ActionFunctionArgs, data, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { type ReactNode, useId } from "react";
import { ReasonField } from "~/components/registry/review-decision-forms";
import { Alert } from "~/components/ui/alert";
import { SubmitButton } from "~/components/ui/submit-button";
import { formatDate, formatDateTime, formatFen } from "~/lib/format";
import { type FieldErrors, validate } from "~/lib/forms/parse.server";
import { useValidatedForm } from "~/lib/forms/use-validated-form";
import type { Locale, MessageKey } from "~/lib/i18n/catalog";
import { useTranslation } from "~/lib/i18n/use-translation";
import { decideDispute } from "~/modules/escrow/disputes.server";
import { EscrowRefusal } from "~/modules/escrow/escrow-errors";
import { disputeDecisionSchema, refundDecisionSchema } from "~/modules/escrow/escrow-forms";
import { GOV_LIST_LIMIT } from "~/modules/escrow/gov-funds-query";
import { type ContestedRefund, type DisputedLesson, disputeQueues } from "~/modules/escrow/gov-read.server";
import { decideContestedRefund } from "~/modules/escrow/refunds.server";
import { notFound, requireAuthorityRole } from "~/modules/identity/guards.server";
import { REGULATOR_ROLES } from "~/modules/identity/roles";
import { readIntentForm } from "~/modules/registry/review-actions.server";

// 争议处理: the lessons parents disputed and the refunds institutions contested, in the
// jurisdiction, longest waiting first. Regulator admins and inspectors decide them (inspectors
// work the queue), each decision with a note; a record outside the jurisdiction answers 404.

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { scope } = await requireAuthorityRole(request, params.authority, REGULATOR_ROLES);
  return { queues: await disputeQueues(scope) };
}

const DISPUTE_INTENTS = ["releaseLesson", "refundLesson"] as const;
const REFUND_INTENTS = ["approveRefund", "rejectRefund"] as const;
type DecisionIntent = (typeof DISPUTE_INTENTS)[number] | (typeof REFUND_INTENTS)[number];

const isOneOf = <T extends string>(list: readonly T[], value: string): value is T =>
  (list as readonly string[]).includes(value);

/** A refused decision: nothing was written; `target` names the record whose form it was. */
function refusal(failure: { fieldErrors: FieldErrors; formError?: MessageKey }, status: number, target: string | null) {
  return data(
    { ok: false as const, fieldErrors: failure.fieldErrors, formError: failure.formError, target },
    { status },
  );
}

/** Runs a decision, answering the module's refusals (4xx with the message) instead of a 500. */
async function deciding(work: () => Promise<void>, done: DecisionIntent, target: string) {
  try {
    await work();
    return { ok: true as const, done, target };
  } catch (error) {
    if (error instanceof EscrowRefusal) {
      if (error.status === 404) throw notFound();
      return refusal({ fieldErrors: {}, formError: error.messageKey }, error.status, target);
    }
    throw error;
  }
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { scope } = await requireAuthorityRole(request, params.authority, REGULATOR_ROLES);
  const form = await readIntentForm(request);
  if (!form) return refusal({ fieldErrors: {}, formError: "validation.badForm" }, 400, null);
  const idOf = (name: string) => (typeof form.values[name] === "string" ? (form.values[name] as string) : null);
  if (isOneOf(DISPUTE_INTENTS, form.intent)) {
    const parsed = validate(disputeDecisionSchema, form.values);
    if (!parsed.ok) return refusal(parsed, 400, idOf("attendanceId"));
    return deciding(() => decideDispute(scope, parsed.data), parsed.data.intent, parsed.data.attendanceId);
  }
  if (isOneOf(REFUND_INTENTS, form.intent)) {
    const parsed = validate(refundDecisionSchema, form.values);
    if (!parsed.ok) return refusal(parsed, 400, idOf("refundId"));
    return deciding(() => decideContestedRefund(scope, parsed.data), parsed.data.intent, parsed.data.refundId);
  }
  return refusal({ fieldErrors: {}, formError: "validation.badForm" }, 400, null);
}

// ---------------------------------------------------------------------------------------------
// The page

// The browser checks what the regulator types (the note) and the record's id; the pressed
// button supplies the intent, and the action checks the whole schema again.
const disputeNoteSchema = disputeDecisionSchema.pick({ attendanceId: true, note: true });
const refundNoteSchema = refundDecisionSchema.pick({ refundId: true, note: true });

export default function DisputesPage() {
  const { queues } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  return (
    <div className="space-y-8">
      <header className="space-y-1">
        <h2 className="text-xl font-semibold text-slate-900">{t("escrowGov.disputes.title")}</h2>
        <p className="max-w-3xl text-sm text-slate-700">{t("escrowGov.disputes.lead")}</p>
      </header>

      <Outcome />

      <section aria-labelledby="disputed-lessons" className="space-y-3">
        <h3 id="disputed-lessons" className="text-lg font-semibold">
          {t("escrowGov.disputes.lessons.heading", { count: queues.disputeCount })}
        </h3>
        {queues.disputes.length === 0 ? (
          <p className="text-slate-700">{t("escrowGov.disputes.lessons.none")}</p>
        ) : (
          <>
            <More shown={queues.disputes.length} count={queues.disputeCount} />
            <ul className="space-y-4">
              {queues.disputes.map((lesson) => (
                <li key={lesson.attendanceId}>
                  <DisputedLessonItem lesson={lesson} />
                </li>
              ))}
            </ul>
          </>
        )}
      </section>

      <section aria-labelledby="contested-refunds" className="space-y-3">
        <h3 id="contested-refunds" className="text-lg font-semibold">
          {t("escrowGov.disputes.refunds.heading", { count: queues.refundCount })}
        </h3>
        {queues.refunds.length === 0 ? (
          <p className="text-slate-700">{t("escrowGov.disputes.refunds.none")}</p>
        ) : (
          <>
            <More shown={queues.refunds.length} count={queues.refundCount} />
            <ul className="space-y-4">
              {queues.refunds.map((refund) => (
                <li key={refund.refundId}>
                  <ContestedRefundItem refund={refund} />
                </li>
              ))}
            </ul>
          </>
        )}
      </section>
    </div>
  );
}

function More({ shown, count }: { shown: number; count: number }) {
  const { t } = useTranslation();
  if (count <= shown || shown < GOV_LIST_LIMIT) return null;
  return <p className="text-sm text-slate-700">{t("escrowGov.disputes.more", { shown, count })}</p>;
}

function Outcome() {
  const result = useActionData<typeof action>();
  const { t } = useTranslation();
  if (!result) return null;
  if (result.ok) return <Alert tone="success">{t(`escrowGov.done.${result.done}`)}</Alert>;
  return <Alert tone="error">{t(result.formError ?? "escrowGov.error.fixFields")}</Alert>;
}

/** The server's error for the note, only in the form of the record it was about. */
function useServerNoteError(target: string): MessageKey | undefined {
  const result = useActionData<typeof action>();
  if (!result || result.ok || result.target !== target) return undefined;
  return result.fieldErrors.note?.[0];
}

/** Which decision on this record is on its way, if any. */
function usePendingDecision(idName: "attendanceId" | "refundId", id: string): string | null {
  const navigation = useNavigation();
  if (navigation.state !== "submitting" || navigation.formData?.get(idName) !== id) return null;
  const intent = navigation.formData.get("intent");
  return typeof intent === "string" ? intent : "";
}

const localError = (message: string | undefined): MessageKey | undefined =>
  message ? ((message.startsWith("validation.") ? message : "validation.invalid") as MessageKey) : undefined;

function waitingText(t: ReturnType<typeof useTranslation>["t"], days: number): string {
  return days === 0 ? t("escrowGov.disputes.waitingToday") : t("escrowGov.disputes.waiting", { days });
}

const districtOf = (locale: Locale, d: { name: string; nameEn: string }) => (locale === "en" ? d.nameEn : d.name);

function Item({
  titleId,
  title,
  waitingDays,
  facts,
  children,
}: {
  titleId: string;
  title: string;
  waitingDays: number;
  facts: [string, ReactNode][];
  children: ReactNode;
}) {
  const { t } = useTranslation();
  return (
    <article aria-labelledby={titleId} className="space-y-3 rounded border border-slate-200 bg-white p-4">
      <header className="flex flex-wrap items-baseline justify-between gap-2">
        <h4 id={titleId} className="font-semibold text-slate-900">
          {title}
        </h4>
        <span className="text-sm text-slate-700">{waitingText(t, waitingDays)}</span>
      </header>
      <dl className="grid gap-x-6 gap-y-2 text-sm sm:grid-cols-2">
        {facts.map(([label, value]) => (
          <div key={label}>
            <dt className="text-slate-600">{label}</dt>
            <dd className="whitespace-pre-line text-slate-900">{value}</dd>
          </div>
        ))}
      </dl>
      {children}
    </article>
  );
}

function DecisionButtons({
  intents,
  pending,
}: {
  intents: readonly { intent: DecisionIntent; label: MessageKey; tone: "primary" | "secondary" }[];
  pending: string | null;
}) {
  const { t } = useTranslation();
  return (
    <div className="flex flex-wrap gap-3">
      {intents.map(({ intent, label, tone }) => (
        <SubmitButton
          key={intent}
          name="intent"
          value={intent}
          tone={tone}
          pending={pending === intent}
          disabled={pending !== null}
        >
          {t(label)}
        </SubmitButton>
      ))}
    </div>
  );
}

function DisputedLessonItem({ lesson }: { lesson: DisputedLesson }) {
  const { t, locale } = useTranslation();
  const titleId = useId();
  const id = lesson.attendanceId;
  const form = useValidatedForm(disputeNoteSchema, { attendanceId: id, note: "" });
  const serverError = useServerNoteError(id);
  const pending = usePendingDecision("attendanceId", id);
  return (
    <Item
      titleId={titleId}
      title={t("escrowGov.disputes.item.title", { institution: lesson.institution.name, course: lesson.course })}
      waitingDays={lesson.waitingDays}
      facts={[
        [t("escrowGov.disputes.item.district"), districtOf(locale, lesson.district)],
        [t("escrowGov.disputes.item.trainee"), lesson.traineeName],
        [
          t("escrowGov.disputes.item.lesson"),
          t("escrowGov.disputes.item.lessonValue", {
            date: formatDate(`${lesson.lessonDate}T00:00:00+08:00`, locale),
            start: lesson.startTime,
            end: lesson.endTime,
          }),
        ],
        [t("escrowGov.disputes.item.price"), formatFen(lesson.priceFen, locale)],
        [t("escrowGov.disputes.item.parentReason"), lesson.reason],
      ]}
    >
      <Form method="post" noValidate onSubmit={form.onSubmit} aria-labelledby={titleId} className="space-y-3">
        <input type="hidden" defaultValue={id} {...form.form.register("attendanceId")} />
        <ReasonField
          label={t("escrowGov.decide.note")}
          hint={t("escrowGov.decide.noteHint")}
          maxLength={1000}
          rows={2}
          error={localError(form.form.formState.errors.note?.message) ?? serverError}
          {...form.form.register("note")}
        />
        <DecisionButtons
          pending={pending}
          intents={[
            { intent: "releaseLesson", label: "escrowGov.decide.releaseLesson", tone: "primary" },
            { intent: "refundLesson", label: "escrowGov.decide.refundLesson", tone: "secondary" },
          ]}
        />
      </Form>
    </Item>
  );
}

function ContestedRefundItem({ refund }: { refund: ContestedRefund }) {
  const { t, locale } = useTranslation();
  const titleId = useId();
  const id = refund.refundId;
  const form = useValidatedForm(refundNoteSchema, { refundId: id, note: "" });
  const serverError = useServerNoteError(id);
  const pending = usePendingDecision("refundId", id);
  return (
    <Item
      titleId={titleId}
      title={t("escrowGov.disputes.item.title", { institution: refund.institution.name, course: refund.course })}
      waitingDays={refund.waitingDays}
      facts={[
        [t("escrowGov.disputes.item.district"), districtOf(locale, refund.district)],
        [t("escrowGov.disputes.item.trainee"), refund.traineeName],
        [t("escrowGov.disputes.item.lessons"), t("escrowGov.disputes.item.lessonsValue", { count: refund.lessons })],
        [t("escrowGov.disputes.item.amount"), formatFen(refund.amountFen, locale)],
        [t("escrowGov.disputes.item.requestedAt"), formatDateTime(refund.requestedAt, locale)],
        [t("escrowGov.disputes.item.refundReason"), refund.reason],
        [t("escrowGov.disputes.item.institutionResponse"), refund.institutionResponse],
      ]}
    >
      <Form method="post" noValidate onSubmit={form.onSubmit} aria-labelledby={titleId} className="space-y-3">
        <input type="hidden" defaultValue={id} {...form.form.register("refundId")} />
        <ReasonField
          label={t("escrowGov.decide.note")}
          hint={t("escrowGov.decide.noteHint")}
          maxLength={1000}
          rows={2}
          error={localError(form.form.formState.errors.note?.message) ?? serverError}
          {...form.form.register("note")}
        />
        <DecisionButtons
          pending={pending}
          intents={[
            { intent: "approveRefund", label: "escrowGov.decide.approveRefund", tone: "primary" },
            { intent: "rejectRefund", label: "escrowGov.decide.rejectRefund", tone: "secondary" },
          ]}
        />
      </Form>
    </Item>
  );
}
