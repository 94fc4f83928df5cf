import type { ClientLoaderFunctionArgs, ShouldRevalidateFunction } from "@remix-run/react";
import type { MessagePart } from "./catalog";
import { needMessagePart } from "./load-catalog";

/**
 * What a route that shows workspace messages (every route behind sign-in) re-exports:
 *
 *   export { clientLoader, handle } from "~/lib/i18n/workspace-route";
 *
 * On a full page load the root names the parts in <html data-messages> (from `handle`) and the
 * client entry loads them before hydrating; the clientLoader does not run then (no `hydrate`), so
 * the server's data is used as is. On client-side navigation (signing in on /login, a link from
 * the home page) the clientLoader loads the workspace part alongside the server's data, so the
 * route renders only once its messages are here.
 */
export const handle = { messages: "workspace" } satisfies { messages: MessagePart };

export async function clientLoader({ request, serverLoader }: ClientLoaderFunctionArgs) {
  const [data] = await Promise.all([serverLoader(), needMessagePart("workspace").catch(() => loadWhole(request.url))]);
  return data;
}

/**
 * What a workspace's layout route (the authority's, the institution's) exports as `shouldRevalidate`:
 * its loader runs again after a submission (a changed role or status shows at once) and when the
 * workspace itself changes (`param`), not on every link inside it. Single fetch revalidates every
 * loader on every navigation, and a route with a clientLoader (above) is fetched in a request of its
 * own: each click inside a workspace cost a second request and the layout's access check again.
 * Skipping the layout's check is safe: every page's loader runs its own access guard (as it must: a
 * `.data` request can name a page's route alone).
 */
export function layoutRevalidation(param: string): ShouldRevalidateFunction {
  return ({ formMethod, currentParams, nextParams, defaultShouldRevalidate }) => {
    const submitted = formMethod !== undefined && formMethod.toUpperCase() !== "GET";
    return (submitted || currentParams[param] !== nextParams[param]) && defaultShouldRevalidate;
  };
}

/**
 * When the messages cannot be fetched (a deploy has replaced the chunks this page knows, or the
 * network failed), the page is loaded whole instead: the server renders it and names the current
 * chunks, as Remix itself does when a route module fails to load. Never settles: the page is leaving.
 */
function loadWhole(url: string): Promise<never> {
  window.location.assign(url);
  return new Promise<never>(() => {});
}

/** The parts the matched routes need (root.tsx puts them into <html data-messages>). */
export function messagePartsOf(matches: readonly { handle?: unknown }[]): MessagePart[] {
  const workspace = matches.some((m) => (m.handle as { messages?: unknown } | undefined)?.messages === "workspace");
  return workspace ? ["public", "workspace"] : ["public"];
}
