import { type ActionFunctionArgs, data, type LoaderFunctionArgs, type MetaFunction, redirect } from "@remix-run/node";
import {
  Form,
  isRouteErrorResponse,
  Link,
  useActionData,
  useLoaderData,
  useNavigation,
  useRouteError,
} from "@remix-run/react";
import { ErrorPage } from "~/components/layout/error-page";
import { Alert } from "~/components/ui/alert";
import { CheckboxField } from "~/components/ui/checkbox-field";
import { PageTitle } from "~/components/ui/page-title";
import { SubmitButton } from "~/components/ui/submit-button";
import { TextField } from "~/components/ui/text-field";
import { appOrigin } from "~/lib/app-origin.server";
import { yearInChina } from "~/lib/china-date";
import { formatFen } from "~/lib/format";
import { type FieldErrors, validate } from "~/lib/forms/parse.server";
import { useValidatedForm } from "~/lib/forms/use-validated-form";
import type { MessageKey } from "~/lib/i18n/catalog";
import { routeMeta } from "~/lib/i18n/route-meta";
import { useTranslation } from "~/lib/i18n/use-translation";
import {
  type CourseOffer,
  courseOffer,
  type EnrollmentPreview,
  type Parent,
  previewEnrollment,
  startEnrollment,
} from "~/modules/escrow/checkout.server";
import type { CapRefusal } from "~/modules/escrow/checkout-caps";
import {
  type CheckoutInput,
  checkoutSchema,
  MAX_LESSONS_PER_PAYMENT,
  signSchema,
  TRAINEE_MAX_AGE,
  TRAINEE_MIN_AGE,
} from "~/modules/escrow/checkout-form";
import { CONTRACT_VERSION } from "~/modules/escrow/contract";
import { forbidden, hasRole, notFound, requireViewer } from "~/modules/identity/guards.server";
import type { Viewer } from "~/modules/identity/session.server";
import { isSport } from "~/modules/registry/public-institution.server";
import { readIntentForm } from "~/modules/registry/review-actions.server";

export { clientLoader, handle } from "~/lib/i18n/workspace-route";

// Enrolling in a course (parent side, phone first, works without JavaScript): the course and its
// caps; the trainee and the number of lessons; a preview with the period, the amount, every cap
// the purchase breaks (rule and numbers) and the standard contract to read; signing it opens the
// payment provider's checkout. Unknown institution or course: 404 for everyone. Signed-out people
// go to sign in; only parent accounts may enroll (403 for the others).

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => {
  const { inherited } = routeMeta(matches);
  return data ? [...inherited, { title: `${data.offer.course.name} · ${data.offer.institution.name}` }] : inherited;
};

async function offerFor(params: LoaderFunctionArgs["params"]): Promise<CourseOffer> {
  const offer = await courseOffer(params.registrationNo ?? "", params.courseId ?? "");
  if (!offer) throw notFound();
  return offer;
}

async function requireParent(request: Request): Promise<Viewer> {
  const viewer = await requireViewer(request);
  if (!hasRole(viewer, "PARENT")) throw forbidden();
  return viewer;
}

const parentOf = (viewer: Viewer): Parent => ({
  userId: viewer.user.id,
  displayName: viewer.user.displayName,
  email: viewer.user.email,
});

export async function loader({ request, params }: LoaderFunctionArgs) {
  const offer = await offerFor(params);
  await requireParent(request);
  const { institution, course } = offer;
  const maxLessons = Math.min(offer.maxLessons, MAX_LESSONS_PER_PAYMENT);
  return {
    offer: {
      institution: { name: institution.name, registrationNo: institution.registrationNo },
      course: {
        name: course.name,
        sportKey: isSport(course.sport) ? (`sport.${course.sport}` as const) : null,
        lessonMinutes: course.lessonMinutes,
        pricePerLessonFen: course.pricePerLessonFen,
        slotWeekdays: course.slotWeekdays,
        suggestedLessons: Math.max(1, Math.min(course.suggestedLessons, maxLessons || course.suggestedLessons)),
      },
      notForSale: offer.notForSale,
      maxLessons,
    },
    currentYear: yearInChina(new Date()),
  };
}

type PreviewView = Omit<EnrollmentPreview, "refusals"> & { refusals: CapRefusal[] };
type ActionResult =
  | { ok: false; step: "form"; fieldErrors: FieldErrors; formError?: MessageKey; values: Record<string, unknown> }
  | {
      ok: boolean;
      step: "preview";
      input: CheckoutInput;
      preview: PreviewView;
      fieldErrors?: FieldErrors;
      formError?: MessageKey;
    };

