import { type ActionFunctionArgs, data, type LoaderFunctionArgs, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { RuleLabel } from "~/components/compliance/rule-label";
import { ReasonField } from "~/components/registry/review-decision-forms";
import { Alert } from "~/components/ui/alert";
import { SelectField } from "~/components/ui/select-field";
import { SubmitButton } from "~/components/ui/submit-button";
import { TextField } from "~/components/ui/text-field";
import { formatDate } from "~/lib/format";
import { parseMultipartForm } from "~/lib/forms/multipart.server";
import { formFailure, readFormValues } from "~/lib/forms/parse.server";
import { useValidatedForm } from "~/lib/forms/use-validated-form";
import type { MessageKey } from "~/lib/i18n/catalog";
import { useTranslation } from "~/lib/i18n/use-translation";
import { notFound } from "~/modules/identity/guards.server";
import {
  answering,
  requireInspectionActor,
  storeInspectionPhotos,
} from "~/modules/inspection/inspection-actions.server";
import {
  finishInspectionSchema,
  ITEM_RESULTS,
  type ItemResult,
  MAX_NOTE,
  MAX_SUMMARY,
  OUTCOMES,
  PHOTO_INPUT,
  recordItemSchema,
} from "~/modules/inspection/inspection-forms";
import { finishInspection, recordItem, startInspection, taskDetail } from "~/modules/inspection/inspections.server";
import { UPLOAD_FORM_LIMITS, UPLOAD_RULES } from "~/modules/registry/files-purposes";

// The inspection of one task, phone-sized: start it (the checklist is generated from the rules
// that apply to the institution), record each item with photos, then the outcome.

export async function loader({ request, params }: LoaderFunctionArgs) {
  const actor = await requireInspectionActor(request, params.authority);
  const detail = await taskDetail(actor, params.taskId ?? "");
  if (!detail) throw notFound();
  return data({ detail, basePath: `/gov/${actor.authority.slug}` });
}

async function readValues(request: Request) {
  if ((request.headers.get("Content-Type") ?? "").toLowerCase().startsWith("multipart/form-data")) {
    const multipart = await parseMultipartForm(request, UPLOAD_FORM_LIMITS);
    if (!multipart.ok) return multipart;
    return { ok: true as const, values: multipart.form.values, files: multipart.form.files.get(PHOTO_INPUT) ?? [] };
  }
  const values = await readFormValues(request);
  if (!values)
    return { ok: false as const, response: formFailure({ fieldErrors: {}, formError: "validation.badForm" }) };
  return { ok: true as const, values, files: [] as File[] };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const actor = await requireInspectionActor(request, params.authority);
  const taskId = params.taskId ?? "";
  const detail = await taskDetail(actor, taskId);
  if (!detail) throw notFound();
  const read = await readValues(request);
  if (!read.ok) return read.response;
  const here = `/gov/${actor.authority.slug}/inspections/${taskId}`;
  switch (read.values.intent) {
    case "start": {
      const done = await answering(() => startInspection(actor, taskId));
      return done.ok ? redirect(here) : done.answer;
    }
    case "item": {
      // Nothing is stored for an item the actor may not record (checked again in recordItem).
      if (!detail.mayAct || !detail.inspection || detail.inspection.finishedAt)
        return formFailure({ fieldErrors: {}, formError: "inspection.error.notAllowed" }, 403);
      const photos = await storeInspectionPhotos(actor, detail.task.institutionId, read.files);
      if (!photos.ok) return photos.answer;
      const done = await answering(() => recordItem(actor, taskId, read.values, photos.ids));
      return done.ok ? data({ ok: true as const, saved: String(read.values.itemId ?? "") }) : done.answer;
    }
    case "finish": {
      const done = await answering(() => finishInspection(actor, taskId, read.values));
      return done.ok ? redirect(here) : done.answer;
    }
    default:
      return formFailure({ fieldErrors: {}, formError: "validation.badForm" });
  }
}

export default function InspectionPage() {
  const { detail, basePath } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const navigation = useNavigation();
  const { t, locale } = useTranslation();
  const pending = navigation.state === "submitting";
  const { task, inspection, mayAct } = detail;
  const failure = result && !result.ok ? result : null;
  const open = inspection !== null && inspection.finishedAt === null;
  return (
    <div className="mx-auto max-w-md space-y-6">
      <header className="space-y-1">
        <Link to={`${basePath}/inspections`} className="text-brand-700 underline">
          {t("inspection.page.back")}
        </Link>
        <h2 className="text-xl font-semibold text-slate-900">{task.institutionName}</h2>
        <p className="text-sm text-slate-700">
          {t(`inspection.origin.${task.origin}`)} ·{" "}
          {task.riskLevel ? `${t("inspection.col.level")}: ${t(`inspection.level.${task.riskLevel}`)} · ` : ""}
          {t("inspection.page.due", { date: task.dueOn })} · {t(`inspection.status.${task.status}`)}
        </p>
      </header>
      {failure?.formError ? <Alert tone="error">{t(failure.formError)}</Alert> : null}
      {result?.ok ? <Alert tone="success">{t("inspection.saved")}</Alert> : null}
      {!mayAct ? <Alert tone="info">{t("inspection.page.notYours")}</Alert> : null}
      {inspection === null ? (
        <section className="space-y-3">
          <p>{t("inspection.page.notStarted")}</p>
          {mayAct && task.status === "OPEN" ? (
            <Form method="post">
              <input type="hidden" name="intent" value="start" />
              <SubmitButton pending={pending}>{t("inspection.page.start")}</SubmitButton>
            </Form>
          ) : null}
        </section>
      ) : (
        <>
          {inspection.finishedAt && inspection.outcome ? (
            <Alert tone="info">
              {t("inspection.finished", {
                date: formatDate(inspection.finishedAt, locale),
                outcome: t(`inspection.outcome.${inspection.outcome as (typeof OUTCOMES)[number]}`),
              })}{" "}
              {inspection.rectificationOrderId ? (
                <Link to={`${basePath}/rectifications/${inspection.rectificationOrderId}`} className="underline">
                  {t("inspection.finished.order")}
                </Link>
              ) : null}
            </Alert>
          ) : null}
          <section aria-labelledby="checklist" className="space-y-3">
            <h3 id="checklist" className="text-lg font-semibold">
              {t("inspection.page.checklist")}
            </h3>
            <ol className="space-y-3">
              {inspection.items.map((item) => (
                <li key={item.id} className="rounded border border-slate-300 bg-white p-3">
                  <ItemForm item={item} editable={open && mayAct} />
                </li>
              ))}
            </ol>
          </section>
          {open && mayAct ? (
            <section aria-labelledby="outcome" className="space-y-3 rounded border border-slate-300 bg-white p-3">
              <h3 id="outcome" className="text-lg font-semibold">
                {t("inspection.finish.heading")}
              </h3>
              <FinishForm />
            </section>
          ) : null}
        </>
      )}
    </div>
  );
}

type ChecklistItem = Extract<
  ReturnType<typeof useLoaderData<typeof loader>>["detail"]["inspection"],
  { items: unknown }
>["items"][number];

/** One checklist item: its result is required before it is sent (checked here and again by the action). */
function ItemForm({ item, editable }: { item: ChecklistItem; editable: boolean }) {
  const { t } = useTranslation();
  const { form, onSubmit, pending } = useValidatedForm(recordItemSchema, {
    itemId: item.id,
    result: (item.result as ItemResult | null) ?? undefined,
    note: item.note ?? "",
  });
  const localError = form.formState.errors.result?.message as MessageKey | undefined;
  const resultError = localError?.startsWith("validation.") ? localError : undefined;
  return (
    <Form method="post" encType="multipart/form-data" className="space-y-2" onSubmit={onSubmit} noValidate>
      <input type="hidden" name="intent" value="item" />
      <input type="hidden" value={item.id} {...form.register("itemId")} />
      <p className="font-semibold">
        <RuleLabel code={item.ruleCode} />
      </p>
      <fieldset
        disabled={!editable}
        className="space-y-2"
        aria-describedby={resultError ? `result-${item.id}-error` : undefined}
      >
        <legend className="sr-only">{t("inspection.item.result")}</legend>
        <div className="flex flex-wrap gap-3">
          {ITEM_RESULTS.map((r) => (
            <label key={r} className="flex min-h-11 items-center gap-1 text-sm">
              <input type="radio" value={r} {...form.register("result")} />
              {t(`inspection.result.${r}`)}
            </label>
          ))}
        </div>
        {resultError ? (
          <p id={`result-${item.id}-error`} className="text-sm text-red-800">
            {t(resultError)}
          </p>
        ) : null}
        <TextField label={t("inspection.item.note")} maxLength={MAX_NOTE} {...form.register("note")} />
        <div>
          <label className="block text-sm font-medium text-slate-800">
            {t("inspection.item.photos")}
            <input
              type="file"
              name={PHOTO_INPUT}
              multiple
              accept={UPLOAD_RULES.photo.accept}
              capture="environment"
              className="mt-1 block w-full text-sm"
            />
          </label>
          {item.photoFileIds.length > 0 ? (
            <p className="text-sm text-slate-700">
              {t("inspection.item.photoCount", { count: item.photoFileIds.length })}{" "}
              {item.photoFileIds.map((id, i) => (
                <a key={id} href={`/files/${id}`} className="mr-1 underline">
                  {i + 1}
                </a>
              ))}
            </p>
          ) : null}
        </div>
        {editable ? (
          <SubmitButton tone="secondary" pending={pending}>
            {t("inspection.item.save")}
          </SubmitButton>
        ) : null}
      </fieldset>
    </Form>
  );
}

/** The outcome: a summary always, a deadline when it orders rectification (the shared schema says so). */
function FinishForm() {
  const { t } = useTranslation();
  const { form, onSubmit, errorFor, pending } = useValidatedForm(finishInspectionSchema);
  return (
    <Form method="post" className="space-y-3" onSubmit={onSubmit} noValidate>
      <input type="hidden" name="intent" value="finish" />
      <SelectField
        label={t("inspection.finish.outcome")}
        placeholder=""
        options={OUTCOMES.map((o) => ({ value: o, label: t(`inspection.outcome.${o}`) }))}
        error={errorFor("outcome")}
        {...form.register("outcome")}
      />
      <ReasonField
        label={t("inspection.finish.summary")}
        rows={4}
        maxLength={MAX_SUMMARY}
        error={errorFor("summary")}
        {...form.register("summary")}
      />
      <TextField
        label={t("inspection.finish.deadline")}
        type="date"
        error={errorFor("rectificationDeadline")}
        {...form.register("rectificationDeadline")}
      />
      <SubmitButton pending={pending}>{t("inspection.finish.submit")}</SubmitButton>
    </Form>
  );
}
