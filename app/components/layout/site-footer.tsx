import { useTranslation } from "~/lib/i18n/use-translation";

export function SiteFooter() {
  const { t } = useTranslation();
  return (
    <footer className="border-t border-slate-200 bg-white">
      <p className="mx-auto max-w-5xl px-4 py-6 text-sm text-slate-600">{t("footer.note")}</p>
    </footer>
  );
}
