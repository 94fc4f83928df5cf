import { Form, useLocation } from "@remix-run/react";
import { useTranslation } from "~/lib/i18n/use-translation";

/** Posts the other language to /locale; works without JavaScript. */
export function LocaleSwitch() {
  const { locale, t } = useTranslation();
  const location = useLocation();
  const next = locale === "zh-CN" ? "en" : "zh-CN";
  return (
    <Form method="post" action="/locale" aria-label={t("locale.switchLabel")}>
      <input type="hidden" name="lng" value={next} />
      <input type="hidden" name="redirectTo" value={`${location.pathname}${location.search}`} />
      <button
        type="submit"
        lang={next}
        className="rounded border border-slate-300 px-3 py-1 text-sm text-slate-800 hover:bg-slate-100"
      >
        {t("locale.switchTo")}
      </button>
    </Form>
  );
}
