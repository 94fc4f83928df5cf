import { Link, useRouteLoaderData } from "@remix-run/react";
import { useTranslation } from "~/lib/i18n/use-translation";

/** What a person sees when a page fails: no stack trace, a way back, an id to report. */
export function ErrorPage({ kind }: { kind: "notFound" | "forbidden" | "tooMany" | "server" }) {
  const { t } = useTranslation();
  const requestId = useRouteLoaderData<{ requestId: string | null }>("root")?.requestId;
  return (
    <section className="mx-auto max-w-xl py-16 text-center" aria-labelledby="error-title">
      <h1 id="error-title" className="text-2xl font-semibold">
        {t(`error.${kind}.title`)}
      </h1>
      <p className="mt-4 text-slate-700">{t(`error.${kind}.body`)}</p>
      {kind === "server" && requestId ? (
        <p className="mt-2 text-sm text-slate-600">{t("error.requestId", { id: requestId })}</p>
      ) : null}
      <Link to="/" className="mt-8 inline-block rounded bg-brand-700 px-4 py-2 text-white hover:bg-brand-900">
        {t("error.backHome")}
      </Link>
    </section>
  );
}
