import { type ActionFunctionArgs, redirect } from "@remix-run/node";
import { z } from "zod";
import { LOCALES } from "~/lib/i18n/catalog";
import { localeCookie } from "~/lib/i18n/locale.server";
import { safeRedirectPath } from "~/lib/safe-redirect";

const localeForm = z.object({
  lng: z.enum(LOCALES),
  redirectTo: z.string().optional(),
});

export async function action({ request }: ActionFunctionArgs) {
  const parsed = localeForm.safeParse(Object.fromEntries(await request.formData()));
  if (!parsed.success) {
    return Response.json({ error: "unknown language" }, { status: 400 });
  }
  return redirect(safeRedirectPath(parsed.data.redirectTo), {
    headers: { "Set-Cookie": await localeCookie.serialize(parsed.data.lng) },
  });
}

// The switch is a form post; a plain visit goes home.
export function loader() {
  return redirect("/");
}
