import { NavLink } from "@remix-run/react";
import { useTranslation } from "~/lib/i18n/use-translation";
import type { FilingStep } from "~/modules/registry/content";
import { FILING_STEPS } from "~/modules/registry/content";

/** The six steps with what is done, in words as well as marks. */
export function FilingStepsNav({
  base,
  done,
  percent,
}: {
  base: string;
  done: Record<FilingStep, boolean>;
  percent: number;
}) {
  const { t } = useTranslation();
  return (
    <nav aria-label={t("wizard.stepsLabel")} className="space-y-2">
      <p className="text-sm text-slate-700">{t("wizard.progress", { percent })}</p>
      {/* A native progress bar: no inline style, which the Content-Security-Policy forbids. */}
      <progress value={percent} max={100} aria-hidden="true" className="h-2 w-full accent-brand-600" />
      <ol className="flex flex-wrap gap-2">
        {FILING_STEPS.map((step, i) => (
          <li key={step}>
            <NavLink
              to={`${base}/${step}`}
              className={({ isActive }) =>
                `inline-flex items-center gap-1 rounded border px-3 py-1 text-sm ${isActive ? "border-brand-700 bg-brand-50 font-semibold text-brand-900" : "border-slate-300 text-slate-800"}`
              }
            >
              <span aria-hidden="true">{done[step] ? "✓" : `${i + 1}.`}</span>
              {t(`wizard.step.${step}`)}
              <span className="sr-only">（{t(done[step] ? "wizard.stepDone" : "wizard.stepTodo")}）</span>
            </NavLink>
          </li>
        ))}
      </ol>
    </nav>
  );
}
