import type { MetaFunction } from "@remix-run/node";
import { Link } from "@remix-run/react";
import type { MessageKey } from "~/lib/i18n/catalog";
import { useTranslation } from "~/lib/i18n/use-translation";

export const meta: MetaFunction = ({ matches }) => [
  ...matches.flatMap((m) => m.meta ?? []),
  { name: "description", content: "体培 · 校外体育培训监管服务平台" },
];

const AUDIENCES = ["institutions", "parents", "regulators"] as const;
const PRINCIPLES: MessageKey[] = ["home.principles.escrow", "home.principles.standards", "home.principles.tenancy"];

export default function Home() {
  const { t } = useTranslation();
  return (
    <div className="space-y-12">
      <section aria-labelledby="home-title" className="space-y-4">
        <p className="text-sm font-medium text-brand-700">{t("app.fullName")}</p>
        <h1 id="home-title" className="text-3xl font-bold leading-tight text-slate-900">
          {t("home.title")}
        </h1>
        <p className="max-w-3xl text-lg text-slate-700">{t("home.lead")}</p>
        <p className="text-slate-700">{t("app.tagline")}</p>
      </section>

      <section aria-labelledby="verify-heading" className="rounded-lg border border-brand-600 bg-brand-50 p-5">
        <h2 id="verify-heading" className="text-xl font-semibold text-brand-900">
          {t("home.verify.heading")}
        </h2>
        <p className="mt-2 text-slate-800">{t("home.verify.body")}</p>
        <Link
          to="/institutions"
          className="mt-3 inline-block rounded bg-brand-700 px-4 py-2 text-white hover:bg-brand-900"
        >
          {t("nav.verify")}
        </Link>
      </section>

      <section aria-labelledby="audience-heading">
        <h2 id="audience-heading" className="text-xl font-semibold">
          {t("home.audience.heading")}
        </h2>
        <ul className="mt-4 grid gap-4 md:grid-cols-3">
          {AUDIENCES.map((who) => (
            <li key={who} className="rounded-lg border border-slate-200 bg-white p-5 shadow-sm">
              <h3 className="font-semibold text-brand-900">{t(`home.audience.${who}.title`)}</h3>
              <p className="mt-2 text-slate-700">{t(`home.audience.${who}.body`)}</p>
            </li>
          ))}
        </ul>
      </section>

      <section aria-labelledby="principles-heading">
        <h2 id="principles-heading" className="text-xl font-semibold">
          {t("home.principles.heading")}
        </h2>
        <ul className="mt-4 list-disc space-y-2 pl-6 text-slate-700">
          {PRINCIPLES.map((key) => (
            <li key={key}>{t(key)}</li>
          ))}
        </ul>
      </section>

      <section aria-labelledby="status-heading">
        <h2 id="status-heading" className="text-xl font-semibold">
          {t("home.status.heading")}
        </h2>
        <p className="mt-2 text-slate-700">{t("home.status.body", { path: "/healthz" })}</p>
      </section>
    </div>
  );
}