const answer = (result: ActionResult, status = 200) => data(result, { status });

export async function action({ request, params }: ActionFunctionArgs) {
  const offer = await offerFor(params);
  const viewer = await requireParent(request);
  const parent = parentOf(viewer);
  const form = await readIntentForm(request);
  const year = yearInChina(new Date());
  if (!form || (form.intent !== "preview" && form.intent !== "pay"))
    return answer({ ok: false, step: "form", fieldErrors: {}, formError: "validation.badForm", values: {} }, 400);
  if (offer.notForSale)
    return answer({ ok: false, step: "form", fieldErrors: {}, formError: offer.notForSale, values: form.values }, 409);
  const details = validate(checkoutSchema(year), form.values);
  if (!details.ok)
    return answer({ ok: false, step: "form", fieldErrors: details.fieldErrors, values: form.values }, 400);
  const input = details.data;
  if (form.intent === "preview") {
    const preview = await previewEnrollment(parent, offer, input);
    return answer({ ok: true, step: "preview", input, preview });
  }
  const signed = validate(signSchema(year), form.values);
  if (!signed.ok) {
    // Not accepted (or a digest that is no digest): the same contract again, with the reason.
    const preview = await previewEnrollment(parent, offer, input);
    return answer({ ok: false, step: "preview", input, preview, fieldErrors: signed.fieldErrors }, 400);
  }
  const started = await startEnrollment(parent, offer, signed.data, appOrigin(request));
  if (started.ok) return redirect(started.checkoutUrl);
  // Refused before anything was written (caps, a changed contract) or the provider was down.
  const preview = await previewEnrollment(parent, offer, input);
  const status = started.formError === "escrow.checkout.providerUnavailable" ? 503 : 409;
  return answer(
    { ok: false, step: "preview", input, preview, fieldErrors: started.fieldErrors, formError: started.formError },
    status,
  );
}

export default function EnrollPage() {
  const { offer, currentYear } = useLoaderData<typeof loader>();
  const result = useActionData<ActionResult>();
  const { t, locale } = useTranslation();
  const { institution, course } = offer;
  const preview = result?.step === "preview" ? result : null;
  const weekdays = course.slotWeekdays.map((d) => t(`weekday.${d}` as MessageKey)).join("、");
  return (
    <article className="space-y-6">
      <header className="space-y-2">
        <p className="text-sm">
          <Link to={`/institutions/${institution.registrationNo}`} className="text-brand-700 underline">
            {t("escrowParent.enroll.back", { institution: institution.name })}
          </Link>
        </p>
        <PageTitle>{t("escrowParent.enroll.title", { course: course.name })}</PageTitle>
        <p className="break-words text-slate-700">
          {t("escrowParent.enroll.institution", {
            institution: institution.name,
            registrationNo: institution.registrationNo,
          })}
        </p>
      </header>

      <section aria-labelledby="enroll-course" className="space-y-2 rounded border border-slate-200 bg-white p-4">
        <h2 id="enroll-course" className="text-lg font-semibold">
          {t("escrowParent.enroll.course")}
        </h2>
        <dl className="grid grid-cols-[max-content_minmax(0,1fr)] gap-x-3 gap-y-1 text-sm">
          {course.sportKey ? (
            <>
              <dt className="text-slate-600">{t("public.facts.sport")}</dt>
              <dd>{t(course.sportKey)}</dd>
            </>
          ) : null}
          <dt className="text-slate-600">{t("escrowParent.enroll.price")}</dt>
          <dd>{formatFen(course.pricePerLessonFen, locale)}</dd>
          <dt className="text-slate-600">{t("escrowParent.enroll.lessonLength")}</dt>
          <dd>{t("escrowParent.enroll.minutes", { minutes: course.lessonMinutes })}</dd>
          <dt className="text-slate-600">{t("escrowParent.enroll.schedule")}</dt>
          <dd>{weekdays ? t("escrowParent.enroll.weekly", { days: weekdays }) : t("public.none")}</dd>
          <dt className="text-slate-600">{t("escrowParent.enroll.maxLessons")}</dt>
          <dd>{t("escrowParent.enroll.maxLessonsValue", { count: offer.maxLessons })}</dd>
        </dl>
        <p className="text-sm text-slate-600">{t("escrowParent.enroll.escrowNote")}</p>
      </section>

      {offer.notForSale ? (
        <Alert tone="error">
          <p className="font-semibold">{t("escrowParent.enroll.notForSale")}</p>
          <p>{t(offer.notForSale)}</p>
        </Alert>
      ) : (
        <>
          <DetailsForm
            key={preview ? `${preview.input.traineeName}|${preview.input.lessons}` : "details"}
            currentYear={currentYear}
            maxLessons={offer.maxLessons}
            suggested={course.suggestedLessons}
            result={result}
          />
          {preview ? <PreviewSection result={preview} /> : null}
        </>
      )}
    </article>
  );
}

