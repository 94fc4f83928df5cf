import { type LoaderFunctionArgs, redirect } from "@remix-run/node";
import { FILING_STEPS } from "~/modules/registry/content";
import { requireFilingContext } from "~/modules/registry/filing-access.server";
import { stepsDone } from "~/modules/registry/filing-progress";

// The wizard opens at the first step that is not done yet.
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { draft, institution } = await requireFilingContext(request, params.institutionId);
  if (!draft) return redirect(`/org/${institution.id}`);
  const done = stepsDone(draft);
  const next = FILING_STEPS.find((step) => !done[step]) ?? "review";
  return redirect(`/org/${institution.id}/filing/${next}`);
}
