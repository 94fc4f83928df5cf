import type { LoaderFunctionArgs } from "@remix-run/node";
import { institutionAnswer } from "~/lib/api/public-api.server";
import { apiCallOf, toResponse } from "~/lib/api/respond.server";
import { appOrigin } from "~/lib/app-origin.server";

// GET /api/v1/institutions/:registrationNo : one public profile (OpenAPI: getInstitution).
// The web server answers GET and HEAD of this path before Express and Remix (server/public-api.ts)
// with the same function. Remix still routes the other methods here (OPTIONS runs this loader, a
// POST is a 405), and the loader is what the API's tests and fuzzing call.
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const call = apiCallOf(request, context, appOrigin(request));
  return toResponse(await institutionAnswer(call, params.registrationNo ?? ""));
}
