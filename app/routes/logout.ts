import { type ActionFunctionArgs, redirect } from "@remix-run/node";
import { unsafeAsSystem } from "~/lib/db-scope.server";
import { appendAudit } from "~/modules/audit/append.server";
import { endSession, getViewer } from "~/modules/identity/session.server";

export async function action({ request }: ActionFunctionArgs) {
  const viewer = await getViewer(request);
  const cleared = await endSession(request);
  if (viewer) {
    await unsafeAsSystem((db) =>
      appendAudit(db, {
        actorUserId: viewer.user.id,
        authorityId: null,
        action: "identity.signedOut",
        entityType: "user",
        entityId: viewer.user.id,
      }),
    );
  }
  return redirect("/", { headers: { "Set-Cookie": cleared } });
}

// Signing out changes state, so only a form post does it.
export function loader() {
  return redirect("/");
}
