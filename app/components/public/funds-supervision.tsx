import { useTranslation } from "~/lib/i18n/use-translation";

/** 资金监管：已开通/未开通, and what it means for paying (FEE-04: no sale before it is on). */
export function FundsSupervision({ enabled }: { enabled: boolean }) {
  const { t } = useTranslation();
  return (
    <div
      className={`rounded border p-3 ${enabled ? "border-green-700 bg-green-50 text-green-900" : "border-amber-700 bg-amber-50 text-amber-900"}`}
    >
      <p className="font-semibold">
        <span aria-hidden="true">{enabled ? "✓ " : "! "}</span>
        {t("public.funds.status", { state: enabled ? t("public.funds.enabled") : t("public.funds.disabled") })}
      </p>
      <p className="mt-1 text-sm">{enabled ? t("public.funds.enabledHelp") : t("public.funds.disabledHelp")}</p>
    </div>
  );
}
