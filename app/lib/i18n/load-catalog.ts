import { hasCatalog, type Locale, provideCatalog } from "./catalog";

/**
 * Brings one language's messages into the browser, each language its own chunk: a phone downloads
 * only the language it reads. The server has every language already (catalogs.server.ts).
 */
export async function loadCatalog(locale: Locale): Promise<void> {
  if (hasCatalog(locale)) return;
  const messages = locale === "en" ? (await import("./en")).en : (await import("./zh-CN")).zhCN;
  provideCatalog(locale, messages);
}
