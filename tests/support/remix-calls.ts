import type { AppLoadContext } from "@remix-run/node";

/** A context like the Express server's, for calling loaders and actions directly. */
export function loadContext(clientIp = "198.51.100.7"): AppLoadContext {
  return { cspNonce: "", requestId: "test-request", clientIp };
}

/** A form post; with `files` it is multipart, as a browser sends a form with file inputs. */
export function formRequest(
  path: string,
  fields: Record<string, string>,
  cookie?: string,
  files: Record<string, File> = {},
): Request {
  const headers = new Headers();
  if (cookie) headers.set("Cookie", cookie);
  const multipart = Object.keys(files).length > 0;
  let body: URLSearchParams | FormData = new URLSearchParams(fields);
  if (multipart) {
    const form = new FormData();
    for (const [k, v] of Object.entries(fields)) form.append(k, v);
    for (const [k, f] of Object.entries(files)) form.append(k, f);
    body = form;
  } else {
    headers.set("Content-Type", "application/x-www-form-urlencoded");
  }
  return new Request(`http://localhost${path}`, { method: "POST", body, headers });
}

export function getRequest(path: string, cookie?: string): Request {
  return new Request(`http://localhost${path}`, { headers: cookie ? { Cookie: cookie } : {} });
}

/** The cookie pairs a response sets, joined as a Cookie header for the next request. */
export function cookiesFrom(response: Response): string {
  return response.headers
    .getSetCookie()
    .map((c) => c.split(";")[0] ?? "")
    .filter((pair) => !pair.endsWith("="))
    .join("; ");
}

type DataResult = { type: "DataWithResponseInit"; data: unknown; init: ResponseInit | null };

/** Status and body of what an action returned: a Response, a `data()` result or a plain object. */
export async function outcome(result: unknown): Promise<{ status: number; body: unknown; headers: Headers }> {
  if (result instanceof Response) {
    const text = await result.text();
    let body: unknown = text;
    try {
      body = JSON.parse(text);
    } catch {}
    return { status: result.status, body, headers: result.headers };
  }
  if (result && typeof result === "object" && (result as DataResult).type === "DataWithResponseInit") {
    const { data, init } = result as DataResult;
    return { status: init?.status ?? 200, body: data, headers: new Headers(init?.headers) };
  }
  return { status: 200, body: result, headers: new Headers() };
}

/** Runs a loader or action that may throw a Response (redirects, 403, 404) and returns it either way. */
export async function settle(run: () => Promise<unknown>): Promise<unknown> {
  try {
    return await run();
  } catch (thrown) {
    if (thrown instanceof Response) return thrown;
    throw thrown;
  }
}
