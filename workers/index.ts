// The worker process: BullMQ workers and job schedulers. Run any number of copies.
import { loadDotEnv } from "../scripts/db/load-dotenv.ts";

loadDotEnv();
process.env.TIPEI_PROCESS ??= "worker";

const { getEnv } = await import("~/lib/env.server");
const env = getEnv();
const { logger } = await import("~/lib/logger.server");
const { runShutdownHooks } = await import("~/lib/shutdown.server");
const { startWorkers } = await import("./start-workers");

const running = await startWorkers(env, logger);

let stopping = false;
async function shutdown(signal: string): Promise<void> {
  if (stopping) return;
  stopping = true;
  logger.info({ signal }, "worker shutting down: waiting for running jobs");
  const force = setTimeout(() => {
    logger.error("worker shutdown timed out; exiting");
    process.exit(1);
  }, 30_000);
  force.unref();
  await running.close();
  await runShutdownHooks((message, error) => logger.warn({ err: error }, message));
  logger.info("worker stopped");
  process.exit(0);
}
process.on("SIGTERM", () => void shutdown("SIGTERM"));
process.on("SIGINT", () => void shutdown("SIGINT"));