function text(values: Record<string, unknown> | undefined, key: string): string | undefined {
  const value = values?.[key];
  return typeof value === "string" ? value : undefined;
}

function DetailsForm(props: {
  currentYear: number;
  maxLessons: number;
  suggested: number;
  result: ActionResult | undefined;
}) {
  const { currentYear, maxLessons, suggested, result } = props;
  const { t } = useTranslation();
  const navigation = useNavigation();
  const posted = result?.step === "form" ? result.values : undefined;
  const previewed = result?.step === "preview" ? result.input : undefined;
  const defaults = {
    traineeName: text(posted, "traineeName") ?? previewed?.traineeName ?? "",
    traineeBirthYear: text(posted, "traineeBirthYear") ?? (previewed ? String(previewed.traineeBirthYear) : ""),
    lessons: text(posted, "lessons") ?? String(previewed?.lessons ?? suggested),
  };
  const { form, onSubmit, errorFor } = useValidatedForm(checkoutSchema(currentYear), defaults);
  const formError = result?.step === "form" ? result.formError : undefined;
  const pending = navigation.state === "submitting" && navigation.formData?.get("intent") === "preview";
  return (
    <section aria-labelledby="enroll-details" className="space-y-3">
      <h2 id="enroll-details" className="text-lg font-semibold">
        {t("escrowParent.enroll.details")}
      </h2>
      {formError ? <Alert tone="error">{t(formError)}</Alert> : null}
      <Form
        method="post"
        noValidate
        onSubmit={onSubmit}
        className="space-y-4 rounded border border-slate-300 bg-white p-4"
      >
        <TextField
          label={t("escrowParent.enroll.traineeName")}
          autoComplete="off"
          maxLength={50}
          defaultValue={defaults.traineeName}
          error={errorFor("traineeName")}
          {...form.register("traineeName")}
        />
        <TextField
          label={t("escrowParent.enroll.birthYear")}
          hint={t("escrowParent.enroll.birthYearHint", {
            from: currentYear - TRAINEE_MAX_AGE,
            to: currentYear - TRAINEE_MIN_AGE,
          })}
          inputMode="numeric"
          autoComplete="off"
          defaultValue={defaults.traineeBirthYear}
          error={errorFor("traineeBirthYear")}
          {...form.register("traineeBirthYear")}
        />
        <TextField
          label={t("escrowParent.enroll.lessons")}
          hint={t("escrowParent.enroll.lessonsHint", { max: maxLessons })}
          inputMode="numeric"
          autoComplete="off"
          defaultValue={defaults.lessons}
          error={errorFor("lessons")}
          {...form.register("lessons")}
        />
        <SubmitButton name="intent" value="preview" pending={pending} className="w-full sm:w-auto">
          {t("escrowParent.enroll.preview")}
        </SubmitButton>
      </Form>
    </section>
  );
}

