import { type ActionFunctionArgs, redirect } from "@remix-run/node";
import { z } from "zod";
import { unsafeAsSystem } from "~/lib/db-scope.server";
import { LOCALES } from "~/lib/i18n/catalog";
import { localeCookie } from "~/lib/i18n/locale.server";
import { safeRedirectPath } from "~/lib/safe-redirect";
import { appendAudit } from "~/modules/audit/append.server";
import { getViewer } from "~/modules/identity/session.server";

const localeForm = z.object({
  lng: z.enum(LOCALES),
  redirectTo: z.string().optional(),
});

export async function action({ request }: ActionFunctionArgs) {
  const form = await request.formData().catch(() => null);
  const parsed = localeForm.safeParse(form ? Object.fromEntries(form) : null);
  if (!parsed.success) {
    return Response.json({ error: "unknown language" }, { status: 400 });
  }
  // A signed-in person's choice follows them to every device.
  const viewer = await getViewer(request);
  if (viewer && viewer.user.locale !== parsed.data.lng) {
    await unsafeAsSystem(async (db) => {
      await db.user.update({ where: { id: viewer.user.id }, data: { locale: parsed.data.lng } });
      await appendAudit(db, {
        actorUserId: viewer.user.id,
        authorityId: null,
        action: "identity.localeChanged",
        entityType: "user",
        entityId: viewer.user.id,
        before: { locale: viewer.user.locale },
        after: { locale: parsed.data.lng },
      });
    });
  }
  return redirect(safeRedirectPath(parsed.data.redirectTo), {
    headers: { "Set-Cookie": await localeCookie.serialize(parsed.data.lng) },
  });
}

// The switch is a form post; a plain visit goes home.
export function loader() {
  return redirect("/");
}
