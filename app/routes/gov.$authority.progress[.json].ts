import type { LoaderFunctionArgs } from "@remix-run/node";
import { z } from "zod";
import { notFound, requireAuthorityRole } from "~/modules/identity/guards.server";
import { REGULATOR_ROLES } from "~/modules/identity/roles";
import { closureAnswer, latestClosureRefunds, latestReevaluation } from "~/modules/operations/background-work.server";
import { findSupervisedInstitutionStatus } from "~/modules/registry/jurisdiction-institutions.server";

// GET /gov/:authority/progress.json?of=reevaluation : the latest re-evaluation of the jurisdiction asked
// for by a settings change; ?of=closure&institution=<id> : the closure refunds of one institution
// of the jurisdiction. What the progress panels poll while the work runs (a few bytes, no page).
// Row-level security decides what the scope reads: another tenant's work is simply not there.
const querySchema = z.discriminatedUnion("of", [
  z.object({ of: z.literal("reevaluation") }),
  z.object({ of: z.literal("closure"), institution: z.uuid() }),
]);

const NO_STORE = { "Cache-Control": "private, no-store" };

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { authority, scope, viewer } = await requireAuthorityRole(request, params.authority, REGULATOR_ROLES);
  const query = querySchema.safeParse(Object.fromEntries(new URL(request.url).searchParams));
  if (!query.success) throw notFound();
  if (query.data.of === "reevaluation") {
    return Response.json({ work: await latestReevaluation(scope, authority.id) }, { headers: NO_STORE });
  }
  // An institution outside the jurisdiction answers 404, as its pages do.
  const supervised = await findSupervisedInstitutionStatus(
    { ...scope, authorityId: authority.id, userId: viewer.user.id },
    query.data.institution,
  );
  if (supervised === null) throw notFound();
  return Response.json(closureAnswer(await latestClosureRefunds(scope, query.data.institution)), { headers: NO_STORE });
}
