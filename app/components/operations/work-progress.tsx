import { useFetcher, useRevalidator } from "@remix-run/react";
import { type ReactNode, useEffect, useId, useRef } from "react";
import { formatDateTime, formatFen } from "~/lib/format";
import { useTranslation } from "~/lib/i18n/use-translation";
import type {
  ClosureAnswer,
  ClosureProgress,
  ReevaluationAnswer,
  WorkView,
} from "~/modules/operations/background-work.server";

/** How often a panel asks while its work runs. */
export const POLL_MS = 2_500;

const active = (work: WorkView | null | undefined) =>
  work !== null && work !== undefined && (work.status === "QUEUED" || work.status === "RUNNING");
/** Worth asking again: under way, and something recorded lately (a stale run is not asked about). */
const moving = (work: WorkView | null | undefined) => active(work) && work?.stale === false;

/** The later of two states of the same subject's work (a newer run, or the same run further on). */
function newer(a: WorkView | null, b: WorkView | null | undefined): WorkView | null {
  if (b === undefined || b === null) return a;
  if (a === null) return b;
  if (a.id !== b.id) return a.requestedAt > b.requestedAt ? a : b;
  return a.updatedAt >= b.updatedAt ? a : b;
}

/**
 * The page's state of some work, asked again every POLL_MS at `url` while it is queued or running
 * (not while the tab is hidden) and no longer once it has ended. When it ends, the page's loaders
 * run once more, so figures the work changed (grades, balances) are current.
 */
function usePolled<T extends { work: WorkView | null }>(initial: T, url: string): T {
  const fetcher = useFetcher<T>();
  const revalidator = useRevalidator();
  const fetched = fetcher.data as T | undefined;
  const current = fetched && newer(initial.work, fetched.work) !== initial.work ? fetched : initial;
  const running = moving(current.work);
  const load = useRef(fetcher.load);
  load.current = fetcher.load;
  const busy = useRef(false);
  busy.current = fetcher.state !== "idle";

  useEffect(() => {
    if (!running) return;
    const timer = window.setInterval(() => {
      if (document.visibilityState === "hidden" || busy.current) return;
      load.current(url);
    }, POLL_MS);
    return () => window.clearInterval(timer);
  }, [running, url]);

  const wasRunning = useRef(running);
  useEffect(() => {
    if (wasRunning.current && !running && revalidator.state === "idle") revalidator.revalidate();
    wasRunning.current = running;
  }, [running, revalidator]);
  return current;
}

/** A bar with its figures in words beside it: the bar is never the only signal. */
function Meter({ work, labelId }: { work: WorkView; labelId: string }) {
  const { t } = useTranslation();
  if (work.status === "QUEUED" || (work.status === "RUNNING" && work.total === 0)) {
    // Not started, or still counting: an indeterminate bar.
    return <progress aria-labelledby={labelId} className="h-3 w-full max-w-md" />;
  }
  const percent = work.total === 0 ? 100 : Math.floor((work.done / work.total) * 100);
  return (
    <div className="flex items-center gap-3">
      <progress
        aria-labelledby={labelId}
        value={work.done}
        max={Math.max(1, work.total)}
        className="h-3 w-full max-w-md"
      />
      <span className="text-sm tabular-nums text-slate-700" aria-hidden="true">
        {t("progress.percent", { percent })}
      </span>
    </div>
  );
}

const FRAME = {
  QUEUED: "border-brand-600 bg-brand-50",
  RUNNING: "border-brand-600 bg-brand-50",
  DONE: "border-green-700 bg-green-50",
  FAILED: "border-red-700 bg-red-50",
} as const;

/**
 * The frame both panels share: a heading, the state in a sentence (which names the bar), the bar
 * while the work is under way, and what else the work has to say. Screen readers hear the state
 * when it changes (queued, running, done, failed), not every count.
 */
