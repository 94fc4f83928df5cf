import { useTranslation } from "~/lib/i18n/use-translation";

export type ComplianceGradeData = { grade: "A" | "B" | "C" | "D" | "E"; assessedOn: string };

/** Shown only once the compliance module publishes a grade (nothing, rather than a placeholder). */
export function ComplianceGrade({ grade }: { grade: ComplianceGradeData | null }) {
  const { t } = useTranslation();
  if (!grade) return null;
  return (
    <p className="rounded border border-slate-300 bg-white p-3">
      <span className="font-semibold">{t("public.grade.label")}</span>{" "}
      {t("public.grade.value", { grade: grade.grade, date: grade.assessedOn })}
    </p>
  );
}
