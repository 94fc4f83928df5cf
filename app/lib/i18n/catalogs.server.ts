import type { Locale, Messages } from "./catalog";
import { en } from "./en";
import { zhCN } from "./zh-CN";

/**
 * Every language, for the server (pages, emails, PDFs and CSVs in the reader's language). The
 * browser never loads this module (a `.server` module is empty there): it loads the one language
 * the page is in (entry.client.tsx), so a phone does not download both.
 */
export const serverCatalogs: Record<Locale, Messages> = { "zh-CN": zhCN, en };
