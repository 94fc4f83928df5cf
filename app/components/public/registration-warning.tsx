import { useTranslation } from "~/lib/i18n/use-translation";
import { isDoNotPay, type RegistrationStatus } from "./registration-status";

const WARNING_TEXT = {
  SUSPENDED: "public.warning.SUSPENDED",
  REVOKED: "public.warning.REVOKED",
  CLOSED: "public.warning.CLOSED",
} as const;

/**
 * The first thing a parent sees when the registration is not in force: do not pay. An alert
 * (announced at once), in words and with a symbol, never a colour alone.
 */
export function RegistrationWarning({ status }: { status: RegistrationStatus }) {
  const { t } = useTranslation();
  if (!isDoNotPay(status)) return null;
  return (
    <div role="alert" className="rounded border-2 border-red-700 bg-red-50 p-4 text-red-900">
      <p className="text-lg font-bold">
        <span aria-hidden="true">⚠ </span>
        {t("public.warning.doNotPay")}
      </p>
      <p className="mt-1">{t(WARNING_TEXT[status])}</p>
      <p className="mt-1">{t("public.warning.refunds")}</p>
    </div>
  );
}
