import type { AppLoadContext } from "@remix-run/node";
import type { FieldErrors } from "~/lib/forms/parse.server";
import { conditionalResponse } from "~/lib/http-cache.server";
import { type MessageKey, messagesFor, translator } from "~/lib/i18n/catalog";
import { logger } from "~/lib/logger.server";
import { consume } from "~/modules/identity/rate-limits.server";
import { apiLocale } from "./api-locale";
import type { ApiProblem, ProblemCode } from "./response-schemas";

/**
 * How the public API answers. Decisions:
 * - CORS: `Access-Control-Allow-Origin: *`. The API is read-only, public, and never reads the
 *   session cookie, so any web page may call it; nothing is exposed that a plain GET does not show.
 *   Only simple GETs are supported (no preflight: a browser's own cache revalidation needs none).
 * - Caching: `public, max-age=60` with a weak ETag (see http-cache.server.ts) and 304 on
 *   If-None-Match; a status change reaches clients within a minute.
 * - Errors: RFC 9457 problem details; never a 500 for anything a caller sends.
 */
export const API_CACHE_CONTROL = "public, max-age=60";

const CORS_HEADERS = {
  "Access-Control-Allow-Origin": "*",
  "Access-Control-Expose-Headers": "ETag, Retry-After",
};

/** A cacheable JSON answer (200, or 304 when the client's copy is current). */
export function apiJson(request: Request, body: unknown, status = 200): Response {
  return conditionalResponse(request, JSON.stringify(body), {
    status,
    headers: {
      "Content-Type": "application/json; charset=utf-8",
      "Cache-Control": API_CACHE_CONTROL,
      ...CORS_HEADERS,
    },
  });
}

const PROBLEM_TITLES: Record<ProblemCode, MessageKey> = {
  invalid_query: "public.api.invalidQuery",
  not_found: "public.api.notFound",
  rate_limited: "public.api.rateLimited",
  unavailable: "public.api.unavailable",
};

export function apiProblem(
  request: Request,
  status: number,
  code: ProblemCode,
  options: { fieldErrors?: FieldErrors; headers?: Record<string, string> } = {},
): Response {
  const t = translator(messagesFor(apiLocale(request)));
  const problem: ApiProblem = { status, code, title: t(PROBLEM_TITLES[code]) };
  if (options.fieldErrors) {
    problem.errors = Object.entries(options.fieldErrors).flatMap(([field, keys]) =>
      keys.map((key) => ({ field, code: key, message: t(key) })),
    );
  }
  return new Response(JSON.stringify(problem), {
    status,
    headers: {
      "Content-Type": "application/problem+json; charset=utf-8",
      // A missing number may be registered a minute from now; a bad request is never worth caching.
      "Cache-Control": status === 404 ? API_CACHE_CONTROL : "no-store",
      Vary: "Accept-Language",
      ...CORS_HEADERS,
      ...options.headers,
    },
  });
}

/**
 * Runs one public API request: counts it against the caller's IP (429 with Retry-After when over
 * the limit), and turns anything unexpected (the database being away) into a 503 problem, logged,
 * instead of a 500 page.
 */
export async function publicApiRequest(
  request: Request,
  context: AppLoadContext,
  work: () => Promise<Response>,
): Promise<Response> {
  try {
    const wait = await consume("publicApiIp", context.clientIp ?? "unknown");
    if (wait !== null) return apiProblem(request, 429, "rate_limited", { headers: { "Retry-After": String(wait) } });
    return await work();
  } catch (error) {
    logger.error({ err: error, path: new URL(request.url).pathname }, "public API request failed");
    return apiProblem(request, 503, "unavailable", { headers: { "Retry-After": "30" } });
  }
}