function PreviewSection({ result }: { result: Extract<ActionResult, { step: "preview" }> }) {
  const { t, locale } = useTranslation();
  const navigation = useNavigation();
  const { input, preview } = result;
  const pending = navigation.state !== "idle" && navigation.formData?.get("intent") === "pay";
  const acceptError = result.fieldErrors?.acceptContract?.[0];
  const digestError = result.fieldErrors?.contractSha256?.[0];
  return (
    <section aria-labelledby="enroll-preview" className="space-y-4">
      <h2 id="enroll-preview" className="text-lg font-semibold">
        {t("escrowParent.preview.heading")}
      </h2>
      {result.formError ? <Alert tone="error">{t(result.formError)}</Alert> : null}
      {digestError ? <Alert tone="error">{t(digestError)}</Alert> : null}
      <dl className="grid grid-cols-[max-content_minmax(0,1fr)] gap-x-3 gap-y-1 rounded border border-slate-200 bg-white p-4 text-sm">
        <dt className="text-slate-600">{t("escrowParent.preview.trainee")}</dt>
        <dd className="break-words">
          {t("escrowParent.preview.traineeValue", { name: input.traineeName, year: input.traineeBirthYear })}
        </dd>
        <dt className="text-slate-600">{t("escrowParent.preview.lessons")}</dt>
        <dd>{t("escrowParent.preview.lessonsValue", { count: input.lessons })}</dd>
        <dt className="text-slate-600">{t("escrowParent.preview.period")}</dt>
        <dd>{t("escrowParent.preview.periodValue", { from: preview.periodStart, to: preview.periodEnd })}</dd>
        <dt className="text-slate-600">{t("escrowParent.preview.amount")}</dt>
        <dd className="font-semibold">{formatFen(preview.amountFen, locale)}</dd>
        {preview.reservePercent > 0 ? (
          <>
            <dt className="text-slate-600">{t("escrowParent.preview.reserve")}</dt>
            <dd>{t("escrowParent.preview.reserveValue", { percent: preview.reservePercent })}</dd>
          </>
        ) : null}
      </dl>
      {preview.refusals.length > 0 ? (
        <Alert tone="error">
          <p className="font-semibold">{t("escrowParent.preview.refused")}</p>
          <ul className="mt-2 list-disc space-y-1 pl-5">
            {preview.refusals.map((refusal) => (
              <li key={refusal.rule} className="break-words">
                <strong>{refusal.rule}</strong> {t(refusal.message, refusal.values)}
              </li>
            ))}
          </ul>
          <p className="mt-2">{t("escrowParent.preview.refusedHint")}</p>
        </Alert>
      ) : (
        <>
          <div className="space-y-2">
            <h3 id="enroll-contract" className="font-semibold">
              {t("escrowParent.preview.contract", { version: CONTRACT_VERSION })}
            </h3>
            <p className="text-sm text-slate-600">{t("escrowParent.preview.contractHint")}</p>
            <section
              // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must be reachable by keyboard
              tabIndex={0}
              aria-labelledby="enroll-contract"
              className="max-h-96 overflow-y-auto rounded border border-slate-300 bg-slate-50 p-3"
            >
              <pre lang="zh-CN" className="whitespace-pre-wrap break-words font-sans text-sm leading-relaxed">
                {preview.contract}
              </pre>
            </section>
            <p className="break-all text-xs text-slate-600">
              {t("escrowParent.preview.digest", { digest: preview.contractSha256 })}
            </p>
          </div>
          <Form method="post" className="space-y-3 rounded border border-slate-300 bg-white p-4">
            <input type="hidden" name="traineeName" value={input.traineeName} />
            <input type="hidden" name="traineeBirthYear" value={input.traineeBirthYear} />
            <input type="hidden" name="lessons" value={input.lessons} />
            <input type="hidden" name="contractSha256" value={preview.contractSha256} />
            <CheckboxField name="acceptContract" label={t("escrowParent.preview.accept")} error={acceptError} />
            <p className="text-sm text-slate-600">{t("escrowParent.preview.payHint")}</p>
            <SubmitButton name="intent" value="pay" pending={pending} className="w-full sm:w-auto">
              {t("escrowParent.preview.pay", { amount: formatFen(preview.amountFen, locale) })}
            </SubmitButton>
          </Form>
        </>
      )}
    </section>
  );
}

/** A signed-in account that is not a parent's is told why it cannot enroll. */
export function ErrorBoundary() {
  const error = useRouteError();
  const { t } = useTranslation();
  if (isRouteErrorResponse(error) && error.status === 403)
    return (
      <section aria-labelledby="enroll-forbidden" className="mx-auto max-w-xl space-y-4 py-12 text-center">
        <h1 id="enroll-forbidden" className="text-2xl font-semibold">
          {t("escrowParent.enroll.parentsOnly.title")}
        </h1>
        <p className="text-slate-700">{t("escrowParent.enroll.parentsOnly.body")}</p>
        <p>
          <Link to="/institutions" className="text-brand-700 underline">
            {t("escrowParent.enroll.parentsOnly.back")}
          </Link>
        </p>
      </section>
    );
  if (isRouteErrorResponse(error) && error.status === 404) return <ErrorPage kind="notFound" />;
  return <ErrorPage kind="server" />;
}
