import express, { type NextFunction, type Request, type Response } from "express";
import type { ApiAnswer, ApiCall } from "~/lib/api/respond.server";

// Loaded on first use: the app's modules read the environment (database, Redis) when loaded, and
// createApp also serves tests of the middleware that have none.
let answers: Promise<typeof import("~/lib/api/public-api.server")> | undefined;
const publicApiAnswers = () => {
  answers ??= import("~/lib/api/public-api.server");
  return answers;
};

/**
 * The public registry API's two data paths, answered in Express before the Remix handler: a QR
 * code scan costs no Fetch `Request` conversion and no matching of ~150 routes (issue 8, see
 * docs/PERFORMANCE.md "verify-api"). The answers are the ones the Remix routes give
 * (app/lib/api/public-api.server.ts is the one implementation); helmet, compression and the
 * request log run before this as for any request. Only GET and HEAD are answered here: other
 * methods go on to Remix, which routes them as before (OPTIONS runs the loader, POST is a 405).
 */
export function publicApi(appOrigin: string | undefined): express.RequestHandler {
  // Express's defaults, as Remix matches: case-insensitive, a trailing slash allowed.
  const router = express.Router();
  const callOf = (req: Request): ApiCall => ({
    method: req.method,
    path: req.path,
    acceptLanguage: req.headers["accept-language"] ?? null,
    ifNoneMatch: req.headers["if-none-match"] ?? null,
    clientIp: req.ip ?? null,
    origin: appOrigin ?? requestOrigin(req),
  });

  router.get("/api/v1/institutions", (req, res, next) => {
    const query = req.originalUrl.indexOf("?");
    const params = new URLSearchParams(query === -1 ? "" : req.originalUrl.slice(query + 1));
    send(
      publicApiAnswers().then((api) => api.searchAnswer(callOf(req), params)),
      res,
      next,
    );
  });
  router.get("/api/v1/institutions/:registrationNo", (req, res, next) => {
    const registrationNo = req.params.registrationNo ?? "";
    send(
      publicApiAnswers().then((api) => api.institutionAnswer(callOf(req), registrationNo)),
      res,
      next,
    );
  });
  // Other methods never enter the router: it would answer OPTIONS itself (an `Allow` list).
  return (req, res, next) => (answersPublicApi(req) ? router(req, res, next) : next());
}

// The router's two paths as Express matches them: case-insensitive, one segment, a trailing slash allowed.
const DATA_PATH = /^\/api\/v1\/institutions(?:\/[^/]+)?\/?$/i;

/** Whether `publicApi` answers this request (its security headers are the API's: server/app.ts). */
export function answersPublicApi(req: Pick<Request, "method" | "path">): boolean {
  return (req.method === "GET" || req.method === "HEAD") && DATA_PATH.test(req.path);
}

function send(answer: Promise<ApiAnswer>, res: Response, next: NextFunction): void {
  answer.then((a) => {
    res.statusCode = a.status;
    for (const [name, value] of Object.entries(a.headers)) res.setHeader(name, value);
    res.end(a.body ?? undefined);
  }, next);
}

/**
 * The origin Remix's Express adapter gives a request's URL (used when APP_ORIGIN is not set):
 * the protocol and host name as Express reads them (X-Forwarded-* only from trusted proxies), and
 * the port of X-Forwarded-Host or else of Host.
 */
function requestOrigin(req: Request): string {
  const portOf = (host: string | undefined) => Number.parseInt(host?.split(":")[1] ?? "", 10);
  const forwardedPort = portOf(req.get("X-Forwarded-Host"));
  const hostPort = portOf(req.get("host"));
  const port = Number.isSafeInteger(forwardedPort) ? forwardedPort : Number.isSafeInteger(hostPort) ? hostPort : "";
  return new URL(`${req.protocol}://${req.hostname}${port ? `:${port}` : ""}`).origin;
}
