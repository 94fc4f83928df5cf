import { createCookie } from "@remix-run/node";
import { DEFAULT_LOCALE, isLocale, type Locale } from "./catalog";

/** The chosen language, remembered for a year (per user once accounts exist). */
export const localeCookie = createCookie("lng", {
  path: "/",
  sameSite: "lax",
  httpOnly: true,
  secure: process.env.NODE_ENV === "production",
  maxAge: 365 * 24 * 3600,
});

export async function localeFromRequest(request: Request): Promise<Locale> {
  const stored: unknown = await localeCookie.parse(request.headers.get("Cookie"));
  if (isLocale(stored)) return stored;
  return DEFAULT_LOCALE;
}
