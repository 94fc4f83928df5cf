import { RemixBrowser } from "@remix-run/react";
import { StrictMode, startTransition } from "react";
import { hydrateRoot } from "react-dom/client";
import { DEFAULT_LOCALE, isLocale, MESSAGE_PARTS, markPartNeeded } from "./lib/i18n/catalog";
import { loadCatalog } from "./lib/i18n/load-catalog";

// Only the page's language is downloaded, before hydrating, and only the parts of it the page
// shows: the server rendered the page in that language and named both in <html lang> and
// <html data-messages> (root.tsx), and hydration must render the same text.
const { lang, dataset } = document.documentElement;
for (const part of MESSAGE_PARTS) if (dataset.messages?.split(" ").includes(part)) markPartNeeded(part);

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
