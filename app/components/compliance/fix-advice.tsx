import { useTranslation } from "~/lib/i18n/use-translation";
import { isStandardCode } from "./rule-label";

/** What an institution should do about a rule it fails, in one sentence (nothing for an unknown rule). */
export function FixAdvice({ rule }: { rule: string }) {
  const { t } = useTranslation();
  if (!isStandardCode(rule)) return null;
  return (
    <p className="rounded bg-slate-50 p-2 text-sm text-slate-900">
      <span className="font-semibold">{t("compliance.fix.heading")}</span> {t(`compliance.fix.${rule}`)}
    </p>
  );
}
