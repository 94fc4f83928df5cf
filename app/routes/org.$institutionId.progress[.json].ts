import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireInstitutionRole } from "~/modules/identity/guards.server";
import { INSTITUTION_ROLES } from "~/modules/identity/roles";
import { closureAnswer, latestClosureRefunds } from "~/modules/operations/background-work.server";

// GET /org/:institutionId/progress.json : the refunds of the institution's suspension or closure, for
// its members' funds page to poll while they are processed (its own institution only: 404 else).
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { scope } = await requireInstitutionRole(request, params.institutionId, INSTITUTION_ROLES);
  return Response.json(closureAnswer(await latestClosureRefunds(scope, params.institutionId ?? "")), {
    headers: { "Cache-Control": "private, no-store" },
  });
}
