import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { PageTitle } from "~/components/ui/page-title";
import { formatDate, formatFen } from "~/lib/format";
import { routeMeta } from "~/lib/i18n/route-meta";
import { useTranslation } from "~/lib/i18n/use-translation";
import {
  type EnrollmentStatusName,
  listParentEnrollments,
  type PaymentStatusName,
} from "~/modules/escrow/parent-read.server";
import { requireViewer } from "~/modules/identity/guards.server";

export { clientLoader, handle } from "~/lib/i18n/workspace-route";

// 我的报名: the signed-in person's enrollments (a parent's; anyone else has none), newest first,
// each with where its money and lessons stand. Row-level security keeps it to their own.

export const meta: MetaFunction = ({ matches }) => {
  const { inherited, t } = routeMeta(matches);
  return [...inherited, { title: t("escrowParent.list.title") }];
};

export async function loader({ request }: LoaderFunctionArgs) {
  const viewer = await requireViewer(request);
  return { enrollments: await listParentEnrollments(viewer.user.id) };
}

export default function MyEnrollments() {
  const { enrollments } = useLoaderData<typeof loader>();
  const { t, locale } = useTranslation();
  return (
    <div className="space-y-6">
      <header className="space-y-2">
        <p className="text-sm">
          <Link to="/account" className="text-brand-700 underline">
            {t("escrowParent.list.back")}
          </Link>
        </p>
        <PageTitle>{t("escrowParent.list.title")}</PageTitle>
        <p className="text-slate-700">{t("escrowParent.list.lead")}</p>
      </header>
      {enrollments.length === 0 ? (
        <section aria-labelledby="enrollments-empty" className="space-y-2 rounded border border-slate-300 bg-white p-4">
          <h2 id="enrollments-empty" className="font-semibold">
            {t("escrowParent.list.empty.title")}
          </h2>
          <p className="text-slate-700">{t("escrowParent.list.empty.body")}</p>
          <Link
            to="/institutions"
            className="inline-block rounded bg-brand-700 px-4 py-2 font-medium text-white hover:bg-brand-900"
          >
            {t("escrowParent.list.empty.link")}
          </Link>
        </section>
      ) : (
        <ul className="space-y-3">
          {enrollments.map((e) => (
            <li key={e.id} className="space-y-2 rounded border border-slate-200 bg-white p-4">
              <div className="flex flex-wrap items-start justify-between gap-2">
                <h2 className="min-w-0 break-words font-semibold">
                  <Link to={`/account/enrollments/${e.id}`} className="text-brand-700 underline">
                    {t("escrowParent.list.item", { course: e.courseName, trainee: e.traineeName })}
                  </Link>
                </h2>
                <EnrollmentStatusBadge status={e.status} paymentStatus={e.paymentStatus} />
              </div>
              <p className="break-words text-sm text-slate-700">{e.institutionName}</p>
              <dl className="grid grid-cols-[max-content_minmax(0,1fr)] gap-x-3 gap-y-1 text-sm">
                <dt className="text-slate-600">{t("escrowParent.list.lessons")}</dt>
                <dd>
                  {t("escrowParent.list.lessonsValue", {
                    bought: e.progress.lessonCount,
                    recorded: e.progress.recorded,
                    pending: e.progress.awaitingAnswer,
                  })}
                </dd>
                <dt className="text-slate-600">{t("escrowParent.figures.paid")}</dt>
                <dd>{formatFen(e.figures.paidFen, locale)}</dd>
                <dt className="text-slate-600">{t("escrowParent.figures.consumed")}</dt>
                <dd>{formatFen(e.figures.consumedFen, locale)}</dd>
                <dt className="text-slate-600">{t("escrowParent.figures.refundable")}</dt>
                <dd>{formatFen(e.figures.refundableFen, locale)}</dd>
                <dt className="text-slate-600">{t("escrowParent.list.period")}</dt>
                <dd>
                  {t("escrowParent.preview.periodValue", {
                    from: formatDate(e.periodStart, locale),
                    to: formatDate(e.periodEnd, locale),
                  })}
                </dd>
              </dl>
              {e.progress.awaitingAnswer > 0 ? (
                <p className="text-sm font-semibold text-amber-800">
                  {t("escrowParent.list.toAnswer", { count: e.progress.awaitingAnswer })}
                </p>
              ) : null}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

const STATUS_TONE: Record<EnrollmentStatusName, string> = {
  PENDING_PAYMENT: "border-amber-700 bg-amber-50 text-amber-900",
  ACTIVE: "border-green-700 bg-green-50 text-green-900",
  PAYMENT_FAILED: "border-red-700 bg-red-50 text-red-900",
  COMPLETED: "border-slate-500 bg-slate-50 text-slate-800",
  CLOSED: "border-slate-500 bg-slate-50 text-slate-800",
};

function EnrollmentStatusBadge({
  status,
  paymentStatus,
}: {
  status: EnrollmentStatusName;
  paymentStatus: PaymentStatusName | null;
}) {
  const { t } = useTranslation();
  const processing = status === "PENDING_PAYMENT" && paymentStatus === "PROCESSING";
  return (
    <span className={`shrink-0 rounded border px-2 py-0.5 text-sm font-medium ${STATUS_TONE[status]}`}>
      {processing ? t("escrowParent.payment.PROCESSING") : t(`escrowParent.status.${status}`)}
    </span>
  );
}
