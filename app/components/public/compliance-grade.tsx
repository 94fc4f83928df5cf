import { useTranslation } from "~/lib/i18n/use-translation";
import { STANDARD_CODES, type StandardCode } from "~/modules/compliance/standard-codes";

const isStandardCode = (code: string): code is StandardCode => (STANDARD_CODES as readonly string[]).includes(code);

export type ComplianceGradeData = { grade: "A" | "B" | "C" | "D" | "E"; assessedOn: string; openRules: string[] };

/** Shown only once the compliance module publishes a grade (nothing, rather than a placeholder). */
export function ComplianceGrade({ grade }: { grade: ComplianceGradeData | null }) {
  const { t } = useTranslation();
  if (!grade) return null;
  return (
    <div className="rounded border border-slate-300 bg-white p-3">
      <p>
        <span className="font-semibold">{t("public.grade.label")}</span>{" "}
        {t("public.grade.value", { grade: grade.grade, date: grade.assessedOn })}
      </p>
      {grade.openRules.length > 0 ? (
        <>
          <p className="mt-2 text-sm text-slate-800">{t("public.grade.openRules")}</p>
          <ul className="list-disc pl-6 text-sm text-slate-800">
            {grade.openRules.map((code) => (
              <li key={code}>
                {code} {isStandardCode(code) ? t(`settings.rule.${code}`) : ""}
              </li>
            ))}
          </ul>
        </>
      ) : (
        <p className="mt-2 text-sm text-slate-800">{t("public.grade.noOpenRules")}</p>
      )}
    </div>
  );
}
