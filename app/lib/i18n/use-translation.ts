import { useRouteLoaderData } from "@remix-run/react";
import { useMemo } from "react";
import { DEFAULT_LOCALE, type Locale, messagesFor, type Translate, translator } from "./catalog";

type RootData = { locale: Locale };

/** The current locale and a `t` bound to its catalog, for any component under the root route. */
export function useTranslation(): { locale: Locale; t: Translate } {
  const data = useRouteLoaderData<RootData>("root");
  const locale = data?.locale ?? DEFAULT_LOCALE;
  const t = useMemo(() => translator(messagesFor(locale)), [locale]);
  return { locale, t };
}
