// The web process: Express in front of the Remix build.
import { createServer } from "node:http";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { createRequestHandler } from "@remix-run/express";
import type { ServerBuild } from "@remix-run/node";
import { loadDotEnv } from "../scripts/db/load-dotenv.ts";

loadDotEnv();
process.env.TIPEI_PROCESS ??= "web";

const { getEnv } = await import("~/lib/env.server");
const env = getEnv();
const { logger } = await import("~/lib/logger.server");
const { runShutdownHooks } = await import("~/lib/shutdown.server");
const { createApp } = await import("./app.ts");

const buildPath = path.resolve(process.env.TIPEI_BUILD_PATH ?? "build/server/index.js");
const build = (await import(pathToFileURL(buildPath).href)) as ServerBuild;

const app = createApp({
  env,
  logger,
  remixHandler: (getLoadContext) => createRequestHandler({ build, mode: env.NODE_ENV, getLoadContext }),
});

const server = createServer(app);
server.listen(env.PORT, () => {
  logger.info({ port: env.PORT }, `Tipei web listening on http://localhost:${env.PORT}`);
});

let stopping = false;
async function shutdown(signal: string): Promise<void> {
  if (stopping) return;
  stopping = true;
  logger.info({ signal }, "shutting down: finishing open requests");
  // Keep-alive sockets would hold close() open forever; in-flight requests still complete.
  const force = setTimeout(() => {
    logger.error("shutdown timed out; exiting");
    process.exit(1);
  }, 10_000);
  force.unref();
  server.close(async () => {
    await runShutdownHooks((message, error) => logger.warn({ err: error }, message));
    logger.info("stopped");
    process.exit(0);
  });
  server.closeIdleConnections();
}
process.on("SIGTERM", () => void shutdown("SIGTERM"));
process.on("SIGINT", () => void shutdown("SIGINT"));