function WorkPanel({
  id,
  work,
  heading,
  line,
  children,
}: {
  id: string;
  work: WorkView;
  heading: string;
  line: string;
  children?: ReactNode;
}) {
  const { t, locale } = useTranslation();
  const headingId = useId();
  const labelId = useId();
  return (
    <section
      id={id}
      aria-labelledby={headingId}
      aria-busy={moving(work) || undefined}
      className={`space-y-2 rounded border-l-4 p-3 ${FRAME[work.status]}`}
    >
      <h3 id={headingId} className="font-semibold text-slate-900">
        {heading}
      </h3>
      <p id={labelId} className="text-sm text-slate-900">
        {line}
      </p>
      <p role="status" className="sr-only">
        {work.status === "RUNNING" ? t("progress.state.running") : line}
      </p>
      {active(work) || work.status === "FAILED" ? <Meter work={work} labelId={labelId} /> : null}
      {work.stale ? (
        <p className="text-sm text-slate-800">
          {t("progress.stale", { time: formatDateTime(work.updatedAt, locale) })}
        </p>
      ) : work.status === "RUNNING" && work.attempts > 1 ? (
        <p className="text-sm text-slate-700">{t("progress.retrying", { attempt: work.attempts })}</p>
      ) : null}
      {children}
    </section>
  );
}

/** The panel of a jurisdiction's re-evaluation after a settings change (settings and compliance pages). */
export function ReevaluationPanel({ initial, pollUrl }: { initial: WorkView | null; pollUrl: string }) {
  const { t, locale } = useTranslation();
  const { work } = usePolled<ReevaluationAnswer>({ work: initial }, pollUrl);
  if (!work) return null;
  const when = (iso: string | null) => (iso ? formatDateTime(iso, locale) : "");
  const figures = { done: work.done, total: work.total };
  const line =
    work.status === "QUEUED"
      ? t("progress.reevaluation.queued")
      : work.status === "RUNNING"
        ? work.total === 0
          ? t("progress.reevaluation.counting")
          : t("progress.reevaluation.running", figures)
        : work.status === "DONE"
          ? t("progress.reevaluation.done", { time: when(work.finishedAt), total: work.total })
          : t("progress.reevaluation.failed", { time: when(work.finishedAt), ...figures });
  return (
    <WorkPanel id="reevaluation-progress" work={work} heading={t("progress.reevaluation.heading")} line={line}>
      {moving(work) ? <p className="text-xs text-slate-600">{t("progress.reevaluation.note")}</p> : null}
    </WorkPanel>
  );
}

/** The panel of an institution's closure refunds (the regulator's institution page, the institution's funds page). */
export function ClosureRefundsPanel({ initial, pollUrl }: { initial: ClosureProgress | null; pollUrl: string }) {
  const { t, locale } = useTranslation();
  const { work, payments } = usePolled<ClosureAnswer>(
    { work: initial?.run ?? null, payments: initial?.payments ?? null },
    pollUrl,
  );
  if (!work) return null;
  const when = (iso: string | null) => (iso ? formatDateTime(iso, locale) : "");
  const figures = { done: work.done, total: work.total };
  const line =
    work.status === "QUEUED"
      ? t("progress.closure.queued")
      : work.status === "RUNNING"
        ? work.total === 0
          ? t("progress.closure.counting")
          : t("progress.closure.running", figures)
        : work.status === "DONE"
          ? work.total === 0
            ? t("progress.closure.doneNone", { time: when(work.finishedAt) })
            : t("progress.closure.done", { time: when(work.finishedAt), total: work.total })
          : t("progress.closure.failed", { time: when(work.finishedAt), ...figures });
  return (
    <WorkPanel id="closure-refunds-progress" work={work} heading={t("progress.closure.heading")} line={line}>
      {payments && payments.total > 0 ? (
        <p className="text-sm text-slate-800">
          {t("progress.closure.payments", {
            paid: payments.paid,
            total: payments.total,
            amount: formatFen(payments.amountFen, locale),
          })}
          {payments.failed > 0 ? ` ${t("progress.closure.paymentsFailed", { failed: payments.failed })}` : null}
        </p>
      ) : null}
    </WorkPanel>
  );
}
