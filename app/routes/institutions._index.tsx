import { data, type LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData, useLocation, useNavigation } from "@remix-run/react";
import { InstitutionCard } from "~/components/public/institution-card";
import { Pagination } from "~/components/public/pagination";
import { SearchEmptyState } from "~/components/public/search-empty-state";
import { SearchForm, type SearchValues } from "~/components/public/search-form";
import { Alert } from "~/components/ui/alert";
import { PageTitle } from "~/components/ui/page-title";
import type { FieldErrors } from "~/lib/forms/parse.server";
import { useTranslation } from "~/lib/i18n/use-translation";
import { requestMeta } from "~/lib/request-meta.server";
import { consume } from "~/modules/identity/rate-limits.server";
import { readPublicRegistry } from "~/modules/registry/public-registry-cache.server";
import {
  findArea,
  listRegistryDistricts,
  parsePublicSearchQuery,
  searchPublicRegistry,
} from "~/modules/registry/public-search.server";

// The public registry search (anyone, signed in or not): part of a name or a registration number,
// a sport, an area; every registered institution of every city.
export async function loader({ request, context }: LoaderFunctionArgs) {
  const wait = await consume("publicSearchPageIp", requestMeta(request, context).ip ?? "unknown");
  if (wait !== null) throw new Response(null, { status: 429, headers: { "Retry-After": String(wait) } });
  const search = new URL(request.url).searchParams;
  const values: SearchValues = {
    q: search.get("q") ?? "",
    sport: search.get("sport") ?? "",
    district: search.get("district") ?? "",
  };
  const query = parsePublicSearchQuery(search);
  // Cached per query under the registry's version (a repeated search costs one indexed read).
  const key = `search-page:${query.ok ? JSON.stringify(query.data) : "invalid"}`;
  const { districts, outcome, extraArea } = await readPublicRegistry(key, async (db) => {
    const districts = await listRegistryDistricts(db);
    const outcome = query.ok ? await searchPublicRegistry(db, query.data) : null;
    const chosen = query.ok ? query.data.district : undefined;
    const extraArea = chosen && !districts.some((d) => d.code === chosen) ? await findArea(db, chosen) : null;
    return { districts, outcome, extraArea };
  });
  const fieldErrors: FieldErrors = !query.ok ? query.fieldErrors : outcome && !outcome.ok ? outcome.fieldErrors : {};
  const result = outcome?.ok ? outcome.result : null;
  return data(
    {
      values,
      searched: Boolean(query.ok && (query.data.q || query.data.sport || query.data.district)),
      fieldErrors,
      districts,
      extraArea,
      result,
    },
    { status: result ? 200 : 400 },
  );
}

/** The query string of the current search at another page. */
function pageHref(values: SearchValues, page: number): string {
  const params = new URLSearchParams();
  for (const [field, value] of Object.entries(values)) if (value) params.set(field, value);
  if (page > 1) params.set("page", String(page));
  const text = params.toString();
  return text ? `?${text}` : "?";
}

export default function InstitutionSearch() {
  const { values, searched, fieldErrors, districts, extraArea, result } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  const location = useLocation();
  const navigation = useNavigation();
  const pending = navigation.state === "loading" && navigation.location.pathname === location.pathname;

  return (
    <div className="space-y-6">
      <header className="space-y-2">
        <PageTitle>{t("public.search.title")}</PageTitle>
        <p className="text-slate-700">{t("public.search.lead")}</p>
      </header>

      {/* Keyed by the query so the fields show what was searched after back/forward navigation. */}
      <SearchForm
        key={location.search}
        values={values}
        districts={districts}
        extraArea={extraArea}
        fieldErrors={fieldErrors}
        pending={pending}
      />

      <section aria-labelledby="search-results-heading" aria-busy={pending || undefined} className="space-y-4">
        <h2 id="search-results-heading" className="sr-only">
          {t("public.search.results")}
        </h2>
        {!result ? (
          <Alert tone="error">{t("public.search.invalid")}</Alert>
        ) : result.items.length === 0 ? (
          <SearchEmptyState
            searched={searched}
            beyondLastPage={result.page > 1 && result.totalItems > 0 ? pageHref(values, 1) : null}
          />
        ) : (
          <>
            <p role="status" className="text-slate-700">
              {t("public.search.count", { count: result.totalItems })}
            </p>
            <ul className="space-y-3">
              {result.items.map((institution) => (
                <li key={institution.registrationNo}>
                  <InstitutionCard institution={institution} />
                </li>
              ))}
            </ul>
            <Pagination page={result.page} totalPages={result.totalPages} hrefFor={(page) => pageHref(values, page)} />
          </>
        )}
      </section>
    </div>
  );
}
