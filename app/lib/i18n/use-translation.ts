import { useRouteLoaderData } from "@remix-run/react";
import { useEffect, useMemo, useSyncExternalStore } from "react";
import {
  anyLoadedLocale,
  catalogsProvided,
  DEFAULT_LOCALE,
  hasCatalog,
  type Locale,
  messagesFor,
  subscribeToCatalogs,
  type Translate,
  translator,
} from "./catalog";
import { loadCatalog } from "./load-catalog";

type RootData = { locale: Locale };

/**
 * The current locale and a `t` bound to its catalog, for any component under the root route. When
 * the root names a language the browser has not loaded yet (a person whose account reads English
 * has just signed in, say), the page stays in the loaded language until the other one arrives.
 */
export function useTranslation(): { locale: Locale; t: Translate } {
  const data = useRouteLoaderData<RootData>("root");
  const wanted = data?.locale ?? DEFAULT_LOCALE;
  const version = useSyncExternalStore(subscribeToCatalogs, catalogsProvided, catalogsProvided);
  const ready = hasCatalog(wanted);
  useEffect(() => {
    if (!ready) void loadCatalog(wanted);
  }, [ready, wanted]);
  const locale = ready ? wanted : anyLoadedLocale();
  // biome-ignore lint/correctness/useExhaustiveDependencies: a provided catalog is a new `version`
  const t = useMemo(() => translator(messagesFor(locale)), [locale, version]);
  return { locale, t };
}
