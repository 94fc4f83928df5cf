// First import: route modules are evaluated before the client entry, and root comes first.
import "./lib/zod-config";
import type { HeadersFunction, LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import {
  isRouteErrorResponse,
  Links,
  Meta,
  Outlet,
  Scripts,
  ScrollRestoration,
  useMatches,
  useRouteError,
} from "@remix-run/react";
import type { ReactNode } from "react";
import { ErrorPage } from "./components/layout/error-page";
import { SiteFooter } from "./components/layout/site-footer";
import { SiteHeader } from "./components/layout/site-header";
import { DEFAULT_LOCALE, isLocale, messagesFor } from "./lib/i18n/catalog";
import { localeFromRequest } from "./lib/i18n/locale.server";
import { useTranslation } from "./lib/i18n/use-translation";
import { messagePartsOf } from "./lib/i18n/workspace-route";
import { useNonce } from "./lib/nonce";
import { homePathFor } from "./modules/identity/guards.server";
import { getViewer } from "./modules/identity/session.server";
import stylesheet from "./tailwind.css";

// Routes that name their page (an institution's profile) export their own meta with a title.
export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: messagesFor(data?.locale ?? DEFAULT_LOCALE)["app.fullName"] },
];

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: stylesheet },
  { rel: "icon", href: "/favicon.svg", type: "image/svg+xml" },
];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const viewer = await getViewer(request);
  return {
    locale: viewer && isLocale(viewer.user.locale) ? viewer.user.locale : await localeFromRequest(request),
    requestId: context.requestId ?? null,
    viewer: viewer ? { displayName: viewer.user.displayName, home: homePathFor(viewer.memberships) } : null,
  };
}

export function Layout({ children }: { children: ReactNode }) {
  const nonce = useNonce();
  const { locale, t } = useTranslation();
  // The message parts this page shows, for the client entry to load before it hydrates.
  const messageParts = messagePartsOf(useMatches()).join(" ");
  return (
    <html lang={locale} data-messages={messageParts}>
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <Meta />
        <Links />
      </head>
      <body className="flex min-h-screen flex-col bg-slate-50 text-slate-900 antialiased">
        <a
          href="#main"
          className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:rounded focus:bg-white focus:p-2"
        >
          {t("nav.skipToContent")}
        </a>
        <SiteHeader />
        <main id="main" className="mx-auto w-full max-w-5xl flex-1 px-4 py-8">
          {children}
        </main>
        <SiteFooter />
        <ScrollRestoration nonce={nonce} />
        <Scripts nonce={nonce} />
      </body>
    </html>
  );
}

export default function App() {
  return <Outlet />;
}

// A page refused for too many requests (429) says when to come back: the refusal's Retry-After,
// which Remix passes only to the boundary's route.
export const headers: HeadersFunction = ({ errorHeaders }) => {
  const headers = new Headers();
  const retryAfter = errorHeaders?.get("Retry-After");
  if (retryAfter) headers.set("Retry-After", retryAfter);
  return headers;
};

export function ErrorBoundary() {
  const error = useRouteError();
  if (isRouteErrorResponse(error) && error.status === 404) return <ErrorPage kind="notFound" />;
  if (isRouteErrorResponse(error) && error.status === 403) return <ErrorPage kind="forbidden" />;
  if (isRouteErrorResponse(error) && error.status === 429) return <ErrorPage kind="tooMany" />;
  return <ErrorPage kind="server" />;
}
