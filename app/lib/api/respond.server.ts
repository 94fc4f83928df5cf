import type { AppLoadContext } from "@remix-run/node";
import type { FieldErrors } from "~/lib/forms/parse.server";
import { ifNoneMatchHeaderHits, weakEtagFor } from "~/lib/http-cache.server";
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
 *
 * The answers are built here without any HTTP framework (an `ApiCall` in, an `ApiAnswer` out), so
 * the production server can answer the hot paths on Node's request, before Express and Remix
 * (server/public-api.ts) while the Remix routes give the very same answers (`toResponse`).
 */
export const API_CACHE_CONTROL = "public, max-age=60";

const CORS_HEADERS = {
  "Access-Control-Allow-Origin": "*",
  "Access-Control-Expose-Headers": "ETag, Retry-After",
};

/** What a public API request needs of the HTTP request, whichever server received it. */
export type ApiCall = {
  method: string;
  /** The path, for the log line of a failure. */
  path: string;
  acceptLanguage: string | null;
  ifNoneMatch: string | null;
  /** The address the rate limit counts (the load context's clientIp). */
  clientIp: string | null;
  /** The origin of the absolute links in the answer (`appOrigin`). */
  origin: string;
};

/** An answer: status, headers and body (null: none, as in a 304). */
export type ApiAnswer = { status: number; headers: Record<string, string>; body: string | null };

/** The call a Remix loader's request makes. */
export function apiCallOf(request: Request, context: Pick<AppLoadContext, "clientIp">, origin: string): ApiCall {
  return {
    method: request.method,
    path: new URL(request.url).pathname,
    acceptLanguage: request.headers.get("Accept-Language"),
    ifNoneMatch: request.headers.get("If-None-Match"),
    clientIp: context.clientIp,
    origin,
  };
}

/** An answer as the Fetch Response a Remix loader returns. */
export function toResponse(answer: ApiAnswer): Response {
  return new Response(answer.body, { status: answer.status, headers: answer.headers });
}

/** A JSON body and its weak ETag (computed from the body, see http-cache.server.ts). */
export type SerializedJson = { body: string; etag: string };

export function serializeJson(value: unknown): SerializedJson {
  const body = JSON.stringify(value);
  return { body, etag: weakEtagFor(body) };
}

/**
 * A cacheable JSON answer: a 200 with the body and its ETag, or a bodiless 304 when the caller
 * already holds it. The 304 repeats the headers a 200 would carry (Cache-Control, CORS) as RFC 9110
 * §15.4.5 asks.
 */
export function jsonAnswer(call: ApiCall, json: SerializedJson): ApiAnswer {
  const headers: Record<string, string> = {
    "Cache-Control": API_CACHE_CONTROL,
    ...CORS_HEADERS,
    ETag: json.etag,
  };
  if ((call.method === "GET" || call.method === "HEAD") && ifNoneMatchHeaderHits(call.ifNoneMatch, json.etag)) {
    return { status: 304, headers, body: null };
  }
  return { status: 200, headers: { "Content-Type": "application/json; charset=utf-8", ...headers }, body: json.body };
}

/** A cacheable JSON answer for a loader (the OpenAPI document). */
export function apiJson(request: Request, body: unknown, origin: string): Response {
  return toResponse(jsonAnswer(apiCallOf(request, { clientIp: null }, origin), serializeJson(body)));
}

const PROBLEM_TITLES: Record<ProblemCode, MessageKey> = {
  invalid_query: "public.api.invalidQuery",
  not_found: "public.api.notFound",
  rate_limited: "public.api.rateLimited",
  unavailable: "public.api.unavailable",
};

export function problemAnswer(
  call: Pick<ApiCall, "acceptLanguage">,
  status: number,
  code: ProblemCode,
  options: { fieldErrors?: FieldErrors; headers?: Record<string, string> } = {},
): ApiAnswer {
  const t = translator(messagesFor(apiLocale(call.acceptLanguage)));
  const problem: ApiProblem = { status, code, title: t(PROBLEM_TITLES[code]) };
  if (options.fieldErrors) {
    problem.errors = Object.entries(options.fieldErrors).flatMap(([field, keys]) =>
      keys.map((key) => ({ field, code: key, message: t(key) })),
    );
  }
  return {
    status,
    headers: {
      "Content-Type": "application/problem+json; charset=utf-8",
      // A missing number may be registered a minute from now; a bad request is never worth caching.
      "Cache-Control": status === 404 ? API_CACHE_CONTROL : "no-store",
      Vary: "Accept-Language",
      ...CORS_HEADERS,
      ...options.headers,
    },
    body: JSON.stringify(problem),
  };
}

/**
 * Runs one public API request: counts it against the caller's IP (429 with Retry-After when over
 * the limit), and turns anything unexpected (the database being away) into a 503 problem, logged,
 * instead of a 500 page.
 */
export async function publicApiAnswer(call: ApiCall, work: () => Promise<ApiAnswer>): Promise<ApiAnswer> {
  try {
    const wait = await consume("publicApiIp", call.clientIp ?? "unknown");
    if (wait !== null) return problemAnswer(call, 429, "rate_limited", { headers: { "Retry-After": String(wait) } });
    return await work();
  } catch (error) {
    logger.error({ err: error, path: call.path }, "public API request failed");
    return problemAnswer(call, 503, "unavailable", { headers: { "Retry-After": "30" } });
  }
}
