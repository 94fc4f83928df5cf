import { type ActionFunctionArgs, data, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { Alert } from "~/components/ui/alert";
import { PageTitle } from "~/components/ui/page-title";
import { ScrollRegion } from "~/components/ui/scroll-region";
import { SubmitButton } from "~/components/ui/submit-button";
import { formatDateTime } from "~/lib/format";
import { routeMeta } from "~/lib/i18n/route-meta";
import { useTranslation } from "~/lib/i18n/use-translation";
import { QUEUE_NAMES, type QueueName } from "~/lib/jobs/definitions";
import { requirePlatformAdmin } from "~/modules/identity/guards.server";
import { queueDashboard, retryFailedJob } from "~/modules/operations/queue-dashboard.server";
import { readIntentForm } from "~/modules/registry/review-actions.server";

export { clientLoader, handle } from "~/lib/i18n/workspace-route";

// 任务队列: the background queues for platform admins (an equal of Bull Board, inside the app's CSP):
// counts by state, job schedulers, the latest failed jobs (never their payloads) with a retry
// button each. Anyone else: 404 (requirePlatformAdmin). Redis down: a clear message, no 500.

export const meta: MetaFunction = ({ matches }) => {
  const { inherited, t } = routeMeta(matches);
  return [...inherited, { title: t("queues.title") }];
};

export async function loader({ request }: LoaderFunctionArgs) {
  await requirePlatformAdmin(request);
  return { queues: await queueDashboard() };
}

const isQueueName = (value: unknown): value is QueueName =>
  typeof value === "string" && (QUEUE_NAMES as readonly string[]).includes(value);

export async function action({ request }: ActionFunctionArgs) {
  await requirePlatformAdmin(request);
  const form = await readIntentForm(request);
  const queue = form?.values.queue;
  const jobId = form?.values.jobId;
  if (form?.intent !== "retry" || !isQueueName(queue) || typeof jobId !== "string" || jobId.length > 200)
    return data({ ok: false as const, outcome: "badForm" as const, jobId: "" }, { status: 400 });
  const outcome = await retryFailedJob(queue, jobId);
  if (outcome === "retried") return { ok: true as const, outcome, jobId };
  return data({ ok: false as const, outcome, jobId }, { status: outcome === "unavailable" ? 503 : 409 });
}

const COUNT_KEYS = ["waiting", "active", "delayed", "failed", "completed"] as const;

export default function QueuesPage() {
  const { queues } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const navigation = useNavigation();
  const { t, locale } = useTranslation();
  return (
    <div className="space-y-6">
      <p className="text-sm">
        <Link to="/admin" className="text-brand-700 underline">
          {t("queues.back")}
        </Link>
      </p>
      <PageTitle>{t("queues.title")}</PageTitle>
      <p className="text-slate-700">{t("queues.lead")}</p>
      {result?.ok ? <Alert tone="success">{t("queues.retried", { id: result.jobId })}</Alert> : null}
      {result && !result.ok ? (
        <Alert tone="error">
          {result.outcome === "unavailable"
            ? t("queues.unavailable")
            : result.outcome === "badForm"
              ? t("validation.badForm")
              : t("queues.retryFailed", { id: result.jobId })}
        </Alert>
      ) : null}
      {queues === null ? (
        <Alert tone="error">{t("queues.unavailable")}</Alert>
      ) : (
        queues.map((queue) => (
          <section
            key={queue.name}
            aria-labelledby={`queue-${queue.name}`}
            className="space-y-3 rounded border border-slate-200 bg-white p-4"
          >
            <h2 id={`queue-${queue.name}`} className="text-lg font-semibold">
              {queue.name}
            </h2>
            <dl className="flex flex-wrap gap-4">
              {COUNT_KEYS.map((key) => (
                <div key={key} className="min-w-20">
                  <dt className="text-sm text-slate-600">{t(`queues.count.${key}`)}</dt>
                  <dd
                    className={`text-xl font-semibold ${key === "failed" && queue.counts.failed > 0 ? "text-red-800" : ""}`}
                  >
                    {queue.counts[key]}
                  </dd>
                </div>
              ))}
            </dl>
            <h3 className="font-medium">{t("queues.schedulers")}</h3>
            {queue.schedulers.length === 0 ? (
              <p className="text-sm text-slate-600">{t("queues.schedulers.none")}</p>
            ) : (
              <ul className="space-y-1 text-sm">
                {queue.schedulers.map((s) => (
                  <li key={s.key}>
                    <span className="font-mono">{s.key}</span> · {s.name} ·{" "}
                    {s.pattern ?? (s.every !== null ? `${s.every} ms` : "")}
                    {s.next ? ` · ${t("queues.scheduler.next", { time: formatDateTime(s.next, locale) })}` : ""}
                  </li>
                ))}
              </ul>
            )}
            <h3 className="font-medium">{t("queues.failed")}</h3>
            {queue.failed.length === 0 ? (
              <p className="text-sm text-slate-600">{t("queues.failed.none")}</p>
            ) : (
              <ScrollRegion>
                <table className="min-w-full divide-y divide-slate-200 text-sm">
                  <thead>
                    <tr className="text-left">
                      <th className="p-2">{t("queues.failed.name")}</th>
                      <th className="p-2">{t("queues.failed.id")}</th>
                      <th className="p-2">{t("queues.failed.attempts")}</th>
                      <th className="p-2">{t("queues.failed.reason")}</th>
                      <th className="p-2">
                        <span className="sr-only">{t("queues.retry")}</span>
                      </th>
                    </tr>
                  </thead>
                  <tbody className="divide-y divide-slate-100">
                    {queue.failed.map((job) => (
                      <tr key={job.id}>
                        <td className="p-2">{job.name}</td>
                        <td className="break-all p-2 font-mono">{job.id}</td>
                        <td className="p-2">{job.attemptsMade}</td>
                        <td className="break-words p-2">{job.failedReason}</td>
                        <td className="p-2">
                          <Form method="post">
                            <input type="hidden" name="queue" value={queue.name} />
                            <input type="hidden" name="jobId" value={job.id} />
                            <SubmitButton
                              name="intent"
                              value="retry"
                              tone="secondary"
                              className="px-3 py-1"
                              pending={
                                navigation.state === "submitting" && navigation.formData?.get("jobId") === job.id
                              }
                              disabled={navigation.state === "submitting"}
                            >
                              {t("queues.retry")}
                            </SubmitButton>
                          </Form>
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </ScrollRegion>
            )}
          </section>
        ))
      )}
    </div>
  );
}
