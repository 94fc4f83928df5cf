import { Form, Link, useRouteLoaderData } from "@remix-run/react";
import { useTranslation } from "~/lib/i18n/use-translation";
import { LocaleSwitch } from "./locale-switch";

type RootViewer = { viewer: { displayName: string; home: string } | null };

export function SiteHeader() {
  const { t } = useTranslation();
  const viewer = useRouteLoaderData<RootViewer>("root")?.viewer ?? null;
  return (
    <header className="border-b border-slate-200 bg-white">
      <div className="mx-auto flex max-w-5xl items-center justify-between gap-4 px-4 py-3">
        <Link to="/" className="shrink-0 whitespace-nowrap text-lg font-semibold text-brand-900">
          {t("app.name")}
        </Link>
        <div className="flex flex-wrap items-center justify-end gap-3 text-sm">
          <Link to="/institutions" className="text-brand-700 underline">
            {t("nav.verify")}
          </Link>
          {viewer ? (
            <>
              <Link to={viewer.home} className="text-brand-700 underline">
                {t("nav.workspace")}
              </Link>
              <Link to="/account" className="text-brand-700 underline">
                {viewer.displayName}
              </Link>
              <Form method="post" action="/logout">
                <button type="submit" className="text-slate-700 underline">
                  {t("auth.logout")}
                </button>
              </Form>
            </>
          ) : (
            <Link to="/login" className="text-brand-700 underline">
              {t("nav.login")}
            </Link>
          )}
          <LocaleSwitch />
        </div>
      </div>
    </header>
  );
}
