import { Link } from "@remix-run/react";
import { Alert } from "~/components/ui/alert";
import { useTranslation } from "~/lib/i18n/use-translation";

/** No results: say why that may be, what to try next, and why an unlisted institution is a risk. */
export function SearchEmptyState({ searched, beyondLastPage }: { searched: boolean; beyondLastPage: string | null }) {
  const { t } = useTranslation();
  if (beyondLastPage) {
    return (
      <Alert tone="info">
        <p>{t("public.empty.beyondLastPage")}</p>
        <Link to={beyondLastPage} className="text-brand-700 underline">
          {t("public.empty.firstPage")}
        </Link>
      </Alert>
    );
  }
  if (!searched) return <Alert tone="info">{t("public.empty.registry")}</Alert>;
  return (
    <Alert tone="info">
      <p className="font-semibold">{t("public.empty.title")}</p>
      <ul className="mt-2 list-disc space-y-1 pl-5">
        <li>{t("public.empty.tryShorter")}</li>
        <li>{t("public.empty.tryNumber")}</li>
        <li>
          {t("public.empty.tryFewerFilters")}{" "}
          <Link to="/institutions" className="text-brand-700 underline">
            {t("public.empty.clear")}
          </Link>
        </li>
      </ul>
      <p className="mt-2">{t("public.empty.unregisteredRisk")}</p>
    </Alert>
  );
}
