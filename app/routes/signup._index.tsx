import { Link } from "@remix-run/react";
import { PageTitle } from "~/components/ui/page-title";
import { useTranslation } from "~/lib/i18n/use-translation";

const KINDS = [
  { to: "/signup/parent", title: "auth.signup.parent.title", body: "auth.signup.parent.body" },
  { to: "/signup/institution", title: "auth.signup.institution.title", body: "auth.signup.institution.body" },
] as const;

export default function SignupChoice() {
  const { t } = useTranslation();
  return (
    <div className="mx-auto max-w-2xl space-y-6">
      <PageTitle>{t("auth.signup.title")}</PageTitle>
      <p className="text-slate-700">{t("auth.signup.lead")}</p>
      <ul className="grid gap-4 sm:grid-cols-2">
        {KINDS.map((kind) => (
          <li key={kind.to}>
            <Link
              to={kind.to}
              className="block h-full rounded-lg border border-slate-300 bg-white p-5 shadow-sm hover:border-brand-600"
            >
              <span className="block font-semibold text-brand-900">{t(kind.title)}</span>
              <span className="mt-2 block text-slate-700">{t(kind.body)}</span>
            </Link>
          </li>
        ))}
      </ul>
    </div>
  );
}
