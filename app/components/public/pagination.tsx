import { Link } from "@remix-run/react";
import { useTranslation } from "~/lib/i18n/use-translation";

/** The page numbers to offer: the first, the last, and two either side of the current one. */
export function pageWindow(current: number, total: number): (number | "gap")[] {
  const pages = new Set([1, total, current - 2, current - 1, current, current + 1, current + 2]);
  const sorted = [...pages].filter((p) => p >= 1 && p <= total).sort((a, b) => a - b);
  const out: (number | "gap")[] = [];
  for (const [i, page] of sorted.entries()) {
    const previous = sorted[i - 1];
    if (previous !== undefined && page - previous > 1) out.push("gap");
    out.push(page);
  }
  return out;
}

/** Plain links (work without JavaScript); the current page is marked for screen readers. */
export function Pagination({
  page,
  totalPages,
  hrefFor,
}: {
  page: number;
  totalPages: number;
  hrefFor: (page: number) => string;
}) {
  const { t } = useTranslation();
  if (totalPages <= 1) return null;
  const link =
    "inline-block min-w-10 rounded border border-slate-300 bg-white px-3 py-2 text-center text-brand-700 underline";
  return (
    <nav aria-label={t("public.pagination.label")}>
      <ul className="flex flex-wrap items-center gap-2">
        {page > 1 ? (
          <li>
            <Link to={hrefFor(Math.min(page - 1, totalPages))} rel="prev" className={link}>
              {t("public.pagination.previous")}
            </Link>
          </li>
        ) : null}
        {pageWindow(page, totalPages).map((item, i) =>
          item === "gap" ? (
            // Gaps have no identity of their own; their place in the list is stable.
            // biome-ignore lint/suspicious/noArrayIndexKey: see above
            <li key={`gap-${i}`} aria-hidden="true" className="px-1 text-slate-600">
              …
            </li>
          ) : (
            <li key={item}>
              {item === page ? (
                <span
                  aria-current="page"
                  className="inline-block min-w-10 rounded bg-brand-700 px-3 py-2 text-center text-white"
                >
                  <span className="sr-only">{t("public.pagination.pageNumber", { page: item })}</span>
                  <span aria-hidden="true">{item}</span>
                </span>
              ) : (
                <Link
                  to={hrefFor(item)}
                  aria-label={t("public.pagination.pageNumber", { page: item })}
                  className={link}
                >
                  {item}
                </Link>
              )}
            </li>
          ),
        )}
        {page < totalPages ? (
          <li>
            <Link to={hrefFor(page + 1)} rel="next" className={link}>
              {t("public.pagination.next")}
            </Link>
          </li>
        ) : null}
      </ul>
    </nav>
  );
}
