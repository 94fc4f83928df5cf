import { Link } from "@remix-run/react";
import { useTranslation } from "~/lib/i18n/use-translation";
import { LocaleSwitch } from "./locale-switch";

export function SiteHeader() {
  const { t } = useTranslation();
  return (
    <header className="border-b border-slate-200 bg-white">
      <div className="mx-auto flex max-w-5xl items-center justify-between gap-4 px-4 py-3">
        <Link to="/" className="text-lg font-semibold text-brand-900">
          {t("app.name")}
        </Link>
        <LocaleSwitch />
      </div>
    </header>
  );
}
