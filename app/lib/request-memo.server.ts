import { AsyncLocalStorage } from "node:async_hooks";

/**
 * What the loaders of one HTTP request share. Remix hands each loader a Request object of its own
 * (single fetch strips its `_routes` parameter into a new one), so a memo keyed by the Request, as
 * `getViewer` had, is never shared: the root, the workspace layout and the page each read the
 * session and the memberships again. The web server runs each GET and HEAD request in a scope of
 * its own (server/app.ts); a POST is not memoized, since its action may change what a loader would
 * read (signing out, a new language).
 *
 * One AsyncLocalStorage per process on globalThis: the web server's bundle, which opens the scope,
 * and the Remix build, whose loaders read it, each load this module.
 */
type Memo = Map<string, Promise<unknown>>;
const processWide = globalThis as unknown as { tipeiRequestMemo?: AsyncLocalStorage<Memo> };
processWide.tipeiRequestMemo ??= new AsyncLocalStorage<Memo>();
const storage = processWide.tipeiRequestMemo;

/** Runs `handle` (the request's handling) with a memo of its own. */
export function withRequestMemo<T>(handle: () => T): T {
  return storage.run(new Map(), handle);
}

/** `compute()` once per request scope and key; outside a scope, every time. */
export function requestMemo<T>(key: string, compute: () => Promise<T>): Promise<T> {
  const memo = storage.getStore();
  if (!memo) return compute();
  let found = memo.get(key) as Promise<T> | undefined;
  if (!found) {
    found = compute();
    memo.set(key, found);
  }
  return found;
}
