import { RemixBrowser } from "@remix-run/react";
import { StrictMode, startTransition } from "react";
import { hydrateRoot } from "react-dom/client";
import { DEFAULT_LOCALE, isLocale } from "./lib/i18n/catalog";
import { loadCatalog } from "./lib/i18n/load-catalog";

// Only the page's language is downloaded, before hydrating: the server rendered the page in it and
// named it in <html lang>, and hydration must render the same text.
const lang = document.documentElement.lang;

void loadCatalog(isLocale(lang) ? lang : DEFAULT_LOCALE).then(() => {
  startTransition(() => {
    hydrateRoot(
      document,
      <StrictMode>
        <RemixBrowser />
      </StrictMode>,
    );
  });
});
