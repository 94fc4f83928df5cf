import type { LoaderFunctionArgs } from "@remix-run/node";
import { apiProfileOf } from "~/lib/api/present-institution";
import { apiJson, apiProblem, publicApiRequest } from "~/lib/api/respond.server";
import { appOrigin } from "~/lib/app-origin.server";
import { findPublicInstitution, normalizeRegistrationNo } from "~/modules/registry/public-institution.server";

// GET /api/v1/institutions/:registrationNo : one public profile (OpenAPI: getInstitution).
// A number that cannot be one is a 400; a well-formed number nobody holds is a 404.
export function loader({ request, params, context }: LoaderFunctionArgs) {
  return publicApiRequest(request, context, async () => {
    const registrationNo = normalizeRegistrationNo(params.registrationNo ?? "");
    if (!registrationNo) {
      return apiProblem(request, 400, "invalid_query", {
        fieldErrors: { registrationNo: ["validation.publicSearch.registrationNo"] },
      });
    }
    const institution = await findPublicInstitution(registrationNo);
    if (!institution) return apiProblem(request, 404, "not_found");
    return apiJson(request, apiProfileOf(institution, appOrigin(request)));
  });
}
