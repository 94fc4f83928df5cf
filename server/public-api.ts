import type { IncomingMessage, OutgoingHttpHeader, ServerResponse } from "node:http";
import type { Logger } from "pino";
import proxyaddr from "proxy-addr";
import type { ApiAnswer, ApiCall } from "~/lib/api/respond.server";
import { requestIdOf, requestLogLevel, requestLogSerializers } from "./request-log";

// Loaded on first use: the app's modules read the environment (database, Redis) when loaded, and
// createApp also serves tests of the middleware that have none.
let answers: Promise<typeof import("~/lib/api/public-api.server")> | undefined;
const publicApiAnswers = () => {
  answers ??= import("~/lib/api/public-api.server");
  return answers;
};

/** A middleware as Express and `compression` call it, on Node's own request and response. */
export type NodeMiddleware = (req: IncomingMessage, res: ServerResponse, next: (error?: unknown) => void) => void;

/** Answers the request and says true, or says false and leaves it alone. */
export type Lane = (req: IncomingMessage, res: ServerResponse) => boolean;

// The two data paths as Express matched them: case-insensitive, one segment, a trailing slash allowed.
const DATA_PATH = /^\/api\/v1\/institutions(?:\/([^/]+))?\/?$/i;

/**
 * The public registry API's two data paths (GET and HEAD), answered on Node's request before
 * Express and Remix see it: a QR code scan costs no Express request set-up, middleware chain, Fetch
 * `Request` or matching of ~150 routes (issue 8, docs/PERFORMANCE.md "verify-api"). The answers
 * are the Remix routes' (app/lib/api/public-api.server.ts is the one implementation); what the
 * Express app adds to every answer is added here by the same code: the request id and log line
 * (server/request-log.ts), the API's security headers (helmet's, taken once), compression (the
 * same middleware), the client address as Express reads it behind the trusted proxies.
 *
 * Everything else goes on to Express: other methods (OPTIONS runs the loader, POST is a 405),
 * maintenance mode (its 503 page), and any request when APP_ORIGIN is not set (development and
 * tests: Remix builds the links from the request's own origin).
 */
export function publicApiLane(options: {
  appOrigin: string | undefined;
  maintenance: boolean;
  trustProxyHops: number;
  logger: Logger;
  /** The security headers every API answer carries (fixedHeadersOf the API's helmet). */
  headers: readonly (readonly [string, OutgoingHttpHeader])[];
  compression: NodeMiddleware;
}): Lane {
  const { appOrigin, logger, headers, compression } = options;
  if (!appOrigin || options.maintenance) return () => false;
  // Express's `trust proxy` of a hop count: the last `hops` addresses were added by our proxies.
  const hops = options.trustProxyHops;
  const trusted = (_address: string, hop: number) => hop < hops;

  return (req, res) => {
    const method = req.method ?? "";
    const url = req.url ?? "";
    const queryAt = url.indexOf("?");
    const match = dataPathMatch(method, queryAt === -1 ? url : url.slice(0, queryAt));
    if (!match) return false;

    const started = Date.now();
    // Nothing may throw out of the server's request listener (an uncaught exception ends the process,
    // where Express would have caught it): whatever fails here is this request's 503.
    const fail = (error: unknown) => {
      logger.error({ err: error, path: url }, "public API request failed");
      if (!res.headersSent) {
        try {
          send({ status: 503, headers: { "Retry-After": "30", "Cache-Control": "no-store" }, body: null }, res);
          return;
        } catch {
          // Not even a 503 can be sent: the connection is closed instead.
        }
      }
      res.destroy();
    };
    try {
      const id = requestIdOf(req, res);
      for (const [name, value] of headers) res.setHeader(name, value);
      res.once("close", () => {
        const level = requestLogLevel(url, res.statusCode);
        if (!logger.isLevelEnabled(level)) return;
        const line = {
          req: requestLogSerializers.req({ id, method, url }),
          res: requestLogSerializers.res(res),
        };
        logger[level](
          { ...line, responseTime: Date.now() - started },
          `request ${res.statusCode >= 500 ? "errored" : "completed"}`,
        );
      });

      const call: ApiCall = {
        method,
        path: url,
        acceptLanguage: req.headers["accept-language"] ?? null,
        ifNoneMatch: req.headers["if-none-match"] ?? null,
        clientIp: proxyaddr(req, trusted) ?? null,
        origin: appOrigin,
      };
      const segment = match[1];
      compression(req, res, () => {
        publicApiAnswers()
          .then((api) =>
            segment === undefined
              ? api.searchAnswer(call, new URLSearchParams(queryAt === -1 ? "" : url.slice(queryAt + 1)))
              : // A segment that is not valid percent-encoding cannot be a number: the answer's 400 says so.
                api.institutionAnswer(call, decoded(segment) ?? segment),
          )
          // The answers turn their own failures into their 503 problem: what is left is the module not
          // loading, or the answer not going out.
          .then((answer) => send(answer, res))
          .catch(fail);
      });
    } catch (error) {
      fail(error);
    }
    return true;
  };
}

/** Whether the request is for one of the lane's paths (Express gives such answers the API's security headers too). */
export function answersPublicApi(req: { method: string; path: string }): boolean {
  return dataPathMatch(req.method, req.path) !== null;
}

/** GET or HEAD of a data path: the match (its group the profile's segment), or null. */
function dataPathMatch(method: string | undefined, path: string): RegExpExecArray | null {
  return method === "GET" || method === "HEAD" ? DATA_PATH.exec(path) : null;
}

function send(answer: ApiAnswer, res: ServerResponse): void {
  res.statusCode = answer.status;
  for (const [name, value] of Object.entries(answer.headers)) res.setHeader(name, value);
  // Said here so the answer is not chunked: compression's wrapper sends the headers before the body,
  // too early for Node to add the length itself. Compression removes it when it gzips.
  if (answer.body !== null) res.setHeader("Content-Length", Buffer.byteLength(answer.body));
  res.end(answer.body ?? undefined);
}

function decoded(segment: string): string | null {
  try {
    return decodeURIComponent(segment);
  } catch {
    return null;
  }
}

/**
 * The headers a middleware that sets the same headers on every response (helmet with a fixed
 * policy) sets, taken once by running it against a recording response.
 */
export function fixedHeadersOf(middleware: NodeMiddleware): [string, OutgoingHttpHeader][] {
  const set = new Map<string, OutgoingHttpHeader>();
  const recorder = {
    setHeader: (name: string, value: OutgoingHttpHeader) => set.set(name.toLowerCase(), value),
    removeHeader: (name: string) => set.delete(name.toLowerCase()),
  };
  let called = false;
  middleware({ headers: {} } as IncomingMessage, recorder as unknown as ServerResponse, () => {
    called = true;
  });
  if (!called) throw new Error("the headers middleware did not finish at once");
  return [...set];
}
