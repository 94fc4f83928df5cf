import type { LoaderFunctionArgs } from "@remix-run/node";
import { apiSearchPageOf } from "~/lib/api/present-institution";
import { apiJson, apiProblem, publicApiRequest } from "~/lib/api/respond.server";
import { appOrigin } from "~/lib/app-origin.server";
import { inPublicRegistry } from "~/lib/db-scope.server";
import { parsePublicSearchQuery, searchPublicRegistry } from "~/modules/registry/public-search.server";

// GET /api/v1/institutions?q=&sport=&district=&page= : search the public registry (OpenAPI: searchInstitutions).
export function loader({ request, context }: LoaderFunctionArgs) {
  return publicApiRequest(request, context, async () => {
    const query = parsePublicSearchQuery(new URL(request.url).searchParams);
    if (!query.ok) return apiProblem(request, 400, "invalid_query", { fieldErrors: query.fieldErrors });
    const outcome = await inPublicRegistry((db) => searchPublicRegistry(db, query.data));
    if (!outcome.ok) return apiProblem(request, 400, "invalid_query", { fieldErrors: outcome.fieldErrors });
    return apiJson(request, apiSearchPageOf(outcome.result, query.data, appOrigin(request)));
  });
}
