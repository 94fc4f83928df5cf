import { useTranslation } from "~/lib/i18n/use-translation";
import type { Grade } from "~/modules/compliance/grade";

/** Colours by grade; the badge always carries the letter and a word too, never colour alone. */
const TONES: Record<Grade | "none", string> = {
  A: "border-green-700 bg-green-50 text-green-900",
  B: "border-teal-700 bg-teal-50 text-teal-900",
  C: "border-amber-700 bg-amber-50 text-amber-900",
  D: "border-orange-700 bg-orange-50 text-orange-900",
  E: "border-red-700 bg-red-50 text-red-900",
  none: "border-slate-400 bg-slate-50 text-slate-800",
};

/** "C 级 · 需改进", or "尚未评定" for an institution without a grade. */
export function GradeBadge({ grade }: { grade: Grade | null }) {
  const { t } = useTranslation();
  return (
    <span
      className={`inline-block whitespace-nowrap rounded border px-2 py-0.5 text-sm font-semibold ${TONES[grade ?? "none"]}`}
    >
      {grade
        ? t("compliance.grade.badge", { grade, word: t(`compliance.grade.word.${grade}`) })
        : t("compliance.grade.none")}
    </span>
  );
}

/** What a grade means, in a sentence. */
export function GradeMeaning({ grade }: { grade: Grade | null }) {
  const { t } = useTranslation();
  return <>{t(grade ? `compliance.grade.meaning.${grade}` : "compliance.grade.meaning.none")}</>;
}
