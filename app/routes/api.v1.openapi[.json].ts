import type { LoaderFunctionArgs } from "@remix-run/node";
import { openApiDocument } from "~/lib/api/openapi-document";
import { apiJson } from "~/lib/api/respond.server";
import { appOrigin } from "~/lib/app-origin.server";

// GET /api/v1/openapi.json : the OpenAPI 3.1 document of the public API (not rate-limited: no data behind it).
export function loader({ request }: LoaderFunctionArgs) {
  const origin = appOrigin(request);
  return apiJson(request, openApiDocument(origin), origin);
}
