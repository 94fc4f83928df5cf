import { randomUUID } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import type { Level } from "pino";

// How requests are identified and logged, the same for the Express app's request log (pino-http)
// and the public API's lane in front of it (server/public-api.ts).

const REQUEST_ID = /^[A-Za-z0-9._-]{8,128}$/;
const PUBLIC_API = /^\/api\/v1\//i;

/**
 * The request's id, sent back as X-Request-Id. A caller's id (a proxy's or a client's) is kept so
 * one request can be followed across services; its format is restricted so it cannot forge log lines.
 */
export function requestIdOf(req: IncomingMessage, res: ServerResponse): string {
  const incoming = req.headers["x-request-id"];
  const id = typeof incoming === "string" && REQUEST_ID.test(incoming) ? incoming : randomUUID();
  res.setHeader("X-Request-Id", id);
  return id;
}

/**
 * Failures at error, refusals at warn; the health check's and the public API's successes (a QR code
 * scan each: a line each cost 10 % of its CPU) at debug, every other success at info.
 */
export function requestLogLevel(url: string | undefined, statusCode: number, error?: unknown): Level {
  if (error || statusCode >= 500) return "error";
  if (statusCode >= 400) return "warn";
  return url === "/healthz" || PUBLIC_API.test(url ?? "") ? "debug" : "info";
}

/** What a request's log line says of the request and its answer. */
export const requestLogSerializers = {
  req: (req: { id: string; method: string; url: string }) => ({ id: req.id, method: req.method, url: req.url }),
  res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
};
