import { randomBytes, randomUUID } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import compression from "compression";
import express, { type RequestHandler } from "express";
import helmet from "helmet";
import type { Logger } from "pino";
import { pinoHttp } from "pino-http";
import type { Env } from "~/lib/env.server";
import { maintenanceMode } from "./maintenance";
import { originCheck } from "./origin-check";
import { answersPublicApi, publicApi } from "./public-api";

export type LoadContext = { cspNonce: string; requestId: string; clientIp: string | null };
type GetLoadContext = (req: express.Request, res: express.Response) => LoadContext;

const REQUEST_ID = /^[A-Za-z0-9._-]{8,128}$/;
const PUBLIC_API = /^\/api\/v1\//i;

/** The Express app without listening, so tests can mount it on a port of their own. */
export function createApp(options: {
  env: Env;
  logger: Logger;
  remixHandler: (getLoadContext: GetLoadContext) => RequestHandler;
  publicDir?: string;
}): express.Express {
  const { env, logger } = options;
  const publicDir = options.publicDir ?? "public";
  const app = express();
  app.disable("x-powered-by");
  // Only proxies we were told about may name the client's address (rate limits key on it).
  app.set("trust proxy", env.TRUST_PROXY_HOPS);

  app.use(
    pinoHttp({
      logger,
      // A caller's id (a proxy's or a client's) is kept so one request can be followed across
      // services; its format is restricted so it cannot forge log lines.
      genReqId: (req: IncomingMessage, res: ServerResponse) => {
        const incoming = req.headers["x-request-id"];
        const id = typeof incoming === "string" && REQUEST_ID.test(incoming) ? incoming : randomUUID();
        res.setHeader("X-Request-Id", id);
        return id;
      },
      customLogLevel: (req, res, error) => {
        if (error || res.statusCode >= 500) return "error";
        if (res.statusCode >= 400) return "warn";
        // The health check, and the public API (a QR code scan each, a line each cost 10 % of its CPU):
        // their successes at debug; their failures and refusals stay above.
        return req.url === "/healthz" || PUBLIC_API.test(req.url ?? "") ? "debug" : "info";
      },
      serializers: {
        req: (req: { id: string; method: string; url: string }) => ({ id: req.id, method: req.method, url: req.url }),
        res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
      },
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
  app.use(compression({ threshold: "4kb" }));
  app.use(originCheck(env.APP_ORIGIN));

  // Remix fingerprints everything under /build: cache it for a year.
  app.use("/build", express.static(`${publicDir}/build`, { immutable: true, maxAge: "1y", index: false }));
  // Files in public/ all have an extension; a page or API path has none, and would otherwise cost a
  // filesystem stat on every request (3 % of the public API's CPU under load).
  const publicFiles = express.static(publicDir, { maxAge: "1h", index: false });
  app.use((req, res, next) => (/\.[^/]+$/.test(req.path) ? publicFiles(req, res, next) : next()));
  app.use(maintenanceMode(env.MAINTENANCE_MODE));
  // The public API's data paths, before Remix: same answers, without its routing (server/public-api.ts).
  app.use(publicApi(env.APP_ORIGIN));

  app.all(
    "*",
    options.remixHandler((req, res) => ({
      cspNonce: res.locals.cspNonce as string,
      requestId: String(req.id),
      clientIp: req.ip ?? null,
    })),
  );
  return app;
}
