import { type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { Alert } from "~/components/ui/alert";
import { PageTitle } from "~/components/ui/page-title";
import { SubmitButton } from "~/components/ui/submit-button";
import { formatFen } from "~/lib/format";
import { formFailure } from "~/lib/forms/parse.server";
import { routeMeta } from "~/lib/i18n/route-meta";
import { useTranslation } from "~/lib/i18n/use-translation";
import { parentCheckoutSubject } from "~/modules/escrow/parent-read.server";
import { paymentProvider } from "~/modules/escrow/providers/provider.server";
import { SimulatedProvider } from "~/modules/escrow/providers/simulated.server";
import { notFound, requireViewer } from "~/modules/identity/guards.server";
import { readIntentForm } from "~/modules/registry/review-actions.server";

export { clientLoader, handle } from "~/lib/i18n/workspace-route";

// The checkout page of the simulated payment provider (the default when no Stripe key is set):
// what a provider's hosted checkout would be, clearly marked as a simulation in which no money
// moves. Only the parent whose payment it is sees it (404 for anyone else, and for every
// deployment whose provider is not the simulation). Paying or failing stores the provider's event
// as Stripe would send it; the worker then holds the money in escrow (or marks the payment failed).

export const meta: MetaFunction = ({ matches }) => {
  const { inherited, t } = routeMeta(matches);
  return [...inherited, { title: t("escrowParent.sim.pageTitle") }, { name: "robots", content: "noindex" }];
};

async function subjectFor(request: Request, sessionId: string | undefined) {
  const viewer = await requireViewer(request);
  if (paymentProvider().name !== "simulated") throw notFound();
  const subject = await parentCheckoutSubject(viewer.user.id, sessionId ?? "");
  if (!subject) throw notFound();
  return subject;
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const subject = await subjectFor(request, params.sessionId);
  return { subject };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const subject = await subjectFor(request, params.sessionId);
  const form = await readIntentForm(request);
  if (!form || (form.intent !== "succeed" && form.intent !== "fail"))
    return formFailure({ fieldErrors: {}, formError: "validation.badForm" });
  // A second answer (another tab, a repeated click) changes nothing: the first one stands.
  await new SimulatedProvider().completeCheckout(params.sessionId ?? "", form.intent);
  const outcome = form.intent === "succeed" ? "1" : "0";
  return redirect(`/account/enrollments/${subject.enrollmentId}?paid=${outcome}`);
}

export default function SimulatedCheckout() {
  const { subject } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const navigation = useNavigation();
  const { t, locale } = useTranslation();
  const busy = navigation.state !== "idle" ? navigation.formData?.get("intent") : null;
  const open = subject.status === "PENDING";
  return (
    <article className="mx-auto max-w-xl space-y-6">
      <div role="note" className="rounded border-4 border-dashed border-amber-600 bg-amber-50 p-4 text-amber-950">
        <p className="text-2xl font-bold tracking-wide">{t("escrowParent.sim.banner")}</p>
        <p className="mt-1">{t("escrowParent.sim.bannerBody")}</p>
      </div>
      <PageTitle>{t("escrowParent.sim.title")}</PageTitle>
      <dl className="grid grid-cols-1 gap-x-3 gap-y-1 rounded border border-slate-200 bg-white p-4 sm:grid-cols-[max-content_minmax(0,1fr)] sm:gap-y-2">
        <dt className="text-slate-600">{t("escrowParent.sim.amount")}</dt>
        <dd className="text-xl font-semibold">{formatFen(subject.amountFen, locale)}</dd>
        <dt className="text-slate-600">{t("escrowParent.sim.payee")}</dt>
        <dd className="break-words">{subject.institutionName}</dd>
        <dt className="text-slate-600">{t("escrowParent.sim.for")}</dt>
        <dd className="break-words">
          {t("escrowParent.sim.forValue", {
            course: subject.courseName,
            lessons: subject.lessons,
            trainee: subject.traineeName,
          })}
        </dd>
      </dl>
      {result?.formError ? <Alert tone="error">{t(result.formError)}</Alert> : null}
      {open ? (
        <Form method="post" className="space-y-3">
          <p className="text-sm text-slate-700">{t("escrowParent.sim.choose")}</p>
          <div className="flex flex-col gap-3 sm:flex-row">
            <SubmitButton name="intent" value="succeed" pending={busy === "succeed"} disabled={Boolean(busy)}>
              {t("escrowParent.sim.succeed")}
            </SubmitButton>
            <SubmitButton
              name="intent"
              value="fail"
              tone="secondary"
              pending={busy === "fail"}
              disabled={Boolean(busy)}
            >
              {t("escrowParent.sim.fail")}
            </SubmitButton>
          </div>
        </Form>
      ) : (
        <Alert tone="info">{t("escrowParent.sim.closed")}</Alert>
      )}
      <p>
        <Link to={`/account/enrollments/${subject.enrollmentId}`} className="text-brand-700 underline">
          {open ? t("escrowParent.sim.later") : t("escrowParent.sim.toEnrollment")}
        </Link>
      </p>
    </article>
  );
}
