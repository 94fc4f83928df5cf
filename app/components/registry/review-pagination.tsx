import { Link } from "@remix-run/react";
import { useTranslation } from "~/lib/i18n/use-translation";

/** Previous / next links for a paged list, keeping the other query parameters. */
export function ReviewPagination({ page, pageCount, search }: { page: number; pageCount: number; search: string }) {
  const { t } = useTranslation();
  if (pageCount <= 1) return null;
  const to = (target: number) => {
    const params = new URLSearchParams(search);
    params.delete("index");
    if (target === 1) params.delete("page");
    else params.set("page", String(target));
    const text = params.toString();
    return text ? `?${text}` : ".";
  };
  return (
    <nav aria-label={t("govReview.page.label")} className="flex flex-wrap items-center gap-6">
      {page > 1 ? (
        <Link to={to(page - 1)} className="text-brand-700 underline">
          {t("govReview.page.previous")}
        </Link>
      ) : null}
      <span className="text-slate-700">{t("govReview.page.of", { page, pages: pageCount })}</span>
      {page < pageCount ? (
        <Link to={to(page + 1)} className="text-brand-700 underline">
          {t("govReview.page.next")}
        </Link>
      ) : null}
    </nav>
  );
}
