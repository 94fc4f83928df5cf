import { type ActionFunctionArgs, data, type LoaderFunctionArgs, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { Alert } from "~/components/ui/alert";
import { SubmitButton } from "~/components/ui/submit-button";
import { TextField } from "~/components/ui/text-field";
import { formatDateTime } from "~/lib/format";
import { formFailure, readFormValues } from "~/lib/forms/parse.server";
import type { MessageKey } from "~/lib/i18n/catalog";
import { useTranslation } from "~/lib/i18n/use-translation";
import { forbidden, notFound } from "~/modules/identity/guards.server";
import { answering, requireInspectionActor } from "~/modules/inspection/inspection-actions.server";
import { listDraws, runRandomDraw, verifyDraw } from "~/modules/inspection/random-draw.server";

// 双随机: the jurisdiction's random draws with their seeds, ratios and what they drew; an admin
// runs a new one for a period; "verify" recomputes a draw from its stored inputs.

export async function loader({ request, params }: LoaderFunctionArgs) {
  const actor = await requireInspectionActor(request, params.authority);
  const url = new URL(request.url);
  const verifyId = url.searchParams.get("verify");
  const verification = verifyId ? await verifyDraw(actor.scope, verifyId) : null;
  if (verifyId && !verification) throw notFound();
  const draws = await listDraws(actor.scope);
  return data({
    draws,
    isAdmin: actor.role === "REGULATOR_ADMIN",
    verified: verifyId && verification ? { id: verifyId, matches: verification.matches } : null,
    justDrawn: url.searchParams.get("drawn"),
    basePath: `/gov/${actor.authority.slug}/draws`,
    inspectionsPath: `/gov/${actor.authority.slug}/inspections`,
  });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const actor = await requireInspectionActor(request, params.authority);
  if (actor.role !== "REGULATOR_ADMIN") throw forbidden();
  const values = await readFormValues(request);
  if (values?.intent !== "run") return formFailure({ fieldErrors: {}, formError: "validation.badForm" });
  const done = await answering(() => runRandomDraw(actor.scope, values));
  if (!done.ok) return done.answer;
  return redirect(`/gov/${actor.authority.slug}/draws?drawn=${done.value}`);
}

export default function RandomDraws() {
  const { draws, isAdmin, verified, justDrawn, basePath, inspectionsPath } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const navigation = useNavigation();
  const { t, locale } = useTranslation();
  const errors = result && !result.ok ? result.fieldErrors : {};
  const firstError = (field: string) => (errors[field]?.[0] as MessageKey | undefined) ?? undefined;
  return (
    <div className="space-y-6">
      <header className="space-y-1">
        <h2 className="text-xl font-semibold text-slate-900">{t("draw.title")}</h2>
        <p className="text-sm text-slate-700">{t("draw.lead")}</p>
      </header>
      {justDrawn ? <Alert tone="success">{t("draw.run.done")}</Alert> : null}
      {isAdmin ? (
        <section aria-labelledby="run-draw" className="space-y-3 rounded border border-slate-300 bg-white p-4">
          <h3 id="run-draw" className="text-lg font-semibold">
            {t("draw.run.heading")}
          </h3>
          {result && !result.ok && result.formError ? <Alert tone="error">{t(result.formError)}</Alert> : null}
          <Form method="post" className="grid gap-3 sm:grid-cols-3">
            <input type="hidden" name="intent" value="run" />
            <TextField
              label={t("draw.run.periodStart")}
              name="periodStart"
              type="date"
              required
              error={firstError("periodStart")}
            />
            <TextField
              label={t("draw.run.periodEnd")}
              name="periodEnd"
              type="date"
              required
              error={firstError("periodEnd")}
            />
            <TextField label={t("draw.run.seed")} name="seed" maxLength={64} error={firstError("seed")} />
            <div className="sm:col-span-3">
              <SubmitButton pending={navigation.state === "submitting"}>{t("draw.run.submit")}</SubmitButton>
            </div>
          </Form>
        </section>
      ) : (
        <Alert tone="info">{t("draw.run.adminOnly")}</Alert>
      )}
      <section aria-labelledby="past-draws" className="space-y-3">
        <h3 id="past-draws" className="text-lg font-semibold">
          {t("draw.list.heading")}
        </h3>
        {draws.length === 0 ? <Alert tone="info">{t("draw.list.empty")}</Alert> : null}
        {draws.map((draw) => (
          <article key={draw.id} className="space-y-2 rounded border border-slate-300 bg-white p-4">
            <h4 className="font-semibold">{t("draw.period", { from: draw.periodStart, to: draw.periodEnd })}</h4>
            <p className="text-sm text-slate-700">{t("draw.drawnAt", { at: formatDateTime(draw.drawnAt, locale) })}</p>
            <p className="break-all font-mono text-sm">{t("draw.seed", { seed: draw.seed })}</p>
            <p className="text-sm">{t("draw.ratios", draw.ratios)}</p>
            <p className="text-sm">
              {t("draw.counts", {
                population: draw.populationSize,
                inspectors: draw.inspectorCount,
                drawn: draw.drawn.length,
              })}
            </p>
            <ul className="list-inside list-disc text-sm">
              {draw.drawn.map((d) => (
                <li key={d.institutionId}>
                  {d.taskId ? (
                    <Link to={`${inspectionsPath}/${d.taskId}`} className="text-brand-700 underline">
                      {t("draw.drawnRow", { name: d.institutionName, grade: d.grade })}
                    </Link>
                  ) : (
                    <>
                      {t("draw.drawnRow", { name: d.institutionName, grade: d.grade })}
                      <span className="text-slate-700"> · {t("draw.alreadyOpen")}</span>
                    </>
                  )}
                </li>
              ))}
            </ul>
            <div className="flex flex-wrap items-center gap-3">
              <Link to={`${basePath}?verify=${draw.id}`} className="text-brand-700 underline">
                {t("draw.verify")}
              </Link>
              {verified?.id === draw.id ? (
                <Alert tone={verified.matches ? "success" : "error"}>
                  {t(verified.matches ? "draw.verify.matches" : "draw.verify.differs")}
                </Alert>
              ) : null}
            </div>
          </article>
        ))}
      </section>
    </div>
  );
}
