import { randomBytes } from "node:crypto";
import type { RequestListener } from "node:http";
import compression from "compression";
import express, { type RequestHandler } from "express";
import helmet from "helmet";
import type { Logger } from "pino";
import { pinoHttp } from "pino-http";
import type { Env } from "~/lib/env.server";
import { withRequestMemo } from "~/lib/request-memo.server";
import { maintenanceMode } from "./maintenance";
import { originCheck } from "./origin-check";
import { answersPublicApi, fixedHeadersOf, type NodeMiddleware, publicApiLane } from "./public-api";
import { requestIdOf, requestLogLevel, requestLogSerializers } from "./request-log";

export type LoadContext = { cspNonce: string; requestId: string; clientIp: string | null };
type GetLoadContext = (req: express.Request, res: express.Response) => LoadContext;

/**
 * The web server's request handler without listening, so tests can mount it on a port of their own:
 * the public API's lane (server/public-api.ts), then the Express app in front of Remix.
 */
export function createApp(options: {
  env: Env;
  logger: Logger;
  remixHandler: (getLoadContext: GetLoadContext) => RequestHandler;
  publicDir?: string;
}): RequestListener {
  const { env, logger } = options;
  const publicDir = options.publicDir ?? "public";
  const app = express();
  app.disable("x-powered-by");
  // Only proxies we were told about may name the client's address (rate limits key on it).
  app.set("trust proxy", env.TRUST_PROXY_HOPS);

  app.use(
    pinoHttp({
      logger,
      genReqId: requestIdOf,
      customLogLevel: (req, res, error) => requestLogLevel(req.url, res.statusCode, error),
      serializers: requestLogSerializers,
    }),
  );

  const isHttps = env.APP_ORIGIN?.startsWith("https://") ?? false;
  const common = {
    strictTransportSecurity: isHttps ? { maxAge: 31_536_000, includeSubDomains: true } : false,
    referrerPolicy: { policy: "strict-origin-when-cross-origin" as const },
  };
  const pageHeaders = helmet({
    ...common,
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'", (_req, res) => `'nonce-${(res as express.Response).locals.cspNonce as string}'`],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", "data:", "blob:"],
        fontSrc: ["'self'"],
        connectSrc: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        upgradeInsecureRequests: isHttps ? [] : null,
      },
    },
  });
  // The public API's JSON answers load nothing: no nonce to draw and sign into a policy per request
  // (the random bytes and the policy's assembly were about a tenth of a QR scan's CPU), and a policy that
  // allows nothing.
  const apiHeaders = helmet({
    ...common,
    contentSecurityPolicy: { useDefaults: false, directives: { defaultSrc: ["'none'"], frameAncestors: ["'none'"] } },
  });
  app.use((req, res, next) => {
    if (answersPublicApi(req)) return apiHeaders(req, res, next);
    res.locals.cspNonce = randomBytes(16).toString("base64");
    return pageHeaders(req, res, next);
  });

  // Bodies under 4 KB go as they are: a gzip stream per response (zlib's state, the deflate, the
  // garbage) cost the public API a fifth of its CPU to save a kilobyte or two. Streamed pages have
  // no length when their headers go out, so they are compressed whatever their size.
  const compress = compression({ threshold: "4kb" });
  app.use(compress);
  app.use(originCheck(env.APP_ORIGIN));

  // Remix fingerprints everything under /build: cache it for a year.
  app.use("/build", express.static(`${publicDir}/build`, { immutable: true, maxAge: "1y", index: false }));
  // Files in public/ all have an extension; a page or API path has none, and would otherwise cost a
  // filesystem stat on every request (3 % of the public API's CPU under load).
  const publicFiles = express.static(publicDir, { maxAge: "1h", index: false });
  app.use((req, res, next) => (/\.[^/]+$/.test(req.path) ? publicFiles(req, res, next) : next()));
  app.use(maintenanceMode(env.MAINTENANCE_MODE));

  const remix = options.remixHandler((req, res) => ({
    cspNonce: res.locals.cspNonce as string,
    requestId: String(req.id),
    clientIp: req.ip ?? null,
  }));
  // A GET's loaders share what they read of the request (the viewer): app/lib/request-memo.server.ts.
  app.all("*", (req, res, next) =>
    req.method === "GET" || req.method === "HEAD"
      ? withRequestMemo(() => remix(req, res, next))
      : remix(req, res, next),
  );

  const lane = publicApiLane({
    appOrigin: env.APP_ORIGIN,
    maintenance: env.MAINTENANCE_MODE,
    trustProxyHops: env.TRUST_PROXY_HOPS,
    logger,
    headers: fixedHeadersOf(apiHeaders as NodeMiddleware),
    compression: compress as NodeMiddleware,
  });
  return (req, res) => {
    if (!lane(req, res)) app(req, res);
  };
}
