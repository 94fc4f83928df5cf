import { type ActionFunctionArgs, data, type LoaderFunctionArgs, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { Alert } from "~/components/ui/alert";
import { SelectField } from "~/components/ui/select-field";
import { SubmitButton } from "~/components/ui/submit-button";
import { TextField } from "~/components/ui/text-field";
import { formFailure, readFormValues } from "~/lib/forms/parse.server";
import type { MessageKey } from "~/lib/i18n/catalog";
import { useTranslation } from "~/lib/i18n/use-translation";
import { forbidden } from "~/modules/identity/guards.server";
import { answering, requireInspectionActor } from "~/modules/inspection/inspection-actions.server";
import {
  createManualTask,
  jurisdictionInspectors,
  jurisdictionInstitutions,
  listTasks,
} from "~/modules/inspection/inspections.server";

// 检查任务: the inspection tasks of the jurisdiction by due date — an inspector's own first —
// with the risk level as text; admins also open a task by hand.

export async function loader({ request, params }: LoaderFunctionArgs) {
  const actor = await requireInspectionActor(request, params.authority);
  const includeDone = new URL(request.url).searchParams.get("done") === "1";
  const isAdmin = actor.role === "REGULATOR_ADMIN";
  const [tasks, inspectors, institutions] = await Promise.all([
    listTasks(actor, { includeDone }),
    isAdmin ? jurisdictionInspectors(actor) : Promise.resolve([]),
    isAdmin ? jurisdictionInstitutions(actor) : Promise.resolve([]),
  ]);
  return data({
    tasks,
    inspectors,
    institutions,
    isAdmin,
    includeDone,
    basePath: `/gov/${actor.authority.slug}/inspections`,
  });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const actor = await requireInspectionActor(request, params.authority);
  if (actor.role !== "REGULATOR_ADMIN") throw forbidden();
  const values = await readFormValues(request);
  if (values?.intent !== "createTask") return formFailure({ fieldErrors: {}, formError: "validation.badForm" });
  const done = await answering(() => createManualTask(actor, values));
  if (!done.ok) return done.answer;
  return redirect(`/gov/${actor.authority.slug}/inspections/${done.value}`);
}

export default function InspectionTasks() {
  const { tasks, inspectors, institutions, isAdmin, includeDone, basePath } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const navigation = useNavigation();
  const { t } = useTranslation();
  const errors = result && !result.ok ? result.fieldErrors : {};
  const firstError = (field: string) => (errors[field]?.[0] as MessageKey | undefined) ?? undefined;
  return (
    <div className="space-y-6">
      <header className="space-y-1">
        <h2 className="text-xl font-semibold text-slate-900">{t("inspection.list.title")}</h2>
        <p className="text-sm text-slate-700">{t("inspection.list.lead")}</p>
      </header>
      <section aria-labelledby="inspection-tasks" className="space-y-3">
        <div className="flex flex-wrap items-baseline justify-between gap-2">
          <h3 id="inspection-tasks" className="text-lg font-semibold">
            {t("inspection.list.count", { count: tasks.length })}
          </h3>
          <Link to={includeDone ? basePath : `${basePath}?done=1`} className="text-brand-700 underline">
            {t(includeDone ? "inspection.list.hideDone" : "inspection.list.showDone")}
          </Link>
        </div>
        {tasks.length === 0 ? (
          <Alert tone="info">{t("inspection.list.empty")}</Alert>
        ) : (
          <ul className="divide-y divide-slate-200 rounded border border-slate-300 bg-white">
            {tasks.map((task) => (
              <li key={task.id} className="p-3">
                <Link to={`${basePath}/${task.id}`} className="font-medium text-brand-700 underline">
                  {task.institutionName}
                </Link>
                {task.mine ? (
                  <span className="ml-2 rounded bg-brand-100 px-2 text-xs text-brand-900">
                    {t("inspection.list.mine")}
                  </span>
                ) : null}
                <dl className="mt-1 grid grid-cols-2 gap-x-4 text-sm text-slate-700 sm:grid-cols-5">
                  <div>
                    <dt className="sr-only">{t("inspection.col.due")}</dt>
                    <dd>{t("inspection.page.due", { date: task.dueOn })}</dd>
                  </div>
                  <div>
                    <dt className="inline">{t("inspection.col.level")}: </dt>
                    <dd className="inline font-medium">
                      {task.riskLevel ? t(`inspection.level.${task.riskLevel}`) : t("inspection.level.none")}
                    </dd>
                  </div>
                  <div>
                    <dt className="sr-only">{t("inspection.col.origin")}</dt>
                    <dd>{t(`inspection.origin.${task.origin}`)}</dd>
                  </div>
                  <div>
                    <dt className="sr-only">{t("inspection.col.status")}</dt>
                    <dd>{t(`inspection.status.${task.status}`)}</dd>
                  </div>
                  <div>
                    <dt className="sr-only">{t("inspection.col.assignee")}</dt>
                    <dd>{task.assignedToName ?? t("inspection.list.unassigned")}</dd>
                  </div>
                </dl>
              </li>
            ))}
          </ul>
        )}
      </section>
      {isAdmin ? (
        <section aria-labelledby="manual-task" className="space-y-3 rounded border border-slate-300 bg-white p-4">
          <h3 id="manual-task" className="text-lg font-semibold">
            {t("inspection.manual.heading")}
          </h3>
          {result && !result.ok && result.formError ? <Alert tone="error">{t(result.formError)}</Alert> : null}
          <Form method="post" className="grid gap-3 sm:grid-cols-3">
            <input type="hidden" name="intent" value="createTask" />
            <SelectField
              label={t("inspection.manual.institution")}
              name="institutionId"
              required
              placeholder=""
              options={institutions.map((i) => ({ value: i.id, label: i.name }))}
              error={firstError("institutionId")}
            />
            <TextField
              label={t("inspection.manual.due")}
              name="dueOn"
              type="date"
              required
              error={firstError("dueOn")}
            />
            <SelectField
              label={t("inspection.manual.assignee")}
              name="assignedToId"
              placeholder={t("inspection.manual.noAssignee")}
              options={inspectors.map((i) => ({ value: i.id, label: i.name }))}
              error={firstError("assignedToId")}
            />
            <div className="sm:col-span-3">
              <SubmitButton pending={navigation.state === "submitting"}>{t("inspection.manual.submit")}</SubmitButton>
            </div>
          </Form>
        </section>
      ) : null}
    </div>
  );
}
