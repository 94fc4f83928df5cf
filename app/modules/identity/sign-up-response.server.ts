import { redirect } from "@remix-run/node";
import { localeCookie } from "~/lib/i18n/locale.server";
import { homePathFor } from "./guards.server";
import { createSession, endSession, membershipsOf } from "./session.server";

/** Signs a person in (a fresh session, their language) and sends them to their workspace. */
export async function signInAndRedirect(
  request: Request,
  userId: string,
  locale: "zh-CN" | "en",
  meta: { ip: string | null; userAgent: string | null },
  to?: string,
): Promise<Response> {
  const headers = new Headers();
  headers.append("Set-Cookie", await endSession(request));
  headers.append("Set-Cookie", await createSession(userId, meta));
  headers.append("Set-Cookie", await localeCookie.serialize(locale));
  return redirect(to ?? homePathFor(await membershipsOf(userId)), { headers });
}
