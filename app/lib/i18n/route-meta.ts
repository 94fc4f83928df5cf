import type { MetaDescriptor } from "@remix-run/node";
import { DEFAULT_LOCALE, isLocale, messagesFor, type Translate, translator } from "./catalog";

type MetaMatch = { id: string; data?: unknown; meta?: MetaDescriptor[] };

/**
 * What a route's `meta` builds on: the parent routes' tags without their title (the page sets its
 * own), and a translator in the page's language, which the root loader decided.
 */
export function routeMeta(matches: readonly MetaMatch[]): { inherited: MetaDescriptor[]; t: Translate } {
  const inherited = matches.flatMap((m) => m.meta ?? []).filter((m) => !("title" in m));
  const rootLocale = (matches.find((m) => m.id === "root")?.data as { locale?: unknown } | undefined)?.locale;
  return { inherited, t: translator(messagesFor(isLocale(rootLocale) ? rootLocale : DEFAULT_LOCALE)) };
}
