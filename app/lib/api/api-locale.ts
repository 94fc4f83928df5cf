import { DEFAULT_LOCALE, type Locale } from "~/lib/i18n/catalog";

/**
 * The language of the API's error titles, from the Accept-Language header's value: English when the caller prefers
 * it to Chinese, else the platform's Chinese. Data (sport and status codes, names in both
 * languages) does not depend on it, so only error answers vary by this header.
 */
export function apiLocale(acceptLanguage: string | null | undefined): Locale {
  const ranges = (acceptLanguage ?? "")
    .split(",")
    .map((part) => {
      const [tag = "", ...params] = part.trim().split(";");
      const weight = params.map((p) => p.trim()).find((p) => p.startsWith("q="));
      const q = weight === undefined ? 1 : Number(weight.slice(2));
      return { tag: tag.trim().toLowerCase(), q: Number.isFinite(q) ? q : 0 };
    })
    .filter((r) => r.q > 0 && (r.tag.startsWith("zh") || r.tag.startsWith("en")))
    // Stable: among equal weights the caller's order wins.
    .sort((a, b) => b.q - a.q);
  return ranges[0]?.tag.startsWith("en") ? "en" : DEFAULT_LOCALE;
}
